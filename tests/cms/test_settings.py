"""Settings read the environment: embedded defaults, services, production refusal."""

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import ROOT

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "from cms.celery import app; print(json.dumps({"
    "'engine': s.DATABASES['default']['ENGINE'],"
    "'name': str(s.DATABASES['default']['NAME']),"
    "'broker': app.conf.broker_url, 'language': s.LANGUAGE_CODE, 'tz': s.TIME_ZONE,"
    "'use_tz': s.USE_TZ, 'media': str(s.MEDIA_ROOT), 'debug': s.DEBUG}))"
)
CLEAN_ENV = {
    key: value
    for key, value in os.environ.items()
    if key
    not in {
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "CACHE_URL",
        "SITE_URL",
        "PORT",
        "MEDIA_ROOT",
        "PRIVATE_MEDIA_ROOT",
        "LOG_LEVEL",
        "LOG_FORMAT",
        "BEHIND_TLS_PROXY",
    }
}
# What a server sets (the README's "Run it on a server").
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "k9#Qv2$Lm7!xTz4@Rb8^Wn1&Hy6*Jd3(Pf5)Gs0_Ua2+Ce7=Vo9?Ki4%Nl8",
    "ALLOWED_HOSTS": "phongchongmuabannguoi.thanhhoa.gov.vn",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "CACHE_URL": "redis://127.0.0.1:6379/2",
    "SITE_URL": "https://phongchongmuabannguoi.thanhhoa.gov.vn",
    "MEDIA_ROOT": "/var/lib/campaign/uploads",
}


def run(code_or_args, **env):
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**CLEAN_ENV, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def probe(**env):
    result = run(PROBE, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_nothing_set_means_sqlite_and_a_filesystem_broker_under_var():
    found = probe()
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["name"] == str(ROOT / "var" / "db.sqlite3")
    assert found["broker"] == "filesystem://"
    assert found["media"] == str(ROOT / "var" / "uploads")
    assert (found["language"], found["tz"], found["use_tz"]) == (
        "vi",
        "Asia/Ho_Chi_Minh",
        True,
    )


def test_service_urls_switch_to_postgresql_and_redis():
    found = probe(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["name"] == "test"
    assert found["broker"] == "redis://127.0.0.1:6379/0"


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "CACHE_URL",
        "SITE_URL",
    ],
)
def test_production_refuses_to_start_without_its_settings(missing):
    env = dict(PRODUCTION)
    del env[missing]
    result = run(["manage.py", "check"], **env)
    assert result.returncode == 2
    assert missing in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name, value, named",
    [
        ("DATABASE_URL", "sqlite:////tmp/nope.sqlite3", "PostgreSQL"),
        ("CELERY_BROKER_URL", "filesystem://", "CELERY_BROKER_URL"),
        ("CELERY_BROKER_URL", "memory://", "CELERY_BROKER_URL"),
        ("CACHE_URL", "locmem://", "CACHE_URL"),
        ("SITE_URL", "phongchongmuabannguoi.thanhhoa.gov.vn", "SITE_URL"),
        ("MEDIA_ROOT", str(ROOT / "var" / "uploads"), "MEDIA_ROOT"),
        ("PRIVATE_MEDIA_ROOT", str(ROOT / "var" / "private"), "PRIVATE_MEDIA_ROOT"),
        ("PRIVATE_MEDIA_ROOT", "/var/lib/campaign/uploads/o", "PRIVATE_MEDIA_ROOT"),
    ],
)
def test_production_refuses_development_choices(name, value, named):
    result = run(["manage.py", "check"], **{**PRODUCTION, name: value})
    assert result.returncode == 2
    assert named in result.stderr
    assert "Traceback" not in result.stderr


PRODUCTION_PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'media': str(s.MEDIA_ROOT), 'cache': s.CACHES['default'],"
    "'private': str(s.PRIVATE_MEDIA_ROOT),"
    "'proxy': s.SECURE_PROXY_SSL_HEADER, 'session': s.SESSION_COOKIE_SECURE,"
    "'csrf': s.CSRF_COOKIE_SECURE, 'redirect': s.SECURE_SSL_REDIRECT}))"
)


def test_production_keeps_uploads_outside_the_checkout():
    env = dict(PRODUCTION)
    del env["MEDIA_ROOT"]
    result = run(PRODUCTION_PROBE, **env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["media"] == "/var/lib/campaign/uploads"
    assert found["private"] == "/var/lib/campaign/private"
    assert found["cache"]["BACKEND"].endswith("RedisCache")


@pytest.mark.parametrize("behind, secure", [("1", True), ("0", False)])
def test_one_setting_says_tls_is_terminated_in_front_and_secures_cookies(
    behind, secure
):
    result = run(PRODUCTION_PROBE, **PRODUCTION, BEHIND_TLS_PROXY=behind)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert (found["session"], found["csrf"], found["redirect"]) == (secure,) * 3
    proxy = ["HTTP_X_FORWARDED_PROTO", "https"] if secure else None
    assert found["proxy"] == proxy


def test_production_passes_the_deployment_checklist():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_site_url_follows_the_port_make_run_serves_on():
    code = "import django; django.setup(); from django.conf import settings as s; "
    code += "print(s.SITE_URL, s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL)"
    result = run(code, PORT="18100")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["http://127.0.0.1:18100"] * 3


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_every_log_line_says_when_how_bad_which_process_and_what(fmt):
    code = (
        "import django, logging, os; django.setup(); "
        "logging.getLogger('schedules.dispatch').info('Broadcast 7 sent'); "
        "logging.getLogger('django.db.backends').info('not this'); "
        "print(os.getpid())"
    )
    result = run(code, LOG_LEVEL="INFO", LOG_FORMAT=fmt)
    assert result.returncode == 0, result.stderr
    pid = result.stdout.strip().splitlines()[-1]
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1, result.stderr
    if fmt == "json":
        entry = json.loads(lines[0])
        assert entry["level"] == "INFO"
        assert str(entry["process"]) == pid
        assert entry["logger"] == "schedules.dispatch"
        assert entry["message"] == "Broadcast 7 sent"
        assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$", entry["time"])
    else:
        assert re.match(
            rf"\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{{4}} INFO \[{pid}\] "
            r"schedules.dispatch: Broadcast 7 sent$",
            lines[0],
        )


def test_beat_logs_at_log_level_in_the_same_format(tmp_path):
    """Celery used to set its own level (WARNING) and format on workers and beat."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cms",
            "beat",
            "--scheduler",
            "celery.beat:PersistentScheduler",
            "--schedule",
            str(tmp_path / "beat-schedule"),
        ],
        cwd=ROOT,
        env={
            **CLEAN_ENV,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "CELERY_BROKER_URL": "memory://",
            "LOG_LEVEL": "INFO",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stderr], daemon=True
    ).start()
    seen = ""
    try:
        deadline = time.monotonic() + 60
        while "celery.beat" not in seen and time.monotonic() < deadline:
            try:
                seen = lines.get(timeout=1)
            except queue.Empty:
                continue
    finally:
        process.kill()
        process.wait()
    assert re.match(
        r"\d{4}-\d\d-\d\dT\S+ INFO \[\d+\] celery.beat: beat: Starting", seen
    ), seen
