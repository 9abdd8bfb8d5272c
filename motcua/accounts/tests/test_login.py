import pytest

from motcua.accounts.models import LoginThrottle
from motcua.orgs.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_vietnamese(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.text
    assert "Đăng nhập" in response.text


def test_a_user_logs_in(client):
    make_user("sotp.cv")
    response = client.post("/accounts/login/", {"username": "sotp.cv", "password": "pw-sotp.cv"})
    assert response.status_code == 302
    assert client.get("/api/v1/me").json()["username"] == "sotp.cv"


def test_a_successful_login_clears_earlier_failures(client):
    make_user("sotp.cv")
    client.post("/accounts/login/", {"username": "sotp.cv", "password": "wrong"})
    assert LoginThrottle.objects.get(username="sotp.cv").failures == 1
    client.post("/accounts/login/", {"username": "sotp.cv", "password": "pw-sotp.cv"})
    assert not LoginThrottle.objects.exists()


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
