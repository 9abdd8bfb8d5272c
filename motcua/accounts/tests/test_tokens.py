"""API tokens expire (API_TOKEN_DAYS, 90 by default) and can be revoked from the command line and the admin.

Issue 12 §3: CLI tokens never expired.
"""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from motcua.accounts.models import ApiToken
from motcua.accounts.tokens import token_issue
from motcua.core import clock
from motcua.orgs.tests.factories import make_user

pytestmark = pytest.mark.django_db


def me(secret: str) -> int:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code


def issue(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("accounts_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_a_token_from_the_command_expires_after_ninety_days():
    make_user("tichhop")
    start = clock.now()
    with clock.frozen(start):
        secret, _ = issue("tichhop", "đồng bộ cổng quốc gia")
    token = ApiToken.objects.get()
    assert token.expires_at == start + dt.timedelta(days=90)
    with clock.frozen(start + dt.timedelta(days=90) - dt.timedelta(seconds=1)):
        assert me(secret) == 200
    with clock.frozen(start + dt.timedelta(days=90)):
        assert me(secret) == 401


@override_settings(API_TOKEN_DAYS=30)
def test_the_default_life_is_a_setting_and_days_choose_another():
    user = make_user("tichhop")
    start = clock.now()
    with clock.frozen(start):
        token, _secret = token_issue(user=user, name="a")
        assert token.expires_at == start + dt.timedelta(days=30)
        issue("tichhop", "b", "--days", "7")
    assert ApiToken.objects.get(name="b").expires_at == start + dt.timedelta(days=7)
    for days in ("0", "-1", "3651"):
        with pytest.raises(CommandError):
            issue("tichhop", "c", "--days", days)


def test_a_token_revoked_by_its_prefix_answers_401():
    make_user("tichhop")
    secret, _ = issue("tichhop", "đồng bộ")
    assert me(secret) == 200
    out = io.StringIO()
    call_command("accounts_revoke", secret[:8], stdout=out)
    assert "revoked" in out.getvalue()
    assert me(secret) == 401
    with pytest.raises(CommandError):  # nothing left to revoke under that prefix
        call_command("accounts_revoke", secret[:8])


def test_the_token_list_shows_prefixes_and_states_never_secrets():
    make_user("tichhop")
    secret, _ = issue("tichhop", "đồng bộ")
    call_command("accounts_revoke", secret[:8], stdout=io.StringIO())
    issue("tichhop", "báo cáo")
    out = io.StringIO()
    call_command("accounts_tokens", "tichhop", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split("\t")[-1] for line in lines] == ["revoked", "active"]
    assert secret not in out.getvalue()


def test_an_administrator_revokes_tokens_in_the_admin():
    admin = make_user("quantri", is_staff=True, is_superuser=True)
    make_user("tichhop")
    secret, _ = issue("tichhop", "đồng bộ")
    client = Client()
    client.force_login(admin)
    page = client.get("/admin/accounts/apitoken/")
    assert page.status_code == 200
    assert secret[:8] in page.content.decode()
    token = ApiToken.objects.get()
    response = client.post(
        "/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert response.status_code == 200
    assert ApiToken.objects.get().revoked_at is not None
    assert me(secret) == 401


@pytest.mark.django_db(transaction=True)
def test_a_token_issued_before_expiry_existed_gets_ninety_days_from_the_migration():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    expiry = next(
        key for key in executor.loader.disk_migrations if key[0] == "accounts" and "api_tokens_expire" in key[1]
    )
    (before,) = executor.loader.graph.node_map[expiry].parents
    executor.migrate([before.key])
    old_apps = executor.loader.project_state([before.key]).apps
    user = old_apps.get_model("accounts", "User").objects.create(username="tichhop")
    old_apps.get_model("accounts", "ApiToken").objects.create(user=user, name="cũ", prefix="mc_old", digest="d" * 64)
    start = clock.now()
    try:
        with clock.frozen(start):
            executor = MigrationExecutor(connection)
            executor.loader.build_graph()
            executor.migrate([expiry])
        assert ApiToken.objects.get(name="cũ").expires_at == start + dt.timedelta(days=90)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
