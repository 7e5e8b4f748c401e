"""FitnessPr settings: everything comes from the environment (and `.env`), with embedded dev defaults.

See the configuration table in README.md. A bad value stops start-up with a message naming the variable.
"""

from __future__ import annotations

import base64
import hashlib
import sys
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from fitnesspr.env import (
    database_settings,
    email_settings,
    env_bool,
    env_int,
    env_list,
    env_str,
    env_url,
    load_dotenv,
)
from fitnesspr.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env")

TESTING = "pytest" in sys.modules or env_bool("FITNESSPR_TESTING", False)

DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-secret-key-change-me-0123456789abcdefghijklmnop"
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY")

if not DEBUG:
    missing = [
        name
        for name, value in (
            ("SECRET_KEY", SECRET_KEY),
            ("ALLOWED_HOSTS", ALLOWED_HOSTS),
            ("FIELD_ENCRYPTION_KEY", FIELD_ENCRYPTION_KEY),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(f"DEBUG is off, so these variables are required: {', '.join(missing)}")
    if SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters")
SECRET_KEY = SECRET_KEY or _DEV_SECRET_KEY
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
if not FIELD_ENCRYPTION_KEY:
    FIELD_ENCRYPTION_KEY = base64.urlsafe_b64encode(hashlib.sha256(SECRET_KEY.encode()).digest()).decode()
try:
    if len(base64.urlsafe_b64decode(FIELD_ENCRYPTION_KEY.encode())) != 32:
        raise ValueError
except ValueError:
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEY must be 32 url-safe base64-encoded bytes "
        '(python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())")'
    ) from None

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
# How many reverse proxies sit in front of the app: the client address (throttling, login lockout) is then
# read from X-Forwarded-For, that many hops from the right. 0 trusts no header.
NUM_PROXIES = env_int("NUM_PROXIES", 0, minimum=0)
CORS_ALLOW_CREDENTIALS = False

SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", schemes=("http", "https")).rstrip("/")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "django_celery_beat",
    "django_htmx",
    "axes",
    "csp",
    "fitnesspr",
    "accounts",
    "workouts",
    "integrations",
    "notifications",
]

MIDDLEWARE = [
    "fitnesspr.middleware.RequestIdMiddleware",
    "fitnesspr.middleware.RejectNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "fitnesspr.middleware.CSPMiddleware",
    "fitnesspr.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "fitnesspr.middleware.SiteErrorPageMiddleware",
    # Last: turns a lockout flagged by AxesBackend on a login path other than ours (the admin) into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fitnesspr.urls"
WSGI_APPLICATION = "fitnesspr.wsgi.application"
ASGI_APPLICATION = "fitnesspr.asgi.application"

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

# --- Database -------------------------------------------------------------------------------
# Parsed by django-environ; only SQLite and PostgreSQL (postgres://, postgresql://, ...) are accepted.
_database = database_settings(
    "DATABASE_URL",
    env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    engines=("django.db.backends.sqlite3", "django.db.backends.postgresql"),
)
_database["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 0, minimum=0)
# Under ASGI each request runs its view in a thread of its own, so persistent connections (DB_CONN_MAX_AGE)
# would leave one open connection per finished thread. A web worker on PostgreSQL instead borrows connections
# from a pool (psycopg_pool) of at most DB_POOL_MAX_SIZE (the image's web role sets 10), and admits as many
# requests at once (WEB_MAX_REQUESTS below). 0, the default elsewhere (commands, Celery), opens one per use.
DB_POOL_MAX_SIZE = env_int("DB_POOL_MAX_SIZE", 0, minimum=0)
if _database["ENGINE"] == "django.db.backends.postgresql":
    _database["CONN_HEALTH_CHECKS"] = True
    _options = _database.setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5, minimum=1))
    if DB_POOL_MAX_SIZE:
        if _database["CONN_MAX_AGE"]:
            raise ImproperlyConfigured("DB_CONN_MAX_AGE: persistent connections cannot be used with DB_POOL_MAX_SIZE.")
        _options["pool"] = {
            "min_size": min(2, DB_POOL_MAX_SIZE),
            "max_size": DB_POOL_MAX_SIZE,
            "timeout": env_int("DB_POOL_TIMEOUT", 10, minimum=1),
        }
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Web workers ----------------------------------------------------------------------------
# Per web worker process (docker/entrypoint.sh starts WEB_CONCURRENCY of them): HTTP requests served at once,
# how many more may wait, and for how long, before a 503 with Retry-After (fitnesspr/asgi_limits.py).
WEB_MAX_REQUESTS = env_int("WEB_MAX_REQUESTS", DB_POOL_MAX_SIZE or 10, minimum=1)
WEB_MAX_QUEUED = env_int("WEB_MAX_QUEUED", 200, minimum=0)
WEB_QUEUE_TIMEOUT = env_int("WEB_QUEUE_TIMEOUT", 10, minimum=1)

# --- Redis: channel layer, cache, Celery ----------------------------------------------------
REDIS_URL = env_url("REDIS_URL", None, schemes=("redis", "rediss", "unix"))
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # channels_redis waits up to 5 s in a blocking read (BZPOPMIN) for each socket's next message;
                # redis-py 8 gives every connection a 5 s read timeout by default, which used to fire first and
                # close idle sockets with 1011. The read timeout must stay above the layer's blocking wait.
                "hosts": [{"address": REDIS_URL, "socket_timeout": 30, "socket_connect_timeout": 5}],
                "prefix": "fitnesspr:channels",
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "fitnesspr",
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://localhost/"  # a host named: kombu warns "No hostname was supplied" otherwise
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Workers and beat log through LOGGING below (JSON in production), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Accounts and passwords -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
INVITATION_TTL = timedelta(days=env_int("INVITATION_TTL_DAYS", 7, minimum=1))
# Brute-force protection: after this many failures for one account+address, wait this long.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60, minimum=1)
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# django-axes guards `authenticate()` itself, so the pages, the admin and the API token share one lockout
# and one audit of failures (in the database, shown in the admin). See accounts/lockout.py.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = "accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = "accounts.lockout.cool_off"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.lockout.username_of"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.ip_address_of"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # successful logins are `last_login`; the audit is of failures
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2", "new_password1", "new_password2"]
AXES_VERBOSE = False

# --- Email ----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "FitnessPr <noreply@fitnesspr.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, ... parsed by django-environ. The URL itself is not kept as a
# setting: it carries the SMTP password, and Django's error pages hide EMAIL_HOST_PASSWORD, not EMAIL_URL.
globals().update(email_settings("EMAIL_URL", env_str("EMAIL_URL", "console://")))

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Tests and `runserver` serve static files from the app folders; production from STATIC_ROOT.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Private images are streamed by Django unless the front proxy can serve them:
# "" (Django streams), "x-accel" (nginx X-Accel-Redirect) or "x-sendfile" (Apache/lighttpd).
PRIVATE_MEDIA_SERVER = env_str("PRIVATE_MEDIA_SERVER", "")
if PRIVATE_MEDIA_SERVER not in ("", "x-accel", "x-sendfile"):
    raise ImproperlyConfigured("PRIVATE_MEDIA_SERVER must be empty, 'x-accel' or 'x-sendfile'")
PRIVATE_MEDIA_ACCEL_PREFIX = env_str("PRIVATE_MEDIA_ACCEL_PREFIX", "/protected-media/")
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000, minimum=10_000)
IMAGE_MAX_SIDE = 2048
IMAGE_THUMBNAIL_SIDE = 256
# Explicit caps on what a request may carry: a JSON or form body of 5 MB, JSON nested 32 levels deep
# (a plan with days, exercises and sets is 5), a WebSocket message of 64 KB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
JSON_MAX_DEPTH = 32
WEBSOCKET_MAX_MESSAGE_BYTES = 64 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "fitnesspr.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "fitnesspr.api.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "fitnesspr.api.throttling.AnonRateThrottle",
        "fitnesspr.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("THROTTLE_ANON", "60/min"),
        "user": env_str("THROTTLE_USER", "600/min"),
        "auth": env_str("THROTTLE_AUTH", "20/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "fitnesspr.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "fitnesspr.api.errors.exception_handler",
    # orjson, writing what DRF's renderer writes (fitnesspr/api/renderers.py).
    "DEFAULT_RENDERER_CLASSES": ["fitnesspr.api.renderers.JSONRenderer"],
    # JSON bodies; an upload endpoint sets `parser_classes = (MultiPartParser,)` itself.
    "DEFAULT_PARSER_CLASSES": ["fitnesspr.api.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "NUM_PROXIES": NUM_PROXIES,
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append("rest_framework.renderers.BrowsableAPIRenderer")

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env_int("JWT_ACCESS_MINUTES", 15, minimum=1)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env_int("JWT_REFRESH_DAYS", 14, minimum=1)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
    "SIGNING_KEY": SECRET_KEY,
}

SPECTACULAR_SETTINGS = {
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "fitnesspr.api.schema.describe_live_events",
    ],
    "TITLE": "FitnessPr API",
    # The text of the API docs' front page; the live events catalogue is added from the event classes.
    "DESCRIPTION": (BASE_DIR / "fitnesspr" / "api" / "description.md").read_text(),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PATH_CONVERTER_OVERRIDES": {"object_id": {"type": "string", "format": "uuid"}},
    "ENUM_NAME_OVERRIDES": {
        "EquipmentEnum": "accounts.models.Equipment",
        "InvitationStatusEnum": "accounts.api.serializers.INVITATION_STATUSES",
        "GoalEnum": "accounts.models.Goal",
        "MuscleGroupEnum": "workouts.models.MuscleGroup",
        "ExerciseTypeEnum": "workouts.models.ExerciseType",
        "SetTypeEnum": "workouts.models.SetType",
        "PlanStatusEnum": "workouts.models.PlanStatus",
        "PlanSourceEnum": "workouts.models.PlanSource",
        "WorkoutSourceEnum": "workouts.models.WorkoutSource",
        "RecordKindEnum": "workouts.models.RecordKind",
    },
}

# --- Realtime -------------------------------------------------------------------------------
# Nothing extra: see CHANNEL_LAYERS above and fitnesspr/asgi.py.

# --- Integrations ---------------------------------------------------------------------------
HEVY_API_BASE_URL = env_url("HEVY_API_BASE_URL", "https://api.hevyapp.com", schemes=("http", "https")).rstrip("/")
ANTHROPIC_API_KEY = env_str("ANTHROPIC_API_KEY")
ANTHROPIC_BASE_URL = env_url("ANTHROPIC_BASE_URL", None, schemes=("http", "https"))
FITNESSPR_AI_MODEL = env_str("FITNESSPR_AI_MODEL", "claude-sonnet-4-5")
HEVY_SYNC_INTERVAL_MINUTES = env_int("HEVY_SYNC_INTERVAL_MINUTES", 15, minimum=1)
HEVY_TIMEOUT_SECONDS = env_int("HEVY_TIMEOUT_SECONDS", 30, minimum=1)
# Hevy answers 429 when pages are read back to back: a short pause between pages.
HEVY_PAGE_PAUSE_SECONDS = env_int("HEVY_PAGE_PAUSE_MS", 200, minimum=0) / 1000

from fitnesspr.schedule import beat_schedule  # noqa: E402

CELERY_BEAT_SCHEDULE = beat_schedule(globals())

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy by django-csp: no inline script anywhere (every script is a static file).
# Swagger UI, Redoc and the admin get inline styles (and blob: workers) from fitnesspr.middleware.CSPMiddleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", "ws:", "wss:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Secure cookies travel over HTTPS only; SECURE_COOKIES=false is for a plain-http test stack (the load test).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Logging --------------------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    raise ImproperlyConfigured(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got {LOG_LEVEL!r}")
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'text', got {LOG_FORMAT!r}")
LOGGING = logging_config(LOG_LEVEL, LOG_FORMAT)
