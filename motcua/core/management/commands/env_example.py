from typing import Any

from django.core.management.base import BaseCommand

from config import env


class Command(BaseCommand):
    help = "Print .env.example: every environment variable motcua reads, with its help and default."

    def handle(self, *args: Any, **options: Any) -> None:
        import config.settings.production  # noqa: F401  (registers the production-only variables)

        self.stdout.write(env.render_example())
