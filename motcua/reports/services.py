"""The periodic report of procedure handling (báo cáo tình hình, kết quả giải quyết TTHC) and the jobs that build
its files.

One row per agency × field of the scope's subtree (tree order, then field code; rows with nothing to report are
left out) and a total row. Every count uses the 766 index's definitions (``motcua.metrics.facts``): a dossier
counts from its reception, is attributed to its lead agency and its procedure version's field, processing ends at
the decision or at the stop at the applicant's request, lateness is judged on the due moment with the applicant's
supplement time excluded, more than one supplement request is overdue, and unfinished dossiers are judged at the
end of the period's last day. So, per row::

    received  = carried over + new online + new at the counter + new by post
              = resolved + in progress + withdrawn/stopped
    resolved  = early + on time + late        (decided in the period)
    in progress = within time + overdue       (open at the end of the period)
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.catalog.models import Field
from motcua.core import clock
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.core.taskqueue import enqueue
from motcua.metrics.measures import M
from motcua.metrics.readers import handling
from motcua.metrics.resolved import Resolved, resolved_by_agency_and_field
from motcua.metrics.scope import Scope
from motcua.orgs.models import Agency
from motcua.orgs.policy import Action, can, figure_roots
from motcua.orgs.selectors import agencies_in_tree_order
from motcua.reports import pdf, selectors, xlsx
from motcua.reports.models import JobState, ReportFormat, ReportJob
from motcua.reports.table import COLUMNS, GROUPS, KEYS, Report, ReportRow  # noqa: F401 - the page reads COLUMNS, GROUPS here

log = logging.getLogger(__name__)

#: The task that runs :func:`report_job_run` (``reports.tasks``), queued by name.
BUILD_TASK = "reports.build"

#: The longest period, the same as the index API's (three years and a day).
MAX_DAYS = 3 * 366 + 1


def check_period(start: dt.date, end: dt.date) -> None:
    """A period ends no earlier than it starts and is at most :data:`MAX_DAYS` long."""
    if end < start:
        raise ValidationFailed(_("The period ends before it starts."), fields={"to": _("Not before “from”.")})
    if (end - start).days >= MAX_DAYS:
        raise ValidationFailed(
            _("A period is at most %(n)d days.") % {"n": MAX_DAYS}, fields={"to": _("Period too long.")}
        )


def row_values(
    measures: dict[str, int], facts: dict[str, int], apologies: int, resolved: Resolved | None = None
) -> dict[str, int]:
    """The report columns of one (agency, field) from its aggregate measures, fact counts, apologies and resolved
    dossiers (``metrics.resolved``: the dashboard's definition too)."""

    def m(kind: str, measure: M) -> int:
        return measures.get(f"{kind}{int(measure)}", 0)

    stopped, stopped_on_time, stopped_early = (facts.get(k, 0) for k in ("stopped", "stopped_on_time", "stopped_early"))
    v: dict[str, int] = {
        "carried_over": m("c", M.OPEN),
        "new_counter": facts.get("channel_1", 0),
        "new_online": facts.get("channel_2", 0),
        "new_postal": facts.get("channel_3", 0),
        "resolved": m("f", M.FINISHED) - stopped,
        "resolved_early": m("f", M.FINISHED_EARLY) - stopped_early,
        "resolved_on_time": (m("f", M.FINISHED_ON_TIME) - m("f", M.FINISHED_EARLY)) - (stopped_on_time - stopped_early),
    }
    if resolved is not None:  # the shared definition, read from the facts
        v.update(
            resolved=resolved.total, resolved_early=resolved.early, resolved_on_time=resolved.on_time - resolved.early
        )
    v |= {
        "in_progress": m("s", M.OPEN),
        "in_progress_overdue": m("s", M.OPEN_OVERDUE),
        "withdrawn_stopped": stopped,
        "apologies": apologies,
    }
    v["received"] = v["carried_over"] + v["new_online"] + v["new_counter"] + v["new_postal"]
    v["resolved_late"] = v["resolved"] - v["resolved_early"] - v["resolved_on_time"]
    v["in_progress_on_time"] = v["in_progress"] - v["in_progress_overdue"]
    return {k: v[k] for k in KEYS}


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=clock.VN_TZ)


def handling_report(scope: Scope | Agency, start: dt.date, end: dt.date, field: Field | None = None) -> Report:
    """The report of ``scope`` (an agency's subtree) over [start, end], inclusive local dates."""
    if isinstance(scope, Agency):
        scope = Scope(scope)
    check_period(start, end)
    field_id = field.pk if field is not None else None
    measures = handling.grouped_measures(scope=scope, start=start, end=end, field_id=field_id)
    since, until = _local_midnight(start), _local_midnight(end + dt.timedelta(days=1))
    facts = handling.fact_counts(scope=scope, start=start, end=end, since=since, until=until, field_id=field_id)
    apologies = selectors.apology_counts(scope=scope, since=since, until=until, field_id=field_id)
    resolved = resolved_by_agency_and_field(scope=scope, start=start, end=end, field_id=field_id)
    keys = set(measures) | set(facts) | set(apologies) | set(resolved)
    agencies = {a.pk: a for a in scope.agencies()}
    fields = {f.pk: f for f in Field.objects.filter(pk__in={k[1] for k in keys})}
    root_depth = scope.root.path.count("/")
    place = {a.pk: n for n, a in enumerate(agencies_in_tree_order(agencies.values()))}  # tree and official order
    rows: list[tuple[tuple[int, str], ReportRow]] = []
    for key in keys:
        values = row_values(
            measures.get(key, {}), facts.get(key, {}), apologies.get(key, 0), resolved.get(key, Resolved())
        )
        if not any(values.values()):
            continue
        agency, fld = agencies.get(key[0]), fields.get(key[1])
        if agency is None:  # an agency outside the part of the tree asked for
            continue
        row = ReportRow(
            agency_code=agency.code, agency_name=agency.name, field_code=fld.code if fld else "",
            field_name=fld.name if fld else "", values=values, depth=agency.path.count("/") - root_depth,
        )  # fmt: skip
        rows.append(((place[agency.pk], row.field_code), row))
    rows.sort(key=lambda item: item[0])
    total = ReportRow(
        agency_code=scope.root.code, agency_name=scope.root.name, field_code=field.code if field else "",
        field_name=field.name if field else "", values={k: sum(r.values[k] for _key, r in rows) for k in KEYS},
    )  # fmt: skip
    return Report(
        root=scope.root,
        start=start,
        end=end,
        field=field,
        rows=[r for _key, r in rows],
        total=total,
        made_at=clock.now(),
    )


def report_as_dict(report: Report) -> dict[str, Any]:
    """The report as the API answers it."""

    def row(r: ReportRow) -> dict[str, Any]:
        return {"agency": r.agency_code, "agency_name": r.agency_name, "field": r.field_code or None,
                "field_name": r.field_name or None, **r.values}  # fmt: skip

    return {"agency": report.root.code, "agency_name": report.root.name, "from": report.start, "to": report.end,
            "field": report.field.code if report.field else None,
            "rows": [row(r) for r in report.rows], "total": row(report.total)}  # fmt: skip


# Access ------------------------------------------------------------------------------------------------------------


def reportable_agencies(user: Any) -> list[Agency]:
    """The agencies whose reports ``user`` may see (``orgs.policy.figure_roots``: the subtrees of the agencies where
    they are a leader, an inspector or an agency administrator, every agency for a system administrator), in tree
    order."""
    roots = figure_roots(user)
    qs = Agency.objects.filter(is_active=True)
    if roots is None:
        return agencies_in_tree_order(qs)
    condition = Q()
    for path in {root.path for root in roots}:
        condition |= Q(path__startswith=path)
    return agencies_in_tree_order(qs.filter(condition)) if condition else []


def require_report(user: Any, agency: Agency) -> None:
    if not can(user, Action.READ_FIGURES, agency):
        raise PermissionDenied(
            _("Only leaders, inspectors and administrators of the agency or above it may see its reports."),
            code="forbidden",
        )


# Jobs --------------------------------------------------------------------------------------------------------------


def report_job_create(
    *, actor: User, agency: Agency, start: dt.date, end: dt.date, fmt: str, field: Field | None = None
) -> ReportJob:
    """Queue the file of a report; it is built by the task ``reports.build`` after commit."""
    require_report(actor, agency)
    check_period(start, end)
    if fmt not in ReportFormat.values:
        raise ValidationFailed(_("Unknown format."), fields={"format": _("xlsx or pdf.")})
    job = ReportJob.objects.create(requested_by=actor, agency=agency, start=start, end=end, field=field, format=fmt)

    transaction.on_commit(lambda: enqueue(BUILD_TASK, str(job.pk)))
    return job


def report_job_get(*, actor: User, job_id: Any) -> ReportJob:
    job = ReportJob.objects.select_related("agency", "field").filter(pk=job_id).first()
    if job is None:
        raise NotFound(_("No such report."))
    if job.requested_by_id != actor.pk:
        require_report(actor, job.agency)
    return job


def _progress(job_id: Any, **changes: Any) -> None:
    ReportJob.objects.filter(pk=job_id).update(**changes)


def report_job_run(*, job_id: Any) -> ReportJob:
    """Build the file of a queued job, reporting progress (0–100) on the job row as it goes."""
    job = ReportJob.objects.select_related("agency", "field").get(pk=job_id)
    if job.state == JobState.DONE:
        return job
    _progress(job.pk, state=JobState.RUNNING, progress=5, error="")
    last = [5]

    def tick(fraction: float) -> None:
        value = 30 + int(65 * min(1.0, max(0.0, fraction)))
        if value >= last[0] + 5:
            last[0] = value
            _progress(job.pk, progress=value)

    try:
        report = handling_report(Scope(job.agency), job.start, job.end, job.field)
        _progress(job.pk, progress=30)
        writer: Callable[..., bytes] = xlsx.report_xlsx if job.format == ReportFormat.XLSX else pdf.report_pdf
        with translation.override(settings.LANGUAGE_CODE):  # an official document: in the default language
            content = writer(report, progress=tick)
        name = f"bao-cao-{job.agency.code}-{job.start:%Y%m%d}-{job.end:%Y%m%d}.{job.format}"
        job.file.save(name, ContentFile(content), save=False)
    except Exception as exc:
        log.exception("report job %s failed", job.pk)
        _progress(job.pk, state=JobState.FAILED, error=str(exc)[:2000], finished_at=clock.now())
        job.refresh_from_db()
        return job
    job.state, job.progress, job.rows, job.finished_at = JobState.DONE, 100, len(report.rows), clock.now()
    job.save(update_fields=["file", "state", "progress", "rows", "finished_at"])
    return job
