"""The dossier page offers the desk the reopening of tracking by check digits once a code is locked (issue 12,
item 2); the form posts with its CSRF token, as a browser does."""

import re

import pytest
from django.test import Client

from motcua.core.errors import NotFound
from motcua.dossiers import tracking
from motcua.dossiers.models import DossierEvent
from motcua.portal.tests.test_public import received


def _lock(code: str) -> None:
    for attempt in range(tracking.FACTOR_TRIES):
        with pytest.raises(NotFound):
            tracking.tracking_lookup(code=code, factor=f"{attempt:04d}")


def _browser(user) -> Client:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    return browser


def _reopen_form(page: str) -> tuple[str, str] | None:
    found = re.search(
        r'<form method="post" action="([^"]+/mo-tra-cuu/)">.*?name="csrfmiddlewaretoken" value="([^"]+)"', page, re.S
    )
    return (found.group(1), found.group(2)) if found else None


def test_the_desk_reopens_a_locked_code_from_the_dossier_page(world):
    dossier = received(world)
    desk = _browser(world.desk)
    url = f"/staff/ho-so/{dossier.pk}/"
    # given an open code: nothing to reopen
    assert _reopen_form(desk.get(url).content.decode()) is None
    # when 5 wrong checks lock it, the page offers to reopen it
    _lock(dossier.code)
    action, token = _reopen_form(desk.get(url).content.decode())
    assert desk.post(action).status_code == 403  # no CSRF token: refused
    done = desk.post(action, {"csrfmiddlewaretoken": token})
    # then the code takes check digits again, and the history says who reopened it
    assert done.status_code == 302
    assert tracking.tracking_lookup(code=dossier.code, factor="5678") == dossier
    assert DossierEvent.objects.get(dossier=dossier, action="tracking_unlock").actor == world.desk
    assert _reopen_form(desk.get(url).content.decode()) is None


def test_a_specialist_may_not_reopen_it(world):
    dossier = received(world)
    _lock(dossier.code)
    specialist = _browser(world.specialist)
    page = specialist.get(f"/staff/ho-so/{dossier.pk}/").content.decode()
    assert _reopen_form(page) is None
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    csrf = token.group(1) if token else specialist.cookies["csrftoken"].value
    refused = specialist.post(f"/staff/ho-so/{dossier.pk}/mo-tra-cuu/", {"csrfmiddlewaretoken": csrf})
    assert refused.status_code == 403
    assert "backoffice/forbidden.html" in [t.name for t in refused.templates]  # the policy's refusal, not CSRF's
    assert tracking.tracking_locked(dossier)
