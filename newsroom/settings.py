"""
Settings for Newsroom, driven by environment variables.

Local defaults are safe for development when DJANGO_DEBUG=1. With debug off, a missing
secret key or host list stops start-up with a clear message instead of running insecurely.
"""

import os
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
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "taggit",
    "reversion",
    "newsroom",
    "authors",
    "photos",
    "articles",
    "comments",
    "pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
                "newsroom.context_processors.site",
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
        conn_max_age=int(env("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
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

LANGUAGE_CODE = "en-us"
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
NEWSROOM_PAGE_SIZE = int(env("NEWSROOM_PAGE_SIZE", "12"))

# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto header (set DJANGO_SECURE_PROXY=1).
if env_bool("DJANGO_SECURE_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "WARNING")},
}

# Comment retention and reports (comments/management/commands/comments_retention.py, reports.py).
NEWSROOM_COMMENT_RETENTION_DAYS = int(env("NEWSROOM_COMMENT_RETENTION_DAYS", "30"))
NEWSROOM_COMMENT_REPORTS_TO_HOLD = int(env("NEWSROOM_COMMENT_REPORTS_TO_HOLD", "3"))
# Photo uploads: refused above these sizes (a proxy in front must allow bodies this large).
NEWSROOM_PHOTO_MAX_BYTES = int(env("NEWSROOM_PHOTO_MAX_BYTES", str(20 * 1024 * 1024)))
NEWSROOM_PHOTO_MAX_PIXELS = int(env("NEWSROOM_PHOTO_MAX_PIXELS", str(40_000_000)))
# How long a shared preview link works, in seconds.
NEWSROOM_PREVIEW_MAX_AGE = int(env("NEWSROOM_PREVIEW_MAX_AGE", str(7 * 24 * 3600)))
