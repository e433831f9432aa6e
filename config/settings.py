"""Settings come from the environment. The defaults are safe for a server (DEBUG off,
a random stored SECRET_KEY); export DEBUG=1 when developing."""
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_list, stored_secret, url_prefix
from .logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

# Off unless asked for: a server started with no environment is a safe one.
DEBUG = env_bool("DEBUG", False)

# Everything the archive writes (database, search index, collected static files).
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
INDEX_PATH = Path(os.environ.get("INDEX_PATH", DATA_DIR / "index"))

SECRET_KEY = os.environ.get("SECRET_KEY") or stored_secret(DATA_DIR / "secret_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'archive.sqlite3'}", conn_max_age=600
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets pages be read while an import writes; IMMEDIATE takes the write
    # lock at BEGIN, so that two writers queue (up to `timeout` s) instead of one
    # failing at once with "database is locked" when it upgrades a read lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL", "transaction_mode": "IMMEDIATE", "timeout": 30}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "haystack",
    "simple_history",
    "ninja",  # installed so that its API docs use its bundled Swagger assets, not a CDN
    "archive",
    "search",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "archive.context.site",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

SITE_NAME = os.environ.get("SITE_NAME", "报纸档案")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on every start without it
# Compressed copies from collectstatic; no manifest, so tests and a fresh clone run without one.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Search: haystack over our Whoosh backend (search/backend.py), or a SolrCloud collection for
# a site that outgrows one machine (below).
# rebuild_index reads articles BATCH_SIZE at a time with their bylines and captions prefetched;
# haystack's 1,000 made SQLite refuse the prefetch ("Expression tree is too large").
SEARCH_BATCH_SIZE = 500
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "search.backend.ArchiveWhooshEngine", "PATH": str(INDEX_PATH),
                "BATCH_SIZE": SEARCH_BATCH_SIZE},
}
# SEARCH_ENGINE=solr: the same search on a SolrCloud collection (solr/backend.py, docs/deploy.md);
# SOLR_URL is a node's base URL (http://host:8983/solr), SOLR_COLLECTION its collection.
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "whoosh").strip().lower()
if SEARCH_ENGINE == "solr":
    SOLR_URL = os.environ.get("SOLR_URL", "").rstrip("/")
    if not SOLR_URL:
        raise ImproperlyConfigured("SEARCH_ENGINE=solr needs SOLR_URL, a Solr node's base URL")
    HAYSTACK_CONNECTIONS = {"default": {
        "ENGINE": "solr.backend.ArchiveSolrEngine",
        "URL": f"{SOLR_URL}/{os.environ.get('SOLR_COLLECTION', 'archive')}",
        "TIMEOUT": float(os.environ.get("SOLR_TIMEOUT", 60)), "BATCH_SIZE": SEARCH_BATCH_SIZE}}
elif SEARCH_ENGINE != "whoosh":
    raise ImproperlyConfigured(f"SEARCH_ENGINE is whoosh (the default) or solr, not {SEARCH_ENGINE!r}")
HAYSTACK_SIGNAL_PROCESSOR = "search.signals.ArchiveSignalProcessor"
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False  # one model; spares a filter per query
# A newsroom dictionary (jieba format: word [freq] per line) of local places and names.
SEARCH_USER_DICT = os.environ.get("SEARCH_USER_DICT") or None
# rjieba cuts ~28x faster with the same tokens (tests/test_analysis.py proves it on the corpus).
SEARCH_ACCELERATE = os.environ.get("SEARCH_ACCELERATE", "1").lower() in ("1", "true", "yes", "on")
# Seconds an edit waits for the index writer (an import may hold it for minutes) before
# leaving its articles to the next writer; gunicorn kills a request after 30.
SEARCH_WRITE_WAIT = float(os.environ.get("SEARCH_WRITE_WAIT", 5))
# Disk for decoded posting lists kept beside the index (search/engine/arrays.py); beyond it,
# further long lists are decoded at each search instead. 0 keeps none.
SEARCH_KEPT_POSTINGS_MB = float(os.environ.get("SEARCH_KEPT_POSTINGS_MB", 2048))
# A bulk index write commits a segment after this many articles. The writer holds a
# segment's postings in memory: ~230 KB an article, shared among the writer processes
# (20,000 on 2 cores: ~2.4 GB each). Fewer, bigger segments search a little faster.
SEARCH_SEGMENT_DOCS = int(os.environ.get("SEARCH_SEGMENT_DOCS", 20000))

# The JSON API, feeds and exports (docs in README.md). Anonymous API and export
# requests per client address, e.g. "60/min", "1000/day"; "" turns the limit off.
# The count lives in Django's cache, per process unless CACHES names a shared one.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "60/min")
# An export streams at most this many hits; a bigger result is cut, and says so in a header.
EXPORT_MAX_ROWS = int(os.environ.get("EXPORT_MAX_ROWS", "50000"))

# Related-article lists and API rate counts. Local memory is per process (gunicorn workers
# each keep their own); Django's default holds only 300 entries, too few for the lists of
# a big archive's most read articles. Memcached or Redis would share one cache.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", 20000))}}}

# -- deployment -----------------------------------------------------------------
# The editors' admin; a path of your own keeps it out of drive-by scans.
ADMIN_PATH = url_prefix("ADMIN_PATH", "admin/")

# HTTPS=1: the site is served over TLS (by a proxy that sets X-Forwarded-Proto,
# see docs/deploy.md). Without it the site serves plain HTTP, e.g. on loopback.
HTTPS = env_bool("HTTPS", False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probed over plain HTTP on loopback
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Our pages use only our own files: no inline scripts or styles, no other hosts.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LOGGING = logging_config(os.environ.get("LOG_LEVEL", "INFO").upper(),
                         os.environ.get("LOG_FORMAT", "text" if DEBUG else "json"))
