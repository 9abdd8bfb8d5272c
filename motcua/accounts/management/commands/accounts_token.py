from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import User
from motcua.accounts.tokens import token_issue
from motcua.core.errors import DomainError


class Command(BaseCommand):
    help = "Issue an API bearer token for a user and print its secret (shown only once)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. 'national portal sync'.")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Days the token stays valid (default API_TOKEN_DAYS, now {settings.API_TOKEN_DAYS}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.")
        try:
            token, secret = token_issue(user=user, name=options["name"], days=options["days"])
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(secret)
        self.stderr.write(f"prefix {token.prefix}, expires {token.expires_at:%Y-%m-%d %H:%M} UTC")
