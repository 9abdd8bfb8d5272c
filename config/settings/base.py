"""Settings shared by every environment. Values come from the environment through ``config.env``."""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(
    env(
        "MOTCUA_VAR_DIR",
        str(BASE_DIR / "var"),
        "Folder for the embedded database, uploads and the demo secret.",
        shown_default="var (in the project folder)",
    )
    or BASE_DIR / "var"
)

DEBUG = env_bool("DEBUG", False, "Django debug mode. Never on in production.")


def _secret_key() -> str:
    key = env("SECRET_KEY", None, "Django secret key. Required when DEBUG is off; the demo keeps one in var/.")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names this site serves.")
TRUSTED_PROXIES = env_list(
    "TRUSTED_PROXIES",
    "",
    "Comma-separated addresses or networks (CIDR) of the reverse proxies in front of motcua. Only when the peer is "
    "one of them is X-Forwarded-For read (right to left) for the client's address; empty: REMOTE_ADDR is the client.",
)
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", "", "Comma-separated origins (https://host) trusted for CSRF behind a proxy."
)

DATABASES = {
    "default": dj_database_url.parse(
        env(
            "DATABASE_URL",
            f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}",
            "Database URL. Default: embedded SQLite under var/. Production: postgres://user@host:5432/motcua",
            shown_default="sqlite:///<MOTCUA_VAR_DIR>/motcua.sqlite3",
        )
        or "",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

REDIS_URL = env("REDIS_URL", "", "Redis URL for the Celery broker and the cache, e.g. redis://127.0.0.1:6379/0.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # its templates and static files: the API docs page served from here, not from a CDN
    "motcua.core",
    "motcua.orgs",
    "motcua.accounts",
    "motcua.workcalendar",
    "motcua.catalog",
    "motcua.integrations",
    "motcua.dossiers",
    "motcua.ratings",
    "motcua.metrics",
    "motcua.reports",
    "motcua.scoring",
    "motcua.portal",
    "motcua.backoffice",
    "motcua.dashboard",
    "motcua.api",
    "motcua.petitions",
    "motcua.wiring",  # last: connects the apps' hooks once every app is loaded (motcua/wiring/connect.py)
]

MIDDLEWARE = [
    "motcua.core.bodylimit.RequestBodyLimitMiddleware",  # first: refuses an oversized body before anything reads it
    "django.middleware.security.SecurityMiddleware",
    "motcua.core.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.language.ChosenLanguageMiddleware",  # Vietnamese unless the visitor chose (not Accept-Language)
    "motcua.api.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "motcua" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["motcua.accounts.backends.ThrottledModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Login throttling (motcua/accounts/throttle.py). Failures of one user name from one address make the next try from
# that address wait, longer each time; tries from other addresses are not affected, so nobody can lock a user out.
# Each address also has a budget of login tries evaluated per minute, whatever the user names.
LOGIN_BACKOFF_AFTER = int(
    env("LOGIN_BACKOFF_AFTER", "3", "Failed logins of one user name from one address before the next try waits.") or 3
)
LOGIN_BACKOFF_BASE_SECONDS = int(
    env("LOGIN_BACKOFF_BASE_SECONDS", "2", "First wait (seconds) after those failures; it doubles with each one.") or 2
)
LOGIN_BACKOFF_MAX_SECONDS = int(
    env("LOGIN_BACKOFF_MAX_SECONDS", "900", "Longest wait (seconds) between login tries of one user name.") or 900
)
LOGIN_BACKOFF_FORGET_HOURS = int(
    env(
        "LOGIN_BACKOFF_FORGET_HOURS",
        "24",
        "Failures of a user name from an address are forgotten after this many hours without one.",
    )
    or 24
)
LOGIN_ATTEMPTS_PER_IP_PER_MINUTE = int(
    env("LOGIN_ATTEMPTS_PER_IP_PER_MINUTE", "20", "Login tries evaluated per minute from one client address.") or 20
)
# Password reset and registration send e-mail and must not tell whether an account exists: throttled per client
# address (answered 429) and per target (silently: the answer stays the same, no more e-mail is sent).
PASSWORD_RESET_PER_IP_PER_HOUR = int(
    env("PASSWORD_RESET_PER_IP_PER_HOUR", "10", "Password reset requests per hour from one client address.") or 10
)
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = int(
    env("PASSWORD_RESET_PER_ADDRESS_PER_HOUR", "3", "Password reset e-mails per hour to one e-mail address.") or 3
)
REGISTRATION_PER_IP_PER_HOUR = int(
    env("REGISTRATION_PER_IP_PER_HOUR", "10", "Registration requests per hour from one client address.") or 10
)
REGISTRATION_MAILS_PER_NUMBER_PER_HOUR = int(
    env("REGISTRATION_MAILS_PER_NUMBER_PER_HOUR", "3", "Registration e-mails per hour about one ID number or tax code.")
    or 3
)
# API bearer tokens (motcua/accounts/tokens.py) expire; `motcua accounts token USER NAME --days N` chooses otherwise.
API_TOKEN_DAYS = int(env("API_TOKEN_DAYS", "90", "Days an API token issued without --days stays valid.") or 90)

# Cookies: sent to our own site's navigations and forms only (Lax), never read by scripts; production adds Secure.
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# Content-Security-Policy (motcua.core.headers): enforced, or only reported while a change is being tried.
CSP_REPORT_ONLY = env_bool(
    "CSP_REPORT_ONLY",
    False,
    "Send the Content-Security-Policy as report-only (violations logged, nothing blocked). Off in production.",
)
CSP_REPORT_LIMIT_PER_MINUTE = 60  # violation reports accepted per client address and minute at /csp-report/

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    "Django e-mail backend. Production: django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST etc.",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost", "SMTP host for outgoing e-mail.")
EMAIL_PORT = int(env("EMAIL_PORT", "25", "SMTP port.") or 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "", "SMTP user name.")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "", "SMTP password.")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False, "Use STARTTLS for SMTP.")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "motcua <no-reply@localhost>", "Sender of outgoing e-mail.")

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "motcua_cache"}}

# Celery: Redis in production; the embedded demo (no REDIS_URL) runs tasks inline after commit.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_BEAT_SCHEDULE = {
    # The safety net of the transactional outbox: messages whose after-commit drain was skipped or lost.
    "outbox-drain": {"task": "integrations.outbox_drain", "schedule": 10.0},
    # The daily reminder e-mail to staff (due today/tomorrow, overdue), at 07:00 Vietnam time (backoffice issue).
    "backoffice-daily-digest": {"task": "backoffice.daily_digest", "schedule": crontab(hour=7, minute=0)},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO", "Root log level.") or "INFO"},
    # WeasyPrint logs every rendering step at INFO: a printed form or report is not news.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# Uploads (docs/dossiers.md "Files"; the proxy and gunicorn limits to match: docs/deployment.md).
_MB = 1024 * 1024
MOTCUA_UPLOAD_MAX_BYTES = int(
    env("MOTCUA_UPLOAD_MAX_BYTES", str(10 * _MB), "Largest file accepted for a dossier component (bytes).") or 10 * _MB
)
MOTCUA_UPLOAD_REQUEST_MAX_BYTES = int(
    env(
        "MOTCUA_UPLOAD_REQUEST_MAX_BYTES",
        str(5 * MOTCUA_UPLOAD_MAX_BYTES + _MB),
        "Largest request carrying several files (the desk's intake with scans, a supplement), in bytes; "
        "default: five files of MOTCUA_UPLOAD_MAX_BYTES and 1 MB.",
    )
    or 5 * MOTCUA_UPLOAD_MAX_BYTES + _MB
)
MOTCUA_REQUEST_MAX_BYTES = int(
    env("MOTCUA_REQUEST_MAX_BYTES", str(_MB), "Largest body of any request that carries no file (bytes).") or _MB
)
MOTCUA_APPLICANT_QUOTA_BYTES = int(
    env(
        "MOTCUA_APPLICANT_QUOTA_BYTES",
        str(200 * _MB),
        "Storage an applicant's own uploads may take in all (bytes; identical files count once).",
    )
    or 200 * _MB
)
MOTCUA_UPLOAD_MAX_PIXELS = int(
    env("MOTCUA_UPLOAD_MAX_PIXELS", "40000000", "Largest image accepted (width × height, in pixels).") or 40_000_000
)
# Bodies larger than MOTCUA_REQUEST_MAX_BYTES are accepted only by these views (name, or "namespace:*").
_ONE_FILE = MOTCUA_UPLOAD_MAX_BYTES + 64 * 1024
MOTCUA_BODY_LIMITS = {
    "portal:filing_upload": _ONE_FILE,
    "api:add_component": _ONE_FILE,
    "backoffice:dossier_action": _ONE_FILE,
    "portal:supplement": MOTCUA_UPLOAD_REQUEST_MAX_BYTES,
    "backoffice:intake": MOTCUA_UPLOAD_REQUEST_MAX_BYTES,
    "admin:catalog_import": 50 * _MB + 64 * 1024,  # the catalogue import's own limit is 50 MB
    "admin:*": _ONE_FILE,  # blank forms of the catalogue
}
# Django keeps at most this much of a request in memory; files above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary
# file (FILE_UPLOAD_TEMP_DIR, the system's by default) and are read from there in chunks.
DATA_UPLOAD_MAX_MEMORY_SIZE = MOTCUA_REQUEST_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 40
FILE_UPLOAD_PERMISSIONS = 0o640

NATIONAL_PORTAL_URL = env(
    "NATIONAL_PORTAL_URL", "", "Endpoint receiving dossier status events for the national portal (empty: held)."
)
NATIONAL_PORTAL_TOKEN = env("NATIONAL_PORTAL_TOKEN", "", "Bearer token for NATIONAL_PORTAL_URL.")

MOTCUA_PUBLIC_URL = env(
    "MOTCUA_PUBLIC_URL",
    "",
    "Public address of the portal, printed in receipts' QR codes (empty: the address of the request).",
)
PETITION_DEFAULT_AGENCY = env(
    "PETITION_DEFAULT_AGENCY",
    "",
    "Code of the agency that receives petitions naming no agency (empty: the root of the agency tree).",
)
# Which official form set prints, by reception date: "first day=set, …" (sets: tt01_2018, tt03_2025).
MOTCUA_FORM_SETS = [
    tuple(part.strip() for part in entry.split("=", 1))
    for entry in (
        env(
            "MOTCUA_FORM_SETS",
            "2019-01-01=tt01_2018,2025-07-01=tt03_2025",
            "Official form sets by first reception day: YYYY-MM-DD=set, comma-separated.",
        )
        or ""
    ).split(",")
    if entry.strip()
]

# Demo data loaders, in dependency order.
# Each module has `load(stdout) -> list[(user, password, who)] | None`.
MOTCUA_DEMO_LOADERS = [
    "motcua.orgs.demo",
    "motcua.accounts.demo",
    "motcua.workcalendar.demo",
    "motcua.catalog.demo",
    "motcua.dossiers.demo",
    "motcua.metrics.demo",
]
