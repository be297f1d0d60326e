"""Cached feed responses per second against the same bytes as a static file.

A 200-item RSS feed is served by gunicorn (cms.wsgi, DEBUG off, SQLite in a temporary
folder) on a free loopback port; wrk, a second process, loads the feed and then a
static copy of its exact bytes served by whitenoise in the same server. The ratio is
printed (target: at least 0.5); benchmarks measure, they do not fail on timings.
Run with `make bench` (RUN_BENCHMARKS=1).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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


@pytest.fixture
def server(tmp_path):
    require_service("wrk (apt-get install wrk)", shutil.which("wrk") is not None)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "0",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": "",
        "CACHE_URL": "",
        "LOG_LEVEL": "WARNING",
    }
    python = [sys.executable]
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True}
    subprocess.run([*python, "manage.py", "migrate", "--noinput"], **run)
    subprocess.run([*python, "-c", POPULATE, f"127.0.0.1:{port}", str(ITEMS)], **run)
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
        gunicorn.wait(timeout=10)


def test_cached_feed_against_a_static_file(server):
    feed_url = f"{server}/feeds/messages.rss"
    static_url = f"{server}/static/bench/messages.rss"
    static_body, _ = get(static_url)
    for _warm in range(10):  # every worker renders and caches its copy once
        feed_body, _ = get(feed_url)
    uncached_body, uncached = get(f"{feed_url}?campaign=2017")  # a new cache key
    _, cached = get(feed_url)
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
    print(
        f"\n{ITEMS}-item RSS feed, {len(feed_body) / 1024:.0f} KiB, gunicorn 2 sync "
        f"workers, wrk -t2 -c8 -d{DURATION}, best of {ROUNDS}:\n"
        f"  static file (whitenoise): {static_rate:8.0f} req/s\n"
        f"  cached feed:              {feed_rate:8.0f} req/s\n"
        f"  ratio feed/static:        {ratio:8.2f} (target >= 0.5: "
        f"{'met' if ratio >= 0.5 else 'missed'})\n"
        f"  one request, uncached render / cached: {uncached * 1000:.0f} ms / "
        f"{cached * 1000:.1f} ms"
    )
    assert feed_rate > 0 and static_rate > 0
