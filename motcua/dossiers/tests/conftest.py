import pytest

from motcua.dossiers.tests.factories import World, make_world


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world()
