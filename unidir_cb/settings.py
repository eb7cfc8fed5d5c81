"""Settings for unidir_cb, read from the environment (12-factor).

DJANGO_ENV picks the defaults that suit where the code runs:
- "production" (the default, so a forgotten variable never weakens security): DEBUG off, HTTPS-only
  cookies, HSTS, SECRET_KEY and ALLOWED_HOSTS required, mandatory email verification.
- "demo": `make run` on a laptop: DEBUG on, SQLite, console email, eager Celery.
- "test": the pytest suite: production-like, but plain HTTP and in-memory email.
Every default below can be overridden by its own variable.
"""

import os
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from unidir_cb.core import un_countries

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="production")
if DJANGO_ENV not in {"production", "demo", "test"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be production, demo or test, not {DJANGO_ENV!r}.")
IS_PRODUCTION = DJANGO_ENV == "production"
IS_DEMO = DJANGO_ENV == "demo"

DEBUG = env.bool("DEBUG", default=IS_DEMO)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if IS_PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    SECRET_KEY = "unidir-cb-local-only-key-never-used-in-production-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if IS_PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin, so that its forms show each translated field's languages.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "csp",
    "django_countries",
    "djmoney",
    "admin_auto_filters",
    "simple_history",
    "django_celery_results",
    "django_celery_beat",
    # In layer order (see the README's Architecture): the kernel, the domain apps, then the
    # cross-domain compilation on top.
    "unidir_cb.core.apps.CoreConfig",
    "unidir_cb.core.reporting",
    "programmes",
    "events",
    "publications",
    "donors",
    "reports",
    # Last, as it asks: deletes the old file of a replaced or deleted upload, for the models that
    # @cleanup.select (public uploads; the private files and report files keep their own lifecycle).
    "django_cleanup.apps.CleanupSelectedConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Control characters in the path, a query parameter or a form field: 400, before any view or query.
    "unidir_cb.core.middleware.RejectControlCharactersMiddleware",
    # ETags on GET responses, and 304 for a request that already holds the page (feeds, catalogue...).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "unidir_cb.urls"
WSGI_APPLICATION = "unidir_cb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

# Database: SQLite needs no server, so it is the zero-set-up default; production and CI use
# PostgreSQL through DATABASE_URL (postgres://user:password@host:port/name).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file (not in-memory) test database lets a real Celery worker process read what a test wrote;
    # the process id keeps concurrent test runs apart.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}
    # IMMEDIATE: a transaction takes the write lock when it begins, so a writer waits out another
    # process's write (the demo's worker, a test's worker) for up to `timeout` seconds instead of
    # failing at once with "database is locked" when it upgrades a read lock mid-transaction.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now: a bare "unidir.org" means https://

# The cache holds rate-limit counters and the public pages served to anonymous visitors (sessions stay
# in the database). A Redis cache may fail at run time without a 500: errors are logged and ignored,
# so rate limits fail open and pages are rendered afresh until it answers again
# (unidir_cb/core/cache.py); short timeouts keep an unreachable server from stalling requests.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://unidir-cb")}
# Public pages served from the cache to anonymous visitors (unidir_cb/core/public_pages.py) are also
# refreshed at once when their content changes; this bounds what time alone changes (an event passing).
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=300)
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    CACHES["default"]["BACKEND"] = "unidir_cb.core.cache.FailOpenRedisCache"
    CACHES["default"]["OPTIONS"] = {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": env.float("CACHE_CONNECT_TIMEOUT_SECONDS", default=0.5),
        "SOCKET_TIMEOUT": env.float("CACHE_TIMEOUT_SECONDS", default=0.5),
        **CACHES["default"].get("OPTIONS", {}),
    }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "unidir_cb.cache"
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # stated: a cache outage must not sign anyone out

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend that first refuses tries on a throttled account or address, for every login
    # door (unidir_cb/core/login_protection.py).
    "unidir_cb.core.login_protection.LoginThrottleBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Internationalisation: the six official UN languages.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
FORMAT_MODULE_PATH = ["unidir_cb.formats"]
# Content staff write (event titles, topic names...) in the six languages: a column per language
# (title_fr, title_zh_hans...); a visitor reads their language and, where it is missing, the English,
# which the pages mark lang="en" (unidir_cb/core/templatetags/content.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "es", "ru", "zh-hans", "ar")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Country names everywhere are the UN's short names in the visitor's language (unidir_cb/core/un_countries.py).
COUNTRIES_OVERRIDE = un_countries.names_for_django_countries()
TIME_ZONE = "Europe/Zurich"
USE_TZ = True

# Static and media files. WhiteNoise serves the vendored static files; nothing comes from a CDN.
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Outside production WhiteNoise serves straight from the source folders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not IS_PRODUCTION
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# The folders of MEDIA_ROOT the public may fetch at MEDIA_URL (unidir_cb/core/public_media.py), in
# every environment: speakers' photos and publications' translations. Report files and imports lie
# under MEDIA_ROOT too and go out only through views that check who asks.
PUBLIC_MEDIA_FOLDERS = ("speakers", "translations")
# Participants' uploaded answers (passport scans...) and other personal files: a folder of its own
# that no web server serves (unidir_cb/core/private_files.py); events.answer_views checks who asks
# before sending a file. Backed up with the media files (unidir_cb/core/backups.py).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
# Private answers (files, passport details) are erased this many days after their event ends.
PRIVATE_ANSWERS_RETENTION_DAYS = env.int("PRIVATE_ANSWERS_RETENTION_DAYS", default=180)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if IS_PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Email. EMAIL_URL (smtp://user:password@host:587/?tls=True) in production; the demo prints
# emails to the console and the tests keep them in memory.
_default_email_url = {"production": "smtp://localhost:25", "demo": "consolemail://", "test": "memorymail://"}[
    DJANGO_ENV
]
vars().update(env.email_url("EMAIL_URL", default=_default_email_url))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="UNIDIR Security and Technology <no-reply@unidir.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in emails and calendar files point here (no request to build them from in a Celery worker).
SITE_URL = env.str("SITE_URL", default="https://cb.unidir.org" if IS_PRODUCTION else "http://127.0.0.1:8000")
# Calendar invitations: UIDs end in this domain (never change it once invitations went out).
CALENDAR_UID_DOMAIN = env.str("CALENDAR_UID_DOMAIN", default="cb.unidir.org")
CALENDAR_ORGANIZER_EMAIL = env.str("CALENDAR_ORGANIZER_EMAIL", default="sectec@unidir.org")

# Accounts (django-allauth): email is the login; addresses must be verified outside the demo.
LOGIN_URL = "account_login"  # a URL name, so the login page opens in the reader's language
LOGIN_REDIRECT_URL = "/"
# Links an imported participant to a newly verified account and sends new people to the profile step.
ACCOUNT_ADAPTER = "events.accounts.ParticipantAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="optional" if IS_DEMO else "mandatory")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Login protection (unidir_cb/core/login_protection.py), counted in the database so that a cache outage
# never lifts it. Per account: 5 failures in 5 minutes refuse further tries until the window passes or
# the password is reset. Per address, sized for a training room of 60 people behind one address signing
# in together: each account stops at 5 failures, so 60 x 5 = 300 is the most such a room can produce.
LOGIN_FAILURES_PER_ACCOUNT = env.int("LOGIN_FAILURES_PER_ACCOUNT", default=5)
LOGIN_FAILURE_WINDOW_SECONDS = env.int("LOGIN_FAILURE_WINDOW_SECONDS", default=5 * 60)
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=300)
# allauth's other limits count in the cache (and fail open while it is down). Stated in full so that
# nobody turns one on or off by accident: successful logins are never capped ("login"), login
# failures are counted above instead ("login_failed"), and sign-ups allow the room of 60 three tries each.
ACCOUNT_RATE_LIMITS = {
    "login": None,
    "login_failed": None,
    "signup": "180/5m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}

# Celery. With no broker configured, tasks run eagerly in the web process, so the demo needs no
# server; with a broker they run on workers configured to survive worker loss.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="django-db")
CELERY_RESULT_EXTENDED = True
CELERY_TASK_TRACK_STARTED = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=25 * 60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30 * 60)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers a message whose worker died only after this timeout; it must exceed the longest
# task (CELERY_TASK_TIME_LIMIT), and the report-job sweeper covers the gap.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60)}
# A broker that goes away is waited for, for ever: workers and beat reconnect when it returns (retrying
# every 2 s, then up to every 30 s) instead of exiting after 100 tries. A task running meanwhile goes on
# to its end; its acknowledgement is lost with the connection, and its redelivery finds the work done.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Tasks are sent through an outbox table (unidir_cb/core/outbox.py): one the broker refused is sent
# again every OUTBOX_SEND_INTERVAL_SECONDS until it answers; sent messages are kept OUTBOX_KEEP_DAYS.
OUTBOX_SEND_INTERVAL_SECONDS = env.int("OUTBOX_SEND_INTERVAL_SECONDS", default=15)
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=30)
# The report-job sweeper (below) runs every REPORT_SWEEP_INTERVAL_SECONDS.
REPORT_SWEEP_INTERVAL_SECONDS = env.int("REPORT_SWEEP_INTERVAL_SECONDS", default=60)
# How often beat recalls seat offers about to lapse and passes lapsed ones on (a lapsed offer waits
# at most this long for the next person).
SEAT_OFFER_INTERVAL_SECONDS = env.int("SEAT_OFFER_INTERVAL_SECONDS", default=300)
CELERY_BEAT_SCHEDULE = {
    "send-pending-outbox-messages": {
        "task": "unidir_cb.send_pending_outbox_messages",
        "schedule": OUTBOX_SEND_INTERVAL_SECONDS,
        "options": {"expires": OUTBOX_SEND_INTERVAL_SECONDS},
    },
    # Seat offers (events with offer hours): reminders before they lapse, and lapsed ones passed on.
    "process-seat-offers": {
        "task": "events.process_seat_offers",
        "schedule": SEAT_OFFER_INTERVAL_SECONDS,
        "options": {"expires": SEAT_OFFER_INTERVAL_SECONDS},
    },
    "send-event-reminders": {
        "task": "events.send_due_reminders",
        "schedule": 60 * 60,
        "options": {"expires": 60 * 60},
    },
    "erase-expired-private-answers": {
        "task": "events.erase_expired_private_answers",
        "schedule": 24 * 60 * 60,
        "options": {"expires": 60 * 60},
    },
    "delete-expired-report-files": {
        "task": "reporting.delete_expired_report_files",
        "schedule": 24 * 60 * 60,
        "options": {"expires": 60 * 60},
    },
    # A job whose worker died would otherwise wait an hour for Redis to redeliver it (see above).
    "sweep-stale-report-jobs": {
        "task": "reporting.sweep_stale_report_jobs",
        "schedule": REPORT_SWEEP_INTERVAL_SECONDS,
        "options": {"expires": REPORT_SWEEP_INTERVAL_SECONDS},
    },
}
CELERY_TIMEZONE = TIME_ZONE

# Report jobs (unidir_cb/core/reporting): a running job records a heartbeat every REPORT_HEARTBEAT_SECONDS;
# the sweeper requeues a job whose heartbeat is older than REPORT_HEARTBEAT_STALE_SECONDS, or one whose message
# reached the broker REPORT_QUEUED_STALE_SECONDS ago and no worker took, and fails it after REPORT_MAX_ATTEMPTS tries.
REPORT_HEARTBEAT_SECONDS = env.float("REPORT_HEARTBEAT_SECONDS", default=10)
REPORT_HEARTBEAT_STALE_SECONDS = env.int("REPORT_HEARTBEAT_STALE_SECONDS", default=120)
REPORT_QUEUED_STALE_SECONDS = env.int("REPORT_QUEUED_STALE_SECONDS", default=30 * 60)
REPORT_MAX_ATTEMPTS = env.int("REPORT_MAX_ATTEMPTS", default=3)
# A report document larger than this fails its job with a message saying so (the build holds it in
# memory); exports, written to disk as they are read, are not capped.
REPORT_FILE_MAX_BYTES = env.int("REPORT_FILE_MAX_BYTES", default=50 * 1024 * 1024)
# Files of ad-hoc reports and unapproved mapping drafts are deleted this many days after their job
# finished (beat, daily); approved mapping versions and scheduled snapshots keep theirs for good.
REPORT_FILE_RETENTION_DAYS = env.int("REPORT_FILE_RETENTION_DAYS", default=90)
# The check-in desk of an event opens this many hours before it starts (and stays open afterwards,
# so that staff can still record who came).
CHECK_IN_OPENS_HOURS_BEFORE = env.int("CHECK_IN_OPENS_HOURS_BEFORE", default=24)
# Tests slow each build step down to watch progress or kill a worker mid-job; ignored elsewhere.
REPORT_STEP_DELAY_SECONDS = env.float("REPORT_STEP_DELAY_SECONDS", default=0) if DJANGO_ENV == "test" else 0

# Security. Production defaults pass `manage.py check --deploy`; demo and tests run on plain HTTP.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=IS_PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers and container health checks speak plain HTTP
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=IS_PRODUCTION)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=IS_PRODUCTION)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if IS_PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = IS_PRODUCTION
SECURE_HSTS_PRELOAD = IS_PRODUCTION
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Proxies in front of the site that append to X-Forwarded-For: rate limits per address (allauth's and
# ours, unidir_cb/core/ratelimit.py) read the client's address behind them.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_TLS_PROXY else 0)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # The Django admin sets inline style attributes; scripts stay strictly same-origin.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Money: amounts keep their currency; reports convert with stored monthly rates (donors/).
CURRENCIES = ("USD", "EUR", "CHF", "GBP", "JPY", "CAD", "AUD", "NZD", "CNY", "CZK", "RUB", "SEK", "NOK", "DKK")
REPORTING_CURRENCY = env.str("REPORTING_CURRENCY", default="USD")

# Imports and exports (unidir_cb/core/data_transfer) run as report jobs. The caps of one import:
IMPORT_FILE_MAX_BYTES = env.int("IMPORT_FILE_MAX_BYTES", default=50 * 1024 * 1024)
IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES = env.int("IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES", default=300 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=200_000)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000  # admin bulk actions over long changelists

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
