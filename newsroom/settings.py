"""
Settings for Newsroom, driven by environment variables.

Local defaults are safe for development when DJANGO_DEBUG=1. With debug off, a missing
secret key or host list stops start-up with a clear message instead of running insecurely.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
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


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 (debug only)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS is not set. Give the site's host names, comma-separated "
            "(for example 'news.example.org'), or set DJANGO_DEBUG=1 for local development."
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before whitenoise's: demo/management/commands/runserver.py gives `make run` a listen queue
    # that holds a burst of readers (Django's keeps 10 waiting and resets the rest).
    "demo",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "csp",
    # Before "security": security/admin.py narrows axes' audit admin to superusers.
    "axes",
    "django_prose_editor",
    # django-taggit, named "Tags" in the admin (newsroom/apps.py).
    "newsroom.apps.TagsConfig",
    "reversion",
    # The project: settings, root URLs and the roles (groups kept in step by its migrations).
    "newsroom",
    # What every site needs, used by the apps below and depending on none of them.
    "pagecache",
    "security",
    "ops",
    "seo",
    # The newsroom.
    "authors",
    "photos",
    "articles",
    "comments",
    "pages",
    "wpimport",
    # The desk on the admin home: each person's waiting work, from the apps above.
    "desk",
    "bench",
]

MIDDLEWARE = [
    # Outermost: one log line per request, timed across every layer (ops/request_log.py).
    "ops.request_log.RequestLogMiddleware",
    # First: everything after it sees the reader's address in REMOTE_ADDR (NEWSROOM_PROXY_COUNT).
    "security.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.CSPMiddleware",
    "security.middleware.PermissionsPolicyMiddleware",
    "security.middleware.AdminNoIndexMiddleware",
    # Before anything reads the request: overlong queries, too many fields, huge bodies.
    "security.limits.RequestLimitsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Old WordPress addresses answer 301 (wpimport/middleware.py): no query unless the request
    # is a WordPress front-page query (/?p=123) or our own URLs answered 404.
    "wpimport.middleware.LegacyRedirectMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Readers' pages from the cache (pagecache/__init__.py): inside the session and auth layers,
    # which tell staff and readers with messages apart, and outside the 503 handler, so that a
    # cached page is still served while the database is away.
    "pagecache.middleware.PageCacheMiddleware",
    # A view that cannot reach the database answers 503 (ops/resilience.py; errors inside
    # the middleware above reach the same page through handler500).
    "ops.resilience.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

# Messages ("Your comment is awaiting moderation") live in a signed cookie only. Django's default
# falls back to the session, and merely looking for messages then reads the session, which marks
# every reader's page "Vary: Cookie": no shared cache could keep an article page.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

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
                "articles.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# SQLite is only the zero-setup default for `make run`; tests, CI and production use PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Each worker keeps its connection (checked before reuse): a new one costs a request
        # ~8 ms (the connection, then a fresh PostgreSQL backend's first queries). Ten minutes,
        # so that a quiet minute does not make every worker reconnect.
        conn_max_age=int(env("DJANGO_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Many readers and a few writers at once, as `make run` meets them: WAL lets pages be read
    # while a comment is written; IMMEDIATE takes the write lock when a transaction begins, so
    # writers queue for up to `timeout` seconds instead of failing with "database is locked" when
    # a read lock cannot be upgraded; synchronous=NORMAL is safe in WAL and saves an fsync a commit.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(env("DJANGO_SQLITE_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database host that stops answering fails a request (503) in seconds instead of holding it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(env("DJANGO_DB_CONNECT_TIMEOUT", "5"))
    )

# Readers' pages read from a PostgreSQL replica when there is one; writes, signed-in people and
# anyone who just posted a form use the primary (ops/db_routers.py says why).
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    _replica = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    _replica["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        **_replica.get("OPTIONS", {}),
    }
    # Tests read and write one test database through both aliases.
    DATABASES["replica"] = {**_replica, "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["ops.db_routers.PrimaryReplicaRouter"]
    # Outermost, so that it decides before any other middleware reads the database.
    MIDDLEWARE.insert(0, "ops.db_routers.ReplicaReadsMiddleware")
# After a form post, how long that browser reads from the primary, so it sees what it wrote.
NEWSROOM_REPLICA_PIN_SECONDS = int(env("NEWSROOM_REPLICA_PIN_SECONDS", "10"))

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's backend, with one client per connection pool (pagecache/backends.py).
            "BACKEND": "pagecache.backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# One site, one language: the language the outlet publishes in, not negotiated per request
# (public pages are cached by address, and no reader gets another reader's language). The admin
# speaks it too, with Django's own translations.
LANGUAGES = [("en", "English"), ("es", "Español")]
LANGUAGE_CODE = env("DJANGO_LANGUAGE_CODE", "en-us")
if LANGUAGE_CODE.split("-")[0] not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"DJANGO_LANGUAGE_CODE={LANGUAGE_CODE!r}: use one of {', '.join(dict(LANGUAGES))}"
    )
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))

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

# Uploads on S3-compatible object storage (AWS S3, MinIO, Backblaze B2, Cloudflare R2...) when a
# bucket is named, so that every app server sees the same files. Public media: plain URLs (no
# signatures that expire) and no per-object ACL (make the bucket, or its CDN, publicly readable).
# An upload never overwrites a file (a new one gets a new name), so objects are cached for good.
MEDIA_S3_BUCKET = env("DJANGO_MEDIA_S3_BUCKET")
if MEDIA_S3_BUCKET:
    _s3 = {
        "bucket_name": MEDIA_S3_BUCKET,
        "endpoint_url": env("DJANGO_MEDIA_S3_ENDPOINT_URL", "").rstrip("/"),
        "region_name": env("DJANGO_MEDIA_S3_REGION"),
        # Unset, boto3 finds credentials itself: AWS_ACCESS_KEY_ID and so on, or a machine role.
        "access_key": env("DJANGO_MEDIA_S3_ACCESS_KEY_ID"),
        "secret_key": env("DJANGO_MEDIA_S3_SECRET_ACCESS_KEY"),
        "custom_domain": env("DJANGO_MEDIA_S3_CUSTOM_DOMAIN"),
        "location": env("DJANGO_MEDIA_S3_LOCATION", "").strip("/"),
        "addressing_style": env("DJANGO_MEDIA_S3_ADDRESSING_STYLE"),
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **{key: value for key, value in _s3.items() if value},
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    # Where media is served from (the content security policy allows its origin).
    _prefix = f"{_s3['location']}/" if _s3["location"] else ""
    if _s3["custom_domain"]:
        MEDIA_URL = f"https://{_s3['custom_domain']}/{_prefix}"
    elif _s3["endpoint_url"] and _s3["addressing_style"] == "virtual":
        _scheme, _host = _s3["endpoint_url"].split("://", 1)
        MEDIA_URL = f"{_scheme}://{MEDIA_S3_BUCKET}.{_host}/{_prefix}"
    elif _s3["endpoint_url"]:
        MEDIA_URL = f"{_s3['endpoint_url']}/{MEDIA_S3_BUCKET}/{_prefix}"
    else:
        MEDIA_URL = f"https://{MEDIA_S3_BUCKET}.s3.amazonaws.com/{_prefix}"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Tags "Elections" and "elections" are the same tag.
TAGGIT_CASE_INSENSITIVE = True

# Comment bodies and form posts are small; refuse anything far larger before it reaches a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(env("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", str(2_621_440)))

# Comments: how often one address, one commenter (by email) and one article may take a comment,
# per window of NEWSROOM_COMMENT_RATE_WINDOW seconds; and the size of a comment post, refused
# (413) before it is read. 64 KB holds 5,000 characters of any script, percent-encoded.
NEWSROOM_COMMENT_RATE_WINDOW = int(env("NEWSROOM_COMMENT_RATE_WINDOW", "600"))
NEWSROOM_COMMENT_RATE_PER_IP = int(env("NEWSROOM_COMMENT_RATE_PER_IP", "5"))
NEWSROOM_COMMENT_RATE_PER_EMAIL = int(env("NEWSROOM_COMMENT_RATE_PER_EMAIL", "3"))
NEWSROOM_COMMENT_RATE_PER_ARTICLE = int(env("NEWSROOM_COMMENT_RATE_PER_ARTICLE", "30"))
NEWSROOM_COMMENT_MAX_REQUEST_BYTES = int(env("NEWSROOM_COMMENT_MAX_REQUEST_BYTES", str(64 * 1024)))
# A form sent sooner than this after the page was served is a bot's; later than the maximum, stale.
NEWSROOM_COMMENT_MIN_SECONDS = int(env("NEWSROOM_COMMENT_MIN_SECONDS", "3"))
NEWSROOM_COMMENT_FORM_MAX_AGE = int(env("NEWSROOM_COMMENT_FORM_MAX_AGE", str(2 * 24 * 3600)))

# Email: the console by default (mail is printed to the log); SMTP when configured.
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", False)
# A slow mail server must not hold a reader's request for long (notifications are sent after
# the comment is saved, in the same request).
EMAIL_TIMEOUT = int(env("DJANGO_EMAIL_TIMEOUT", "5"))
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who is told about comments held for moderation; empty: active Moderator accounts with an email.
NEWSROOM_MODERATOR_EMAILS = env_list("NEWSROOM_MODERATOR_EMAILS")

NEWSROOM_SITE_NAME = env("NEWSROOM_SITE_NAME", "The Riverside Ledger")
NEWSROOM_SITE_TAGLINE = env("NEWSROOM_SITE_TAGLINE", "Independent news for the river towns")
# The link-preview picture (og:image, twitter:image, NewsArticle image) of a page with no photo of
# its own: a static file, best 1200x630. `manage.py make_logo` draws one from the site name.
NEWSROOM_SOCIAL_IMAGE = env("NEWSROOM_SOCIAL_IMAGE", "img/social.png")
NEWSROOM_PAGE_SIZE = int(env("NEWSROOM_PAGE_SIZE", "12"))

# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto header (set DJANGO_SECURE_PROXY=1).
if env_bool("DJANGO_SECURE_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Load balancers check /healthz over plain HTTP (they still send one of ALLOWED_HOSTS).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
# Session and CSRF cookies only over HTTPS: on by default in production.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)

# How many proxies of ours stand in front (nginx: 1). Only then is X-Forwarded-For read, and only
# the entries those proxies wrote (security.middleware.TrustedProxyMiddleware); 0 ignores it, so a
# reader cannot pick the address the login lockout and the comment limits see.
NEWSROOM_PROXY_COUNT = int(env("DJANGO_PROXY_COUNT", "0"))

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Only staff have sessions (readers never log in): a login lasts a working day, then asks again.
SESSION_COOKIE_AGE = int(env("DJANGO_SESSION_COOKIE_AGE", str(12 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", False)

# The admin's address; another one (DJANGO_ADMIN_URL=desk-7f3a/) keeps scanners off its login.
NEWSROOM_ADMIN_URL = (env("DJANGO_ADMIN_URL", "").strip().strip("/") or "admin") + "/"

# Content-Security-Policy (django-csp; security.middleware.CSPMiddleware adds the origins of media
# and static files served from elsewhere). No inline scripts or styles: pages load only our
# files. The one nonce is for django-prose-editor's import map, on admin forms with the editor.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Features no page of ours uses, refused for every page and any frame in it.
NEWSROOM_PERMISSIONS_POLICY = env(
    "DJANGO_PERMISSIONS_POLICY",
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()",
)

# Login throttling (django-axes; attempts kept in the database, not in a cache that may be
# cleared). A lockout is for one user name from one address: a password guesser is stopped, but
# cannot lock an editor out from everywhere by typing their name with wrong passwords.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("DJANGO_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lockout runs from the attempt that caused it: retrying, even with the right password,
# does not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "security.lockout.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# Logs go to stderr with a timestamp: one line per request at INFO (ops/request_log.py,
# without addresses, query strings or emails), errors with their tracebacks. Django's own
# handlers are replaced, so no traceback is ever mailed (nor shown: DEBUG is off in production).
LOG_LEVEL = env("DJANGO_LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "newsroom.request": {"level": env("DJANGO_REQUEST_LOG_LEVEL", "INFO").upper()},
    },
}

# Comment retention and reports (comments/management/commands/comments_retention.py, reports.py).
NEWSROOM_COMMENT_RETENTION_DAYS = int(env("NEWSROOM_COMMENT_RETENTION_DAYS", "30"))
NEWSROOM_COMMENT_REPORTS_TO_HOLD = int(env("NEWSROOM_COMMENT_REPORTS_TO_HOLD", "3"))
# Photo uploads: refused above these sizes (a proxy in front must allow bodies this large).
NEWSROOM_PHOTO_MAX_BYTES = int(env("NEWSROOM_PHOTO_MAX_BYTES", str(20 * 1024 * 1024)))
NEWSROOM_PHOTO_MAX_PIXELS = int(env("NEWSROOM_PHOTO_MAX_PIXELS", str(40_000_000)))
# How long a shared preview link works, in seconds.
NEWSROOM_PREVIEW_MAX_AGE = int(env("NEWSROOM_PREVIEW_MAX_AGE", str(7 * 24 * 3600)))

# Readers' pages kept whole in the cache (pagecache/__init__.py), dropped when what they show
# changes; NEWSROOM_PAGE_CACHE_SECONDS only bounds how long an unchanged page is kept. They are
# `public` for a proxy or CDN in front, for NEWSROOM_PAGE_SHARED_MAX_AGE seconds and then
# NEWSROOM_PAGE_STALE_WHILE_REVALIDATE more while it refreshes them; browsers revalidate after
# NEWSROOM_PAGE_BROWSER_MAX_AGE (a 304 costs a cache lookup).
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
NEWSROOM_PAGE_CACHE_ALIAS = "default"
NEWSROOM_PAGE_CACHE_SECONDS = int(env("NEWSROOM_PAGE_CACHE_SECONDS", "600"))
NEWSROOM_PAGE_SHARED_MAX_AGE = int(env("NEWSROOM_PAGE_SHARED_MAX_AGE", "60"))
NEWSROOM_PAGE_STALE_WHILE_REVALIDATE = int(env("NEWSROOM_PAGE_STALE_WHILE_REVALIDATE", "30"))
NEWSROOM_PAGE_BROWSER_MAX_AGE = int(env("NEWSROOM_PAGE_BROWSER_MAX_AGE", "0"))
# A page that changed (or expired) is rendered by one worker at a time, holding a lock for at most
# NEWSROOM_PAGE_LOCK_SECONDS; meanwhile the others serve the previous copy, if it stopped being
# current no more than NEWSROOM_PAGE_STALE_SECONDS ago, and otherwise render it too.
NEWSROOM_PAGE_STALE_SECONDS = int(env("NEWSROOM_PAGE_STALE_SECONDS", "60"))
NEWSROOM_PAGE_LOCK_SECONDS = int(env("NEWSROOM_PAGE_LOCK_SECONDS", "10"))
# After a change commits, the caches in front are told which pages to drop (pagecache/purge.py):
# "" (none: they keep pages for their s-maxage), or "http": a request to NEWSROOM_PURGE_URL per
# batch of tags, as Varnish, Fastly and Cloudflare take it. The URL may hold {tags} (all of them,
# space-separated) or {tag} (a request each); NEWSROOM_PURGE_TAGS_HEADER names the header that
# carries them too (comma-separated in Cache-Tag, else space-separated; "" sends none);
# NEWSROOM_PURGE_BODY=json sends {"tags": [...]} (Cloudflare's API). NEWSROOM_PURGE_HEADERS
# adds headers, "Name: value" pairs separated by ";" (e.g. "Fastly-Key: ..."): keep it in the
# environment, never in the repository.
NEWSROOM_PURGE_BACKEND = env("NEWSROOM_PURGE_BACKEND", "")
NEWSROOM_PURGE_URL = env("NEWSROOM_PURGE_URL", "")
NEWSROOM_PURGE_METHOD = env("NEWSROOM_PURGE_METHOD", "PURGE")
NEWSROOM_PURGE_TIMEOUT = float(env("NEWSROOM_PURGE_TIMEOUT", "5"))
NEWSROOM_PURGE_TAGS_HEADER = env("NEWSROOM_PURGE_TAGS_HEADER", "Surrogate-Key")
NEWSROOM_PURGE_BODY = env("NEWSROOM_PURGE_BODY", "")
NEWSROOM_PURGE_HEADERS = {}
for _pair in filter(None, (part.strip() for part in env("NEWSROOM_PURGE_HEADERS", "").split(";"))):
    _name, _colon, _value = _pair.partition(":")
    if not _colon or not _name.strip():
        raise ImproperlyConfigured(
            'NEWSROOM_PURGE_HEADERS must be "Name: value" pairs separated by ";".'
        )
    NEWSROOM_PURGE_HEADERS[_name.strip()] = _value.strip()
if NEWSROOM_PURGE_BACKEND not in ("", "http"):
    raise ImproperlyConfigured('NEWSROOM_PURGE_BACKEND must be "" (none) or "http".')
if NEWSROOM_PURGE_BACKEND == "http" and not NEWSROOM_PURGE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("NEWSROOM_PURGE_BACKEND=http needs an http(s) NEWSROOM_PURGE_URL.")
if NEWSROOM_PURGE_BODY not in ("", "json"):
    raise ImproperlyConfigured('NEWSROOM_PURGE_BODY must be "" or "json".')
# A request header that skips the page cache; only `make bench` sets one (bench/settings.py).
NEWSROOM_PAGE_CACHE_BYPASS_HEADER = ""
