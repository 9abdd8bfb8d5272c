"""The `motcua` command: `motcua <app> <verb> [args]`, plus `demo`, `serve`, `worker`, `manage`.

`motcua orgs import FILE` runs the Django management command `orgs_import FILE`; every app's verbs are
management commands named `<app>_<verb>`, so `motcua manage help` lists them all.
"""

from __future__ import annotations

import os
import sys

USAGE = """usage: motcua <command> [args]

  motcua demo                 migrate the database and load the demo data (idempotent)
  motcua serve [--port N]     serve the site (development server when DEBUG, else gunicorn)
  motcua worker               run a Celery worker (needs REDIS_URL)
  motcua env-example          print .env.example (every setting with its help)
  motcua <app> <verb> [args]  e.g. motcua orgs import FILE, motcua catalog import FILE, motcua metrics rebuild,
                              motcua audit verify [--agency CODE]
  motcua manage <args>        any Django management command
"""

#: The command groups `motcua <app> <verb>` runs (``<app>_<verb>`` management commands): only groups that have one.
APPS = {
    "audit",
    "orgs",
    "accounts",
    "workcalendar",
    "catalog",
    "dossiers",
    "metrics",
    "backoffice",
}


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def _manage(argv: list[str]) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["motcua", *argv])


def _serve(args: list[str]) -> None:
    port = "8000"
    if "--port" in args:
        port = args[args.index("--port") + 1]
    port = os.environ.get("PORT", port) if "--port" not in args else port
    import django
    from django.conf import settings

    django.setup()
    if settings.DEBUG:
        _manage(["runserver", f"127.0.0.1:{port}", "--noreload"])
        return
    _manage(["collectstatic", "--noinput", "-v0"])
    os.execvp(  # noqa: S606
        sys.executable,
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "2"],
    )


def _worker(args: list[str]) -> None:
    os.execvp(  # noqa: S606
        sys.executable, [sys.executable, "-m", "celery", "-A", "config.celery", "worker", "-l", "info", *args]
    )


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    _setup()
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE)  # noqa: T201
        return
    command, rest = args[0], args[1:]
    if command == "serve":
        _serve(rest)
    elif command == "worker":
        _worker(rest)
    elif command == "manage":
        _manage(rest)
    elif command in ("demo", "env-example"):
        _manage([command.replace("-", "_"), *rest])
    elif command in APPS and rest and not rest[0].startswith("-"):
        _manage([f"{command}_{rest[0]}", *rest[1:]])
    else:
        print(f"motcua: unknown command {' '.join(args)!r}\n\n{USAGE}", file=sys.stderr)  # noqa: T201
        raise SystemExit(2)


if __name__ == "__main__":
    main()
