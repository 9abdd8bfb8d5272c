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
