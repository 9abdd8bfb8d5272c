"""Which agencies an index read covers: an agency's subtree (by the materialised ``path``), optionally only the
provincial bodies, the districts or the communes in it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from motcua.orgs.models import Agency, AgencyKind


class Part(StrEnum):
    ALL = "all"
    PROVINCIAL_BODIES = "provincial_bodies"
    DISTRICTS = "districts"
    COMMUNES = "communes"


COMMUNE_KINDS = (AgencyKind.COMMUNE, AgencyKind.WARD, AgencyKind.SPECIAL_ZONE)
DISTRICT_KINDS = (AgencyKind.DISTRICT,)
PART_KINDS: dict[Part, tuple[str, ...] | None] = {
    Part.ALL: None,
    Part.COMMUNES: tuple(COMMUNE_KINDS),
    Part.DISTRICTS: tuple(DISTRICT_KINDS),
    Part.PROVINCIAL_BODIES: tuple(k for k in AgencyKind.values if k not in COMMUNE_KINDS + DISTRICT_KINDS),
}


@dataclass(frozen=True)
class Scope:
    root: Agency
    part: Part = Part.ALL

    @property
    def kinds(self) -> tuple[str, ...] | None:
        return PART_KINDS[self.part]

    def agency_sql(self) -> tuple[str, list[Any]]:
        """``SELECT id FROM orgs_agency …`` for the covered agencies, with its parameters."""
        sql = f"SELECT id FROM {Agency._meta.db_table} WHERE path LIKE %s"  # noqa: S608 - table name from the model
        params: list[Any] = [self.root.path + "%"]
        if self.kinds is not None:
            sql += " AND kind IN (" + ", ".join(["%s"] * len(self.kinds)) + ")"
            params.extend(self.kinds)
        return sql, params

    def agencies(self) -> list[Agency]:
        qs = Agency.objects.filter(path__startswith=self.root.path)
        if self.kinds is not None:
            qs = qs.filter(kind__in=self.kinds)
        return list(qs)
