"""The test suite: the same services as dev, fast password hashing, quiet e-mail."""

from .dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-uploads"  # noqa: F405
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"  # noqa: F405
SITE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
# No worker runs in most tests: /healthz and the dispatch queue say so quickly.
HEALTH_WORKER_PING_TIMEOUT = 1.0

# Tests get their own broker folder, so a test never consumes a message of `make run`.
if CELERY_BROKER_URL.startswith("filesystem://"):  # noqa: F405
    BROKER_DIR = VAR_DIR / "test-broker"  # noqa: F405
    for _sub in ("queue", "processed", "control"):
        (BROKER_DIR / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
        # Replies to a worker ping come back within the ping's short timeout.
        "polling_interval": 0.1,
    }

# Wagtail 8's editor autosaves a new page every 500 ms; on a loaded machine a browser
# test's submit can cross an autosave that already created the page. Browser tests
# drive the explicit save and submit buttons only.
WAGTAIL_AUTOSAVE_INTERVAL = 0
