"""One logging setup for the web server, the Celery workers and beat.

Django's settings, gunicorn's configuration (``cms/gunicorn_conf.py``) and Celery's
``setup_logging`` signal (``cms/celery.py``) all take it from here, so every process
writes the same lines: time, level, process and logger, or JSON lines with
``LOG_FORMAT=json``; ``LOG_LEVEL`` sets the level everywhere.
"""

import json
import logging
import os

TEXT_FORMAT = "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


class JsonFormatter(logging.Formatter):
    """One JSON object a line, for log collectors."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, TIME_FORMAT),
            "level": record.levelname,
            "process": record.process,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def logging_config(*, level: str | None = None, fmt: str | None = None) -> dict:
    """A ``dictConfig`` for every process, from ``LOG_LEVEL`` and ``LOG_FORMAT``."""
    level = (level or os.environ.get("LOG_LEVEL") or "INFO").upper()
    fmt = (fmt or os.environ.get("LOG_FORMAT") or "text").lower()
    formatter = (
        {"()": JsonFormatter}
        if fmt == "json"
        else {"format": TEXT_FORMAT, "datefmt": TIME_FORMAT}
    )
    console = {"handlers": ["console"], "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "default"}
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own handlers print without time or level: theirs go to root.
            "django": {"level": level, "propagate": True},
            "django.server": {"level": level, "propagate": True},
            "django.db.backends": {"level": "WARNING"},
            "django_tasks": {"level": "WARNING"},
            "wagtail": {"level": "WARNING"},
            # Lockouts are logged at WARNING, by axes and by cms.security.
            "axes": {"level": "WARNING"},
            "gunicorn.error": {**console, "level": level},
            # The access log is the record of requests: always on.
            "gunicorn.access": {**console, "level": "INFO"},
        },
    }
