"""Settings shared by every environment; each value can be set from the environment.

With nothing set the system runs embedded: SQLite and a Celery broker on the file
system, both under ``var/``. ``DATABASE_URL`` and ``CELERY_BROKER_URL`` switch to
PostgreSQL and Redis or RabbitMQ.
"""

import datetime
import ipaddress
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from cms.logging_config import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "schedules",
    "campaigns",
    "media",
    "wagtail.api.v2",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
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
    "django_filters",
    "django_celery_beat",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.csp.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.feeds.middleware.CachedFeedMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as its documentation asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: SQLite under var/ unless DATABASE_URL names another one.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A worker, beat and the web server share the file: wait for locks instead of
    # failing, and let readers run beside the writer.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Password guessing (cms/security.py): after AXES_FAILURE_LIMIT wrong passwords an
# account, and separately an address, is locked for AXES_COOLOFF_TIME; admins
# unlock earlier in the Django admin's "Access attempts" (linked from Settings).
AUTHENTICATION_BACKENDS = [
    "cms.security.RequestAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30"))
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cms.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "cms.security.client_ip"
AXES_SENSITIVE_PARAMETERS = ["password"]
# Behind a reverse proxy, how many of them add X-Forwarded-For (0: none, use the
# connection's address).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Content-Security-Policy (cms/csp.py): strict on the public site, as strict as
# Wagtail allows in the admin: Wagtail 8 still starts its date pickers, choosers and
# inline panels with inline <script> elements (without nonces) and sets style
# attributes, and previews are same-origin frames; nothing else is loosened.
_SELF = "'self'"
_NONE = "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "media-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "frame-src": [_NONE],
        "frame-ancestors": [_SELF],
        "base-uri": [_SELF],
        "form-action": [_SELF],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [_SELF, "'unsafe-inline'"],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:", "blob:"],
        "font-src": [_SELF, "data:"],
        "frame-src": [_SELF],
        "worker-src": [_SELF, "blob:"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Language and time: Vietnamese, Vietnam's time zone, aware datetimes.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False
# New pages get plain ASCII slugs (/2017/thu-nghiem/), easy to read out and type;
# slugs already given stay as they are.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# cms/static is found as the cms app's own folder (listing it again here made
# collectstatic warn about every file twice).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True

# Uploads never live in the source tree. MEDIA_ROOT holds only what the public may
# fetch (image renditions, broadcast clips); originals of images and documents, and
# any other upload, go to PRIVATE_MEDIA_ROOT, served only through views that check
# permission (media.storage).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
MEDIA_URL = "/media/"
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
PRIVATE_MEDIA_URL = "/admin/media/originals/"

STORAGES = {
    "default": {"BACKEND": "media.storage.PrivateStorage"},
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "campaign",
    }
}
if os.environ.get("CACHE_URL", "").startswith(("redis://", "rediss://")):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
    }

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "bcd138@thanhhoa.gov.vn")
# For django.core.mail.backends.filebased.EmailBackend: one file per message.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
# A mail server that never answers must not hold a delivery past its lease.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))

# Where the site is served: links in e-mails, the sitemap, feeds and the API, and the
# Wagtail site's hostname and port (set on every migrate, cms.apps). In development
# it follows PORT, the port `make run` serves on.
PORT = os.environ.get("PORT", "8000")
SITE_URL = (os.environ.get("SITE_URL") or f"http://127.0.0.1:{PORT}").rstrip("/")

# Wagtail
WAGTAIL_SITE_NAME = "Ngày toàn dân phòng, chống mua bán người – 30/7"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are streamed by Wagtail's view, which asks cms.wagtail_hooks first.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_RENDITION_STORAGE = "public"
WAGTAILIMAGES_IMAGE_MODEL = "media.CampaignImage"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "media.forms.CampaignImageForm"
MEDIA_CLIP_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from Gravatar: no editor's e-mail hash leaves the system, and the
# admin's Content-Security-Policy loads images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# The province this system serves: region imports attach districts under it.
PROVINCE_CODE = os.environ.get("PROVINCE_CODE", "38")
PROVINCE_NAME = os.environ.get("PROVINCE_NAME", "Tỉnh Thanh Hóa")

# Celery: a broker on the file system under var/ unless CELERY_BROKER_URL names one.
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "filesystem://"
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
        # The transport looks for messages once a second by default; with acks_late
        # and prefetch 1 that is one task a second, and the communes' 6 o'clock
        # loudspeaker broadcasts would go out minutes late.
        "polling_interval": 0.1,
    }
elif CELERY_BROKER_URL.startswith("redis"):
    # Longer than any delivery can take, so Redis does not hand a running task to
    # a second worker.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Periodic jobs, declared here only (django-celery-beat shows them in the admin).
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "cms.tasks.heartbeat", "schedule": 30.0},
    # Scheduled pages go live (or expire) within a minute, without cron.
    "publish-scheduled": {"task": "cms.tasks.publish_scheduled", "schedule": 30.0},
}
# Dispatch of due broadcasts.
CELERY_BEAT_SCHEDULE["dispatch-due-broadcasts"] = {
    "task": "schedules.dispatch.tasks.dispatch_due",
    "schedule": 30.0,
    # A run that waited out a broker outage is pointless: the next one comes soon.
    "options": {"expires": 25},
}
# Retries wait min(600, 2**attempt * base) seconds, give or take half (jitter).
DISPATCH_RETRY_BASE_SECONDS = float(os.environ.get("DISPATCH_RETRY_BASE_SECONDS", "5"))
DISPATCH_MAX_ATTEMPTS = int(os.environ.get("DISPATCH_MAX_ATTEMPTS", "5"))
DISPATCH_WEBHOOK_CONNECT_TIMEOUT = float(
    os.environ.get("DISPATCH_WEBHOOK_CONNECT_TIMEOUT", "5")
)
DISPATCH_WEBHOOK_READ_TIMEOUT = float(
    os.environ.get("DISPATCH_WEBHOOK_READ_TIMEOUT", "10")
)
# A delivery holds its broadcast this long; longer than any send can take (the
# webhook's timeouts, EMAIL_TIMEOUT). A send cut off by a crash goes again after it.
DISPATCH_LEASE_SECONDS = int(os.environ.get("DISPATCH_LEASE_SECONDS", "60"))
# A claimed broadcast whose task has not run (its message was lost with the broker,
# or its worker was killed) is enqueued again after a quarter of the smallest late
# tolerance among the channels waiting, but never sooner than the minimum (a
# backlog is not a loss) and never later than the maximum.
DISPATCH_REQUEUE_AFTER_SECONDS = int(
    os.environ.get("DISPATCH_REQUEUE_AFTER_SECONDS", "120")
)
DISPATCH_REQUEUE_MIN_SECONDS = int(os.environ.get("DISPATCH_REQUEUE_MIN_SECONDS", "15"))
DISPATCH_BATCH_SIZE = int(os.environ.get("DISPATCH_BATCH_SIZE", "500"))
# Broadcasts of one channel a delivery task carries, sent one after the other.
DISPATCH_DELIVERY_BATCH_SIZE = int(os.environ.get("DISPATCH_DELIVERY_BATCH_SIZE", "25"))
DISPATCH_AIRED_LINK_MAX_AGE_DAYS = 14
# Celery's Django fixup closes the worker's database connections around every task
# unless told to reuse them; a new PostgreSQL connection costs more than a delivery.
CELERY_DB_REUSE_MAX = int(os.environ.get("CELERY_DB_REUSE_MAX", "1000"))

# Press feeds polling.
CELERY_BEAT_SCHEDULE["poll-press-feeds"] = {
    "task": "schedules.press.tasks.poll_press_feeds",
    "schedule": 30 * 60,
}
# Outlets on our own machine are refused; tests open loopback explicitly.
PRESS_FETCH_ALLOW_LOOPBACK = env_bool("PRESS_FETCH_ALLOW_LOOPBACK", False)
# Every fetch and post (press feeds, webhooks) goes to public addresses only; a
# channel on the province's own network is reached only when its network is named
# here ("10.38.0.0/16,192.168.5.20"). A bad entry stops the start, not a delivery.
OUTBOUND_ALLOWED_NETWORKS = [
    str(ipaddress.ip_network(entry, strict=False))
    for entry in env_list("OUTBOUND_ALLOWED_NETWORKS")
]

# Reports.
# The weekly report to the committee office; it sends only when turned on in the admin.
CELERY_BEAT_SCHEDULE["weekly-report"] = {
    "task": "schedules.reports.tasks.email_weekly_report",
    "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
}

# Smart radio (issue 19): audio bulletins out, playback logs in.
# EBU R128 as streaming and podcast platforms use it for speech.
SMARTRADIO_TARGET_LUFS = float(os.environ.get("SMARTRADIO_TARGET_LUFS", "-16"))
SMARTRADIO_TRUE_PEAK_DBTP = float(os.environ.get("SMARTRADIO_TRUE_PEAK_DBTP", "-1"))
# Bulletins are prepared for broadcasts starting within this many hours.
SMARTRADIO_PREPARE_HOURS = int(os.environ.get("SMARTRADIO_PREPARE_HOURS", "48"))
# A posted playback log is refused when its timestamp is further off than this.
SMARTRADIO_SIGNATURE_MAX_AGE_SECONDS = 300
CELERY_BEAT_SCHEDULE["prepare-bulletins"] = {
    "task": "schedules.smartradio.tasks.prepare_due_bulletins",
    "schedule": 60.0,
    "options": {"expires": 55},
}

DJANGO_CELERY_BEAT_TZ_AWARE = True
# Celery keeps the site's logging (cms.celery connects setup_logging).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# /healthz: a worker must answer a ping this fast; a periodic job is stale after
# this many of its intervals.
HEALTH_WORKER_PING_TIMEOUT = float(os.environ.get("HEALTH_WORKER_PING_TIMEOUT", "3"))
HEALTH_JOB_STALE_AFTER_INTERVALS = 3

LOGGING = logging_config()
