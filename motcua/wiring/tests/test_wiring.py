"""The wiring: what is connected to each hook point, in calling order, all of it made in motcua/wiring/connect.py."""

import re
from pathlib import Path

from motcua.accounts import mail as account_mail
from motcua.dossiers import events as dossier_events
from motcua.integrations import delivery
from motcua.metrics import petitions
from motcua.petitions import events as petition_events
from motcua.ratings import events as rating_events
from motcua.wiring.connect import HOOKS
from motcua.workcalendar.services import deadline_providers

MOTCUA = Path(__file__).resolve().parents[2]


def test_every_hook_point_lists_its_subscribers_in_the_stated_order():
    assert {hook.name: hook.names() for hook in HOOKS} == {
        "integrations.topic_handlers": ["notify.email", "portal.dossier_status"],
        "integrations.delivered": ["metrics"],
        "accounts.mail_queue": ["outbox"],
        # the dossiers move their due moments first, then the index recounts what moved
        "workcalendar.deadline_providers": ["dossiers.open", "metrics.facts"],
        "dossiers.events_written": ["metrics"],
        "ratings.rating_changed": ["metrics"],
        "metrics.petition_source": [],  # no feedback app yet
        "petitions.events_written": ["notices"],
    }


def test_the_inventory_names_every_hook_point_declared_in_motcua():
    declared = {
        path.relative_to(MOTCUA).as_posix()
        for path in MOTCUA.rglob("*.py")
        if "tests" not in path.parts and re.search(r"^\w+: Hook\[", path.read_text(encoding="utf-8"), re.M)
    }
    assert declared == {
        "accounts/mail.py",
        "dossiers/events.py",
        "integrations/delivery.py",
        "metrics/petitions.py",
        "petitions/events.py",
        "ratings/events.py",
        "workcalendar/services/recompute.py",
    }
    assert {id(h) for h in HOOKS} == {
        id(h)
        for h in (
            delivery.topic_handlers, delivery.delivered, account_mail.mail_queue, deadline_providers,
            dossier_events.events_written, rating_events.rating_changed, petitions.petition_source,
            petition_events.events_written,
        )
    }  # fmt: skip


def test_no_app_connects_anything_in_its_own_ready():
    for apps_py in MOTCUA.glob("*/apps.py"):
        if apps_py.parent.name == "wiring":
            continue
        text = apps_py.read_text(encoding="utf-8")
        assert ".connect(" not in text and "register_" not in text, apps_py
