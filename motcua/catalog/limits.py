"""Time-limit arithmetic of the catalogue (pure functions, no database).

Working time is counted in working hours: one working day is 8 working hours, one half day (one office
session) is 4. Calendar days and months are not working time; a limit in those units has no fixed number of
working hours (see :func:`limit_hours`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from motcua.catalog.models.choices import DurationUnit
from motcua.workcalendar.units import TimeUnit

HOURS_PER_DAY = Decimal(8)
HOURS_PER_HALF_DAY = Decimal(4)


def limit_hours(amount: Decimal, unit: str) -> Decimal | None:
    """Working hours in a limit of ``amount`` ``unit``; ``None`` for calendar days and months."""
    if unit == TimeUnit.WORKING_DAY:
        return amount * HOURS_PER_DAY
    if unit == TimeUnit.WORKING_HOUR:
        return amount
    return None


def duration_hours(amount: Decimal, unit: str) -> Decimal:
    """Working hours of a process step lasting ``amount`` ``unit`` (working hours or half days)."""
    if unit == DurationUnit.HALF_DAY:
        return amount * HOURS_PER_HALF_DAY
    if unit == DurationUnit.WORKING_HOUR:
        return amount
    raise ValueError(f"unknown duration unit {unit!r}")


def amount_step_ok(amount: Decimal, unit: str) -> bool:
    """Limits are whole units, except working days, which may end on a half day (2.5, 4.5, 13.5)."""
    if amount <= 0:
        return False
    step = Decimal("0.5") if unit == TimeUnit.WORKING_DAY else Decimal(1)
    return amount % step == 0


def same_or_shorter(committed: Decimal, committed_unit: str, statutory: Decimal, statutory_unit: str) -> bool:
    """Whether the committed limit is not longer than the statutory one (comparable units only)."""
    a, b = limit_hours(committed, committed_unit), limit_hours(statutory, statutory_unit)
    if a is not None and b is not None:
        return a <= b
    if committed_unit == statutory_unit:
        return committed <= statutory
    if {committed_unit, statutory_unit} <= {TimeUnit.CALENDAR_DAY, TimeUnit.MONTH}:
        # A month is at least 28 calendar days: only a sure excess is refused.
        days = committed if committed_unit == TimeUnit.CALENDAR_DAY else committed * 28
        limit = statutory if statutory_unit == TimeUnit.CALENDAR_DAY else statutory * 31
        return days <= limit
    # Working time against calendar time: a working day is never shorter than a calendar day.
    return True


@dataclass(frozen=True)
class TimedStep:
    """What the sum rule needs of a step: its order, its parallel group and its length in hours."""

    position: int
    parallel_group: str
    hours: Decimal


def stages(steps: Iterable[TimedStep]) -> list[list[TimedStep]]:
    """Steps in order, consecutive steps of the same (non-empty) parallel group put in one stage."""
    result: list[list[TimedStep]] = []
    for step in sorted(steps, key=lambda s: s.position):
        last = result[-1] if result else None
        if last and step.parallel_group and last[0].parallel_group == step.parallel_group:
            last.append(step)
        else:
            result.append([step])
    return result


def longest_path_hours(steps: Sequence[TimedStep]) -> Decimal:
    """Length of the longest path: stages run one after another, the steps of a stage side by side."""
    return sum((max(s.hours for s in stage) for stage in stages(steps)), Decimal(0))


def scattered_groups(steps: Sequence[TimedStep]) -> list[str]:
    """Parallel groups whose steps are not consecutive (a group must be one block of steps)."""
    seen: set[str] = set()
    broken: list[str] = []
    for stage in stages(steps):
        group = stage[0].parallel_group
        if not group:
            continue
        if group in seen and group not in broken:
            broken.append(group)
        seen.add(group)
    return broken
