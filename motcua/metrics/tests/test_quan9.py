"""A bulk-loaded history reproduces the published figures of Quận 9 (Hồ Chí Minh City) exactly: 31,751 dossiers
returned, 29,322 rated (shown 92.34%), 29,245 satisfied (shown 99.73%) — truncated, not rounded, to two decimals."""

import datetime as dt
import random

import pytest

from motcua.core import clock
from motcua.dossiers.models import Dossier
from motcua.metrics import config
from motcua.metrics.models import DossierFact, Parameter
from motcua.metrics.services.rebuild import recount_all
from motcua.orgs.models import AgencyKind
from motcua.orgs.services import agency_create
from motcua.ratings.models import Rating

ELIGIBLE, RATED, SATISFIED = 31_751, 29_322, 29_245
YEAR = (dt.date(2020, 1, 1), dt.date(2020, 12, 31))


def bulk_insert(model, rows):
    """Insert plain rows (column → value) in one ``executemany``: every column of the model, defaults filled in."""
    from django.db import connection, models

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    prep = {
        f.attname: connection.ops.adapt_datetimefield_value if isinstance(f, models.DateTimeField)
        else (lambda v, f=f: f.get_db_prep_save(v, connection))
        for f in fields
    }  # fmt: skip
    defaults = {f.attname: prep[f.attname](f.get_default()) for f in fields}
    plain = {f.attname for f in fields if not isinstance(f, models.DateTimeField | models.DecimalField)}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = model._meta.db_table
    values = [
        [
            (v if f.attname in plain else prep[f.attname](v)) if (v := row.get(f.attname, _MISSING)) is not _MISSING
            else defaults[f.attname]
            for f in fields
        ]
        for row in rows
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})", values)  # noqa: S608


_MISSING = object()


def _bulk_history(world, district, rng):
    """Dossiers returned in 2020 (and a few around it), bulk-inserted; ratings as the desk kept them."""
    version = world.version
    base = {
        "procedure_version_id": version.pk, "receiving_agency_id": district.pk, "handling_agency_id": district.pk,
        "applicant_id": world.citizen.pk, "channel": 1, "limit_amount": version.committed_amount,
        "limit_unit": version.committed_unit, "state": "returned", "outcome": "approved", "return_method": "desk",
        "version": 9,
    }  # fmt: skip
    start = dt.datetime(2019, 12, 20, 8, 0, tzinfo=clock.VN_TZ)
    rows = []
    for n in range(ELIGIBLE + 400):
        # the first 200 are returned in December 2019, the last 200 in January 2021, the rest in 2020
        if n < 200:
            returned = start + dt.timedelta(days=n % 10, minutes=n)
        elif n >= ELIGIBLE + 200:
            returned = dt.datetime(2021, 1, 4, 8, 0, tzinfo=clock.VN_TZ) + dt.timedelta(minutes=n % 600)
        else:
            returned = dt.datetime(2020, 1, 2, 8, 0, tzinfo=clock.VN_TZ) + dt.timedelta(minutes=(n - 200) * 16)
        received = returned - dt.timedelta(days=3)
        rows.append({
            **base, "reference": f"Q9{n:08d}", "code": f"000.00.19.H29-{received:%y%m%d}-{n:05d}",
            "created_at": received, "received_at": received, "due_at": received + dt.timedelta(days=4),
            "decided_at": returned - dt.timedelta(days=1), "returned_at": returned,
        })  # fmt: skip
    bulk_insert(Dossier, rows)
    in_year = list(
        Dossier.objects.filter(receiving_agency=district, returned_at__year=2020).values_list("pk", "returned_at")
    )
    assert len(in_year) == ELIGIBLE
    rng.shuffle(in_year)
    ratings = []
    for i, (pk, returned) in enumerate(in_year[:RATED]):
        moment = returned + dt.timedelta(minutes=5)
        if i % 50 == 0:  # replaced within the week: the earlier rating is history and does not count
            ratings.append({"dossier_id": pk, "is_current": False, "satisfied": i % 100 != 0, "channel": "kiosk",
                            "rated_at": moment, "first_rated_at": moment})  # fmt: skip
        ratings.append({"dossier_id": pk, "is_current": True, "satisfied": i >= RATED - SATISFIED, "channel": "paper",
                        "rated_at": moment + dt.timedelta(hours=1), "first_rated_at": moment})  # fmt: skip
    outside = Dossier.objects.filter(receiving_agency=district).exclude(returned_at__year=2020)
    ratings += [{"dossier_id": pk, "satisfied": False, "channel": "qr", "rated_at": start, "first_rated_at": start}
                for pk in outside.values_list("pk", flat=True)]  # fmt: skip
    bulk_insert(Rating, ratings)


@pytest.fixture
def quan9(world):
    hcm = agency_create(code="000.00.00.H29", name="UBND Thành phố Hồ Chí Minh", kind=AgencyKind.PROVINCE)
    district = agency_create(code="000.00.19.H29", name="UBND Quận 9", kind=AgencyKind.DISTRICT, parent=hcm,
                             valid_to=dt.date(2020, 12, 31))  # fmt: skip
    _bulk_history(world, district, random.Random(9))
    recount_all()
    return district


def test_the_bulk_loaded_history_of_quan_9_gives_the_published_figures(client, quan9):
    assert DossierFact.objects.filter(agency_id=quan9.pk).count() == ELIGIBLE + 400
    params = {"agency": quan9.code, "from": YEAR[0].isoformat(), "to": YEAR[1].isoformat()}
    body = client.get("/api/v1/metrics/ratings", params).json()
    assert {k: body[k] for k in ("eligible", "rated", "satisfied", "rated_rate", "satisfied_rate")} == {
        "eligible": 31_751, "rated": 29_322, "satisfied": 29_245, "rated_rate": 92.34, "satisfied_rate": 99.73,
    }  # fmt: skip
    # the city total holds the district's figures
    city = client.get("/api/v1/metrics/ratings", {**params, "agency": "000.00.00.H29"}).json()
    assert (city["eligible"], city["rated"], city["satisfied"]) == (ELIGIBLE, RATED, SATISFIED)
    # and rounding, were it configured, would show other figures (92.3498…% and 99.7374…%)
    Parameter.objects.create(key="display.rule", valid_from=dt.date(2020, 1, 1), value="round")
    config.clear_cache()
    body = client.get("/api/v1/metrics/ratings", params).json()
    assert (body["rated_rate"], body["satisfied_rate"]) == (92.35, 99.74)
