"""Local development and the embedded `make run`: debug on, a fixed local secret."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-not-for-production"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
