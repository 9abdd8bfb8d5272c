import pytest

from motcua.dossiers.tests.factories import vn
from motcua.metrics.tests.helpers import decide, intake, return_result, transfer


@pytest.fixture
def returned(world):
    """A dossier received Mon 02/03/2026, decided the next day and returned at the desk on Wed 04/03 at 10:00."""
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    decide(world, dossier, vn(2026, 3, 3, 10, 0))
    return_result(world, dossier, vn(2026, 3, 4, 10, 0))
    dossier.refresh_from_db()
    return dossier
