"""Nomentum's settings. Every value comes from an environment variable with a
safe default; docs/settings.md describes each one (a test keeps it complete)."""

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured

from nomentum.env import env_bool, env_int, env_list, env_str, private_file

BASE_DIR = Path(__file__).resolve().parent

DATA_DIR = Path(env_str("NOMENTUM_DATA_DIR") or platformdirs.user_data_dir("nomentum"))
DEBUG = env_bool("NOMENTUM_DEBUG", False)


def _secret_key() -> str:
    given = env_str("NOMENTUM_SECRET_KEY")
    if given:
        if not DEBUG and (len(given) < 32 or given.startswith("django-insecure")):
            raise ImproperlyConfigured(
                "NOMENTUM_SECRET_KEY is too weak for production: use 32+ random characters, "
                "or unset it and Nomentum will generate one in the data directory."
            )
        return given
    # No key given: keep one generated key per data directory, readable only by its owner.
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.touch(mode=0o600)
    key_file.write_text(key)
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("NOMENTUM_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("NOMENTUM_CSRF_TRUSTED_ORIGINS")
SIGNUP_OPEN = env_bool("NOMENTUM_SIGNUP_OPEN", True)
SECURE = env_bool("NOMENTUM_SECURE", False)  # served over HTTPS

INSTALLED_APPS = [
    "nomentum",  # first, so its registration/ templates win over the admin's
    "nomentum.accounts.apps.AdminConfig",  # the admin site, asking for two-step sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",  # codes from an authenticator app
    "django_otp.plugins.otp_static",  # one-time recovery codes
    "nomentum.accounts",
    "nomentum.asks",
    "nomentum.challenges",
    "nomentum.coach",
    "nomentum.insights",
    "nomentum.groups",
    "nomentum.portability",
    "nomentum.journal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "nomentum.middleware.content_security_policy",
    "nomentum.middleware.refuse_nul_characters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): a code was given
    "nomentum.accounts.sessions.keep_sessions",  # the signed-in browsers listed in Settings
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "nomentum.middleware.user_timezone",
    "nomentum.middleware.private_answers_are_not_stored",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nomentum.urls"
WSGI_APPLICATION = "nomentum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nomentum.context_processors.site",
            ],
        },
    },
]


def _sqlite_options(db: Any) -> Any:
    # Keep connections open between requests: opening one and setting it up costs
    # more than most of our queries.
    db["CONN_MAX_AGE"] = 600
    db["OPTIONS"] = {
        # Writers take the lock when the transaction starts, so two writers queue
        # up instead of failing with "database is locked" half-way through.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,  # busy_timeout, in seconds
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA foreign_keys=ON;",
    }
    return db


_database_url = env_str("DATABASE_URL")
_db: Any
if _database_url:
    _db = dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    if _db["ENGINE"] == "django.db.backends.sqlite3":
        _db = _sqlite_options(_db)
else:
    _db = _sqlite_options(
        {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "nomentum.sqlite3"}
    )
if _db["ENGINE"] == "django.db.backends.sqlite3" and str(_db["NAME"]) != ":memory:":
    private_file(Path(_db["NAME"]))  # SQLite gives its -wal and -shm files the same mode
DATABASES = {"default": _db}
# Shared by every server process on this machine: rate limits count across workers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Failed logins: lock out a username + address pair after a few tries.
AXES_ENABLED = env_bool("NOMENTUM_LOGIN_LOCKOUT", True)
AXES_FAILURE_LIMIT = env_int("NOMENTUM_LOGIN_ATTEMPTS", 10)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# How many reverse proxies stand in front (each adds itself to X-Forwarded-For); 0 reads
# the client's address from the connection. Lockouts and rate limits key on it.
PROXY_COUNT = env_int("NOMENTUM_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "nomentum.http.client_address"
# Two-step sign-in: codes from an authenticator app (TOTP), recovery codes when it is lost.
# With ADMIN_2FA the admin site is only for staff who signed in with a code.
ADMIN_2FA = env_bool("NOMENTUM_ADMIN_2FA", False)
OTP_TOTP_ISSUER = "Nomentum"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's secret
# API rate limits ("N/s", "N/min", "N/hour"; "off" for none): per token (or signed-in
# browser), and per client address.
API_RATE_PER_TOKEN = env_str("NOMENTUM_API_RATE", "300/min")
API_RATE_PER_ADDRESS = env_str("NOMENTUM_API_RATE_PER_ADDRESS", "1200/min")

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("NOMENTUM_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = None  # nothing to collect: WhiteNoise serves from the package
WHITENOISE_USE_FINDERS = True  # serve straight from the installed package
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_HOST = env_str("NOMENTUM_EMAIL_HOST")
EMAIL_PORT = env_int("NOMENTUM_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("NOMENTUM_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("NOMENTUM_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("NOMENTUM_EMAIL_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("NOMENTUM_FROM_EMAIL", "Nomentum <nomentum@localhost>")

SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30
SECURE_SSL_REDIRECT = SECURE and env_bool("NOMENTUM_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if SECURE else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A pending ask becomes "no response" after this many days (per user, this is the default).
NO_RESPONSE_DAYS = env_int("NOMENTUM_NO_RESPONSE_DAYS", 14)
# Optional AI coach: any OpenAI-compatible endpoint. Off unless a base URL is set.
AI_BASE_URL = env_str("NOMENTUM_AI_BASE_URL")
AI_MODEL = env_str("NOMENTUM_AI_MODEL")
AI_KEY = env_str("NOMENTUM_AI_KEY")
AI_TIMEOUT = env_int("NOMENTUM_AI_TIMEOUT", 20)

SERVE_WORKERS = env_int("NOMENTUM_WORKERS", 4)
SERVE_THREADS = env_int("NOMENTUM_THREADS", 1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("NOMENTUM_LOG_LEVEL", "WARNING")},
}
