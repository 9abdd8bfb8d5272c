"""Demo catalogue: real procedures of Hà Nội's two-tier government with approved internal processes.

The data file (``data/demo_catalog.json``) is loaded through the ordinary importer, so the demo exercises the
same checks as any import, and loading it twice changes nothing. It needs the agencies, units and staff of the
orgs and accounts demos (loaded before it).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from motcua.catalog import forms
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


def blank_form_pdf(title: str) -> bytes:
    """A demo blank form: the form's title and lines to fill in (the real forms come from the ministries)."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    lines = "".join("<p class='line'>" + "." * 110 + "</p>" for _ in range(14))
    html = (
        "<html><head><meta charset='utf-8'><style>@page { size: A4; margin: 2cm; font-family: 'DejaVu Serif'; }"
        " body { font-family: 'DejaVu Serif'; font-size: 12pt; } h1 { text-align: center; font-size: 14pt; }"
        " .top { text-align: center; font-weight: bold; } .line { margin: .9em 0; color: #555; }</style></head><body>"
        "<p class='top'>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</p>"
        f"<h1>{escape(title.upper())}</h1><p><em>Mẫu minh họa của dữ liệu demo</em></p>{lines}</body></html>"
    )
    return bytes(HTML(string=html).write_pdf())


def store_demo_forms(document: dict[str, Any]) -> int:
    """Put a blank form in the form store for every component of the demo file that names one (before the import,
    which refuses a form file the store does not hold); returns how many were made."""
    made = 0
    for procedure in document["procedures"]:
        for component in procedure.get("components", []):
            name = component.get("form_file")
            if name and not forms.exists(forms.stored_name(name)):
                forms.put(name, blank_form_pdf(component.get("form_name") or component["name"]))
                made += 1
    return made


def load(stdout: Any) -> None:
    data = DATA.read_bytes()
    store_demo_forms(json.loads(data))
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
