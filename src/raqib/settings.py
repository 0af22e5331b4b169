"""Raqib's one settings module. Every knob is a ``RAQIB_*`` environment variable.

The reference of every variable is docs/operators/configuration.md (a test keeps the two in step).
"""

from __future__ import annotations

import datetime as _dt
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from raqib.env import env_bool, env_choice, env_database, env_int, env_list, env_path, env_str, env_url

PACKAGE_DIR = Path(__file__).resolve().parent

DATA_DIR = env_path("DATA_DIR", Path.cwd() / "raqib-data")
EVIDENCE_DIR = DATA_DIR / "evidence"
DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """RAQIB_SECRET_KEY, or a key generated once into the data dir and reused after."""
    configured = env_str("SECRET_KEY")
    if configured:
        if len(configured) < 32:
            raise ImproperlyConfigured("RAQIB_SECRET_KEY must be at least 32 characters long.")
        return configured
    key_file = DATA_DIR / "secret-key"
    try:
        return key_file.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # O_EXCL: two processes starting at once must not each write a different key.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "raqib.core",
    "raqib.accounts",
    "raqib.actors",
    "raqib.agreements",
    "raqib.geo",
    "raqib.mission",
    "raqib.incidents",
    "raqib.verification",
    "raqib.openrosa",
    "raqib.embargo",
    "raqib.movement",
    "raqib.hazards",
    "raqib.forces",
    "raqib.osint",
    "raqib.integrity",
    "raqib.exports",
    "raqib.reports",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "raqib.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files (Leaflet, the map layers, CSS) from the application itself: no other server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "raqib.web.middleware.MissionTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "raqib.urls"
WSGI_APPLICATION = "raqib.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", DATA_DIR / "raqib.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("ar", "العربية"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
# Stored times are UTC; each profile names the mission's local time zone for its days.
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"

# Evidence, form attachments and report files: in the data dir, or in an S3-compatible object
# store shared by several application machines (RAQIB_STORAGE_URL=s3://BUCKET/PREFIX).
RAQIB_STORAGE_URL = env_url("STORAGE_URL", "", ("s3",))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if RAQIB_STORAGE_URL:
    _bucket = urlsplit(RAQIB_STORAGE_URL)
    STORAGES["blobs"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": _bucket.hostname,
        "location": _bucket.path.strip("/"),
        "endpoint_url": env_url("S3_ENDPOINT_URL", "", ("http", "https")) or None,
        "region_name": env_str("S3_REGION", "us-east-1"),
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        # Names are content hashes: the same name always holds the same bytes.
        "file_overwrite": True,
        "default_acl": None,
        "querystring_auth": True,
    }}

# Hostile input: cap what a request may carry before any view reads it.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BYTES", 10 * 1024 * 1024, minimum=1024)
API_MAX_BULK = env_int("API_MAX_BULK", 1000, minimum=1, maximum=100_000)

# Cookies only over HTTPS, unless the site is served over plain HTTP on purpose (the demo on
# 127.0.0.1, a field HQ LAN without TLS): browsers drop a Secure cookie sent over http://127.0.0.1.
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto: requests count as HTTPS (OpenRosa's
# Basic authentication and the addresses in formList need to know). Set only behind such a proxy.
RAQIB_BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if RAQIB_BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "WARNING", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"))},
}

RAQIB_PRODUCT_NAME = _("Raqib")

# --- Web pages (raqib.web) --------------------------------------------------------------

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# django-axes throttles failed sign-ins per user name and address; its backend comes first.
AUTHENTICATION_BACKENDS = [
    "raqib.web.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=1000)
AXES_COOLOFF_TIME = _dt.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1, maximum=7 * 24 * 60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False


def _tile_url() -> str:
    """RAQIB_TILE_URL: an XYZ tile address with {z}, {x} and {y}, or empty for the offline map only."""
    url = env_str("TILE_URL").strip()
    if url and (not url.startswith(("https://", "http://")) or not all(p in url for p in ("{z}", "{x}", "{y}"))):
        raise ImproperlyConfigured("RAQIB_TILE_URL must be an http(s) address with {z}, {x} and {y}, not %r." % url)
    return url


RAQIB_TILE_URL = _tile_url()
RAQIB_TILE_ATTRIBUTION = env_str("TILE_ATTRIBUTION").strip()


def _origin(url: str) -> str:
    scheme, rest = url.split("://", 1)
    host = rest.split("/", 1)[0].replace("{s}", "*")
    return f"{scheme}://{host}"


# No inline script or style anywhere; the tile server, when one is set, is the only other origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"] + ([_origin(RAQIB_TILE_URL)] if RAQIB_TILE_URL else []),
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Background work and news intake (raqib.osint) --------------------------------------

# Django's task API (the django-tasks backport): the database backend by default, so the
# embedded set-up needs no other server; RQ on Redis for many workers on many machines.
RAQIB_TASK_BACKEND = env_choice("TASK_BACKEND", "database", ("database", "rq"))
RAQIB_REDIS_URL = env_url("REDIS_URL", "redis://127.0.0.1:6379/0", ("redis", "rediss", "unix"))
TASKS = {
    "default": {
        "BACKEND": "django_tasks_rq.RQBackend" if RAQIB_TASK_BACKEND == "rq" else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    },
}
RQ_QUEUES = {"default": {"URL": RAQIB_REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
if RAQIB_TASK_BACKEND == "rq":
    import importlib.util

    if importlib.util.find_spec("django_tasks_rq") is None:
        raise ImproperlyConfigured("RAQIB_TASK_BACKEND=rq needs the rq extra: pip install 'raqib[rq]'.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
# Minutes between two fetches of each active feed by `raqib worker`; 0 fetches only on demand.
RAQIB_FEEDS_INTERVAL = env_int("FEEDS_INTERVAL", 60, minimum=0, maximum=7 * 24 * 60)

# --- Signed exports (raqib.integrity, raqib.exports) -------------------------------------

# A PEM Ed25519 private key (or RAQIB_SIGNING_KEY_FILE naming its file); empty: one generated
# once into DATA_DIR/signing-key.pem (mode 0600).
RAQIB_SIGNING_KEY = env_str("SIGNING_KEY")

# --- Email (overdue patrol alerts, raqib.mission) -------------------------------------------

# smtp://USER:PASSWORD@HOST:PORT (STARTTLS on port 587) or smtps://... (TLS from the start);
# empty: no email is sent, alerts stay on the dashboard.
RAQIB_SMTP_URL = env_url("SMTP_URL", "", ("smtp", "smtps"))
DEFAULT_FROM_EMAIL = env_str("EMAIL_FROM", "raqib@localhost")
if RAQIB_SMTP_URL:
    from urllib.parse import unquote as _unquote, urlsplit as _urlsplit

    _smtp = _urlsplit(RAQIB_SMTP_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _smtp.hostname or ""
    EMAIL_USE_SSL = _smtp.scheme == "smtps"
    EMAIL_PORT = _smtp.port or (465 if EMAIL_USE_SSL else 25)
    EMAIL_USE_TLS = not EMAIL_USE_SSL and EMAIL_PORT == 587
    EMAIL_HOST_USER = _unquote(_smtp.username or "")
    EMAIL_HOST_PASSWORD = _unquote(_smtp.password or "")
    EMAIL_TIMEOUT = 20

# The second factor (TOTP, django-otp) that chiefs and administrators may add to their sign-in.
OTP_TOTP_ISSUER = "Raqib"

# --- Field forms on phones (raqib.openrosa) ----------------------------------------------

# Bytes one submission request may carry (XML and attachments); phones are told it in
# X-OpenRosa-Accept-Content-Length and split larger submissions over several requests.
RAQIB_OPENROSA_MAX_BYTES = env_int("OPENROSA_MAX_BYTES", 50 * 1024 * 1024, minimum=64 * 1024)
# Bytes of the submission's XML itself.
RAQIB_OPENROSA_MAX_XML_BYTES = env_int("OPENROSA_MAX_XML_BYTES", 2 * 1024 * 1024, minimum=4 * 1024)
# Bytes of an uploaded XLSForm file.
RAQIB_XLSFORM_MAX_BYTES = env_int("XLSFORM_MAX_BYTES", 10 * 1024 * 1024, minimum=64 * 1024)
# Seconds an HTTP Digest nonce is good for; after that the phone is asked to sign again silently.
RAQIB_OPENROSA_NONCE_SECONDS = env_int("OPENROSA_NONCE_SECONDS", 3600, minimum=60, maximum=7 * 24 * 3600)
