"""Form 04: the re-appointment is a working moment after now and after the current appointment, with a reason,
issued once — and a second attempt hears the rule, not a concurrency error (issue 13 §1)."""

import pytest

from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.dossiers.services import results
from motcua.dossiers.tests.factories import in_progress, vn


def apologise(world, dossier, *, at, new, reason="Cần xác minh thêm", version=None):
    with clock.frozen(at):
        return results.dossier_apologise(
            actor=world.leader, dossier_id=dossier.pk, reason=reason, new_appointment=new, expected_version=version
        )


def test_a_past_appointment_is_refused_even_when_later_than_the_current_one(world):
    # given a dossier due Wed 04/03/2026 14:30, overdue on Thu 12/03
    dossier = in_progress(world, vn(2026, 3, 2, 9, 0))
    # when the leader re-appoints it to Tue 10/03 10:00 (after the due date, but already past)
    with pytest.raises(ValidationFailed) as caught:
        apologise(world, dossier, at=vn(2026, 3, 12, 9, 0), new=vn(2026, 3, 10, 10, 0))
    # then it is refused, naming the field
    assert caught.value.code == "appointment_in_past"
    assert "new_appointment" in caught.value.fields


@pytest.mark.parametrize(
    ("new", "code"),
    [
        (vn(2026, 3, 4, 10, 0), "appointment_not_later"),  # before the current appointment (04/03 14:30)
        (vn(2026, 3, 7, 10, 0), "appointment_not_working"),  # a Saturday
        (vn(2026, 3, 9, 20, 0), "appointment_not_working"),  # after office hours
        (vn(2026, 3, 9, 12, 15), "appointment_not_working"),  # the lunch break
    ],
)
def test_the_new_appointment_is_a_working_moment_after_the_current_one(world, new, code):
    dossier = in_progress(world, vn(2026, 3, 2, 9, 0))
    with pytest.raises(ValidationFailed) as caught:
        apologise(world, dossier, at=vn(2026, 3, 3, 9, 0), new=new)
    assert caught.value.code == code


def test_the_reason_is_required(world):
    dossier = in_progress(world, vn(2026, 3, 2, 9, 0))
    with pytest.raises(ValidationFailed) as caught:
        apologise(world, dossier, at=vn(2026, 3, 3, 9, 0), new=vn(2026, 3, 9, 16, 0), reason="  ")
    assert caught.value.code == "required"


def test_a_second_attempt_from_a_stale_page_says_only_once_not_concurrent_change(world):
    dossier = in_progress(world, vn(2026, 3, 2, 9, 0))
    seen = dossier.version
    apologise(world, dossier, at=vn(2026, 3, 3, 9, 0), new=vn(2026, 3, 9, 16, 0), version=seen)
    # when the same page (the version seen before the first apology) is posted again
    with pytest.raises(Conflict) as caught:
        apologise(world, dossier, at=vn(2026, 3, 3, 9, 5), new=vn(2026, 3, 10, 16, 0), version=seen)
    assert caught.value.code == "apology_once"
    assert "only once" in str(caught.value.message) or "một lần" in str(caught.value.message)


def test_a_valid_re_appointment_moves_the_appointment_and_keeps_the_due_moment(world):
    dossier = in_progress(world, vn(2026, 3, 2, 9, 0))
    apologise(world, dossier, at=vn(2026, 3, 3, 9, 0), new=vn(2026, 3, 9, 16, 0))
    dossier.refresh_from_db()
    assert dossier.appointment_at == vn(2026, 3, 9, 16, 0)
    assert dossier.due_at == vn(2026, 3, 4, 14, 30)


def test_the_national_payload_keeps_the_due_date_and_sends_the_re_appointment_beside_it(world):
    from motcua.integrations.models import OutboxMessage

    dossier = in_progress(world, vn(2026, 3, 2, 9, 0))  # due Wed 04/03 14:30
    apologise(world, dossier, at=vn(2026, 3, 3, 9, 0), new=vn(2026, 3, 9, 16, 0))
    # then the apology itself sends a status message, although the state did not change
    payload = OutboxMessage.objects.filter(topic="portal.dossier_status").order_by("pk").last().payload
    assert payload["TienDo"]["NoiDungXuLy"] == "Cần xác minh thêm"
    # NgayHenTra stays the due moment lateness is judged on; the new appointment travels beside it
    assert payload["NgayHenTra"] == "20260304143000"
    assert payload["DanhSachHenLai"] == [
        {
            "NgayXinLoi": "20260303090000",
            "NgayHenTraTruoc": "20260304143000",
            "NgayHenTraMoi": "20260309160000",
            "LyDo": "Cần xác minh thêm",
        }
    ]
