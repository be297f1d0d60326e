"""Cached feed responses per second against the same bytes as a static file.

A 200-item RSS feed is served by gunicorn (cms.wsgi, DEBUG off) on a free loopback
port; wrk, a second process, loads the feed and then a static copy of its exact bytes
served by whitenoise in the same server. The ratio is reported (target: at least
0.5), and the benchmark fails below it. Run with `make bench`.

With DATABASE_URL on PostgreSQL the server gets a database of its own beside the
test database, made and dropped here, and a shared Redis cache (CACHE_URL, else the
Redis broker's URL), and runs cms.settings.production as a deployment does (kept
database connections included), only over plain HTTP on loopback; otherwise
cms.settings.dev with DEBUG off, SQLite and a per-process cache in a temporary
folder. Either way it shares nothing with the other benchmarks.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
import redis
from django.conf import settings
from django.db import connection

from tests.benchmarks.report import report
from tests.conftest import ROOT, require_service

ITEMS = 200
DURATION = "5s"
ROUNDS = 2

POPULATE = """
import sys
from pathlib import Path

import django

django.setup()
from django.conf import settings
from django.test import Client

import factory

from tests import factories

campaign = factories.CampaignPageFactory()
images = [
    factories.CampaignImageFactory(title=f"Ảnh {n}", filename=f"anh-{n}.jpg")
    for n in range(4)
]
factories.MessagePageFactory.create_batch(
    int(sys.argv[2]),
    campaign=campaign,
    imported=True,
    lead_image=factory.Iterator(images),
)
body = Client(HTTP_HOST=sys.argv[1]).get("/feeds/messages.rss").content
target = Path(settings.STATIC_ROOT) / "bench" / "messages.rss"
target.parent.mkdir(parents=True, exist_ok=True)
target.write_bytes(body)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[bytes, float]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read()
    return body, time.perf_counter() - started


def wrk(url: str) -> float:
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{DURATION}", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    assert not errors, output
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


@contextmanager
def own_database():
    """On PostgreSQL, a database for the server alone, dropped afterwards; on SQLite
    nothing (the server's file lives in its temporary VAR_DIR)."""
    if connection.vendor != "postgresql":
        yield ""
        return
    name = f"bench_feed_{connection.settings_dict['NAME']}"
    server = {
        "host": connection.settings_dict["HOST"] or None,
        "port": connection.settings_dict["PORT"] or None,
        "user": connection.settings_dict["USER"] or None,
        "password": connection.settings_dict["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }

    def drop():
        with psycopg.connect(**server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()  # one left by an interrupted run
    with psycopg.connect(**server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
    finally:
        drop()


def shared_cache_url() -> str:
    """Redis as in production when the run has it; empty means per process."""
    url = os.environ.get("CACHE_URL") or settings.CELERY_BROKER_URL
    return url if url.startswith(("redis://", "rediss://")) else ""


def forget_feeds(cache_url: str) -> None:
    """Remove what the server cached in a shared cache (feeds' keys only)."""
    if cache_url:
        client = redis.Redis.from_url(cache_url)
        for key in client.scan_iter(match=":1:feeds:*"):
            client.delete(key)


@pytest.fixture
def server(tmp_path):
    require_service("wrk (apt-get install wrk)", shutil.which("wrk") is not None)
    with own_database() as database_url:
        cache_url = shared_cache_url()
        forget_feeds(cache_url)
        try:
            yield from serve(tmp_path, database_url, cache_url)
        finally:
            forget_feeds(cache_url)


def server_settings(tmp_path, port: int, database_url: str, cache_url: str) -> dict:
    """Production's settings where the services allow them, else dev without DEBUG."""
    if not (database_url and cache_url):
        return {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DEBUG": "0"}
    return {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        # wrk talks plain HTTP to the server itself, with no TLS proxy in front.
        "BEHIND_TLS_PROXY": "0",
        "MEDIA_ROOT": str(tmp_path / "uploads"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }


def serve(tmp_path, database_url, cache_url):
    port = free_port()
    env = {
        **os.environ,
        **server_settings(tmp_path, port, database_url, cache_url),
        "VAR_DIR": str(tmp_path),
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "LOG_LEVEL": "WARNING",
    }
    python = [sys.executable]
    run = {"cwd": ROOT, "env": env, "capture_output": True, "text": True}
    for step in (
        [*python, "manage.py", "migrate", "--noinput"],
        [*python, "-c", POPULATE, f"127.0.0.1:{port}", str(ITEMS)],
    ):
        done = subprocess.run(step, **run)
        assert done.returncode == 0, done.stderr
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                get(f"{base}/static/bench/messages.rss")
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        gunicorn.terminate()
        try:  # a loaded machine can take longer than gunicorn's graceful 30 s
            gunicorn.wait(timeout=40)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
            gunicorn.wait()


def test_cached_feed_against_a_static_file(server):
    feed_url = f"{server}/feeds/messages.rss"
    static_url = f"{server}/static/bench/messages.rss"
    static_body, _ = get(static_url)
    for _warm in range(10):  # every worker renders and caches its copy once
        feed_body, _ = get(feed_url)
    uncached_body, _ = get(f"{feed_url}?campaign=2017")  # a new cache key
    assert feed_body == static_body, "the static copy must be the same bytes"
    assert feed_body.count(b"<item>") == ITEMS
    assert uncached_body.count(b"<item>") == ITEMS

    # Alternate and keep each one's best round: the machine is shared and noisy.
    rates = {static_url: [], feed_url: []}
    for _round in range(ROUNDS):
        for url, found in rates.items():
            found.append(wrk(url))
    static_rate, feed_rate = max(rates[static_url]), max(rates[feed_url])
    ratio = feed_rate / static_rate
    production = shared_cache_url() and connection.vendor == "postgresql"
    print(
        f"\n{ITEMS}-item RSS feed, gunicorn 2 sync workers, "
        f"{'PostgreSQL' if connection.vendor == 'postgresql' else 'SQLite'}, "
        f"{'Redis' if shared_cache_url() else 'per-process'} cache, "
        f"{'production' if production else 'dev'} settings, "
        f"wrk -t2 -c8 -d{DURATION}, best of {ROUNDS}"
    )
    assert feed_rate > 0 and static_rate > 0
    assert report("feed_cached_vs_static", ratio, ">=", 0.5)
