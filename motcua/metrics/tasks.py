"""Celery tasks of the metrics app: thin, they call the services."""

from celery import shared_task

from motcua.metrics.services.compaction import compact


@shared_task(name="metrics.compact")
def metrics_compact() -> int:
    return compact()
