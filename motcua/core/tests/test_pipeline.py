"""Rows inserted together: one round trip on PostgreSQL, the same rows and the caller's transaction everywhere."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from motcua.core.pipeline import fetch_many, insert_together
from motcua.integrations.models import OutboxMessage
from motcua.orgs.models import Agency, AgencyKind


@pytest.mark.django_db
def test_rows_of_several_models_are_inserted_with_their_defaults():
    province = Agency.objects.create(code="000.00.00.H99", name="Tỉnh thử", kind=AgencyKind.PROVINCE, path="99/")
    messages = [OutboxMessage(topic="t", key=f"k{n}", payload={"n": n, "tên": "Hà Nội"}) for n in range(3)]
    insert_together(messages, [])
    stored = list(OutboxMessage.objects.filter(topic="t").order_by("key").values_list("key", "payload", "status"))
    assert stored == [(f"k{n}", {"n": n, "tên": "Hà Nội"}, "pending") for n in range(3)]
    assert all(m.created_at is not None for m in OutboxMessage.objects.filter(topic="t"))
    assert province.pk is not None


@pytest.mark.django_db(transaction=True)
def test_they_belong_to_the_callers_transaction():
    def fails() -> None:
        with transaction.atomic():
            insert_together([OutboxMessage(topic="rolled", key="x", payload={})])
            assert OutboxMessage.objects.filter(topic="rolled").count() == 1
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fails()
    assert not OutboxMessage.objects.filter(topic="rolled").exists()


@pytest.mark.django_db
def test_fetch_many_returns_each_statements_rows():
    rows = fetch_many([("SELECT 1 + %s", [1]), ("SELECT %s || %s", ["Hà ", "Nội"])])
    assert rows == [[(2,)], [("Hà Nội",)]]


@pytest.mark.postgres
@pytest.mark.django_db
def test_on_postgresql_no_statement_goes_through_the_orm_cursor():
    with CaptureQueriesContext(connection) as queries:
        insert_together(
            [OutboxMessage(topic="p", key="a", payload={})], [OutboxMessage(topic="p", key="b", payload={})]
        )
    assert len(queries) == 0  # sent on the raw connection, in one pipeline
    assert OutboxMessage.objects.filter(topic="p").count() == 2
