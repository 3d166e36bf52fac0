"""Newsdesk settings, configured from the environment; see README "Configuration".

Production-safe by default: DEBUG off, HTTPS-only cookies and HSTS (this host only).
`newsdesk demo` and the tests switch off what a plain-HTTP local run cannot have (NEWSDESK_HTTPS=0).
"""

import os
from pathlib import Path

import dj_database_url

from newsdesk.config import cache_config, data_dir, env_bool, env_list, secret_key, site_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("NEWSDESK_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

NEWSDESK_SITE_NAME = os.environ.get("NEWSDESK_SITE_NAME", "Newsdesk")
NEWSDESK_PAGE_SIZE = int(os.environ.get("NEWSDESK_PAGE_SIZE", "10"))
# Set here, not only defaulted where read: every page reads them, and reading a setting
# that is not there costs Django's settings object a raised AttributeError (≈ 3 µs).
NEWSDESK_CSP: dict = {}  # {"public": policy, "staff": policy}: see newsdesk/ops/headers.py
NEWSDESK_LOGO_URL = ""  # the publisher's logo in JSON-LD; empty: syndication/logo.png
# A logo file for the site's icons (newsdesk/public/site_icons.py); empty: drawn from the name.
NEWSDESK_ICON_FILE = os.environ.get("NEWSDESK_ICON_FILE", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "django_prose_editor",
    "ninja",  # serves its bundled Swagger UI for /api/docs (no CDN)
    "newsdesk.content",
    "newsdesk.search",
    "newsdesk.desk",
    "newsdesk.pagecache",
    "newsdesk.public",
    "newsdesk.syndication",
    "newsdesk.api",
    "newsdesk.wire",
    "newsdesk.accounts",
    "newsdesk.audit",
    "newsdesk.ops",
    "newsdesk.live",
    "newsdesk.readership",
    "newsdesk.related",
    "newsdesk.trust",
    "newsdesk.claims",
    "newsdesk.editions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # After the HTTPS redirect (which must see the real scheme), before anything renders.
    "newsdesk.ops.site_origin.SiteOriginMiddleware",
    "newsdesk.ops.headers.ContentSecurityPolicyMiddleware",
    # Reads counted before sessions, auth and CSRF, which a read never needs.
    "newsdesk.readership.middleware.ReadBeaconMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so cached files stay plain (a front server compresses them).
    "newsdesk.public.compression.ReaderPageGZipMiddleware",
    "newsdesk.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware for the newsroom; readers get their edition's language.
    "newsdesk.editions.middleware.EditionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "newsdesk.wire.middleware.OldURLRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Desk pages in the signed-in editor's chosen language (after LocaleMiddleware's choice).
    "newsdesk.desk.language.DeskLanguageMiddleware",
    "newsdesk.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication: tells the readers' pages' footer script to show the desk link.
    "newsdesk.desk.staff_hint.StaffHintMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

TEMPLATES = [
    {
        # The readers' pages (<app>/jinja2/): Jinja2 renders them several times faster.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "newsdesk.public.templating.environment",
            "extensions": ["newsdesk.trust.templating.TrustExtension"],
            "autoescape": True,
            "auto_reload": DEBUG,
            "context_processors": ["newsdesk.public.context_processors.site"],
        },
    },
    {
        # The desk, the admin, feeds and sitemaps (<app>/templates/).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsdesk.public.context_processors.site",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'newsdesk.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _default_db)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Its lookups and search only work on PostgreSQL; on SQLite it would only load psycopg
    # (≈ 14 MB in every web worker).
    INSTALLED_APPS.insert(
        INSTALLED_APPS.index("django.contrib.sitemaps") + 1, "django.contrib.postgres"
    )
# The search engine: a dotted path to a newsdesk.search.backends.base.SearchBackend class;
# by default the one for the database engine.
NEWSDESK_SEARCH_BACKEND = os.environ.get("NEWSDESK_SEARCH_BACKEND") or (
    "newsdesk.search.backends.postgres.PostgresBackend"
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    else "newsdesk.search.backends.sqlite.SQLiteBackend"
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and the writer work side by side; IMMEDIATE avoids
        # "database is locked" upgrades from read to write inside a transaction.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    # Reuse the connection across requests: opening one and running the PRAGMAs above
    # costs more than rendering a cached page.
    DATABASES["default"]["CONN_MAX_AGE"] = None
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

CACHES = {
    "default": cache_config(os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL"), DATA_DIR)
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("NEWSDESK_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Failed logins are throttled per address and per account+address (accounts/throttle.py).
AUTHENTICATION_BACKENDS = ["newsdesk.accounts.backends.RateLimitedModelBackend"]
NEWSDESK_LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("NEWSDESK_LOGIN_FAILURES_PER_ACCOUNT", 5))
NEWSDESK_LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("NEWSDESK_LOGIN_FAILURES_PER_ADDRESS", 20))
NEWSDESK_API_WRITE_RATE = os.environ.get("NEWSDESK_API_WRITE_RATE", "120/m")
NEWSDESK_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("NEWSDESK_LOGIN_LOCKOUT_SECONDS", 900))
NEWSDESK_TRASH_DAYS = int(os.environ.get("NEWSDESK_TRASH_DAYS", 30))

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en-us")
# The interface's own catalogues (English, Persian, Arabic): `make messages` updates them.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# The site's editions (newsdesk/editions/config.py): a JSON list; empty, one edition in
# LANGUAGE_CODE and TIME_ZONE at /.
NEWSDESK_EDITIONS = os.environ.get("NEWSDESK_EDITIONS", "")

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("NEWSDESK_MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("NEWSDESK_PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31536000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Security: on by default, off only when explicitly serving plain HTTP (demo, tests).
HTTPS = env_bool("NEWSDESK_HTTPS", not DEBUG)
# Absolute URLs are built from this origin, never from a request's headers (ops/site_origin).
NEWSDESK_SITE_URL = site_url(os.environ.get("NEWSDESK_SITE_URL", ""), ALLOWED_HOSTS, HTTPS)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
# Both are hard to undo (every subdomain must then speak HTTPS; the preload list takes
# months to leave), so they are the operator's decision, not a default. Django's deploy
# check asks for them; with them off by choice, its two reminders are silenced.
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("NEWSDESK_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = HTTPS and env_bool("NEWSDESK_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
NEWSDESK_SERVE_MEDIA = env_bool("NEWSDESK_SERVE_MEDIA", True)
# Who sends media files once the app has said a reader may see them. In production (HTTPS)
# the front server: the app answers with an X-Accel-Redirect to this internal prefix and
# nginx sends the file (deploy/nginx). Empty: the app sends the file itself, for a plain
# HTTP local site (`newsdesk demo`, `newsdesk serve` without a front server).
NEWSDESK_MEDIA_ACCEL_PREFIX = os.environ.get(
    "NEWSDESK_MEDIA_ACCEL_PREFIX", "/_media/" if HTTPS else ""
)

# Page cache: anonymous pages kept as files (a front server may serve them directly, see
# deploy/nginx), purged exactly on content events. NEWSDESK_PAGE_CACHE=0 switches it off.
NEWSDESK_PAGE_CACHE = env_bool("NEWSDESK_PAGE_CACHE", True)
NEWSDESK_PAGE_CACHE_DIR = Path(os.environ.get("NEWSDESK_PAGE_CACHE_DIR", DATA_DIR / "pagecache"))
# Several web hosts, each with its own page cache: a Redis URL through which they pass each
# other's purges (run `newsdesk pagecache-follow` on every host). Empty: one host.
NEWSDESK_PAGE_CACHE_PEERS = os.environ.get("NEWSDESK_PAGE_CACHE_PEERS", "")
NEWSDESK_CDN_MAX_AGE = int(os.environ.get("NEWSDESK_CDN_MAX_AGE", "60"))

# Outbound fetching (newsdesk.net): hosts and IPs/CIDRs that may be fetched although they
# are loopback/private (tests, intranets). Empty = public addresses only.
NEWSDESK_FETCH_ALLOW = env_list("NEWSDESK_FETCH_ALLOW", "")

# The change pipeline (newsdesk/content/changes.py): who hears of every story change, once,
# after its transaction commits, in this order. Add a consumer here, nowhere else.
NEWSDESK_CHANGE_SUBSCRIBERS = [
    "newsdesk.pagecache.purge.on_change",
    "newsdesk.search.indexing.on_change",
    "newsdesk.api.receivers.queue_webhooks",
    "newsdesk.audit.listeners.on_change",
    "newsdesk.related.subscriber.on_change",
    "newsdesk.trust.receivers.on_change",
    "newsdesk.claims.subscribers.on_change",
    "newsdesk.content.tasks.queue_worker_subscribers",
]
# Run by the worker, from one job queued per story change (content/changes.py).
NEWSDESK_CHANGE_WORKER_SUBSCRIBERS = [
    "newsdesk.related.subscriber.in_worker",
    "newsdesk.wire.receivers.in_worker",
    "newsdesk.claims.subscribers.in_worker",
]

# Most read (newsdesk/readership): how often the worker folds new reads into the lists,
# and the rates above which a visitor is a robot, not a reader. The front server's
# address, whose X-Forwarded-For names the reader (deploy/nginx).
NEWSDESK_MOST_READ_EVERY = int(os.environ.get("NEWSDESK_MOST_READ_EVERY", 120))
NEWSDESK_READS_PER_VISITOR_DAY = int(os.environ.get("NEWSDESK_READS_PER_VISITOR_DAY", 60))
NEWSDESK_READS_PER_VISITOR_MINUTE = int(os.environ.get("NEWSDESK_READS_PER_VISITOR_MINUTE", 6))
NEWSDESK_READS_TRUSTED_PROXIES = env_list("NEWSDESK_READS_TRUSTED_PROXIES", "127.0.0.1/32,::1/128")
# Where the beacon appends reads until the worker takes them (readership/spool.py).
NEWSDESK_READS_SPOOL_DIR = Path(os.environ.get("NEWSDESK_READS_SPOOL_DIR", DATA_DIR / "reads"))
# Jobs each worker's housekeeping runs or enqueues when they are due (besides feed polls).
NEWSDESK_WORKER_SCHEDULES = [
    "newsdesk.readership.spool.take_due",
    "newsdesk.readership.schedule.enqueue_due",
]
