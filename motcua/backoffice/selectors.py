"""Reads of the back office: the user's roles and scope, the work queues (capped counts, keyset pages), the
reminders, and what the dossier page shows. Every queue is one indexed query:

- dossier queues filter ``state`` and an agency column, and sort by ``due_at`` or ``created_at``: the indexes
  ``dossier_queue_idx (handling_agency, state, due_at)`` and ``dossier_desk_idx (receiving_agency, state,
  created_at)``;
- step queues ("my steps", "to sign") filter ``status = active`` and the agency: ``step_queue_idx (agency, status,
  due_at)``.

Counts stop at :data:`COUNT_CAP` + 1 rows (``SELECT COUNT(*) FROM (… LIMIT 1001)``) and pages are keyset pages on
(sort key, id), so neither grows with the number of dossiers.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Field, ProcedureVersion
from motcua.core import clock
from motcua.dossiers import timing
from motcua.dossiers.models import Apology, Dossier, Step, StepStatus
from motcua.dossiers.workflow import OPEN_AFTER_RECEPTION, State
from motcua.orgs.models import Agency, Role, StaffRole
from motcua.orgs.policy import Action

# The user's scope and roles come from the web kit, which every staff page shares.
from motcua.web.staff import StaffScope

COUNT_CAP = 1000
PAGE_SIZE = 25
#: In the order of ``State``, for a stable SQL ``IN`` list.
OPEN_STATES = tuple(s for s in State if s in OPEN_AFTER_RECEPTION)


# ---- filters -------------------------------------------------------------------------------------------------


@dataclass
class QueueFilter:
    procedure: str = ""
    field: str = ""
    channel: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _version_ids(flt: QueueFilter) -> QuerySet[ProcedureVersion] | None:
    if not flt.procedure and not flt.field:
        return None
    versions = ProcedureVersion.objects.all()
    if flt.procedure:
        versions = versions.filter(procedure__code=flt.procedure)
    if flt.field:
        versions = versions.filter(field__code=flt.field)
    return versions.values("pk")  # type: ignore[return-value]


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=clock.VN_TZ)


def _filtered(qs: QuerySet[Any], flt: QueueFilter, prefix: str, date_field: str) -> QuerySet[Any]:
    versions = _version_ids(flt)
    if versions is not None:
        qs = qs.filter(**{f"{prefix}procedure_version_id__in": versions})
    if flt.channel:
        qs = qs.filter(**{f"{prefix}channel": flt.channel})
    if flt.date_from or flt.date_to:
        # Compared through an expression: a date range alone would tempt the planner into walking the date
        # index over every closed dossier of the period; the queue's own condition is the selective one.
        qs = qs.alias(queue_day=F(f"{prefix}{date_field}") + Value(dt.timedelta(0)))
    if flt.date_from:
        qs = qs.filter(queue_day__gte=_day_start(flt.date_from))
    if flt.date_to:
        qs = qs.filter(queue_day__lt=_day_start(flt.date_to + dt.timedelta(days=1)))
    return qs


# ---- queues --------------------------------------------------------------------------------------------------


def _in(column: str, ids: set[int] | None) -> Q:
    """``column IN ids``; everywhere for ``None``; nothing for an empty set."""
    if ids is None:
        return Q()
    return Q(**{f"{column}__in": sorted(ids)}) if ids else Q(pk__in=[])


def _area(scope: StaffScope) -> Q:
    """Dossiers the user works on: received at their desks (desk officers), handled by an agency where they
    process or sign (handlers, leaders), or, for read-only roles (inspectors, administrators), handled or received
    in their scope. One condition per role, so a desk officer's queues are one ``dossier_desk_idx`` range."""
    if scope.view is None:
        return Q()
    parts = []
    if scope.receive:
        parts.append(_in("receiving_agency_id", scope.receive))
    handled = (scope.process or set()) | (scope.sign or set())
    if handled:
        parts.append(_in("handling_agency_id", handled))
    if not parts:
        parts = [_in("handling_agency_id", scope.view), _in("receiving_agency_id", scope.view)]
    area = parts[0]
    for part in parts[1:]:
        area |= part
    return area


def _dossiers() -> QuerySet[Dossier]:
    return Dossier.objects.all()


def q_receive(scope: StaffScope) -> QuerySet[Dossier]:
    return _dossiers().filter(_in("receiving_agency_id", scope.receive), state=State.SUBMITTED)


def q_transfer(scope: StaffScope) -> QuerySet[Dossier]:
    return _dossiers().filter(_in("receiving_agency_id", scope.receive), state=State.RECEIVED)


def q_return(scope: StaffScope) -> QuerySet[Dossier]:
    return _dossiers().filter(_in("receiving_agency_id", scope.receive), state=State.RESULT_READY)


def q_waiting(scope: StaffScope) -> QuerySet[Dossier]:
    return _dossiers().filter(_area(scope), state__in=[State.NEEDS_SUPPLEMENT, State.PAUSED])


def q_due_soon(scope: StaffScope) -> QuerySet[Dossier]:
    return _dossiers().filter(_area(scope), timing.open_due_between_q(scope.now, scope.soon))


def q_overdue(scope: StaffScope) -> QuerySet[Dossier]:
    return _dossiers().filter(_area(scope), timing.open_late_q(scope.now))


def q_apology(scope: StaffScope) -> QuerySet[Dossier]:
    # driven from the (small) apology table
    return _dossiers().filter(_area(scope), pk__in=Apology.objects.values("dossier_id"), state__in=OPEN_STATES)


def q_supplement_again(scope: StaffScope) -> QuerySet[Dossier]:
    """Dossiers the desk asked to supplement more than once at reception (form 02 must list everything at once):
    for the leaders of the desk and of the handling agency."""
    return _dossiers().filter(_area(scope), reception_supplement_requests__gte=2)


def _my_steps(scope: StaffScope) -> Q:
    """Steps at agencies where the user processes (a handler is only ever assigned where they hold a role), and
    assigned to them or unassigned for a role they hold: ``step_queue_idx (agency, status, due_at)`` leads. The
    assignee is compared through ``COALESCE`` so that the planner does not combine it with the assignee index
    (every step ever assigned to the user, and the millions of unassigned ones)."""
    mine = Q(who=scope.user.pk) | Q(who=0, role__in=sorted(scope.roles))
    return _in("agency_id", scope.process) & mine


def _steps() -> QuerySet[Step]:
    return Step.objects.alias(who=Coalesce("assignee_id", Value(0)))


def q_process(scope: StaffScope) -> QuerySet[Step]:
    return (
        _steps()
        .filter(_my_steps(scope), status=StepStatus.ACTIVE, dossier__state=State.IN_PROGRESS)
        .exclude(kind__in=["receive", "decide"])
    )


def q_sign(scope: StaffScope) -> QuerySet[Step]:
    return Step.objects.filter(
        _in("agency_id", scope.sign), status=StepStatus.ACTIVE, kind="decide", dossier__state=State.IN_PROGRESS
    )


@dataclass(frozen=True)
class Queue:
    key: str
    label: Any
    query: Callable[[StaffScope], QuerySet[Any]]
    sort: str  # the keyset column (ascending), with the id as tie-breaker
    date_field: str
    is_step: bool = False
    needs: tuple[Action, ...] = field(default=())


QUEUES: list[Queue] = [
    Queue("receive", _("To receive"), q_receive, "created_at", "created_at", needs=(Action.RECEIVE,)),
    Queue("transfer", _("To transfer"), q_transfer, "transfer_due_at", "received_at", needs=(Action.RECEIVE,)),
    Queue("process", _("My steps"), q_process, "due_at", "received_at", is_step=True, needs=(Action.PROCESS,)),
    Queue("sign", _("To approve and sign"), q_sign, "due_at", "received_at", is_step=True, needs=(Action.SIGN,)),
    Queue("return", _("Results to return"), q_return, "appointment_at", "received_at", needs=(Action.RECEIVE,)),
    Queue("waiting", _("Waiting for the applicant"), q_waiting, "created_at", "created_at"),
    Queue("due_soon", _("Due within 1 working day"), q_due_soon, "due_at", "received_at"),
    Queue("overdue", _("Overdue"), q_overdue, "due_at", "received_at"),
    Queue("apology", _("Apology issued"), q_apology, "due_at", "received_at"),
    Queue(
        "supplement_again",
        _("Asked to supplement again"),
        q_supplement_again,
        "created_at",
        "created_at",
        needs=(Action.SIGN,),
    ),
]
QUEUE_BY_KEY = {q.key: q for q in QUEUES}


def queues_for(scope: StaffScope) -> list[Queue]:
    """The tabs of this user's role: desk tabs for the desk, step tabs for handlers and signers."""
    allowed = {
        Action.RECEIVE: scope.receive is None or bool(scope.receive),
        Action.PROCESS: scope.process is None or bool(scope.process),
        Action.SIGN: scope.sign is None or bool(scope.sign),
    }
    return [q for q in QUEUES if all(allowed[a] for a in q.needs)]


def queue_queryset(queue: Queue, scope: StaffScope, flt: QueueFilter) -> QuerySet[Any]:
    prefix = "dossier__" if queue.is_step else ""
    return _filtered(queue.query(scope), flt, prefix, queue.date_field)


def capped_count(qs: QuerySet[Any], cap: int = COUNT_CAP) -> int:
    """The exact count up to ``cap``; ``cap + 1`` means "more than cap"."""
    return qs.order_by()[: cap + 1].count()


def capped_counts(querysets: list[QuerySet[Any]], cap: int = COUNT_CAP) -> list[int]:
    """Several capped counts in one round trip: ``SELECT (SELECT COUNT(*) FROM (… LIMIT cap+1)), …``."""
    if not querysets:
        return []
    parts: list[str] = []
    params: list[Any] = []
    for qs in querysets:
        sql, args = qs.order_by().values("pk")[: cap + 1].query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped)")  # noqa: S608 - SQL from Django's compiler, params apart
        params.extend(args)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return [int(n) for n in cursor.fetchone()]


@dataclass
class Row:
    dossier: Dossier
    step: Step | None
    due: dt.datetime | None
    timeliness: str


@dataclass
class Page:
    rows: list[Row]
    next_cursor: str | None
    first: bool


def timeliness(due: dt.datetime | None, scope: StaffScope) -> str:
    """An open item's timeliness now (``dossiers.timing.open_timeliness``), at risk within the scope's ``soon``."""
    return timing.open_timeliness(due, now=scope.now, soon=scope.soon)


def dossier_timeliness(dossier: Dossier, scope: StaffScope) -> str:
    """A dossier's timeliness on its page and in the queues (``dossiers.timing.dossier_timeliness``)."""
    return timing.dossier_timeliness(
        state=dossier.state, due_at=dossier.due_at, decided_at=dossier.decided_at, now=scope.now, soon=scope.soon
    )


def encode_cursor(value: dt.datetime | None, pk: int) -> str:
    return f"{value.timestamp() if value else ''}~{pk}"


def decode_cursor(cursor: str) -> tuple[dt.datetime | None, int] | None:
    try:
        stamp, pk = cursor.split("~", 1)
        return (dt.datetime.fromtimestamp(float(stamp), tz=dt.UTC) if stamp else None), int(pk)
    except (ValueError, OverflowError, OSError):
        return None


def _rows_by_id(qs: QuerySet[Any], limit: int) -> list[Any]:
    """The first ``limit`` rows of ``qs``: the ids in order first (narrow rows through the sort), then the rows
    with what the list shows, by id."""
    ids = list(qs.values_list("pk", flat=True)[:limit])
    if not ids:
        return []
    model = qs.model
    related = (
        ["dossier__procedure_version", "dossier__applicant", "agency", "assignee"]
        if model is Step
        else ["procedure_version", "applicant", "handling_agency"]
    )
    found = model.objects.select_related(*related).in_bulk(ids)
    return [found[pk] for pk in ids]


def queue_page(queue: Queue, scope: StaffScope, flt: QueueFilter, cursor: str = "") -> Page:
    """One page in deadline order (nulls last), after ``cursor`` (keyset: constant cost at any depth)."""
    qs = queue_queryset(queue, scope, flt)
    key = queue.sort
    after = decode_cursor(cursor) if cursor else None
    if after is not None:
        value, pk = after
        if value is None:
            qs = qs.filter(**{f"{key}__isnull": True, "pk__gt": pk})
        else:
            qs = qs.filter(Q(**{f"{key}__gt": value}) | Q(**{key: value, "pk__gt": pk}) | Q(**{f"{key}__isnull": True}))
    if queue.is_step:
        # one agency's active steps come in deadline order straight from step_queue_idx (agency, status, due_at)
        qs = qs.order_by(F(key).asc(nulls_last=True), "pk")
    elif key == "due_at" and queue.key in ("overdue", "due_soon"):
        # Straight from the partial index of open dossiers in deadline order (``dossier_open_due_idx``).
        qs = qs.order_by(F(key).asc(nulls_last=True), "pk")
    else:
        # Sorted on an expression, not the bare column: otherwise the planner walks the single-column deadline
        # index from the oldest (closed) dossiers, hoping to meet open ones soon, and at a million dossiers reads
        # them nearly all; this way it takes the open ones through the state and agency indexes and sorts them.
        qs = qs.order_by((F(key) + Value(dt.timedelta(0))).asc(nulls_last=True), "pk")
    items = _rows_by_id(qs, PAGE_SIZE + 1)
    more = len(items) > PAGE_SIZE
    items = items[:PAGE_SIZE]
    rows = []
    for item in items:
        if queue.is_step:
            rows.append(Row(item.dossier, item, item.due_at, timeliness(item.due_at, scope)))
        else:
            judged = timing.clock_runs(item.state)
            rows.append(Row(item, None, item.due_at, timeliness(item.due_at if judged else None, scope)))
    next_cursor = encode_cursor(getattr(items[-1], key), items[-1].pk) if more and items else None
    return Page(rows, next_cursor, after is None)


# ---- reminders -----------------------------------------------------------------------------------------------


@dataclass
class Reminders:
    today: list[Row]
    tomorrow: list[Row]
    overdue_count: int


def _local_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = _day_start(day)
    return start, start + dt.timedelta(days=1)


def reminders(scope: StaffScope, limit: int = 10) -> Reminders:
    """What is due today and tomorrow (the user's steps and the dossiers of their area), and how much is late."""
    today = scope.now.astimezone(clock.VN_TZ).date()
    t0, t1 = _local_day_bounds(today)
    _t1, t2 = _local_day_bounds(today + dt.timedelta(days=1))

    def due_between(start: dt.datetime, end: dt.datetime) -> list[Row]:
        steps = _rows_by_id(
            _steps()
            .filter(_my_steps(scope), status=StepStatus.ACTIVE, due_at__gte=start, due_at__lt=end)
            .order_by("due_at", "pk"),
            limit,
        )
        rows = [Row(s.dossier, s, s.due_at, timeliness(s.due_at, scope)) for s in steps]
        seen = {r.dossier.pk for r in rows}
        dossiers = _rows_by_id(
            _dossiers().filter(_area(scope), timing.open_due_between_q(start, end)).order_by("due_at", "pk"),
            limit,
        )
        rows += [Row(d, None, d.due_at, timeliness(d.due_at, scope)) for d in dossiers if d.pk not in seen]
        return sorted(rows, key=lambda r: r.due or scope.now)[:limit]

    return Reminders(
        today=due_between(max(t0, scope.now - dt.timedelta(days=1)), t1),
        tomorrow=due_between(t1, t2),
        overdue_count=capped_count(q_overdue(scope)),
    )


# ---- the dossier page ----------------------------------------------------------------------------------------


def dossier_for_page(pk: int) -> Dossier | None:
    return (
        Dossier.objects.select_related(
            "procedure_version__procedure",
            "procedure_version__field",
            "receiving_agency",
            "handling_agency",
            "applicant",
            "representative",
            "owner",
        )  # fmt: skip
        .filter(pk=pk)
        .first()
    )


def staff_at(agency_ids: set[int], roles: set[str] | None = None) -> list[Any]:
    """Active staff users at these agencies (for assign / hand-over pickers)."""
    rows = StaffRole.objects.filter(agency_id__in=agency_ids, is_active=True, user__is_active=True)
    if roles:
        rows = rows.filter(role__in=roles)
    seen: dict[int, Any] = {}
    for row in rows.select_related("user", "unit", "agency").order_by("user__full_name", "user__username"):
        seen.setdefault(row.user_id, (row.user, row))
    return list(seen.values())


_fields: tuple[float, list[tuple[str, str]]] | None = None
#: The fields of the catalogue change rarely: the filter's choices are remembered this long per process.
FIELDS_TTL_SECONDS = 60.0


def field_choices() -> list[tuple[str, str]]:
    global _fields  # a per-process cache of static choices
    now = time.monotonic()
    if _fields is None or now - _fields[0] > FIELDS_TTL_SECONDS:
        _fields = (now, list(Field.objects.order_by("name").values_list("code", "name")))
    return _fields[1]


#: Kinds of agency a handler consults from the dossier page (communes and wards are consulted through their
#: province-level department; an agency not listed can still be named through the API).
CONSULTED_KINDS = ["ministry", "province", "department", "one_stop_centre", "other"]


def consultable_agencies(limit: int = 300) -> list[Agency]:
    return list(Agency.objects.filter(is_active=True, kind__in=CONSULTED_KINDS).order_by("name")[:limit])


ROLE_LABELS = dict(Role.choices)
