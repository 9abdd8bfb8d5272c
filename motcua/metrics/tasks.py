"""Celery tasks of the metrics app: thin, they call the services."""

from celery import shared_task

from motcua.metrics.services.compaction import COMPACT_TASK, compact


@shared_task(name=COMPACT_TASK)
def metrics_compact() -> int:
    return compact()
