"""GET /api/v1/metrics/index and /api/v1/metrics/ratings: the documented shape, numbers as JSON numbers, clear
errors for bad input, and every period a client may ask for answered without a server error."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.api.metrics import IndexOut, RatingsOut
from motcua.core import clock
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.tracking import tracking_token
from motcua.metrics.tests.helpers import decide, intake, return_result, transfer
from motcua.ratings.services import rating_submit

GROUPS = ["transparency", "progress", "online_services", "online_payment", "satisfaction", "digitisation"]


def _history(world):
    done = intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, done, vn(2026, 3, 2, 10, 0))
    decide(world, done, vn(2026, 3, 3, 10, 0))
    return_result(world, done, vn(2026, 3, 4, 10, 0))
    with clock.frozen(vn(2026, 3, 4, 10, 30)):
        rating_submit(dossier_id=done.pk, channel="qr", token=tracking_token(done.code), satisfied=True)
    intake(world, vn(2026, 3, 9, 9, 0))  # open, overdue from 12/03


def test_the_index_has_the_documented_shape(client, world):
    _history(world)
    response = client.get("/api/v1/metrics/index", {"agency": world.city.province.code, "from": "2026-03-01",
                                                    "to": "2026-03-31"})  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    IndexOut.model_validate(body)
    assert (body["agency"], body["from"], body["to"], body["max"]) == ("000.00.00.H26", "2026-03-01", "2026-03-31", 100)
    assert [g["key"] for g in body["groups"]] == GROUPS
    assert isinstance(body["total"], float) and isinstance(body["max_available"], float)
    progress = body["groups"][1]["indicators"][0]
    assert {k: progress[k] for k in ("key", "numerator", "denominator", "score", "max", "status")} == {
        "key": "on_time", "numerator": 1, "denominator": 2, "score": 10.0, "max": 20.0, "status": "ok",
    }  # fmt: skip
    digitisation = {i["key"]: i for i in body["groups"][5]["indicators"]}
    assert digitisation["data_store"] == {"key": "data_store", "numerator": None, "denominator": None,
                                          "score": None, "max": 4.0, "status": "no_data"}  # fmt: skip
    assert "components" not in digitisation["electronic_result"]
    satisfaction = {i["key"]: i for i in body["groups"][4]["indicators"]}
    assert satisfaction["petitions_on_time"]["status"] == "no_petitions"
    assert satisfaction["petitions_on_time"]["score"] == 6.0


def test_the_ratings_endpoint_gives_the_counts_and_the_two_rates(client, world):
    _history(world)
    body = client.get("/api/v1/metrics/ratings", {"agency": world.city.justice.code, "from": "2026-03-01",
                                                  "to": "2026-03-31"}).json()  # fmt: skip
    RatingsOut.model_validate(body)
    assert {k: body[k] for k in ("eligible", "rated", "satisfied", "rated_rate", "satisfied_rate")} == {
        "eligible": 1, "rated": 1, "satisfied": 1, "rated_rate": 100.0, "satisfied_rate": 100.0,
    }  # fmt: skip
    assert body["display"] == {"rule": "truncate", "decimals": 2}


def test_a_field_and_a_part_of_the_tree_narrow_the_count(client, world):
    _history(world)
    params = {"agency": world.city.province.code, "from": "2026-03-01", "to": "2026-03-31"}
    field = client.get("/api/v1/metrics/ratings", {**params, "field": "TP-HT"}).json()
    communes = client.get("/api/v1/metrics/ratings", {**params, "part": "communes"}).json()
    assert (field["eligible"], communes["eligible"]) == (1, 0)
    assert client.get("/api/v1/metrics/ratings", {**params, "field": "XX"}).status_code == 404


def test_bad_input_gets_a_clear_error(client, world):
    base = {"agency": world.city.province.code, "from": "2026-03-01", "to": "2026-03-31"}
    cases = [
        ({**base, "agency": "000.99.99.H99"}, 404, "not_found"),
        ({**base, "to": "2026-02-30"}, 422, "invalid"),
        ({**base, "to": "2026-02-01"}, 422, "invalid"),
        ({**base, "from": "2019-01-01", "to": "2026-01-01"}, 422, "invalid"),
        ({**base, "from": "20260301"}, 422, "invalid"),
        ({**base, "part": "villages"}, 422, "invalid"),
        ({"agency": base["agency"]}, 422, "invalid"),
    ]
    for params, status, code in cases:
        response = client.get("/api/v1/metrics/index", params)
        assert (response.status_code, response.json()["code"]) == (status, code), params


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(start=st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)), days=st.integers(0, 1200),
       part=st.sampled_from(["all", "provincial_bodies", "districts", "communes"]))  # fmt: skip
def test_any_period_is_answered_or_refused_never_a_server_error(client, world, start, days, part):
    end = start + dt.timedelta(days=days)
    response = client.get("/api/v1/metrics/index", {"agency": world.city.province.code, "from": start.isoformat(),
                                                    "to": end.isoformat(), "part": part})  # fmt: skip
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        IndexOut.model_validate(response.json())
