"""Settings for Career Guide.

Every value comes from the environment through the small typed helpers below;
`.env.example` lists each variable. DEBUG is off unless DJANGO_DEBUG=1 turns it on
(`make run` and the tests do, for local work); then the database is SQLite under var/
and mail goes to the console. With DEBUG off the site refuses to start without a real
secret key and allowed hosts.
"""

import base64
import hashlib
import os
import re
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_INSECURE_KEY = "django-insecure-local-development-key-do-not-use-in-production"


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    """A rate as DRF and the assessment limits read it: "<number>/<second|minute|hour|day>"."""
    rate = env_str(name, default)
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", rate):
        raise ImproperlyConfigured(f"{name} must look like {default}; got {rate!r}")
    return rate


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY") or (_INSECURE_KEY if DEBUG else "")
if not DEBUG and (len(SECRET_KEY) < 40 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 40 characters "
        "when DJANGO_DEBUG=0"
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the site's host names when DJANGO_DEBUG=0"
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# A guide's change page posts every field of every part: the shipped Amazon Engineer guide
# sends 995, and Django's default cap of 1,000 answered a guide one level longer with a
# 400. 5,000 leaves room for long guides and still bounds what one request may carry.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"DJANGO_CSRF_TRUSTED_ORIGINS entries need a scheme (https://...); got {_origin!r}"
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI from our own static files, no CDN
    "adminsortable2",  # drag-and-drop ordering of a guide's parts (guide/admin.py)
    "reversion",  # guide history and rollback (guide/history.py, docs/editing.md)
    "accounts",
    "occupations",
    "guide",
    "assessments",
]

MIDDLEWARE = [
    "core.requestlog.RequestIdMiddleware",  # first: times and logs the whole request
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",  # ETag / Last-Modified → 304
    "core.pagecache.PublicPageCacheMiddleware",  # whole public pages for visitors, before sessions
    "api.middleware.JsonErrorsMiddleware",  # errors under /api/ are JSON, never HTML
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.PrivateResponsesMiddleware",
    "core.middleware.InvalidFormStatusMiddleware",  # a refused form is a 400, allauth's too
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "careerguide.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "careerguide.wsgi.application"

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
_database_url = env_str("DATABASE_URL")
if _database_url:
    try:
        _default_db = dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
else:
    VAR_DIR.mkdir(exist_ok=True)
    _default_db = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "db.sqlite3",
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        # Tests use a file too, not shared-cache memory, so concurrent writers wait on
        # the busy timeout exactly as they do in the running site (one file per test run).
        "TEST": {"NAME": VAR_DIR / f"test-db-{os.getpid()}.sqlite3"},
    }
# PostgreSQL connection pool (psycopg_pool, Django 5.1+): DATABASE_POOL_MAX_SIZE > 0 turns it on
# for each worker process, with at least DATABASE_POOL_MIN_SIZE connections kept open. A pool
# replaces persistent connections (CONN_MAX_AGE must be 0). docs/deploy.md, "Connections".
DATABASE_POOL_MAX_SIZE = env_int("DATABASE_POOL_MAX_SIZE", 0)
DATABASE_POOL_MIN_SIZE = env_int("DATABASE_POOL_MIN_SIZE", 1)
if DATABASE_POOL_MAX_SIZE:
    if "postgresql" not in _default_db["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_POOL_MAX_SIZE needs a PostgreSQL DATABASE_URL")
    if not 0 <= DATABASE_POOL_MIN_SIZE <= DATABASE_POOL_MAX_SIZE:
        raise ImproperlyConfigured(
            "DATABASE_POOL_MIN_SIZE must be between 0 and DATABASE_POOL_MAX_SIZE; got "
            f"{DATABASE_POOL_MIN_SIZE} and {DATABASE_POOL_MAX_SIZE}"
        )
    _default_db["CONN_MAX_AGE"] = 0
    _default_db.setdefault("OPTIONS", {})["pool"] = {
        "min_size": DATABASE_POOL_MIN_SIZE,
        "max_size": DATABASE_POOL_MAX_SIZE,
        "timeout": 10,
    }
DATABASES = {"default": _default_db}

# Database time limit (docs/deploy.md, "Time limits").
# PostgreSQL cancels any statement of the app's connections that runs longer than this,
# so one expensive request cannot hold a worker and the database. 0 turns it off; keep it
# below the gunicorn worker timeout (gunicorn.conf.py). SQLite has no such limit.
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 5000)
if DATABASE_STATEMENT_TIMEOUT_MS < 0:
    raise ImproperlyConfigured(
        "DATABASE_STATEMENT_TIMEOUT_MS must be 0 (no limit) or a number of milliseconds; "
        f"got {DATABASE_STATEMENT_TIMEOUT_MS}"
    )
if _database_url and DATABASE_STATEMENT_TIMEOUT_MS and "postgresql" in _default_db["ENGINE"]:
    # libpq's "options" passes the setting at connection time, kept beside any from the URL.
    _db_options = _default_db.setdefault("OPTIONS", {})
    _limit = f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
    _db_options["options"] = f"{_db_options.get('options', '')} {_limit}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis shared by every app instance when REDIS_URL is set. Without it, local
# development (one runserver process) keeps an in-process cache; with DEBUG off the
# cache lives in the database, which every worker and instance already shares, so a
# page or rate-limit counter is never stale or split between workers
# (`manage.py createcachetable` makes its table; docs/deploy.md).
_redis_url = env_str("REDIS_URL")
if _redis_url:
    if not _redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"REDIS_URL must start with redis://; got {_redis_url!r}")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "careerguide",
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "careerguide_cache",
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
# Where a new member lands after signing up or confirming their address: their dashboard,
# which shows the results they took as a visitor and asks for a goal (accounts/adapter.py).
MEMBER_HOME_URL = "assessments:dashboard"

# django-allauth: email is the login; no usernames anywhere.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env_str(
    "ACCOUNT_EMAIL_VERIFICATION", "optional" if DEBUG else "mandatory"
)
if ACCOUNT_EMAIL_VERIFICATION not in {"mandatory", "optional", "none"}:
    raise ImproperlyConfigured(
        "ACCOUNT_EMAIL_VERIFICATION must be mandatory, optional or none; "
        f"got {ACCOUNT_EMAIL_VERIFICATION!r}"
    )
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Career Guide] "
# Tell people by email when their password, addresses or two-factor settings change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# allauth's forms with our labels and help texts (accounts/forms.py).
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "add_email": "accounts.forms.AddEmailForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
# Behind a load balancer, how many proxies append to X-Forwarded-For; rate limits per IP
# would otherwise count every visitor as the balancer's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 0)
if ALLAUTH_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(
        f"ALLAUTH_TRUSTED_PROXY_COUNT must be 0 or more; got {ALLAUTH_TRUSTED_PROXY_COUNT}"
    )
ACCOUNT_RATE_LIMITS = {
    # Strict per IP; per account only a soft bar, so strangers' failures cannot lock the
    # owner out (docs/accounts.md, "Rate limits"); the reset link clears it.
    "login_failed": "5/5m/ip,30/h/key",
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
    "reset_password_from_key": "20/h/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Career Guide"
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_FORMS = {
    "authenticate": "accounts.forms.MFAAuthenticateForm",
    "reauthenticate": "accounts.forms.MFAReauthenticateForm",
    "activate_totp": "accounts.forms.ActivateTOTPForm",
}

# Accounts security: encryption of two-factor secrets (docs/deploy.md).
# MFA_ENCRYPTION_KEY: one Fernet key, or several separated by commas (the first seals new
# secrets, all are tried when reading, for rotation). Required when DEBUG is off; locally
# a key is derived from SECRET_KEY so clone -> run still works.
MFA_ENCRYPTION_KEYS = env_list("MFA_ENCRYPTION_KEY")
if not MFA_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "MFA_ENCRYPTION_KEY must be set when DJANGO_DEBUG=0; see docs/deploy.md "
            "(Accounts security) for how to generate one"
        )
    MFA_ENCRYPTION_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(b"mfa:" + SECRET_KEY.encode()).digest()).decode()
    ]
for _number, _key in enumerate(MFA_ENCRYPTION_KEYS, start=1):
    try:
        Fernet(_key)
    except ValueError:
        raise ImproperlyConfigured(
            f"MFA_ENCRYPTION_KEY entry {_number} is not a valid key (32 url-safe base64 "
            "bytes, as Fernet.generate_key() makes)"
        ) from None

# Mail: the console locally, SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Career Guide <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = DEBUG  # serve straight from static/ in development, no collectstatic
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# REST API (/api/v1/, docs/api.md). Rates are "<number>/<second|minute|hour|day>".
API_THROTTLE_RATES = {
    "anon": env_rate("API_THROTTLE_ANON", "60/minute"),
    "user": env_rate("API_THROTTLE_USER", "300/minute"),
    "auth-token": env_rate("API_THROTTLE_AUTH_TOKEN", "5/minute"),
}
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    # Token first: without credentials the answer is 401 with "WWW-Authenticate: Token".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttles.AnonRateThrottle",
        "api.throttles.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": API_THROTTLE_RATES,
    # Client IPs for the anonymous rate: trust X-Forwarded-For only as far as our proxies.
    "NUM_PROXIES": ALLAUTH_TRUSTED_PROXY_COUNT,
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Career Guide API",
    "DESCRIPTION": (
        "Career guides, and a signed-in user's own assessment results, plan and profile. "
        "Authenticate with `Authorization: Token <key>` or a browser session (with CSRF). "
        "Every error is a JSON body with `detail` and `code`. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Two choice sets share the field name `kind` (a result's and a plan item's).
    "ENUM_NAME_OVERRIDES": {
        "KindEnum": "assessments.models.Result.Kind",
        "PlanItemKindEnum": "assessments.models.PlanItem.Kind",
    },
}

# Production hardening: only when DEBUG is off. `manage.py check --deploy
# --fail-level WARNING` is clean with these defaults (a test keeps it so); switching
# a default off is a deliberate choice, so its deploy warning is silenced with it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = []
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    if not SECURE_SSL_REDIRECT:  # the load balancer redirects http to https itself
        SILENCED_SYSTEM_CHECKS.append("security.W008")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 60 * 60)
    if SECURE_HSTS_SECONDS < 0:
        raise ImproperlyConfigured(
            f"DJANGO_HSTS_SECONDS must be 0 or more; got {SECURE_HSTS_SECONDS}"
        )
    if not SECURE_HSTS_SECONDS:
        SILENCED_SYSTEM_CHECKS.append("security.W004")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    if not SECURE_HSTS_INCLUDE_SUBDOMAINS:
        SILENCED_SYSTEM_CHECKS.append("security.W005")
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS.append("security.W021")
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response (django-csp): our own scripts, styles and
# images only; nothing inline, nothing evaluated. The one page with an inline style
# (the API docs, a drf-spectacular template) allows it by a per-response nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", NONCE],  # the nonce only on a page that uses one
        "img-src": ["'self'", "data:"],  # data: for the two-factor QR code
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page uses are switched off for the site and anything it frames.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Logs go to standard output. LOG_FORMAT=json (the default with DEBUG off) writes one JSON
# object per line with the request id (core/requestlog.py); "text" is for reading by eye.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text; got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.requestlog.JsonFormatter"},
        "text": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # One line per request from RequestIdMiddleware; runserver already prints its own.
    "loggers": {
        "careerguide.requests": {"level": "WARNING" if DEBUG else "INFO"},
    },
}

# /healthz also checks the shared cache when there is one (Redis); a load balancer then takes
# an instance out when it cannot reach the cache its pages and counters live in.
HEALTHZ_CHECKS_CACHE = bool(_redis_url)

# Whole public pages served from the shared cache to visitors without a session
# (core/pagecache.py). On by default; PUBLIC_PAGE_CACHE=0 turns it off (make bench measures
# both ways).
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", True)
# How many of those pages each worker also keeps in its own memory (0: none), so a hit
# does not fetch the whole page from Redis or the database every time. The Amazon guide
# takes about 205 KB (165 KB plain, 39 KB gzipped): 100 such pages cost a worker up to
# 21 MB (docs/performance.md).
PAGE_CACHE_LOCAL_ENTRIES = env_int("PAGE_CACHE_LOCAL_ENTRIES", 100)

# Assessment limits and retention (assessments/limits.py, docs/deploy.md).
# Saving an assessment result, per signed-in user or per visitor's IP address, HTML and API
# alike: "<number>/<second|minute|hour|day>".
ASSESSMENT_SUBMIT_RATE = env_rate("ASSESSMENT_SUBMIT_RATE", "10/minute")
# At most this many results per signed-in user in any 24 hours (counted in the database).
ASSESSMENT_DAILY_RESULTS_MAX = env_int("ASSESSMENT_DAILY_RESULTS_MAX", 50)
# `manage.py purge_stale` deletes visitors' unclaimed results older than this many days.
VISITOR_RESULT_RETENTION_DAYS = env_int("VISITOR_RESULT_RETENTION_DAYS", 30)
for _name in ("ASSESSMENT_DAILY_RESULTS_MAX", "VISITOR_RESULT_RETENTION_DAYS"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be 1 or more; got {globals()[_name]}")
