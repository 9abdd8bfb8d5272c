"""A calendar entry changes: open dossiers' deadlines follow, and the admin is told how many before saving."""

import pytest

from motcua.core import clock
from motcua.dossiers.models import Dossier, StepStatus
from motcua.dossiers.services import processing, reception
from motcua.dossiers.tests.factories import vn
from motcua.workcalendar import services as calendar_services
from motcua.workcalendar.selectors import calendar_national


def received(world, at):
    with clock.frozen(at):
        return reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_new_day_off_moves_open_deadlines_and_leaves_closed_ones(world):
    open_one = received(world, vn(2026, 3, 2, 9, 0))  # due Wed 04/03 14:30
    with clock.frozen(vn(2026, 3, 2, 10, 0)):
        processing.dossier_transfer(actor=world.desk, dossier_id=open_one.pk)
    stopped = received(world, vn(2026, 3, 2, 9, 30))
    from motcua.dossiers.services.results import dossier_stop

    with clock.frozen(vn(2026, 3, 2, 10, 0)):
        dossier_stop(actor=world.desk, dossier_id=stopped.pk, reason="Dừng")
    step_before = Dossier.objects.get(pk=open_one.pk).steps.get(status=StepStatus.ACTIVE).due_at
    national = calendar_national()
    # when an extraordinary day off is declared on Tuesday 03/03/2026
    preview = calendar_services.preview_change(
        apply=lambda: calendar_services.entry_create(
            calendar=national, date=vn(2026, 3, 3).date(), kind="holiday", name="Nghỉ đột xuất"
        )
    )
    assert preview["dossiers.open"] >= 1
    assert Dossier.objects.get(pk=open_one.pk).due_at == vn(2026, 3, 4, 14, 30)  # the preview changed nothing
    calendar_services.entry_create(calendar=national, date=vn(2026, 3, 3).date(), kind="holiday", name="Nghỉ đột xuất")
    # then the open dossier is due one working day later, its open step too; the stopped one keeps its dates
    open_one.refresh_from_db()
    assert open_one.due_at == vn(2026, 3, 5, 14, 30)
    assert open_one.appointment_at == open_one.due_at
    assert open_one.steps.get(status=StepStatus.ACTIVE).due_at > step_before
    assert Dossier.objects.get(pk=stopped.pk).due_at == vn(2026, 3, 4, 15, 0)


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    from motcua.dossiers.tests.factories import make_world

    settings.MEDIA_ROOT = tmp_path
    return make_world()


@pytest.mark.django_db(transaction=True)
def test_the_admin_asks_for_confirmation_when_deadlines_move(world, client):
    from motcua.accounts.models import User

    received(world, vn(2026, 3, 2, 9, 0))
    User.objects.create_superuser("root", "root@example.vn", "pw")
    client.login(username="root", password="pw")
    form = {"calendar": calendar_national().pk, "date": "2026-03-03", "kind": "holiday", "name": "Nghỉ đột xuất",
            "decision_no": "", "source": "", "confirmed": "on", "is_active": "on"}  # fmt: skip
    response = client.post("/admin/workcalendar/calendarentry/add/", form)
    assert response.status_code == 200  # not saved: the form asks for confirmation
    assert "confirm_moves" in response.context["adminform"].form.errors
    response = client.post("/admin/workcalendar/calendarentry/add/", {**form, "confirm_moves": "on"})
    assert response.status_code == 302
