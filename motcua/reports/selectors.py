"""The SQL behind the periodic report that is not the index's: the apologies (form 04) issued in the period, per
(lead agency, field), from ``dossiers_apology``. The index's figures (aggregates, receptions by channel, stops) are
read through ``motcua.metrics.readers.handling``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Apology, Dossier
from motcua.metrics.readers.handling import Key, agency_list
from motcua.metrics.scope import Scope


def apology_counts(
    *, scope: Scope, since: dt.datetime, until: dt.datetime, field_id: int | None = None
) -> dict[Key, int]:
    """Per (lead agency, field): apologies and re-appointments (form 04) issued in [since, until)."""
    apologies, dossiers = Apology._meta.db_table, Dossier._meta.db_table
    versions = ProcedureVersion._meta.db_table
    agencies, agency_params = agency_list(scope)
    field_condition = "" if field_id is None else " AND v.field_id = %s"
    sql = f"""
        SELECT d.handling_agency_id, v.field_id, COUNT(*)
          FROM {apologies} a JOIN {dossiers} d ON d.id = a.dossier_id JOIN {versions} v ON v.id = d.procedure_version_id
         WHERE a.issued_at >= %s AND a.issued_at < %s AND d.handling_agency_id IN ({agencies}){field_condition}
         GROUP BY d.handling_agency_id, v.field_id
    """  # noqa: S608 - only table names are formatted in
    params: list[Any] = [since, until, *agency_params] + ([] if field_id is None else [field_id])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(int(a), int(f)): int(n) for a, f, n in cursor.fetchall()}
