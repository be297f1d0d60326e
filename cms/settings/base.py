"""Settings shared by every environment; each value can be set from the environment.

With nothing set the system runs embedded: SQLite and a Celery broker on the file
system, both under ``var/``. ``DATABASE_URL`` and ``CELERY_BROKER_URL`` switch to
PostgreSQL and Redis or RabbitMQ.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

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
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True

# Uploads never live in the source tree.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "campaign",
    }
}
if os.environ.get("CACHE_URL", "").startswith("redis://"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
    }

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "bcd138@thanhhoa.gov.vn")

# Wagtail
WAGTAIL_SITE_NAME = "Ngày toàn dân phòng, chống mua bán người – 30/7"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_IMAGE_MODEL = "media.CampaignImage"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "media.forms.CampaignImageForm"
MEDIA_CLIP_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
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
# A delivery holds its broadcast this long; longer than any send can take.
DISPATCH_LEASE_SECONDS = int(os.environ.get("DISPATCH_LEASE_SECONDS", "120"))
# A claimed broadcast whose task has not run this long after it was due to run
# (its message was lost with the broker, or its worker was killed) is enqueued again.
DISPATCH_REQUEUE_AFTER_SECONDS = int(
    os.environ.get("DISPATCH_REQUEUE_AFTER_SECONDS", "300")
)
DISPATCH_BATCH_SIZE = int(os.environ.get("DISPATCH_BATCH_SIZE", "500"))
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
