"""Settings come from the environment; production settings pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_django(args, env_overrides, settings="config.settings.production"):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update({"DJANGO_SETTINGS_MODULE": settings, **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {
            "SECRET_KEY": "x7#Qm!2vLp9$Tz4@Nc8&Rb6^Wd1*Hf3(Jg5)Kk0-Ys_Ue+Ao=Ii[Pl]Oj{Mn}Xq",
            "ALLOWED_HOSTS": "motcua.hanoi.gov.vn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",  # the console one fails (accounts.E001)
        },
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = run_django(["check"], {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_demo_generates_and_keeps_a_secret_under_var(tmp_path):
    env = {"MOTCUA_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    assert run_django(["check"], env, settings="config.settings.local").returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert run_django(["check"], env, settings="config.settings.local").returncode == 0
    assert (tmp_path / "secret_key").read_text() == key


def test_env_example_lists_every_variable_with_help():
    result = run_django(["env_example"], {"SECRET_KEY": "k" * 60}, settings="config.settings.test")
    assert result.returncode == 0, result.stderr
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "SECURE_HSTS_SECONDS"):
        assert f"# {name}=" in result.stdout
    committed = (ROOT / ".env.example").read_text()
    assert committed.strip() == result.stdout.strip(), "regenerate with `make env-example`"


def test_time_zone_and_language():
    from django.conf import settings

    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _name in settings.LANGUAGES] == ["vi", "en"]


PRODUCTION_COOKIES = """
from django.conf import settings
from django.test import Client
response = Client(enforce_csrf_checks=True).post(
    "/i18n/setlang/", {"language": "en", "next": "/"}, secure=True,
    HTTP_ORIGIN="https://motcua.hanoi.gov.vn", HTTP_SEC_FETCH_SITE="same-origin", HTTP_HOST="motcua.hanoi.gov.vn",
)
print(response.status_code)
print(response.cookies["django_language"].output())
print(settings.SESSION_COOKIE_SAMESITE, settings.CSRF_COOKIE_SAMESITE, settings.SESSION_COOKIE_HTTPONLY)
"""


def test_production_cookies_are_secure_and_same_site(tmp_path):
    result = run_django(
        ["shell", "-c", PRODUCTION_COOKIES],
        {
            "SECRET_KEY": "x7#Qm!2vLp9$Tz4@Nc8&Rb6^Wd1*Hf3(Jg5)Kk0-Ys_Ue+Ao=Ii[Pl]Oj{Mn}Xq",
            "ALLOWED_HOSTS": "motcua.hanoi.gov.vn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stderr + result.stdout
    status, cookie, stated = result.stdout.strip().splitlines()[-3:]
    assert status == "302"
    # the language cookie travels only over HTTPS, never to another site's requests, and no script reads it
    assert "django_language=en" in cookie
    for flag in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert flag in cookie, cookie
    assert stated == "Lax Lax True"
