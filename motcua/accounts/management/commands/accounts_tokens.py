from typing import Any

from django.core.management.base import BaseCommand

from motcua.accounts.models import ApiToken
from motcua.core import clock


class Command(BaseCommand):
    help = "List API bearer tokens (prefix, user, name, expiry, last use, state); never their secrets."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username", nargs="?", help="Only this user's tokens.")

    def handle(self, *args: Any, **options: Any) -> None:
        now = clock.now()
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "created_at")
        if options["username"]:
            tokens = tokens.filter(user__username=options["username"])
        for t in tokens:
            state = "revoked" if t.revoked_at else ("expired" if t.expires_at <= now else "active")
            used = f"{t.last_used_at:%Y-%m-%d}" if t.last_used_at else "never"
            self.stdout.write(
                f"{t.prefix}\t{t.user.username}\t{t.name}\texpires {t.expires_at:%Y-%m-%d}\tused {used}\t{state}"
            )
