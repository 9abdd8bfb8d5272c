import pytest

from motcua.accounts.tokens import token_issue, token_revoke
from motcua.orgs.models import Role
from motcua.orgs.tests.factories import make_staff, make_user, make_world

pytestmark = pytest.mark.django_db


def test_the_agency_tree_is_public_and_nested(client):
    world = make_world()
    response = client.get("/api/v1/agencies")
    assert response.status_code == 200
    roots = {node["code"]: node for node in response.json()}
    hanoi = roots[world.province.code]
    centre = next(c for c in hanoi["children"] if c["code"] == world.centre.code)
    assert [c["code"] for c in centre["children"]] == [world.child.code]


def test_a_subtree_by_root(client):
    world = make_world()
    response = client.get("/api/v1/agencies", {"root": world.centre.code})
    assert [n["code"] for n in response.json()] == [world.centre.code]


def test_an_unknown_root_is_a_404_in_the_error_shape(client):
    response = client.get("/api/v1/agencies", {"root": "000.00.99.H99"})
    assert response.status_code == 404
    assert set(response.json()) == {"code", "message", "fields"}


def test_agency_detail_shows_relations(client):
    world = make_world()
    body = client.get(f"/api/v1/agencies/{world.centre.code}").json()
    assert body["serves"] == [{"code": world.served.code, "name": world.served.name}]
    assert body["parent"]["code"] == world.province.code


def test_me_needs_authentication(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_me_by_session_lists_roles(client):
    world = make_world()
    user = make_staff(world.centre, Role.DESK_OFFICER, "motcua.tphn")
    client.force_login(user)
    body = client.get("/api/v1/me").json()
    assert body["username"] == "motcua.tphn"
    assert body["roles"][0]["role"] == "desk_officer"
    assert body["roles"][0]["agency_code"] == world.centre.code


def test_me_by_bearer_token_until_revoked(client):
    user = make_user("tichhop")
    token, secret = token_issue(user=user, name="đồng bộ cổng quốc gia")
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json()["username"] == "tichhop"
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer mc_wrong").status_code == 401
    token_revoke(token=token)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_bad_query_parameters_get_the_error_shape(client):
    response = client.get("/api/v1/agencies", {"include_inactive": "maybe"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert "include_inactive" in body["fields"]
