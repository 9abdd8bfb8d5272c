"""`manage.py check --deploy` refuses production settings that would write reset links to the server's log.

Issue 12 §3: under production settings the default e-mail backend was the console.
"""

import pytest

from motcua.core.tests.test_settings import run_django

PRODUCTION = {
    "SECRET_KEY": "x7#Qm!2vLp9$Tz4@Nc8&Rb6^Wd1*Hf3(Jg5)Kk0-Ys_Ue+Ao=Ii[Pl]Oj{Mn}Xq",
    "ALLOWED_HOSTS": "motcua.hanoi.gov.vn",
}


@pytest.mark.parametrize(
    "backend",
    [None, "django.core.mail.backends.console.EmailBackend", "django.core.mail.backends.locmem.EmailBackend"],
)
def test_check_deploy_fails_when_mail_would_not_be_delivered(tmp_path, backend):
    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    if backend:
        env["EMAIL_BACKEND"] = backend
    result = run_django(["check", "--deploy"], env)
    assert result.returncode != 0
    assert "motcua.accounts.E001" in result.stderr + result.stdout


def test_the_check_passes_with_a_mail_server(settings):
    from motcua.accounts.checks import check_mail_is_delivered

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert check_mail_is_delivered() == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    assert [e.id for e in check_mail_is_delivered()] == ["motcua.accounts.E001"]
