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
]

MIDDLEWARE = [
    "motcua.core.bodylimit.RequestBodyLimitMiddleware",  # first: refuses an oversized body before anything reads it
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
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

# Failed-login throttling: after this many failures for one username within the window, further attempts
# for it are refused until the window has passed since the last failure.
LOGIN_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5", "Failed logins allowed per username in the window.") or 5)
LOGIN_FAILURE_WINDOW_MINUTES = int(
    env("LOGIN_FAILURE_WINDOW_MINUTES", "15", "Window (minutes) for counting failed logins.") or 15
)

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
