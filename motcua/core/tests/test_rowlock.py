"""The shared row lock: only inside a transaction, the row or the caller's not-found error."""

import pytest
from django.db import transaction

from motcua.core.errors import NotFound
from motcua.core.rowlock import lock_row
from motcua.orgs.models import Agency
from motcua.orgs.tests.factories import make_world


@pytest.mark.django_db
def test_the_row_is_returned_inside_a_transaction_and_the_callers_error_for_a_missing_one():
    world = make_world()
    with transaction.atomic():
        assert lock_row(Agency.objects.all(), world.centre.pk, NotFound("none")) == world.centre
        with pytest.raises(NotFound, match="no such agency"):
            lock_row(Agency.objects.all(), 10**9, NotFound("no such agency"))


@pytest.mark.django_db(transaction=True)
def test_locking_outside_a_transaction_is_a_programming_error():
    world = make_world()  # a transactional test: no atomic block around it
    with pytest.raises(RuntimeError, match="inside transaction.atomic"):
        lock_row(Agency.objects.all(), world.centre.pk, NotFound("none"))
