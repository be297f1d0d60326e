"""Production: refuses to start without a secret, allowed hosts and a real database."""

import sys

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATABASES, SECRET_KEY, env_bool

_missing = [
    name
    for name, ok in (
        ("SECRET_KEY", bool(SECRET_KEY)),
        ("ALLOWED_HOSTS", bool(ALLOWED_HOSTS)),
        ("DATABASE_URL", bool(os.environ.get("DATABASE_URL"))),  # noqa: F405
    )
    if not ok
]
if _missing:
    sys.stderr.write(
        "Cấu hình production thiếu biến môi trường: "
        + ", ".join(_missing)
        + ". Hãy đặt các biến này rồi khởi động lại "
        + "(production settings need: "
        + ", ".join(_missing)
        + ").\n"
    )
    raise SystemExit(2)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    sys.stderr.write(
        "DATABASE_URL phải trỏ tới PostgreSQL trong production "
        "(production needs PostgreSQL, not SQLite).\n"
    )
    raise SystemExit(2)

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's live preview shows the page in a same-origin frame, so DENY would break it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
