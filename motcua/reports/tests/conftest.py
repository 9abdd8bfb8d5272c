import pytest

from motcua.dossiers.tests.factories import World, make_world


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
