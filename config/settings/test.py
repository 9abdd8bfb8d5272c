"""Settings for the test suite. The database still comes from DATABASE_URL (SQLite or PostgreSQL)."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789abcdef")

from config.settings.base import *  # noqa: E402,F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The demo's dossier generator makes fewer dossiers in tests (every state still appears).
MOTCUA_DEMO_DOSSIERS = 24

# Django's backends with a flush that gets past the append-only guards (transactional and browser tests empty the
# tables after each test); every other statement meets the guards as in production. See motcua/core/testdb.
DATABASES["default"]["ENGINE"] = {  # noqa: F405
    "django.db.backends.postgresql": "motcua.core.testdb.postgresql",
    "django.db.backends.sqlite3": "motcua.core.testdb.sqlite3",
}[DATABASES["default"]["ENGINE"]]  # noqa: F405
