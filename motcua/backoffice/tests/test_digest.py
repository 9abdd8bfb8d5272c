"""The daily digest: due today/tomorrow and overdue, per staff user, by e-mail; the command and the task."""

from django.conf import settings
from django.core import mail
from django.core.management import call_command

from motcua.core import clock
from motcua.dossiers.services import processing, reception
from motcua.dossiers.tests.factories import vn
from motcua.integrations import outbox


def test_the_digest_lists_what_is_due_and_overdue_for_each_staff_user(world):
    world.specialist.email = "cv@example.vn"
    world.specialist.save(update_fields=["email"])
    with clock.frozen(vn(2026, 3, 2, 9, 0)):  # Monday
        dossier = reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
    outbox.drain()  # the applicant's receipt
    mail.outbox.clear()
    # the appraisal step is due Tuesday 03/03; on Monday evening it is due tomorrow
    with clock.frozen(vn(2026, 3, 2, 18, 0)):
        call_command("backoffice_digest", "--site-url", "https://motcua.example.vn")
        outbox.drain()  # the digests leave through the outbox after commit
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cv@example.vn"]
    assert dossier.code in message.body
    assert f"https://motcua.example.vn/staff/ho-so/{dossier.pk}/" in message.body
    # on Thursday the dossier (due Wed 04/03 14:30) is overdue
    mail.outbox.clear()
    with clock.frozen(vn(2026, 3, 5, 8, 0)):
        from motcua.backoffice.tasks import daily_digest

        assert daily_digest() == 1
        outbox.drain()
    assert "1" in mail.outbox[0].subject and dossier.code in mail.outbox[0].body


def test_the_digest_is_scheduled_every_morning():
    entry = settings.CELERY_BEAT_SCHEDULE["backoffice-daily-digest"]
    assert entry["task"] == "backoffice.daily_digest"
    assert entry["schedule"].hour == {7}


def test_nothing_due_sends_nothing(world):
    call_command("backoffice_digest")
    outbox.drain()
    assert mail.outbox == []
