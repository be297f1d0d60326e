"""Smart radio end to end, with a real worker, broker and database.

Broadcasts on a smart-radio channel are prepared as bulletins and dispatched by the
worker; a local stand-in for the commune's smart-radio software reads the pull feed
over HTTP, fetches each bulletin (by range, as players do), "plays" it on its
clusters and posts its playback log back, signed. Every broadcast is then confirmed
exactly once, with one measured reach record, however often the log is posted.
"""

import datetime
import hashlib
import hmac
import json
import time
import urllib.request

import factory
import feedparser
import pytest
from django.utils import timezone

from schedules.dispatch.claims import dispatch_run
from schedules.models import Broadcast, Bulletin, ReachRecord
from schedules.smartradio.tasks import prepare_due_bulletins
from tests.factories import BroadcastFactory
from tests.integration.conftest import wait_until
from tests.schedules.smartradio.conftest import (
    message_with_recording,
    recording_clip,
    smart_radio_channel,
)

pytestmark = pytest.mark.integration
SECRET = "bí-mật-kênh"


class SmartRadioSoftware:
    """What a commune's smart-radio server does with our feed: fetch, play, log."""

    def __init__(self, base_url: str, channel, clusters=("ML-01", "ML-02")):
        self.base_url = base_url
        self.channel = channel
        self.clusters = clusters
        self.fetched: dict[str, bytes] = {}

    def read_feed(self):
        url = f"{self.base_url}/feeds/channels/{self.channel.feed_token}.rss"
        with urllib.request.urlopen(url, timeout=10) as response:
            feed = feedparser.parse(response.read())
        assert not feed.bozo, feed.get("bozo_exception")
        return feed.entries

    def fetch(self, url: str) -> bytes:
        """The first kilobyte by range (players probe), then the whole file."""
        probe = urllib.request.Request(url, headers={"Range": "bytes=0-1023"})
        with urllib.request.urlopen(probe, timeout=10) as response:
            assert response.status == 206
            head = response.read()
        with urllib.request.urlopen(url, timeout=10) as response:
            whole = response.read()
        assert whole[:1024] == head
        return whole

    def play_all(self) -> bytes:
        plays = []
        for entry in self.read_feed():
            [enclosure] = entry.enclosures
            self.fetched[enclosure.href] = self.fetch(enclosure.href)
            for cluster in self.clusters:
                plays.append(
                    {
                        "cluster": cluster,
                        "started_at": entry.broadcast_starts_at,
                        "duration": 2,
                        "key": entry.broadcast_key,
                    }
                )
        return json.dumps({"plays": plays}).encode()

    def post_log(self, body: bytes) -> dict:
        stamp = str(int(time.time()))
        digest = hmac.new(
            SECRET.encode(), stamp.encode() + b"." + body, hashlib.sha256
        ).hexdigest()
        request = urllib.request.Request(
            f"{self.base_url}/api/channels/{self.channel.pk}/playback",
            data=body,
            headers={
                "Content-Type": "application/json",
                "X-Timestamp": stamp,
                "X-Signature": f"sha256={digest}",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())


def test_bulletins_go_out_and_playback_logs_confirm_each_airing_once(
    celery_worker_process, live_server, tmp_path, settings
):
    worker = celery_worker_process
    # Links in the feed point at this site, here the live server.
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    channel = smart_radio_channel(lead_minutes=180)
    page = message_with_recording(recording_clip(tmp_path, gain_db=-25))
    now = timezone.now()
    # Due within minutes: a smart radio logs plays when they happen, never ahead.
    starts = [now + datetime.timedelta(minutes=i + 1) for i in range(4)]
    broadcasts = BroadcastFactory.create_batch(
        len(starts),
        approved=True,
        channel=channel,
        starts_at=factory.Iterator(starts),
        message=page,
    )
    ids = [b.pk for b in broadcasts]

    prepare_due_bulletins.delay()
    assert wait_until(
        lambda: Bulletin.objects.filter(status="ready").exists(), 90
    ), worker.output()[-3000:]
    dispatch_run()
    assert wait_until(
        lambda: Broadcast.objects.filter(pk__in=ids, status="sent").count() == 4, 90
    ), worker.output()[-3000:]

    software = SmartRadioSoftware(live_server.url, channel)
    log = software.play_all()
    answers = [software.post_log(log) for _ in range(2)]

    bulletin = Bulletin.objects.get()
    [data] = software.fetched.values()
    assert len(data) == bulletin.size_bytes
    assert [a["confirmed"] for a in answers] == [8, 0]
    assert answers[1]["repeated"] == 8
    assert Broadcast.objects.filter(pk__in=ids, status="aired").count() == 4
    for broadcast in Broadcast.objects.filter(pk__in=ids):
        assert broadcast.events.filter(to_status="aired").count() == 1
        reach = ReachRecord.objects.filter(broadcast=broadcast)
        # Clusters of 120 and 80 households, 3.6 persons each.
        assert list(reach.values_list("method", "count")) == [("measured", 720)]
        assert broadcast.aired_at == broadcast.starts_at
    # Aired broadcasts leave the feed: nothing more to play.
    assert software.read_feed() == []
