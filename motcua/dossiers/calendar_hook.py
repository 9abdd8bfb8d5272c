"""Open dossiers' deadlines as a provider for the working calendar's recomputation.

When an entry of a calendar changes, every open dossier counted in it (or in a calendar derived from it) gets its
legal due moment and its steps' deadlines recomputed from the clock start, with its closed pauses; the admin is
shown how many would move before the change is saved. Consultation steps run on the consulted agency's calendar
from their own start and are left as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Iterator, Mapping
from fractions import Fraction

from django.db import transaction

from motcua.dossiers.models import Dossier, Pause, Step, StepStatus
from motcua.dossiers.timing import groups
from motcua.dossiers.workflow import CLOCK_STATES
from motcua.orgs.models import Agency
from motcua.workcalendar.selectors import calendar_for_agency, calendar_national
from motcua.workcalendar.services import DeadlineInput
from motcua.workcalendar.units import TimeUnit


class OpenDossierDeadlines:
    def _calendar_ids(self, agency_ids: set[int]) -> dict[int, int | None]:
        national = calendar_national()
        out: dict[int, int | None] = {}
        for agency in Agency.objects.filter(pk__in=agency_ids):
            calendar = calendar_for_agency(agency) or national
            out[agency.pk] = calendar.pk if calendar else None
        return out

    def deadlines(self, calendar_ids: frozenset[int]) -> Iterable[DeadlineInput]:
        dossiers = list(
            Dossier.objects.filter(state__in=CLOCK_STATES, clock_start_at__isnull=False).only(
                "pk", "receiving_agency_id", "clock_start_at", "limit_amount", "limit_unit", "due_at"
            )
        )
        by_agency = self._calendar_ids({d.receiving_agency_id for d in dossiers})
        mine = [d for d in dossiers if by_agency.get(d.receiving_agency_id) in calendar_ids]
        pauses: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
        for pause in Pause.objects.filter(dossier__in=mine, ended_at__isnull=False).order_by("started_at"):
            assert pause.ended_at is not None  # noqa: S101 - filtered
            pauses.setdefault(pause.dossier_id, []).append((pause.started_at, pause.ended_at))
        steps: dict[int, list[Step]] = {}
        for step in Step.objects.filter(dossier__in=mine, is_consultation=False).order_by("position", "pk"):
            steps.setdefault(step.dossier_id, []).append(step)
        return self._items(mine, by_agency, pauses, steps)

    def _items(
        self,
        dossiers: list[Dossier],
        by_agency: Mapping[int, int | None],
        pauses: Mapping[int, list[tuple[dt.datetime, dt.datetime]]],
        steps: Mapping[int, list[Step]],
    ) -> Iterator[DeadlineInput]:
        for dossier in dossiers:
            calendar_id = by_agency[dossier.receiving_agency_id]
            assert calendar_id is not None and dossier.clock_start_at is not None  # noqa: PT018,S101
            start = dossier.clock_start_at
            mine = tuple(p for p in pauses.get(dossier.pk, []) if p[0] >= start)
            yield DeadlineInput(
                key=("dossier", dossier.pk), calendar_id=calendar_id, start=start, amount=dossier.limit_amount,
                unit=dossier.limit_unit, pauses=mine, current=dossier.due_at,
            )  # fmt: skip
            elapsed = 0
            for group in groups(steps.get(dossier.pk, [])):
                ends = elapsed + max(step.duration_minutes for step in group)
                for step in group:
                    if step.status in (StepStatus.PENDING, StepStatus.ACTIVE):
                        yield DeadlineInput(
                            key=("step", step.pk), calendar_id=calendar_id, start=start,
                            amount=Fraction(elapsed + step.duration_minutes, 60), unit=TimeUnit.WORKING_HOUR,
                            pauses=mine, current=step.due_at,
                        )  # fmt: skip
                elapsed = ends

    @transaction.atomic
    def apply(self, dues: Mapping[Hashable, dt.datetime]) -> None:
        dossier_dues = {key[1]: due for key, due in dues.items() if isinstance(key, tuple) and key[0] == "dossier"}
        step_dues = {key[1]: due for key, due in dues.items() if isinstance(key, tuple) and key[0] == "step"}
        changed = []
        for dossier in Dossier.objects.select_for_update().filter(pk__in=dossier_dues):
            new = dossier_dues[dossier.pk]
            if dossier.due_at != new:
                if dossier.appointment_at == dossier.due_at:  # not re-appointed by an apology
                    dossier.appointment_at = new
                dossier.due_at = new
                dossier.version += 1
                changed.append(dossier)
        Dossier.objects.bulk_update(changed, ["due_at", "appointment_at", "version"])
        steps = [s for s in Step.objects.filter(pk__in=step_dues) if s.due_at != step_dues[s.pk]]
        for step in steps:
            step.due_at = step_dues[step.pk]
        Step.objects.bulk_update(steps, ["due_at"])
