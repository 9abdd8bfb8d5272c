from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import User
from motcua.accounts.tokens import token_issue


class Command(BaseCommand):
    help = "Issue an API bearer token for a user and print its secret (shown only once)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. 'national portal sync'.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.")
        _token, secret = token_issue(user=user, name=options["name"])
        self.stdout.write(secret)
