"""The per-dossier indicators of the evaluation in SQL, and their sums per lead agency or per official, in one
statement each (read by ``motcua.scoring``).

``dossier_points_sql`` is the only place the per-dossier points (indicators 1, 2, 3, 4, 7) are written; the dossier
page runs it for one dossier, the unit and official reports group it. It reads the dossier's facts row kept by the
index (``metrics_dossierfact``: the lead agency, the decision day, the timeliness of the end of processing decided
by ``dossiers.timing`` when the row was written, online and full-process eligible), the dossier row, its steps, its
form-02 requests and its current rating. Local days are Vietnam days (UTC+7, no daylight saving).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from motcua.core.sqlvendor import fence_sql
from motcua.dossiers.models import Dossier, DossierEvent, Step, StepStatus
from motcua.dossiers.timing import EARLY, LATE, classify_sql
from motcua.metrics.models import DossierFact
from motcua.metrics.rawsql import fetch
from motcua.orgs.models import Agency
from motcua.ratings.models import Rating


def dossier_points_sql(condition: str) -> str:
    """``SELECT dossier_id, agency_id, i1, i2, i3, i4, i7, full_eligible, online`` for the facts rows ``f`` that
    meet ``condition``; the points are 0/1/2 or NULL (no data). Parameters: the step status ``done``, the form-02
    action, ``True`` (current rating), then ``condition``'s."""
    facts, dossiers, steps = DossierFact._meta.db_table, Dossier._meta.db_table, Step._meta.db_table
    events, ratings = DossierEvent._meta.db_table, Rating._meta.db_table
    # The decision's timeliness as the facts row holds it: 0 late, 2 early, 1 on time; no data before the decision
    # or without a due moment. Indicator 3: the applicant's answer, else the requests recorded (form 02 at
    # reception + supplement pauses after it), read only for the dossiers whose applicant did not answer.
    timing = (
        "CASE WHEN f.decided IS NULL OR COALESCE(f.judged_due, f.due_at) IS NULL THEN NULL "
        f"WHEN f.timeliness = '{LATE}' THEN 0 WHEN f.timeliness = '{EARLY}' THEN 2 ELSE 1 END"
    )
    step = f"CASE {classify_sql('s.finished_at', 's.due_at')} WHEN '{LATE}' THEN 0 WHEN '{EARLY}' THEN 2 ELSE 1 END"
    # Times the applicant came back: every request at reception (its events: a dossier received before reception
    # requests were counted on the row has none there) and every later one. ``supplement_requests`` counts both since
    # issue 13, so the reception requests it holds are taken out once.
    came_back = "(d.supplement_requests - d.reception_supplement_requests + COUNT(*))"
    raw = f"""
        SELECT f.dossier_id AS dossier_id, f.agency_id AS agency_id, {timing} AS timing,
               (SELECT MIN({step}) FROM {steps} s
                 WHERE s.dossier_id = f.dossier_id AND s.status = %s
                   AND s.due_at IS NOT NULL AND s.finished_at IS NOT NULL) AS steps,
               CASE r.came_back WHEN 'none' THEN 2 WHEN 'once' THEN 1 WHEN 'more' THEN 0
                    ELSE (SELECT CASE WHEN {came_back} = 0 THEN 2 WHEN {came_back} = 1 THEN 1 ELSE 0 END
                            FROM {events} e WHERE e.dossier_id = f.dossier_id AND e.action = %s) END AS came_back,
               r.bodies_contacted AS bodies_contacted, r.attitude AS attitude,
               f.full_eligible AS full_eligible, f.online AS online
          FROM {facts} f
          JOIN {dossiers} d ON d.id = f.dossier_id
          LEFT JOIN {ratings} r ON r.dossier_id = f.dossier_id AND r.is_current = %s
         WHERE {condition}
         {fence_sql()}
    """  # noqa: S608 - table names from the models, values are parameters
    return f"""
        SELECT dossier_id, agency_id,
               timing AS i1,
               steps AS i2,
               came_back AS i3,
               CASE bodies_contacted WHEN 'none' THEN 2 WHEN 'desk_only' THEN 1 WHEN 'more' THEN 0 END AS i4,
               CASE WHEN attitude = 'complaint' THEN NULL ELSE timing END AS i7,
               full_eligible, online
          FROM ({raw}) x
         {fence_sql()}
    """  # noqa: S608


def _base_params() -> list[Any]:
    return [StepStatus.DONE.value, "request_supplement", True]


@dataclass(frozen=True)
class DossierPoints:
    """One dossier's points: 0, 1 or 2 per indicator, None where there is no data."""

    dossier_id: int
    agency_id: int
    i1: int | None
    i2: int | None
    i3: int | None
    i4: int | None
    i7: int | None
    full_eligible: bool
    online: bool

    def indicator(self, number: int) -> int | None:
        """The points of per-dossier indicator ``number`` (1, 2, 3, 4 or 7)."""
        value: int | None = getattr(self, f"i{number}")
        return value


#: The sums of a group of dossiers, by the names in :data:`SUM_NAMES`.
Sums = dict[str, int]


def _point(value: Any) -> int | None:
    return None if value is None else int(value)


def dossier_points(dossier_id: int) -> DossierPoints | None:
    """The points of one dossier (whatever its state), or None when it was never received."""
    sql = dossier_points_sql("f.dossier_id = %s")
    rows = fetch(sql, [*_base_params(), dossier_id])
    if not rows:
        return None
    dossier, agency, i1, i2, i3, i4, i7, full_eligible, online = rows[0]
    return DossierPoints(
        dossier_id=int(dossier), agency_id=int(agency), i1=_point(i1), i2=_point(i2), i3=_point(i3), i4=_point(i4),
        i7=_point(i7), full_eligible=bool(full_eligible), online=bool(online),
    )  # fmt: skip


def _subtree_condition(root: Agency, start: dt.date, end: dt.date) -> tuple[str, list[Any]]:
    agencies = Agency._meta.db_table
    condition = (
        f"f.agency_id IN (SELECT id FROM {agencies} WHERE path LIKE %s) "  # noqa: S608
        "AND f.decided >= %s AND f.decided <= %s"
    )
    return condition, [root.path + "%", start, end]


SUMS = """
    COUNT(*), SUM(i1), COUNT(i1), SUM(i2), COUNT(i2), SUM(i3), COUNT(i3), SUM(i4), COUNT(i4), SUM(i7), COUNT(i7),
    SUM(CASE WHEN full_eligible THEN 1 ELSE 0 END),
    SUM(CASE WHEN full_eligible AND online THEN 1 ELSE 0 END),
    SUM(CASE WHEN full_eligible AND online AND i1 = 0 THEN 1 ELSE 0 END)
"""
#: Names of the sums, in order.
SUM_NAMES = ("dossiers", "p1", "n1", "p2", "n2", "p3", "n3", "p4", "n4", "p7", "n7",
             "eligible", "online", "late_online")  # fmt: skip


def _row(values: Sequence[Any]) -> Sums:
    return {name: int(value or 0) for name, value in zip(SUM_NAMES, values, strict=True)}


def sums_by_agency(root: Agency, start: dt.date, end: dt.date) -> dict[int, Sums]:
    """Per lead agency of ``root``'s subtree, the sums of the dossiers whose processing ended (decision) in
    [start, end]: one grouped statement."""
    condition, params = _subtree_condition(root, start, end)
    sql = f"SELECT agency_id, {SUMS} FROM ({dossier_points_sql(condition)}) p GROUP BY agency_id"  # noqa: S608
    return {int(row[0]): _row(row[1:]) for row in fetch(sql, [*_base_params(), *params])}


def sums_by_official(root: Agency, start: dt.date, end: dt.date) -> dict[int, Sums]:
    """Per official who handled a dossier of ``root``'s subtree decided in [start, end] (received it at the desk,
    was assigned, received or handed over one of its steps, or signed the decision), the same sums."""
    condition, params = _subtree_condition(root, start, end)
    steps = Step._meta.db_table
    hands = " UNION ".join(
        f"SELECT s.dossier_id, s.{column} AS user_id FROM {steps} s JOIN p ON p.dossier_id = s.dossier_id "  # noqa: S608
        f"WHERE s.{column} IS NOT NULL"
        for column in ("received_by_id", "assignee_id", "handed_over_by_id")
    )
    sql = f"""
        WITH p AS ({dossier_points_sql(condition)}), h AS ({hands})
        SELECT h.user_id, {SUMS} FROM h JOIN p ON p.dossier_id = h.dossier_id GROUP BY h.user_id
    """  # noqa: S608
    return {int(row[0]): _row(row[1:]) for row in fetch(sql, [*_base_params(), *params])}
