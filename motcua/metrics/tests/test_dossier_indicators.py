"""Online payment, satisfaction and digitisation counted from dossiers made through the services (March 2026)."""

import datetime as dt

from motcua.core import clock
from motcua.dossiers.models import StoredFile
from motcua.dossiers.services import results
from motcua.dossiers.services.intake import ComponentInput
from motcua.dossiers.tests import samples
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.tracking import tracking_token
from motcua.metrics.tests.helpers import components, decide, indicator, intake, report, return_result, transfer
from motcua.ratings.services import rating_submit

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def paid(world, dossier, gateway, at=None):
    with clock.frozen(at or vn(2026, 3, 2, 15, 0)):
        results.dossier_record_payment(
            actor=world.desk, dossier_id=dossier.pk, method="online" if gateway else "cash", amount=200000,
            receipt_no=f"BL{dossier.pk}", gateway=gateway,
        )  # fmt: skip


def test_online_payment_counts_dossiers_and_procedures(world):
    # given four dossiers with the 200,000 VND fee: one paid through the national platform, one through a local
    # gateway, one in cash, one not paid yet; the city's only fee procedure is 2.000488
    dossiers = [intake(world, vn(2026, 3, 2, 9, m)) for m in range(4)]
    paid(world, dossiers[0], 1)
    paid(world, dossiers[1], 2)
    paid(world, dossiers[2], None)
    item = indicator(report(world, *MARCH), "online_payment", "online_payment")
    # then A = 2/4, B = 1/1, C = 1/1: 6 × 0.5 + min(2, 2.5) + 2.5 = 7.5
    assert components(item) == {"A": (2, 4), "B": (1, 1), "C": (1, 1)}
    assert item["score"] == 7.5


def test_payments_count_for_the_reception_day_of_the_dossier(world):
    dossier = intake(world, vn(2026, 3, 31, 9, 0))
    paid(world, dossier, 1, at=vn(2026, 4, 1, 9, 0))
    assert components(indicator(report(world, *MARCH), "online_payment", "online_payment"))["A"] == (1, 1)


def test_digitisation_counts_files_reuse_and_electronic_results(world):
    scanned = intake(world, vn(2026, 3, 2, 9, 0))  # every component uploaded
    stored = StoredFile.objects.filter(owner_applicant=world.citizen).values_list("pk", flat=True).first()
    reused = intake(world, vn(2026, 3, 2, 9, 5), components=[
        ComponentInput(component_id=c.pk, reuse_file_id=stored) for c in world.version.components.all()
    ])  # fmt: skip
    on_paper = intake(world, vn(2026, 3, 2, 9, 10), components=[
        ComponentInput(component_id=c.pk, paper=True) for c in world.version.components.all()
    ])  # fmt: skip
    for dossier in (scanned, reused, on_paper):
        transfer(world, dossier, vn(2026, 3, 2, 10, 0))
        decide(world, dossier, vn(2026, 3, 3, 10, 0))
    # the first two get an electronic result; the third is decided with no result document yet
    return_result(world, scanned, vn(2026, 3, 4, 10, 0))
    with clock.frozen(vn(2026, 3, 4, 10, 0)):
        results.dossier_attach_result(actor=world.specialist, dossier_id=reused.pk, title="KQ", file_name="kq.pdf",
                                      content=samples.pdf(text="kq"))  # fmt: skip
    data = report(world, *MARCH)
    result = indicator(data, "digitisation", "electronic_result")
    assert (result["numerator"], result["denominator"], result["score"]) == (2, 3, 4.0)
    digitised = indicator(data, "digitisation", "digitised")  # 2/3 ÷ 0.8 × 4 = 3.33
    assert (digitised["numerator"], digitised["denominator"], digitised["score"]) == (2, 3, 3.33)
    reuse = indicator(data, "digitisation", "reuse")  # 1/3 ÷ 0.8 × 2 = 0.83
    assert (reuse["numerator"], reuse["denominator"], reuse["score"]) == (1, 3, 0.83)


def test_dossier_satisfaction_combines_overdue_and_disliked(world):
    # given ten dossiers returned in March, all on time, one of them rated "not satisfied"
    for n in range(10):
        dossier = intake(world, vn(2026, 3, 2, 9, n))
        transfer(world, dossier, vn(2026, 3, 2, 10, 0))
        decide(world, dossier, vn(2026, 3, 3, 10, 0))
        return_result(world, dossier, vn(2026, 3, 4, 10, 0))
        with clock.frozen(vn(2026, 3, 4, 11, 0)):
            rating_submit(dossier_id=dossier.pk, channel="qr", token=tracking_token(dossier.code), satisfied=n != 0)
    item = indicator(report(world, *MARCH), "satisfaction", "dossier_satisfaction")
    assert (item["value"], item["score"]) == (0.9, 6.0)  # exactly at the 90% threshold
    # when an eleventh dossier is still open and overdue at the end of March
    intake(world, vn(2026, 3, 20, 9, 0))
    item = indicator(report(world, *MARCH), "satisfaction", "dossier_satisfaction")
    # rate = 1 − 1/11 − 1/10 = 0.8090…: 6 × 0.809 / 0.9 = 5.39
    assert components(item) == {"overdue": (1, 11), "disliked": (1, 10)}
    assert (item["value"], item["score"]) == (0.8, 5.39)
