"""Settings for the marketplace: every value comes from the environment, here and only here.

Development defaults are safe and need nothing installed (SQLite, database search, local media, no keys).
With DEBUG off, the project refuses to start with an unsafe SECRET_KEY or no ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Core -------------------------------------------------------------------------------------------
# DEBUG: development conveniences (tracebacks, static files from the app). Off in production.
DEBUG = env_bool("DEBUG", True)
_DEV_SECRET = "dev-only-insecure-secret-key-change-me"
# SECRET_KEY: signs sessions and tokens. Must be set (and long) when DEBUG is off.
SECRET_KEY = env("SECRET_KEY", _DEV_SECRET)
# ALLOWED_HOSTS: comma-separated host names this site answers to.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
# CSRF_TRUSTED_ORIGINS: comma-separated origins (https://example.com) allowed to POST forms.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if not DEBUG:
    if SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured("Set SECRET_KEY (32+ characters) when DEBUG is off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set ALLOWED_HOSTS when DEBUG is off.")

INSTALLED_APPS = [
    "marketplace.accounts",
    "marketplace.audit",
    "marketplace.exchange",
    "catalog",
    "orders",
    "orders.trade",
    "search",
    "cms",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: the request id (X-Request-ID) and the one log line per request cover everything below.
    "marketplace.logging_context.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "marketplace.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's page view gets the request's Site from the cache instead of one query per page view.
    "cms.wagtail_overrides.CachedSiteMiddleware",
    # Turns a login the throttle refused into its page (marketplace.accounts.throttling); axes wants it last.
    "axes.middleware.AxesMiddleware",
    # `request.buyer_currency` on every request; remembers `?currency=` (marketplace.currency).
    "marketplace.currency.CurrencyMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "marketplace" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                # `buyer_currency` and the header's currency chooser (marketplace.currency).
                "marketplace.currency.buyer_currency",
            ],
            # The core's tag library: the core is a package, not an app, so Django would not find it.
            "libraries": {
                "slots": "marketplace.templatetags.slots",
                # `|money` and `{% price_in_buyer_currency %}`: every amount shown (marketplace.currency).
                "money": "marketplace.templatetags.money",
            },
            # `{% url %}` remembering argument-less reversals (marketplace/templatetags/url_memo.py says why).
            "builtins": ["marketplace.templatetags.url_memo"],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------------
# DATABASE_URL: e.g. postgres://user@127.0.0.1:5432/dbname. Default: SQLite file db.sqlite3 in the project.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
# SQLITE_BUSY_TIMEOUT: seconds a SQLite write waits for another writer to finish before giving up.
SQLITE_BUSY_TIMEOUT = float(env("SQLITE_BUSY_TIMEOUT", 20))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a server database (gunicorn workers and threads writing at once):
    # - WAL: readers never block the writer nor the writer them; synchronous=NORMAL is safe with WAL (a power
    #   cut may lose the last commits, never corrupt the file) and spares an fsync per commit.
    # - IMMEDIATE: a transaction takes the write lock at BEGIN. A deferred one (SQLite's default) reads, then
    #   upgrades to write; if another writer committed in between, SQLite fails it at once with "database is
    #   locked" without waiting the busy timeout (its snapshot is stale), which made checkouts 500 under load.
    # - timeout: how long to wait for the write lock (busy_timeout) instead of failing.
    # tests/test_sqlite_concurrency.py runs concurrent checkout-like writers against these settings.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_BUSY_TIMEOUT,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# --- Login throttling (marketplace/accounts/throttling.py, django-axes) -------------------------------
# The axes backend comes first: it refuses every authentication of a locked account or address, on our login
# form and Wagtail's admin login alike, before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# LOGIN_FAILURE_LIMIT: failed logins after which an account, and separately a client address, is refused.
LOGIN_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", 5))
# LOGIN_COOLOFF_MINUTES: how long the refusal lasts after the last attempt (a password reset lifts it sooner).
LOGIN_COOLOFF_MINUTES = int(env("LOGIN_COOLOFF_MINUTES", 15))
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: the account, or the address
AXES_USERNAME_FORM_FIELD = "username"  # what our login form and Wagtail's post the email as
AXES_USERNAME_CALLABLE = "marketplace.accounts.throttling.username_of"
AXES_CLIENT_IP_CALLABLE = "marketplace.accounts.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "marketplace.accounts.throttling.locked_out"
# A success must not wipe the address's count: an attacker would log into an account of their own between
# guesses. Failures older than the cool-off no longer count.
AXES_RESET_ON_SUCCESS = False

# --- Cache ------------------------------------------------------------------------------------------
# CACHE_URL: redis://127.0.0.1:6379/0 to share a cache between workers. Default: per-process memory.
if env("CACHE_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("CACHE_URL")}
    }
else:
    # Room for the cached fragments (a card and a product page per product), renditions and page types:
    # at locmem's default of 300 entries they would push each other out.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
# --- Background tasks (Django's tasks API, the django-tasks backport) ----------------------------------
# TASKS_BACKEND: "database" (default: a queue in the project's own database, worked by `manage.py db_worker`,
# which `make run` starts), "rq" (Redis through RQ; needs REDIS_URL; worked by `manage.py rqworker`) or
# "immediate" (run in the caller, for one-off scripts). The same task code runs on all three.
TASKS_BACKEND = env("TASKS_BACKEND", "rq" if env("REDIS_URL") else "database")
REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0")
_TASK_QUEUES = ["default", "email", "search", "media"]
if TASKS_BACKEND == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": _TASK_QUEUES}}
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300} for name in _TASK_QUEUES}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": _TASK_QUEUES}}
elif TASKS_BACKEND == "immediate":
    TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": _TASK_QUEUES}
    }
else:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be database, rq or immediate, not {TASKS_BACKEND!r}")
# marketplace.jobs: @job (retries, request id, a log line per run), the email outbox, the schedule.
INSTALLED_APPS.append("marketplace.jobs")
# TASK_RETRY_BASE_SECONDS: a failed task's first retry waits this long, each next one 4 times longer (1 h
# at most).
TASK_RETRY_BASE_SECONDS = float(env("TASK_RETRY_BASE_SECONDS", 30))
# EMAIL_MAX_ATTEMPTS: tries of one email before it is marked failed for operators (30 s, 2, 8, 32 min apart).
EMAIL_MAX_ATTEMPTS = int(env("EMAIL_MAX_ATTEMPTS", 5))
# EMAIL_SENDING_LEASE_SECONDS: an email "sending" this long had its worker die; the outbox flush retries it.
EMAIL_SENDING_LEASE_SECONDS = int(env("EMAIL_SENDING_LEASE_SECONDS", 15 * 60))
# TASK_RESULTS_KEEP_DAYS: finished results of the database queue are deleted after this many days.
TASK_RESULTS_KEEP_DAYS = int(env("TASK_RESULTS_KEEP_DAYS", 7))

# FRAGMENT_CACHE_SECONDS: how long rendered fragments (product cards, product pages, storefront facts) stay
# cached. Their keys change with the data they show, so this only bounds memory and age, not staleness.
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", 24 * 3600))

# --- Internationalisation ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ur", "اردو")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Number formats of languages Django lacks (Urdu), used by every amount shown (marketplace.currency).
FORMAT_MODULE_PATH = ["marketplace.formats"]
TIME_ZONE = env("TIME_ZONE", "Asia/Karachi")
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "marketplace" / "static"]
# MEDIA_ROOT / MEDIA_URL: where uploads live when stored locally (the default).
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = env("MEDIA_URL", "/media/")
# SERVE_MEDIA: Django serves local media (development, demos, benchmarks); production uses S3 or a web server.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
# MEDIA_STORAGE: "local" (default) or "s3" (then AWS_STORAGE_BUCKET_NAME and the AWS_* settings below).
MEDIA_STORAGE = env("MEDIA_STORAGE", "local")
if MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured(f"MEDIA_STORAGE is 'local' or 's3', not {MEDIA_STORAGE!r}.")
_media_backend = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if MEDIA_STORAGE == "s3":
    from botocore.config import Config as _S3ClientConfig

    # AWS_STORAGE_BUCKET_NAME: the public media bucket (photos and their renditions), readable by anyone
    # through its bucket policy; objects are written without an ACL (buckets refuse ACLs by default).
    if not env("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured(
            "With MEDIA_STORAGE=s3, set AWS_STORAGE_BUCKET_NAME (the public media bucket)."
        )
    # AWS_S3_TIMEOUT: seconds to connect to S3 and to wait for its answer, so a slow S3 fails an upload
    # instead of holding a worker; AWS_S3_MAX_ATTEMPTS: tries of each request (reads, and writes of a new
    # name, are safe to repeat), with botocore's standard backoff.
    _s3_timeout = float(env("AWS_S3_TIMEOUT", 10))
    _s3_client = _S3ClientConfig(
        connect_timeout=_s3_timeout,
        read_timeout=_s3_timeout,
        retries={"mode": "standard", "max_attempts": int(env("AWS_S3_MAX_ATTEMPTS", 3))},
    )
    _media_backend = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,  # S3-compatible stores (moto in tests)
            "region_name": env("AWS_S3_REGION_NAME", "us-east-1"),
            "access_key": env("AWS_ACCESS_KEY_ID"),
            "secret_key": env("AWS_SECRET_ACCESS_KEY"),
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
            "client_config": _s3_client,
        },
    }
# PRIVATE_MEDIA_ROOT: where private uploads (inquiry/RFQ attachments, dispute photos, certification documents)
# live when stored locally. Outside MEDIA_ROOT, so no media URL or web server serving MEDIA_ROOT reaches them;
# only views that check who asks hand them out (marketplace.files).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()) or MEDIA_ROOT.resolve().is_relative_to(
    PRIVATE_MEDIA_ROOT.resolve()
):
    raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must be outside MEDIA_ROOT (and not contain it).")
# PRIVATE_URL_EXPIRY_SECONDS: with S3, how long the signed link to a private file, given after the check,
# works.
PRIVATE_URL_EXPIRY_SECONDS = int(env("PRIVATE_URL_EXPIRY_SECONDS", 60))
_private_backend = {"BACKEND": "marketplace.files.PrivateFileSystemStorage"}
if MEDIA_STORAGE == "s3":
    # AWS_PRIVATE_STORAGE_BUCKET_NAME: a second bucket, without public access, for private uploads.
    _private_bucket = env("AWS_PRIVATE_STORAGE_BUCKET_NAME")
    if not _private_bucket or _private_bucket == env("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured(
            "With MEDIA_STORAGE=s3, set AWS_PRIVATE_STORAGE_BUCKET_NAME to a private bucket other than "
            "AWS_STORAGE_BUCKET_NAME: private uploads must never share the public media bucket."
        )
    _private_backend = {
        "BACKEND": "marketplace.s3.PrivateS3Storage",
        "OPTIONS": {
            **_media_backend["OPTIONS"],
            "bucket_name": _private_bucket,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": PRIVATE_URL_EXPIRY_SECONDS,
            "custom_domain": None,
        },
    }
STORAGES = {
    "default": _media_backend,
    "private": _private_backend,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

# --- Photos -----------------------------------------------------------------------------------------
# PHOTO_MAX_BYTES / PHOTO_MAX_PIXELS: upload limits for product and gallery photos.
PHOTO_MAX_BYTES = int(env("PHOTO_MAX_BYTES", 10 * 1024 * 1024))
PHOTO_MAX_PIXELS = int(env("PHOTO_MAX_PIXELS", 40_000_000))
WAGTAILIMAGES_IMAGE_MODEL = "catalog.Photo"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = PHOTO_MAX_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = PHOTO_MAX_PIXELS
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]

# --- Wagtail ----------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Pakistan Crafts Export Marketplace"
# SITE_URL: the public base URL, used in emails (marketplace.links.absolute_url) and admin links.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]
# Editors' avatars over HTTPS whatever the page's scheme (Wagtail's default "//" follows it), as the admin's
# Content-Security-Policy allows images from https: hosts only.
WAGTAIL_GRAVATAR_PROVIDER_URL = "https://www.gravatar.com/avatar"

# --- Email ------------------------------------------------------------------------------------------
# EMAIL_URL-style settings: EMAIL_BACKEND defaults to printing mail on the console in development.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", 25))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", 10))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Marketplace <no-reply@marketplace.local>")

# --- Search -----------------------------------------------------------------------------------------
# SEARCH_BACKEND: "database" (default: SQLite FTS5 or PostgreSQL full-text) or "elasticsearch".
SEARCH_BACKEND = env("SEARCH_BACKEND", "database")
# ELASTICSEARCH_URL: the Elasticsearch server for the elasticsearch backend.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", "")
# ELASTICSEARCH_INDEX: the alias name searches go through; real indexes are <alias>-<timestamp>.
ELASTICSEARCH_INDEX = env("ELASTICSEARCH_INDEX", "products")
# ELASTICSEARCH_TIMEOUT: seconds before search gives up on Elasticsearch and falls back to the database.
ELASTICSEARCH_TIMEOUT = float(env("ELASTICSEARCH_TIMEOUT", 2))
# SEARCH_SYNONYMS_FILE: one editable synonyms file (Solr format) shared by every backend.
SEARCH_SYNONYMS_FILE = Path(env("SEARCH_SYNONYMS_FILE", BASE_DIR / "search" / "synonyms.txt"))
# SEARCH_POSTINGS_CACHE_MB: memory per process for the database backend's clause postings (the products
# holding each query clause and their ranks, for one index generation: search.backends.database_postings).
SEARCH_POSTINGS_CACHE_MB = int(env("SEARCH_POSTINGS_CACHE_MB", 128))

# --- Payments (Stripe) ------------------------------------------------------------------------------
# STRIPE_SECRET_KEY / STRIPE_PUBLISHABLE_KEY / STRIPE_WEBHOOK_SECRET: from the Stripe dashboard.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "")
# STRIPE_API_BASE: only to point the client at a stand-in (localstripe) in tests; empty means Stripe itself.
STRIPE_API_BASE = env("STRIPE_API_BASE", "")
# STRIPE_JS_URL: where the page loads Stripe.js from.
STRIPE_JS_URL = env("STRIPE_JS_URL", "https://js.stripe.com/v3/")
# STRIPE_TIMEOUT: seconds for each Stripe API call.
STRIPE_TIMEOUT = float(env("STRIPE_TIMEOUT", 10))

# --- Marketplace rules ------------------------------------------------------------------------------
# ESCROW_AUTO_RELEASE_DAYS: days after shipping when undisputed escrow is released automatically.
ESCROW_AUTO_RELEASE_DAYS = int(env("ESCROW_AUTO_RELEASE_DAYS", 14))
# UNPAID_ORDER_EXPIRY_HOURS: hours an order may await payment before `expire_unpaid_orders` cancels it and its
# PaymentIntent, and gives its reserved stock back to other buyers.
UNPAID_ORDER_EXPIRY_HOURS = int(env("UNPAID_ORDER_EXPIRY_HOURS", 48))
# PLATFORM_COMMISSION_PERCENT: the default commission on released escrow (per-category overrides in admin).
PLATFORM_COMMISSION_PERCENT = env("PLATFORM_COMMISSION_PERCENT", "5.00")
# PAYOUT_THRESHOLD: minimum available balance (in the balance's currency) to include a supplier in a batch.
PAYOUT_THRESHOLD = env("PAYOUT_THRESHOLD", "50.00")
# RATE_LIMIT_INQUIRIES_PER_HOUR / RATE_LIMIT_RFQS_PER_DAY: spam limits per account.
RATE_LIMIT_INQUIRIES_PER_HOUR = int(env("RATE_LIMIT_INQUIRIES_PER_HOUR", 20))
RATE_LIMIT_RFQS_PER_DAY = int(env("RATE_LIMIT_RFQS_PER_DAY", 10))
# ATTACHMENT_MAX_BYTES: size limit of inquiry and RFQ attachments and of certification documents.
ATTACHMENT_MAX_BYTES = int(env("ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))
# MAX_ORDER_QUANTITY: the largest quantity of one order line, RFQ, inquiry, capacity offer or price tier
# (marketplace.numbers.check_quantity). At most 2,147,483,647, what a PostgreSQL integer column holds.
MAX_ORDER_QUANTITY = int(env("MAX_ORDER_QUANTITY", 1_000_000))
if not 1 <= MAX_ORDER_QUANTITY <= 2**31 - 1:
    raise ImproperlyConfigured("MAX_ORDER_QUANTITY must be from 1 to 2147483647.")

# --- Security (production) --------------------------------------------------------------------------
# BEHIND_HTTPS_PROXY: the site is served through a proxy that terminates TLS and sets X-Forwarded-Proto and
# X-Forwarded-For (appending the client's address).
BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
# SECURE_SSL_REDIRECT: answer http:// requests with a redirect to https:// (default: behind the HTTPS proxy).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", BEHIND_HTTPS_PROXY)
# SECURE_COOKIES: session and CSRF cookies only over HTTPS (default: behind the HTTPS proxy, DEBUG off).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and BEHIND_HTTPS_PROXY)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# SECURE_HSTS_SECONDS: how long browsers must use HTTPS only (HSTS); a year behind the HTTPS proxy, else off.
# SECURE_HSTS_INCLUDE_SUBDOMAINS / SECURE_HSTS_PRELOAD: HSTS covers subdomains / consents to the browsers'
# preload list (both on with HSTS: set them false if a subdomain still serves plain HTTP). A browser keeps
# HSTS for the whole period: start with a few minutes (300) when first turning HTTPS on.
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if BEHIND_HTTPS_PROXY else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
# No page may be framed; Wagtail's page preview marks its own responses SAMEORIGIN for the editor's frame.
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (marketplace/csp.py): no inline script or style on the public site. Images may come
# from any https host (the media storage, S3 or a CDN): an image runs no code. The pay page adds Stripe's
# origins for its own response (orders.payments.stripe_gateway.browser_sources).
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Wagtail's admin: its templates hold inline scripts and styles; it frames its own page previews and shows
# previews of uploads (blob:); its dashboard asks releases.wagtail.org for the latest version.
CONTENT_SECURITY_POLICY_ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", "https://releases.wagtail.org"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

# --- The JSON API (api/: Django REST Framework, drf-spectacular) ------------------------------------------
# "ninja" (django-ninja, which Wagtail 8 requires) only for its copy of Swagger UI's files: /api/v1/docs/
# serves them as our static files, so the docs page needs no CDN under the site's Content-Security-Policy.
INSTALLED_APPS += ["api", "ninja"]
# API_RATE_LIMIT: requests per token (per user with a session cookie) and period: "600/minute", "20000/hour".
API_RATE_LIMIT = env("API_RATE_LIMIT", "600/minute")
# API_WRITE_RATE_LIMIT: of those, the writes (POST, PUT, PATCH, DELETE).
API_WRITE_RATE_LIMIT = env("API_WRITE_RATE_LIMIT", "60/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.TokenScope"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Cursor",
    "PAGE_SIZE": 25,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenRate", "api.throttling.PerTokenWriteRate"],
    "DEFAULT_THROTTLE_RATES": {"api": API_RATE_LIMIT, "api_write": API_WRITE_RATE_LIMIT},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "api.errors.handle",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pakistan Crafts Export Marketplace API",
    "DESCRIPTION": "The catalog, search, a supplier's listings and a buyer's trade, for your own tools. "
    "Authenticate with an API token (Authorization: Bearer <token>) made on your account's API tokens page.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["api.schema.only_our_api"],
    "ENUM_NAME_OVERRIDES": {
        "RegionEnum": "catalog.reference.Region.choices",
        "UnitEnum": "catalog.reference.Unit.choices",
        "IncotermEnum": "catalog.reference.Incoterm.choices",
        "CurrencyEnum": "marketplace.money.CURRENCY_CHOICES",
        "CountryEnum": "api.schema.COUNTRY_CHOICES",
    },
    # Every operation documents the error responses every operation can give (api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_errors",
        "api.schema.add_links",
    ],
}


# --- Logging ----------------------------------------------------------------------------------------
# LOG_FORMAT: "json" (one JSON object per line: what production gets, and the default with DEBUG off) or
# "text" (readable lines, the default in development). Both carry the request id
# (marketplace.logging_context): one line per request on "marketplace.requests", one per task run on
# "marketplace.tasks".
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "marketplace.logging_json.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "marketplace.logging_json.JsonFormatter"},
        "text": {"()": "marketplace.logging_json.TextFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # axes narrates every login at INFO; its warnings (each failure, each lockout) are what matter.
    # django.server: runserver's own access line repeats marketplace.requests' (which has the request id).
    # django_tasks: its start/finish lines repeat marketplace.tasks' (which has the duration and request id).
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
# /healthz answers a load balancer over plain HTTP too (no redirect to https://).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
