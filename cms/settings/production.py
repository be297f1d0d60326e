"""Production: refuses to start on development choices.

Without a secret, allowed hosts, PostgreSQL, a network broker, a shared cache and
the public address, it exits (code 2) naming what is missing, before anything runs.
"""

import sys
from pathlib import Path
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    BASE_DIR,
    CELERY_BROKER_URL,
    DATABASES,
    SECRET_KEY,
    env_bool,
)


def _refuse(message_vi: str, message_en: str):
    sys.stderr.write(f"{message_vi} ({message_en}).\n")
    raise SystemExit(2)


_env = os.environ  # noqa: F405
_missing = [
    name
    for name in (
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "CACHE_URL",
        "SITE_URL",
    )
    if not _env.get(name, "").strip()
]
if _missing:
    _refuse(
        "Cấu hình production thiếu biến môi trường: "
        + ", ".join(_missing)
        + ". Hãy đặt các biến này rồi khởi động lại",
        "production settings need: " + ", ".join(_missing),
    )
if not (SECRET_KEY and ALLOWED_HOSTS):  # set, but only spaces or commas
    _refuse(
        "SECRET_KEY và ALLOWED_HOSTS không được để trống",
        "production settings need: SECRET_KEY, ALLOWED_HOSTS",
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _refuse(
        "DATABASE_URL phải trỏ tới PostgreSQL trong production",
        "production needs PostgreSQL, not SQLite",
    )
if urlsplit(CELERY_BROKER_URL).scheme in {"filesystem", "memory"}:
    _refuse(
        "CELERY_BROKER_URL phải là một broker qua mạng (redis://, amqp://) để "
        "worker trên máy khác dùng được",
        "production needs a network CELERY_BROKER_URL, not filesystem:// or memory://",
    )
if CACHES["default"]["BACKEND"] != "django.core.cache.backends.redis.RedisCache":  # noqa: F405
    _refuse(
        "CACHE_URL phải là bộ nhớ đệm dùng chung redis://… (mỗi tiến trình web "
        "một bộ nhớ riêng làm nguồn tin cũ tới 24 giờ)",
        "production needs a shared CACHE_URL (redis:// or rediss://), "
        "not per-process memory",
    )
_site = urlsplit(SITE_URL)  # noqa: F405
if _site.scheme not in {"http", "https"} or not _site.hostname:
    _refuse(
        "SITE_URL phải là địa chỉ công khai đầy đủ, ví dụ https://ten-mien.gov.vn",
        "SITE_URL must be the public address, e.g. https://example.gov.vn",
    )

# Uploads live outside the checkout: a deploy that replaces the source tree keeps
# them, and a backup of the data is a backup of this folder and the database.
# Originals (PRIVATE_MEDIA_ROOT) sit beside the public sizes, never inside them.
MEDIA_ROOT = Path(_env.get("MEDIA_ROOT") or "/var/lib/campaign/uploads")
PRIVATE_MEDIA_ROOT = Path(_env.get("PRIVATE_MEDIA_ROOT") or "/var/lib/campaign/private")
for _name, _folder, _example in (
    ("MEDIA_ROOT", MEDIA_ROOT, "/var/lib/campaign/uploads"),
    ("PRIVATE_MEDIA_ROOT", PRIVATE_MEDIA_ROOT, "/var/lib/campaign/private"),
):
    if _folder.resolve().is_relative_to(BASE_DIR.resolve()):
        _refuse(
            f"{_name} ({_folder}) nằm trong thư mục mã nguồn; hãy đặt ra ngoài, "
            f"ví dụ {_example}",
            f"{_name} must be outside the source tree",
        )
if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
    _refuse(
        "PRIVATE_MEDIA_ROOT không được nằm trong MEDIA_ROOT (bản gốc sẽ lộ ra ngoài)",
        "PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT",
    )

DEBUG = False
# Database connections outlive a request (a new PostgreSQL connection costs more
# than a cached feed), checked before reuse so a restarted database costs no error.
DATABASES["default"]["CONN_MAX_AGE"] = int(_env.get("DATABASE_CONN_MAX_AGE") or 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# TLS is terminated by the reverse proxy in front (the README's deployment): the
# proxy says so in X-Forwarded-Proto, and cookies travel over HTTPS only. Turn it
# off only where nobody but the machine itself reaches the server over plain HTTP.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", True)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", BEHIND_TLS_PROXY)
SECURE_HSTS_SECONDS = int(
    _env.get("SECURE_HSTS_SECONDS", 31536000 if BEHIND_TLS_PROXY else 0)
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = BEHIND_TLS_PROXY
CSRF_COOKIE_SECURE = BEHIND_TLS_PROXY
# Wagtail's live preview shows the page in a same-origin frame, so DENY would break it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
