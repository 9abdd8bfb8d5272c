import pytest
from django.core import mail
from django.test import override_settings

from motcua.accounts.models import LoginFailure
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


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_user_name_even_with_the_right_password(client):
    make_user("sotp.cv")
    for _ in range(3):
        response = client.post("/accounts/login/", {"username": "sotp.cv", "password": "wrong"})
        assert response.status_code == 200
    assert LoginFailure.objects.filter(username="sotp.cv").count() == 3
    response = client.post("/accounts/login/", {"username": "sotp.cv", "password": "pw-sotp.cv"})
    assert response.status_code == 200  # refused
    assert "_auth_user_id" not in client.session
    assert "15" in response.text  # tells how long to wait


def test_a_successful_login_clears_earlier_failures(client):
    make_user("sotp.cv")
    client.post("/accounts/login/", {"username": "sotp.cv", "password": "wrong"})
    client.post("/accounts/login/", {"username": "sotp.cv", "password": "pw-sotp.cv"})
    assert not LoginFailure.objects.exists()


def test_password_reset_sends_a_link_by_email(client):
    make_user("sotp.cv", email="cv@sotp.hanoi.gov.vn")
    response = client.post("/accounts/password-reset/", {"email": "cv@sotp.hanoi.gov.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
