"""Delivery of outbox messages: the handler of each topic, then the "delivered" hook in the same transaction (the
766 index counts a dossier as synced once its received status reached the national portal)."""

import pytest
from django.core import mail

from motcua.core import clock
from motcua.dossiers.services import reception
from motcua.dossiers.tests.factories import vn
from motcua.integrations import delivery, outbox
from motcua.integrations.handlers import TOPIC_EMAIL, TOPIC_PORTAL
from motcua.integrations.mail import email_enqueue
from motcua.integrations.models import OutboxMessage, OutboxStatus
from motcua.metrics.models import DossierFact


def intake(world):
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        return reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip


def test_a_status_delivered_to_the_portal_marks_the_dossier_synced_in_the_index(world, settings):
    settings.NATIONAL_PORTAL_URL = "https://portal.example/api"
    dossier = intake(world)
    assert not DossierFact.objects.get(pk=dossier.pk).synced
    # when the portal accepts the message (a stand-in for the HTTP call)
    with delivery.topic_handlers.replaced(TOPIC_PORTAL, lambda message: None):
        outbox.drain()
    assert OutboxMessage.objects.get(topic=TOPIC_PORTAL, key=dossier.code).status == OutboxStatus.SENT
    assert DossierFact.objects.get(pk=dossier.pk).synced


def test_a_message_that_was_not_delivered_tells_no_one(world, settings):
    settings.NATIONAL_PORTAL_URL = "https://portal.example/api"
    dossier = intake(world)
    heard = []

    def refused(message):
        raise OSError("502")

    with (
        delivery.topic_handlers.replaced(TOPIC_PORTAL, refused),
        delivery.delivered.connected("test", heard.append),
    ):
        outbox.drain()
    assert [m.topic for m in heard] == [TOPIC_EMAIL]  # the receipt e-mail only
    assert not DossierFact.objects.get(pk=dossier.pk).synced
    assert OutboxMessage.objects.get(topic=TOPIC_PORTAL, key=dossier.code).attempts == 1


@pytest.mark.django_db
def test_an_e_mail_is_sent_by_the_drain_after_commit_and_held_without_an_address(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_enqueue(to="cv@example.vn", subject="Nhắc việc", body="…", key="digest:cv")
        email_enqueue(to="", subject="Nhắc việc", body="…")
    assert [(m.to, m.subject) for m in mail.outbox] == [(["cv@example.vn"], "Nhắc việc")]
    held = OutboxMessage.objects.get(topic=TOPIC_EMAIL, status=OutboxStatus.HELD)
    assert held.payload["to"] == ""
