"""Celery tasks of the reports app: thin, they call the services."""

from celery import shared_task

from motcua.reports.services import BUILD_TASK, report_job_run


@shared_task(name=BUILD_TASK)
def reports_build(job_id: str) -> str:
    return str(report_job_run(job_id=job_id).state)
