"""The test suite: the same services as dev, fast password hashing, quiet e-mail."""

from .dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-uploads"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
