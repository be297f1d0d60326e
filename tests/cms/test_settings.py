"""Settings read the environment: embedded defaults, services, production refusal."""

import json
import os
import subprocess
import sys

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
    if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "ALLOWED_HOSTS"}
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


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_settings(missing):
    env = {
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "phongchongmuabannguoi.thanhhoa.gov.vn",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    }
    del env[missing]
    result = run(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert missing in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_sqlite():
    result = run(
        ["manage.py", "check"],
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="example.vn",
        DATABASE_URL="sqlite:////tmp/nope.sqlite3",
    )
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="k9#Qv2$Lm7!xTz4@Rb8^Wn1&Hy6*Jd3(Pf5)Gs0_Ua2+Ce7=Vo9?Ki4%Nl8",
        ALLOWED_HOSTS="phongchongmuabannguoi.thanhhoa.gov.vn",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
