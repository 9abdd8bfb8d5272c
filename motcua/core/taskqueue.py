"""Queueing a Celery task by its registered name.

A service that schedules work (``reports.build`` after a job is created, ``metrics.compact`` after deltas are
written) would otherwise import its app's ``tasks`` module, which imports the service back: the name is the tie
instead. The task object itself is used, so eager mode (tests, no broker) runs it in place as ``.delay`` does.
"""

from __future__ import annotations

from typing import Any

from celery import Task, current_app


def registered_task(name: str) -> Task:
    """The task registered as ``name``; the apps' ``tasks`` modules are imported first if it is not there yet (a
    worker has imported them; a web process imports them on the first use)."""
    tasks = current_app.tasks
    if name not in tasks:
        current_app.loader.import_default_modules()
    return tasks[name]


def enqueue(name: str, *args: Any) -> None:
    """``delay`` the task registered as ``name`` with ``args``."""
    registered_task(name).delay(*args)
