from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.tokens import token_revoke, tokens_with_prefix


class Command(BaseCommand):
    help = "Revoke an API bearer token by its prefix (the first 8 characters of the secret, as lists show it)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("prefix", help="e.g. mc_Ab3dE")
        parser.add_argument("--user", help="Only the token of this user (when two tokens share the prefix).")

    def handle(self, *args: Any, **options: Any) -> None:
        found = tokens_with_prefix(options["prefix"])
        if options["user"]:
            found = found.filter(user__username=options["user"])
        tokens = list(found)
        if not tokens:
            raise CommandError(f"No active token with prefix {options['prefix']!r}.")
        if len(tokens) > 1:
            names = ", ".join(f"{t.user.username}: {t.name}" for t in tokens)
            raise CommandError(f"{len(tokens)} active tokens have this prefix ({names}): add --user.")
        token_revoke(token=tokens[0])
        self.stdout.write(f"revoked {tokens[0].prefix} ({tokens[0].user.username}: {tokens[0].name})")
