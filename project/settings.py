"""Settings for the scrutiny assurance tracker, all read from the environment.

Unset, everything falls back to the embedded default: a SQLite file under var/,
Celery tasks run in-process, emails printed to the console.
"""

from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from project.env import (
    database_from_url,
    env_bool,
    env_int,
    env_link,
    env_list,
    env_port,
    env_proxy_ssl_header,
    env_str,
)
from project.storage import default_storage_from_env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Set SECRET_KEY to a long random string, "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105 - only ever with DEBUG on

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "accounts",
    "common",
    "recommendations",
    "partnerships",
    "indicators",
    "case_audits",
    "surveys",
    "scrutiny",
    "audit",
    "operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "common.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "audit.middleware.RefusedRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"

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
                "pages.context_processors.service",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(env_str("DATABASE_URL"), default_sqlite=VAR_DIR / "scrutiny.sqlite3")}
if not env_str("DATABASE_URL"):
    VAR_DIR.mkdir(exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60)

# Signing in (accounts app, docs/decisions/0008-signing-in.md). Two-factor sign-in is required whenever
# DEBUG is off unless TWO_FACTOR_REQUIRED=0; people who have set it up are asked for a code either way.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Scrutiny assurance tracker"
# django-axes: the backend refuses a locked-out sign-in before Django checks the password.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MINUTES", 15))
# Locked per account and, separately, per address: either reaching the limit locks.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# The same client address as the audit log: REMOTE_ADDR, or behind a proxy AUDIT_CLIENT_IP_HEADER.
AXES_CLIENT_IP_CALLABLE = "audit.records.client_ip"
# The audit log records sign-ins; axes keeps only the failures it counts. Codes are never stored.
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# Sessions end after SESSION_IDLE_MINUTES without a request, SESSION_MAX_HOURS after signing in whatever
# the activity (accounts.middleware.SessionLimitsMiddleware), and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_MAX_AGE = env_int("SESSION_MAX_HOURS", 12) * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    # Uploads and reports: MEDIA_ROOT, or an S3-compatible bucket (STORAGE_BACKEND, AWS_* variables).
    "default": default_storage_from_env(),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Change reasons hold a person's own words (an identifier check's confirmation): text, not 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Scrutiny assurance tracker <no-reply@localhost>")

SERVICE_NAME = "Scrutiny assurance tracker"
# The Government Security Classification marking printed on every page of every report, PDF and Word.
REPORT_PROTECTIVE_MARKING = env_str("REPORT_PROTECTIVE_MARKING", "OFFICIAL-SENSITIVE")
# The port `make run` serves on (runserver reads it from the Makefile); the default SITE_URL follows it.
PORT = env_port("PORT", 8000)
# Absolute links in emails, and the address `seed_demo` tells people to open.
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{PORT}").rstrip("/")
# The audit log's client address (audit/records.py): REMOTE_ADDR, or behind a proxy the header it sets
# (e.g. X-Forwarded-For), counting AUDIT_TRUSTED_PROXIES entries from the right.
AUDIT_CLIENT_IP_HEADER = env_str("AUDIT_CLIENT_IP_HEADER")
AUDIT_TRUSTED_PROXIES = env_int("AUDIT_TRUSTED_PROXIES", 1)
if AUDIT_TRUSTED_PROXIES < 1:
    raise ImproperlyConfigured("AUDIT_TRUSTED_PROXIES must be 1 or more: the number of proxies in front of the app.")

# Celery: with REDIS_URL unset, tasks run in-process (the embedded default). Without DEBUG that would
# build every report inside a web request, so it must be asked for by name.
REDIS_URL = env_str("REDIS_URL")
if not REDIS_URL and not DEBUG and not env_bool("TASKS_IN_PROCESS", False):
    raise ImproperlyConfigured(
        "REDIS_URL is not set and DEBUG is off, so reports would be built inside web requests. Set REDIS_URL "
        "to the Redis broker the Celery worker uses, or TASKS_IN_PROCESS=1 to run tasks in process on purpose."
    )
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# In process, a report builds in a thread of its own after the request that asked for it, so the person
# sees its page say it is building (and follow it) instead of a page that hangs until the PDF is made.
REPORTS_BUILD_IN_A_THREAD = CELERY_TASK_ALWAYS_EAGER
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_IGNORE_RESULT = True
# Acknowledge a task only after it has run, so a worker that dies mid-build leaves the message to be
# delivered again (the report builder is idempotent, so a second delivery never makes a second file).
CELERY_TASK_ACKS_LATE = True
# Take one message at a time: a worker holding prefetched reports would delay them behind a long build.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# If the worker process is killed (e.g. out of memory), requeue the message rather than acknowledge it;
# build_report_task caps redeliveries (MAX_ATTEMPTS) so a report that kills its worker ends as failed.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Redis redelivers an unacknowledged message after visibility_timeout seconds: it must be longer than the
# longest report (time_limit 300 s), or a slow build would be started a second time while still running.
# The tests shorten it (CELERY_VISIBILITY_TIMEOUT, test only) to see a killed worker's message come back
# quickly; kombu then also scans for such messages every second instead of about every 100 s.
_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": _VISIBILITY_TIMEOUT}
if _VISIBILITY_TIMEOUT < 60:
    CELERY_BROKER_TRANSPORT_OPTIONS |= {"unacked_restore_interval": 1, "unacked_restore_throttle": 1}
# The same for the result backend's connection (the ping round-trip test uses results; reports do not).
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": _VISIBILITY_TIMEOUT}
# A prefork child that has grown past this many KiB is replaced after its task (WeasyPrint on a large
# report peaks near 200 MB). Not enforced by the solo pool the tests use.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 600_000)
# A worker started before Redis keeps trying to connect instead of exiting.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Seconds to wait for a broker connection: a web request that enqueues a report must not hang on a
# Redis that is down (scrutiny.reports also retries publishing only once, briefly).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Headers and HTTPS (docs/decisions/0009-security-headers-and-csp.md). SECURE_SSL_REDIRECT=0 serves plain
# http, for a benchmark on 127.0.0.1; SECURE_PROXY_SSL_HEADER names the header a TLS-terminating proxy sets.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Not preloaded: the preload list binds the whole domain for months, which the domain's owner decides;
# so check --deploy's reminder that preload is off (W021) is silenced.
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No script of ours reads the CSRF cookie: forms carry the token. It lasts until the browser closes, not
# Django's year: the anonymous survey pages (pages/views/survey_answers.py) leave no cookie behind the visit.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_AGE = None
CSRF_COOKIE_SAMESITE = "Lax"
PERMISSIONS_POLICY = ["camera", "microphone", "geolocation", "payment", "usb", "display-capture"]
# No inline script or style: scripts are our static files, and each <script> also carries the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", parseaddr(DEFAULT_FROM_EMAIL)[1])
# The phase banner's feedback link on every page: a web address (a survey, a form) or an email address.
FEEDBACK_URL = env_link("FEEDBACK_URL", ACCESSIBILITY_CONTACT_EMAIL)

# The loggers that print a refused request's path put "/answer/-/" for a survey link's token (surveys/log_privacy.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"hide_answer_links": {"()": "surveys.log_privacy.HideAnswerLinks"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django.request": {"filters": ["hide_answer_links"]},
        "django.security.csrf": {"filters": ["hide_answer_links"]},
    },
}

# Short-lived counts only (common/throttle.py): in Redis when REDIS_URL is set, so that every web process counts
# together, with timeouts short enough that a Redis that is down fails a request's count, not the request; in
# each process's memory otherwise (development, and the tests without REDIS_URL).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "scrutiny",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
