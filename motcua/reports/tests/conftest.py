import pytest

from motcua.dossiers.tests.factories import World, make_world
from motcua.portal.tests.conftest import (  # noqa: F401 - the browser tests' fixtures
    _fresh_page_caches,
    browser_type_launch_args,
    live_world,
)


@pytest.fixture(autouse=True)
def _fresh_config_cache():
    from motcua.metrics import config

    config.clear_cache()
    yield
    config.clear_cache()


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world()
