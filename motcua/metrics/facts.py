"""What one dossier contributes to the index: a pure function of the dossier and a few inputs read elsewhere.

``derive(dossier, inputs)`` gives the :class:`Facts`; ``contributions(facts)`` turns them into signed counts per
(measure, procedure, local day). The incremental path (the event subscriber) and ``motcua metrics rebuild`` both
go through these two functions, so they cannot disagree.

The progress rule (RULES §10), precisely:

- a dossier counts once it is **received**; processing **ends** at the decision (``decided_at``), or when it is
  stopped at the applicant's request (``closed_at``);
- the **judged due moment** is the legal due moment with every pause (applicant supplement, financial obligation)
  excluded. ``Dossier.due_at`` already moves by each pause at resumption; a pause that began after the due moment
  (the dossier was already late) does not excuse the lateness, so with closed pauses the judged due is recomputed by
  the working calendar, where such a pause moves nothing;
- the **timeliness** of the end of processing against the judged due is ``dossiers.timing.classify`` (early, on
  time, late), stored on the fact row so that readers (scoring) do not judge it again;
- a finished dossier is **on time** when its timeliness is not late and it had no more supplement requests than
  allowed (default 1; more = overdue); **early** when on time and its timeliness is early;
- an unfinished dossier is **overdue at the end of day D** when its judged due day is before D, or from the day of the
  excess supplement request; while a pause that began in time is open, the clock is stopped and it is not overdue.
  So "open and overdue" is an interval of days [overdue_from, end), written as two deltas.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, fields
from typing import Protocol

from motcua.core import clock
from motcua.dossiers.timing import EARLY, LATE, classify
from motcua.metrics.measures import M

Key = tuple[int, int, dt.date]  # (measure, procedure_id, day)


class VersionLike(Protocol):
    field_id: int
    procedure_id: int
    online_level: str


class EndLike(Protocol):
    state: str
    decided_at: dt.datetime | None
    closed_at: dt.datetime | None


class DossierLike(Protocol):
    pk: int
    state: str
    channel: int
    fee_total: int
    handling_agency_id: int
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    decided_at: dt.datetime | None
    closed_at: dt.datetime | None
    returned_at: dt.datetime | None
    supplement_requests: int

    @property
    def procedure_version(self) -> VersionLike: ...


@dataclass(frozen=True)
class Inputs:
    """What the facts need beyond the dossier row (read from components, files, payments, pauses, ratings, outbox)."""

    components_digitised: bool = False
    reused: bool = False
    result_file: bool = False
    paid_online: bool = False
    paid_national: bool = False
    synced: bool = False
    rated: bool = False
    satisfied: bool = False
    judged_due: dt.datetime | None = None
    open_pause_at: dt.datetime | None = None
    excess_request_at: dt.datetime | None = None
    work_minutes: int = 0


@dataclass(frozen=True)
class Facts(Inputs):
    dossier_id: int = 0
    agency_id: int = 0
    field_id: int = 0
    procedure_id: int = 0
    due_at: dt.datetime | None = None
    received: dt.date | None = None
    ended: dt.date | None = None
    timeliness: str = ""  # of the end of processing: ``dossiers.timing`` EARLY, ON_TIME or LATE; "" until it ends
    on_time: bool = False
    early: bool = False
    overdue_from: dt.date | None = None
    decided: dt.date | None = None
    returned: dt.date | None = None
    full_eligible: bool = False
    online: bool = False
    with_fees: bool = False
    digitised: bool = False

    @property
    def inputs(self) -> Inputs:
        return Inputs(**{f.name: getattr(self, f.name) for f in fields(Inputs)})


FACT_FIELDS = tuple(f.name for f in fields(Facts))
INPUT_FIELDS = tuple(f.name for f in fields(Inputs))


def local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(clock.VN_TZ).date()


def end_of_processing(dossier: EndLike) -> dt.datetime | None:
    """The decision; else the stop at the applicant's request (refusal and withdrawal come before reception)."""
    if dossier.decided_at is not None:
        return dossier.decided_at
    if dossier.state == "stopped":
        return dossier.closed_at
    return None


def derive(dossier: DossierLike, inputs: Inputs, *, max_supplement_requests: int) -> Facts:
    """The facts of ``dossier``; ``max_supplement_requests`` is the parameter in force on its reception day."""
    version = dossier.procedure_version
    values = {name: getattr(inputs, name) for name in INPUT_FIELDS}
    values.update(
        dossier_id=dossier.pk, agency_id=dossier.handling_agency_id, field_id=version.field_id,
        procedure_id=version.procedure_id, due_at=dossier.due_at, full_eligible=version.online_level == "full",
        online=dossier.channel == 2, with_fees=dossier.fee_total > 0, work_minutes=0,
    )  # fmt: skip
    if dossier.received_at is None:
        return Facts(**values)
    received = local_day(dossier.received_at)
    due = inputs.judged_due or dossier.due_at
    excess = dossier.supplement_requests > max_supplement_requests
    end = end_of_processing(dossier)
    timeliness = classify(end, due) if end is not None else ""
    on_time = end is not None and not excess and timeliness != LATE
    early = on_time and timeliness == EARLY
    overdue_days = []
    clock_stopped_in_time = inputs.open_pause_at is not None and (due is None or inputs.open_pause_at <= due)
    if due is not None and not clock_stopped_in_time:
        overdue_days.append(local_day(due) + dt.timedelta(days=1))
    if excess:
        overdue_days.append(local_day(inputs.excess_request_at or dossier.received_at))
    values.update(
        received=received,
        ended=local_day(end) if end is not None else None,
        timeliness=timeliness,
        on_time=on_time,
        early=early,
        overdue_from=max(received, min(overdue_days)) if overdue_days else None,
        decided=local_day(dossier.decided_at) if dossier.decided_at is not None else None,
        returned=local_day(dossier.returned_at) if dossier.returned_at is not None else None,
        digitised=inputs.components_digitised and (dossier.decided_at is None or inputs.result_file),
        work_minutes=inputs.work_minutes if end is not None else 0,
    )
    return Facts(**values)


def contributions(facts: Facts | None) -> Counter[Key]:
    """Signed counts per (measure, procedure, day): what the dossier adds to the aggregates."""
    out: Counter[Key] = Counter()
    if facts is None or facts.received is None:
        return out
    day = facts.received

    def add(measure: M, on: dt.date, value: int = 1, procedure: int = 0) -> None:
        out[(int(measure), procedure, on)] += value

    add(M.RECEIVED, day)
    if facts.full_eligible:
        add(M.FULL_ELIGIBLE, day)
        if facts.online:
            add(M.FULL_ONLINE, day)
    if facts.synced:
        add(M.SYNCED, day)
    if facts.with_fees:
        add(M.WITH_FEES, day)
        if facts.paid_online:
            add(M.PAID_ONLINE, day)
            add(M.PROC_PAID_ONLINE, day, procedure=facts.procedure_id)
            if facts.paid_national:
                add(M.PROC_PAID_NATIONAL, day, procedure=facts.procedure_id)
    if facts.digitised:
        add(M.DIGITISED, day)
    if facts.reused:
        add(M.REUSED, day)
    end = facts.ended
    if end is not None:
        add(M.FINISHED, end)
        if facts.on_time:
            add(M.FINISHED_ON_TIME, end)
        if facts.early:
            add(M.FINISHED_EARLY, end)
        if facts.work_minutes:
            add(M.FINISHED_MINUTES, end, facts.work_minutes)
    if end is None or end > day:
        add(M.OPEN, day)
        if end is not None:
            add(M.OPEN, end, -1)
    start = facts.overdue_from
    if start is not None and (end is None or start < end):
        add(M.OPEN_OVERDUE, start)
        if end is not None:
            add(M.OPEN_OVERDUE, end, -1)
    if facts.decided is not None:
        add(M.DECIDED, facts.decided)
        if facts.result_file:
            add(M.ELECTRONIC_RESULT, facts.decided)
    if facts.returned is not None:
        add(M.RETURNED, facts.returned)
        if facts.rated:
            add(M.RATED, facts.returned)
            if facts.satisfied:
                add(M.SATISFIED, facts.returned)
    return out


Row = tuple[int, int, int, dt.date, int, int]  # (agency, field, procedure, day, measure, delta)


def delta_rows(old: Facts | None, new: Facts | None) -> list[Row]:
    """``contributions(new) − contributions(old)`` as journal rows; nothing when the two agree."""
    changes: Counter[tuple[int, int, int, int, dt.date]] = Counter()
    for facts, sign in ((new, 1), (old, -1)):
        if facts is None:
            continue
        for (measure, procedure, day), value in contributions(facts).items():
            changes[(facts.agency_id, facts.field_id, measure, procedure, day)] += sign * value
    return [
        (agency, field, procedure, day, measure, value)
        for (agency, field, measure, procedure, day), value in sorted(changes.items(), key=lambda kv: kv[0])
        if value
    ]
