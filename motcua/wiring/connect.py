"""Who listens to whom: every subscriber of every hook point, connected in the order they are called.

Each hook point is declared by the app that calls it, typed with its own types (see :mod:`motcua.core.hooks`). The
order below is the calling order and it matters where stated. To add a listener, connect it here, in the place
the order needs, and extend the inventory test (``motcua/wiring/tests/test_wiring.py``).
"""

from __future__ import annotations

from motcua.accounts import mail as account_mail
from motcua.core.hooks import HookPoint
from motcua.dossiers import events as dossier_events
from motcua.dossiers.calendar_hook import OpenDossierDeadlines
from motcua.integrations import delivery, handlers
from motcua.integrations.mail import email_enqueue
from motcua.metrics import petitions
from motcua.metrics.services import recording
from motcua.petitions import events as petition_events
from motcua.petitions import notices as petition_notices
from motcua.ratings import events as rating_events
from motcua.workcalendar.services import deadline_providers

#: Every hook point, for the inventory test and for a reader: what is connected where.
HOOKS: tuple[HookPoint, ...] = (
    delivery.topic_handlers,
    delivery.delivered,
    account_mail.mail_queue,
    deadline_providers,
    dossier_events.events_written,
    rating_events.rating_changed,
    petitions.petition_source,
    petition_events.events_written,
)


def connect_all() -> None:
    # 1. The outbox: integrations owns the handler of each topic. E-mail is the one place that sends mail.
    delivery.topic_handlers.connect(handlers.TOPIC_EMAIL, handlers.send_email)
    delivery.topic_handlers.connect(handlers.TOPIC_PORTAL, handlers.push_to_portal)
    # 2. After a message is delivered, in the same transaction: the 766 index counts a dossier as synced once its
    #    received status reached the national portal (it ignores the other topics).
    delivery.delivered.connect("metrics", recording.on_portal_delivered)
    # 3. Account e-mail (password reset) goes to the outbox too; accounts sits below integrations, hence the hook.
    account_mail.mail_queue.connect("outbox", email_enqueue)
    # 4. After a calendar change, first the dossiers move their due moments, then the index recounts the facts
    #    of the dossiers whose due moment moved (it reads what the first provider has just written).
    deadline_providers.connect("dossiers.open", OpenDossierDeadlines())
    deadline_providers.connect("metrics.facts", recording.CalendarResync())
    # 5. Dossier events and rating changes feed the 766 index, inside the writing transaction.
    dossier_events.events_written.connect("metrics", recording.on_dossier_events)
    rating_events.rating_changed.connect("metrics", recording.on_rating)
    # 6. Petition counts: no source until there is a feedback app (the petition indicators give full points).
    # 7. Petition events: the sender's notices (e-mail through the outbox), in the writing transaction.
    petition_events.events_written.connect("notices", petition_notices.notify_sender)
