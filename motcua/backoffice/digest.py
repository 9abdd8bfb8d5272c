"""The daily digest (nhắc việc) by e-mail: for each active staff user with an e-mail address, what is due today
and tomorrow and what is overdue in their scope. Written to the outbox in one transaction and sent by its drain
after commit, like every mail (console in the demo); scheduled by the worker (``backoffice.daily_digest``) or by cron
(``motcua backoffice digest``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.backoffice import selectors
from motcua.integrations.mail import Mail, email_enqueue_many
from motcua.web import staff

#: How many items each section lists (the counts are given in full, capped).
DIGEST_ITEMS = 20


@dataclass
class Digest:
    user: User
    reminders: selectors.Reminders
    overdue: list[selectors.Row]
    roles: list[object]

    @property
    def empty(self) -> bool:
        return not (self.reminders.today or self.reminders.tomorrow or self.reminders.overdue_count)


def digest_for(user: User) -> Digest:
    roles = staff.staff_roles(user)
    scope = staff.scope_for(user, roles)
    overdue = selectors.queue_page(selectors.QUEUE_BY_KEY["overdue"], scope, selectors.QueueFilter()).rows[
        :DIGEST_ITEMS
    ]
    return Digest(user, selectors.reminders(scope, limit=DIGEST_ITEMS), overdue, list(roles))


def staff_recipients(usernames: list[str] | None = None) -> list[User]:
    users = User.objects.filter(is_active=True, staff_roles__is_active=True).exclude(email="").distinct()
    if usernames:
        users = users.filter(username__in=usernames)
    return list(users.order_by("username"))


def _capped(count: int) -> str:
    return "1.000+" if count > selectors.COUNT_CAP else str(count)


def _default_site() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h and h != "*" and not h.startswith(".")]
    return (
        f"https://{hosts[0]}" if hosts and not settings.DEBUG else f"http://{hosts[0] if hosts else '127.0.0.1'}:8000"
    )


def send_digests(*, usernames: list[str] | None = None, dry_run: bool = False, site_url: str = "") -> tuple[int, int]:
    """Send one e-mail per staff user with something due or overdue; returns (sent, skipped as empty)."""
    sent = skipped = 0
    base = site_url or getattr(settings, "MOTCUA_SITE_URL", "") or _default_site()
    with translation.override(settings.LANGUAGE_CODE):
        messages: list[Mail] = []
        for user in staff_recipients(usernames):
            digest = digest_for(user)
            if digest.empty:
                skipped += 1
                continue
            body = render_to_string("backoffice/digest_email.txt", {"d": digest, "base": base.rstrip("/")})
            subject = _("motcua: %(today)d due today, %(tomorrow)d tomorrow, %(overdue)s overdue") % {
                "today": len(digest.reminders.today),
                "tomorrow": len(digest.reminders.tomorrow),
                "overdue": "1.000+"
                if digest.reminders.overdue_count > selectors.COUNT_CAP
                else digest.reminders.overdue_count,
            }
            messages.append(Mail(to=user.email, subject=subject, body=body, key=f"digest:{user.username}"))
        if not dry_run and messages:
            with transaction.atomic():
                email_enqueue_many(messages)
        sent = len(messages)
    return sent, skipped
