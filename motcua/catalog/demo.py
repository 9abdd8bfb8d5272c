"""Demo catalogue: real procedures of Hà Nội's two-tier government with approved internal processes.

The data file (``data/demo_catalog.json``) is loaded through the ordinary importer, so the demo exercises the
same checks as any import, and loading it twice changes nothing. It needs the agencies, units and staff of the
orgs and accounts demos (loaded before it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from motcua.catalog.importing import ImportFailed, catalog_import
from motcua.orgs.models import Agency

DATA = Path(__file__).resolve().parent / "data" / "demo_catalog.json"


def needed_agencies(document: dict[str, Any]) -> set[str]:
    """Every agency code the demo file names."""
    codes = {d["issuer"] for d in document["decisions"] if d.get("issuer")}
    for procedure in document["procedures"]:
        codes.update(procedure.get("agencies", []))
        for process in procedure.get("processes", []):
            if process.get("agency"):
                codes.add(process["agency"])
            codes.update(step["agency"] for step in process["steps"] if step.get("agency"))
    return codes


def load(stdout: Any) -> None:
    data = DATA.read_bytes()
    missing = sorted(needed_agencies(json.loads(data)) - set(Agency.objects.values_list("code", flat=True)))
    if missing:
        raise RuntimeError(
            "The catalogue demo needs the agencies of the orgs demo (load it first); missing: " + ", ".join(missing)
        )
    try:
        report = catalog_import(data, filename=DATA.name)
    except ImportFailed as failed:
        raise RuntimeError("The demo catalogue does not import:\n" + "\n".join(map(str, failed.issues))) from failed
    stdout.write(f"Catalogue: {report.summary()}")
