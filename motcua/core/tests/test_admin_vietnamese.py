"""The Django admin in Vietnamese (issue 13, item 23): Django's own strings its Vietnamese catalogue lacks are in our
tables, every field of ours has a translatable name, events and steps show labels, not codes."""

import glob
import os
import re
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise

from motcua.accounts.models import User
from motcua.dossiers.admin import event_label
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.ratings.models import Rating

ROOT = Path(__file__).resolve().parents[3]
ADMIN_LOCALE = Path(os.path.dirname(django.__file__)) / "contrib" / "admin" / "locale"


def english(text) -> str:
    with translation.override("en"):
        return str(text)


def django_translates(text) -> bool:
    """Django's own catalogues translate it (the fields of Django's abstract user)."""
    with translation.override("vi"):
        return str(text) != english(text)


def our_tables() -> dict[str, str]:
    table = {}
    files = [
        *sorted(glob.glob(str(ROOT / "locale/vi/*.tsv"))),
        *sorted(glob.glob(str(ROOT / "motcua/**/locale_vi*.txt"), recursive=True)),
    ]
    for name in files:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                english, vietnamese = line.split("\t")
                table[english] = vietnamese
    return table


def test_every_admin_string_django_leaves_in_english_is_in_our_tables():
    english = polib.pofile(str(ADMIN_LOCALE / "en/LC_MESSAGES/django.po"))
    vietnamese = polib.mofile(str(ADMIN_LOCALE / "vi/LC_MESSAGES/django.mo"))
    translated = {e.msgid for e in vietnamese if e.msgstr or any(e.msgstr_plural.values())}
    lacking = {e.msgid for e in english if not e.obsolete and e.msgid not in translated}
    assert {"Skip to main content", "Show counts", "Toggle theme (current theme: auto)"} <= lacking  # as reported
    table = our_tables()
    assert sorted(m for m in lacking if m not in table) == []
    source = (ROOT / "motcua/core/django_strings.py").read_text(encoding="utf-8")
    assert sorted(m for m in lacking if m not in source) == []  # so that makemessages extracts them


def test_every_field_of_ours_has_a_translatable_name_with_vietnamese():
    table = our_tables()
    unnamed, untranslated = [], []
    for model in apps.get_models():
        if not model.__module__.startswith("motcua."):
            continue
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue
            name = getattr(field, "verbose_name", None)
            if name is None or (field.auto_created and field.name == "id"):
                continue
            if not isinstance(name, Promise):
                unnamed.append(f"{model._meta.label}.{field.name}")
            elif english(name) not in table and not django_translates(name):  # the English msgid
                untranslated.append(f"{model._meta.label}.{field.name}: {english(name)}")
    assert unnamed == []
    assert untranslated == [], untranslated


def test_the_filing_channel_and_the_rating_channel_have_names_of_their_own():
    table = our_tables()
    filing = english(Dossier._meta.get_field("channel").verbose_name)
    rating = english(Rating._meta.get_field("channel").verbose_name)
    assert filing != rating
    assert table[filing] == "kênh nộp" and table[rating] == "kênh đánh giá"


@pytest.mark.django_db
def test_the_event_list_and_its_filter_show_labels_not_codes(client, world):
    from motcua.backoffice.tests.test_pages import counter

    counter(world)
    User.objects.create_superuser("root", "root@example.vn", "pw")
    client.login(username="root", password="pw")
    body = client.get("/admin/dossiers/dossierevent/").content.decode()
    assert DossierEvent.objects.filter(action="receive").exists()
    cells = re.findall(r'<td class="field-event">(.*?)</td>', body)
    assert cells and "receive" not in cells and str(event_label("receive")) in cells
    assert ">receive<" not in body and ">received<" not in body  # neither the event's code nor the state's
    assert f'?action=receive" title="{event_label("receive")}"' in body or f">{event_label('receive')}</a>" in body
