"""Pieces every intake path assembles: the version's parts, fee lines, component rows, the reception plan.

Published procedure versions and approved processes are immutable, so their parts are cached in the process;
an approved process is looked up by id on every reception (one query), so a newly approved process is used at
once.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from functools import lru_cache

from django.core.files.base import File
from django.db import connection
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor, acting_user
from motcua.catalog.models import Component, Fee, ProcedureVersion
from motcua.catalog.selectors import approved_process, process_for
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.core.sqlvendor import is_postgresql
from motcua.dossiers import timing
from motcua.dossiers.file_access import reusable_file
from motcua.dossiers.files import store_upload
from motcua.dossiers.models import Counter, Dossier, DossierComponent, FeeLine, Step, StepStatus, StoredFile
from motcua.orgs.models import Agency
from motcua.workcalendar.services.deadlines import add_working_time, transfer_deadline

MAX_DAILY = 9999


@dataclass(frozen=True)
class Parts:
    components: tuple[Component, ...]
    fees: tuple[Fee, ...]
    agency_ids: frozenset[int]

    def component(self, pk: int) -> Component | None:
        return next((c for c in self.components if c.pk == pk), None)


@lru_cache(maxsize=4096)
def _parts(version_id: int) -> Parts:
    version = ProcedureVersion.objects.get(pk=version_id)
    return _load_parts(version)


def _load_parts(version: ProcedureVersion) -> Parts:
    agency_ids = frozenset(version.agencies.values_list("pk", flat=True))
    return Parts(tuple(version.components.all()), tuple(version.fees.all()), agency_ids)


def version_parts(version: ProcedureVersion) -> Parts:
    """Components and fees of a version (cached for published versions, which never change)."""
    if not version.is_published:
        return _load_parts(version)
    return _parts(version.pk)


@dataclass(frozen=True)
class PlannedStep:
    position: int
    kind: str
    agency: Agency
    unit_id: int | None
    role: str
    parallel_group: str
    description: str
    duration_minutes: int


_plans: dict[tuple[int, int], tuple[PlannedStep, ...]] = {}
_plans_lock = threading.Lock()
_approved: dict[tuple[int, int], tuple[float, int]] = {}
#: How long which process is approved at an agency is remembered: a newly approved one is used within this time.
PROCESS_TTL_SECONDS = 2.0


def _approved_process_id(version: ProcedureVersion, agency: Agency) -> int:
    key = (version.pk, agency.pk)
    hit = _approved.get(key)
    now = time.monotonic()
    if hit is not None and now - hit[0] < PROCESS_TTL_SECONDS:
        return hit[1]
    process = approved_process(version, agency)
    if process is None:
        process_for(version, agency)  # raises the catalogue's precise NotFound
    assert process is not None  # noqa: S101
    _approved[key] = (now, process.pk)
    return process.pk


def process_plan(version: ProcedureVersion, agency: Agency) -> tuple[PlannedStep, ...]:
    """The approved internal process of ``version`` at ``agency`` as step templates (cached per process)."""
    key = (_approved_process_id(version, agency), agency.pk)
    plan = _plans.get(key)
    if plan is None:
        plan = tuple(
            PlannedStep(
                position=s.position,
                kind=s.kind,
                agency=s.agency,
                unit_id=s.unit.pk if s.unit else None,
                role=s.role,
                parallel_group=s.parallel_group,
                description=s.description,
                duration_minutes=int(s.duration_hours * 60),
            )  # fmt: skip
            for s in process_for(version, agency).steps
        )
        with _plans_lock:
            _plans[key] = plan
    return plan


def clear_caches() -> None:
    """Forget cached version parts and process plans (tests, where rolled-back ids are reused)."""
    _parts.cache_clear()
    with _plans_lock:
        _plans.clear()
    _approved.clear()
    timing.clear_calendar_cache()


def fee_lines(dossier: Dossier, parts: Parts, fee_rows: dict[int, str]) -> tuple[list[FeeLine], int]:
    """The dossier's fee lines; ``fee_rows`` chooses the row of each fee given as a table (by the fee's id), and
    naming a fee the procedure does not have, or one without a table, is refused."""
    tables = {fee.pk for fee in parts.fees if fee.amount is None and fee.rows}
    unknown = sorted(set(fee_rows) - tables)
    if unknown:
        message = _("This procedure has no fee table with the id %(ids)s.") % {"ids": ", ".join(map(str, unknown))}
        raise ValidationFailed(
            message,
            code="unknown_fee",
            fields={f"fee_rows.{fee}": _("Not a fee table of this procedure.") for fee in unknown},
        )
    lines: list[FeeLine] = []
    for fee in parts.fees:
        amount, name = fee.amount, fee.name
        if amount is None and fee.rows:
            label = fee_rows.get(fee.pk)
            row = next((r for r in fee.rows if r.get("label") == label), None)
            if row is None:
                raise ValidationFailed(
                    _("Choose which amount of “%(fee)s” applies.") % {"fee": fee.name},
                    code="fee_row_required",
                    fields={f"fee_rows.{fee.pk}": [r.get("label", "") for r in fee.rows]},
                )
            amount, name = int(row["amount"]), f"{fee.name}: {label}"
        if amount:
            lines.append(FeeLine(dossier=dossier, fee=fee, name=name[:500], amount=amount))
    return lines, sum(line.amount for line in lines)


@dataclass
class ComponentInput:
    """One component handed in: an upload (name + bytes or a file object, e.g. the upload Django streamed to a
    temporary file), a reused stored file, or paper to be scanned."""

    component_id: int
    file_name: str = ""
    content: bytes | File | None = None
    reuse_file_id: int | None = None
    paper: bool = False
    originals: int | None = None
    certified_copies: int | None = None
    copies: int | None = None


def component_rows(dossier: Dossier, parts: Parts, items: list[ComponentInput], actor: Actor) -> list[DossierComponent]:
    rows = []
    for item in items:
        component = parts.component(item.component_id)
        field = f"components.{item.component_id}"
        if component is None:
            raise ValidationFailed(
                _("Component %(id)s is not part of this procedure.") % {"id": item.component_id},
                code="unknown_component",
                fields={field: _("Unknown component.")},
            )
        stored: StoredFile | None = None
        if item.content is not None:
            stored = store_upload(
                name=item.file_name or "tai-lieu", data=item.content, field=field, uploaded_by=actor,
                owner_applicant=dossier.applicant,
            )  # fmt: skip
        elif item.reuse_file_id is not None:
            # Only who may already read the file: the owner online, staff who may see a dossier holding it.
            stored = reusable_file(actor, dossier, item.reuse_file_id, field=field)
        elif not item.paper:
            raise ValidationFailed(
                _("Component “%(name)s”: attach a file, reuse a stored document or mark it as handed in on paper.")
                % {"name": component.name[:80]},
                code="component_empty",
                fields={field: _("Nothing provided.")},
            )
        rows.append(
            DossierComponent(
                dossier=dossier,
                component=component,
                name=component.name,
                originals=component.originals if item.originals is None else item.originals,
                certified_copies=component.certified_copies if item.certified_copies is None else item.certified_copies,
                copies=component.copies if item.copies is None else item.copies,
                file=stored,
                reused=item.reuse_file_id is not None and item.content is None,
                paper=item.paper,
            )  # fmt: skip
        )
    return rows


def check_complete(parts: Parts, provided: set[int]) -> None:
    """Every mandatory component is there; otherwise all the missing ones are named at once."""
    missing = [c for c in parts.components if c.requirement == "mandatory" and c.pk not in provided]
    if missing:
        raise ValidationFailed(
            _("Mandatory components are missing: %(names)s.") % {"names": "; ".join(c.name[:80] for c in missing)},
            code="components_missing",
            fields={f"components.{c.pk}": _("Missing.") for c in missing},
        )


def _upsert(count: int, new_id_of: str | None) -> str:
    values = ", ".join(["(%s, %s, %s, 1)"] * count)
    upsert = (
        f"INSERT INTO dossiers_counter (agency_id, kind, period, value) VALUES {values} "  # noqa: S608 - placeholders
        "ON CONFLICT (agency_id, kind, period) DO UPDATE SET value = dossiers_counter.value + 1 "
        "RETURNING kind, period, value"
    )
    if new_id_of is None:
        return upsert
    return (
        f"WITH taken AS ({upsert}) SELECT kind, period, value FROM taken "  # noqa: S608 - a model's table name
        f"UNION ALL SELECT '', '', nextval(pg_get_serial_sequence('{new_id_of}', 'id'))"
    )


def next_numbers(
    agency: Agency, sequences: list[tuple[str, str]], *, new_id_of: str | None = None
) -> tuple[dict[tuple[str, str], int], int | None]:
    """Take the next number of each of ``agency``'s (kind, period) sequences inside the caller's transaction, and
    with ``new_id_of`` (a table, PostgreSQL only) the id its next row will have, in the same round trip.

    One upsert: it creates the rows or increments them, and keeps them locked until commit, so concurrent receptions
    at one desk queue on them and numbers are never shared or skipped (a rolled-back transaction gives its numbers
    back). Rows are always taken in the same (sorted) order, so two receptions cannot deadlock on them.
    """
    ordered = sorted(sequences)
    with connection.cursor() as cursor:
        cursor.execute(
            _upsert(len(ordered), new_id_of), [v for kind, period in ordered for v in (agency.pk, kind, period)]
        )
        rows = cursor.fetchall()
    numbers = {(kind, period): int(value) for kind, period, value in rows if kind}
    new_id = next((int(value) for kind, _period, value in rows if not kind), None)
    return numbers, new_id


def reception_numbers(dossier: Dossier, received_at: dt.datetime) -> None:
    """Give ``dossier`` its code ``<agency identifier>-<YYMMDD>-<XXXX>`` (RULES §5: the local reception date and
    that day's sequence) and its (year, line) in the desk's register, numbered from 1 each year and never restarted
    mid-year; a new dossier on PostgreSQL gets its id in the same round trip (it is then inserted with its rows)."""
    agency = dossier.receiving_agency
    local = received_at.astimezone(clock.VN_TZ)
    day, year = (Counter.KIND_CODE, local.strftime("%y%m%d")), (Counter.KIND_REGISTER, str(local.year))
    new_id_of = Dossier._meta.db_table if dossier.pk is None and is_postgresql() else None
    numbers, new_id = next_numbers(agency, [day, year], new_id_of=new_id_of)
    if numbers[day] > MAX_DAILY:
        raise Conflict(
            _("%(agency)s has already received %(max)d dossiers on %(day)s: the 4-digit daily sequence is exhausted.")
            % {"agency": agency.code, "max": MAX_DAILY, "day": local.strftime("%d/%m/%Y")},
            code="code_sequence_exhausted",
        )
    dossier.code = f"{agency.code}-{local:%y%m%d}-{numbers[day]:04d}"
    dossier.register_year, dossier.register_no = local.year, numbers[year]
    if new_id is not None:
        dossier.pk = new_id


def plan_reception(dossier: Dossier, now: dt.datetime, actor: Actor) -> list[Step]:
    """Set the reception fields of ``dossier`` (code, register line, clock, appointment, transfer deadline) and
    return its steps, scheduled from ``now``; the first (reception at the desk) is in hand."""
    calendar = timing.calendar_for(dossier.receiving_agency)
    plan = process_plan(dossier.procedure_version, dossier.handling_agency)
    dossier.received_at = dossier.clock_start_at = now
    reception_numbers(dossier, now)
    dossier.due_at = dossier.appointment_at = add_working_time(
        start=now, amount=dossier.limit_amount, unit=dossier.limit_unit, calendar=calendar
    )
    dossier.transfer_due_at = transfer_deadline(received_at=now, calendar=calendar)
    dossier.submitted_at = dossier.submitted_at or now
    steps = [
        Step(
            dossier=dossier,
            position=p.position,
            kind=p.kind,
            agency=p.agency,
            unit_id=p.unit_id,
            role=p.role,
            parallel_group=p.parallel_group,
            description=p.description,
            duration_minutes=p.duration_minutes,
        )  # fmt: skip
        for p in plan
    ]
    timing.schedule(steps, now, calendar)
    if steps and steps[0].kind == "receive":
        steps[0].status, steps[0].started_at, steps[0].received_by = StepStatus.ACTIVE, now, acting_user(actor)
    return steps
