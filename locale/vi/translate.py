"""Fill locale/vi/LC_MESSAGES/django.po from translation tables, then compile it.

Tables: locale/vi/*.tsv and each app's motcua/<app>/locale_vi.txt; each line is
English msgid <TAB> Vietnamese msgstr (a literal "\\n" stands for a line break). Run by `make messages`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PO = HERE / "LC_MESSAGES" / "django.po"


def load_tables() -> dict[str, str]:
    table: dict[str, str] = {}
    app_tables = sorted((HERE.parent.parent / "motcua").glob("**/locale_vi*.txt"))
    for tsv in [*sorted(HERE.glob("*.tsv")), *app_tables]:
        for number, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            try:
                english, vietnamese = line.split("\t")
            except ValueError:
                sys.exit(f"{tsv.name}:{number}: expected one TAB between English and Vietnamese")
            table[english.replace("\\n", "\n")] = vietnamese.replace("\\n", "\n")
    return table


def main() -> None:
    import polib

    table = load_tables()
    po = polib.pofile(str(PO))
    po.metadata["Language"] = "vi"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    missing = []
    for entry in po:
        fuzzy = "fuzzy" in entry.flags
        if fuzzy:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
        if entry.msgid in table:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: table.get(entry.msgid_plural, table[entry.msgid])}
            else:
                entry.msgstr = table[entry.msgid]
        elif fuzzy or not (entry.msgstr or any(entry.msgstr_plural.values())):
            entry.msgstr = ""  # a guess from a similar message is worse than the English
            entry.msgstr_plural = {0: ""} if entry.msgid_plural else {}
            missing.append(entry.msgid)
    po.save(str(PO))
    subprocess.run(["msgfmt", "--check-format", "-o", str(PO.with_suffix(".mo")), str(PO)], check=True)  # noqa: S607
    for msgid in missing:
        print(f"untranslated: {msgid!r}")  # noqa: T201
    print(f"{len(po) - len(missing)}/{len(po)} messages translated")  # noqa: T201


if __name__ == "__main__":
    main()
