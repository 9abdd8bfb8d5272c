import os

import pytest

from motcua.dossiers.tests.factories import World, make_world

PASSWORD = "Mật-khẩu-2026!"

#: Debian's Chromium (../shared/STACK.md): Playwright's own browsers cannot be downloaded here.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


def with_password(*users):
    for user in users:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_world()
    with_password(world.citizen_user, world.desk, world.specialist, world.leader)
    return world


#: Screenshots are test artefacts (gitignored). pytest-playwright empties test-results/ when any session starts,
#: so a run beside another one may lose them: MOTCUA_SCREENSHOTS puts them elsewhere.
SHOTS = os.environ.get("MOTCUA_SCREENSHOTS", "test-results/screenshots")


@pytest.fixture
def live_world(transactional_db, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_world()
    with_password(world.citizen_user, world.desk, world.specialist, world.leader)
    return world


def shot(page, name: str, *, mobile: bool = False) -> None:
    """Save a full-page screenshot (test artefact); with ``mobile`` also at 360 px wide."""
    import pathlib

    pathlib.Path(SHOTS).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)
    if mobile:
        size = page.viewport_size
        page.set_viewport_size({"width": 360, "height": 780})
        page.screenshot(path=f"{SHOTS}/{name}-360.png", full_page=True)
        page.set_viewport_size(size)


def log_in(browser, base_url: str, username: str, path: str = "/accounts/login/"):
    """A fresh browser context logged in as ``username``; returns its page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{base_url}{path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:not(.link)")
    page.wait_for_load_state()
    return page


@pytest.fixture(autouse=True)
def _fresh_page_caches():
    """Ids are reused after a rolled-back test (SQLite): the back office's per-process caches start empty."""
    from motcua.backoffice import selectors
    from motcua.web import staff

    staff._soon.clear()
    selectors._fields = None
