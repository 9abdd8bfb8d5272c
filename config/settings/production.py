"""Production settings: DEBUG off, HTTPS enforced, secrets required from the environment."""

import os

os.environ.setdefault("DEBUG", "false")

from config.env import env, env_bool  # noqa: E402
from config.settings.base import *  # noqa: E402,F403

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True, "Redirect plain HTTP to HTTPS.")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000", "HSTS max-age in seconds.") or 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
