"""Bulletins are prepared once per recording, go out in the pull feed and the
webhook payload, and are served by byte range from an address nobody can guess."""

import datetime
import io
import json
from pathlib import Path

import factory
import feedparser
import pytest
from django.utils import timezone

from schedules.dispatch.adapters import RetryableError, content_for
from schedules.dispatch.adapters.webhook import body_for
from schedules.dispatch.claims import broadcasts_claim_due
from schedules.dispatch.delivery import broadcast_deliver
from schedules.models import Broadcast, Bulletin, BulletinStatus
from schedules.smartradio.audio import measure
from schedules.smartradio.bulletins import bulletin_prepare, bulletins_due
from tests.factories import BroadcastFactory, ChannelFactory

from .conftest import message_with_recording, recording_clip, smart_radio_channel

pytestmark = pytest.mark.django_db


def soon(minutes):
    return timezone.now() + datetime.timedelta(minutes=minutes)


@pytest.fixture
def radio_broadcasts(tmp_path):
    channel = smart_radio_channel()
    page = message_with_recording(recording_clip(tmp_path, gain_db=-20))
    broadcasts = BroadcastFactory.create_batch(
        2,
        approved=True,
        channel=channel,
        starts_at=factory.Iterator([soon(10), soon(70)]),
        message=page,
    )
    return channel, broadcasts


def prepared(now=None):
    ids = bulletins_due(now=now or timezone.now())
    return [bulletin_prepare(bulletin_id=pk) for pk in ids]


def test_a_recording_is_prepared_once_for_all_its_broadcasts(radio_broadcasts):
    [bulletin] = prepared()
    assert prepared() == []  # nothing left to do, nothing done twice
    assert Bulletin.objects.count() == 1
    assert bulletin.status == BulletinStatus.READY
    assert bulletin.file.name == f"bulletins/{bulletin.token}.mp3"
    assert len(bulletin.token) >= 32
    assert abs(measure(bulletin.file.path).integrated - -16) <= 1
    assert bulletin.size_bytes == bulletin.file.size
    assert bulletin.duration == "00:00:02"


def test_a_broadcast_waits_for_its_bulletin_then_carries_it(radio_broadcasts):
    _channel, (first, _later) = radio_broadcasts
    with pytest.raises(RetryableError, match="đang được chuẩn bị"):
        content_for(first)
    [bulletin] = prepared()

    payload = json.loads(body_for(content_for(Broadcast.objects.get(pk=first.pk))))

    assert payload["key"] == str(first.key)
    assert payload["bulletin"] == {
        "url": f"http://testserver/bulletins/{bulletin.token}.mp3",
        "length": bulletin.size_bytes,
        "type": "audio/mpeg",
        "duration": "00:00:02",
        "duration_seconds": pytest.approx(bulletin.duration_seconds, abs=0.001),
    }


def test_a_recording_that_cannot_be_prepared_goes_out_as_text(tmp_path):
    channel = smart_radio_channel()
    clip = recording_clip(tmp_path)
    clip.file.save("hong.wav", io.BytesIO(b"RIFF....not audio"))
    page = message_with_recording(clip)
    broadcast = BroadcastFactory(
        approved=True, channel=channel, starts_at=soon(10), message=page
    )
    [bulletin] = prepared()
    assert bulletin.status == BulletinStatus.FAILED
    assert bulletin.error  # a message a person can read
    assert json.loads(body_for(content_for(broadcast)))["bulletin"] is None


def test_the_pull_feed_is_a_podcast_with_the_bulletins(client, radio_broadcasts):
    channel, (first, later) = radio_broadcasts
    [bulletin] = prepared()
    broadcasts_claim_due(now=soon(80))
    for broadcast in Broadcast.objects.filter(status="dispatching"):
        assert (
            broadcast_deliver(
                broadcast_id=broadcast.pk, version=broadcast.version
            ).outcome
            == "sent"
        )

    response = client.get(f"/feeds/channels/{channel.feed_token}.rss")

    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert [entry.broadcast_key for entry in feed.entries] == [
        str(first.key),
        str(later.key),
    ]
    for entry, broadcast in zip(feed.entries, (first, later), strict=True):
        [enclosure] = entry.enclosures
        assert enclosure.href.endswith(f"/bulletins/{bulletin.token}.mp3")
        assert int(enclosure.length) == bulletin.size_bytes
        assert enclosure.type == "audio/mpeg"
        assert entry.itunes_duration == "00:00:02"
        starts = datetime.datetime.fromisoformat(entry.broadcast_starts_at)
        assert starts == broadcast.starts_at


def test_a_feed_without_smart_radio_has_no_enclosures(client, tmp_path):
    channel = ChannelFactory(pull_feed=True)
    page = message_with_recording(recording_clip(tmp_path))
    BroadcastFactory(channel=channel, starts_at=soon(10), message=page, status="sent")
    feed = feedparser.parse(
        client.get(f"/feeds/channels/{channel.feed_token}.rss").content
    )
    assert not feed.bozo
    assert [entry.enclosures for entry in feed.entries] == [[]]
    assert Bulletin.objects.count() == 0


def test_the_bulletin_is_served_whole_or_by_range_and_cached(client, radio_broadcasts):
    [bulletin] = prepared()
    url = f"/bulletins/{bulletin.token}.mp3"
    data = Path(bulletin.file.path).read_bytes()

    whole = client.get(url)
    assert whole.status_code == 200
    assert b"".join(whole.streaming_content) == data
    assert whole["Accept-Ranges"] == "bytes"
    assert "max-age=31536000" in whole["Cache-Control"]
    assert whole["Content-Type"] == "audio/mpeg"

    part = client.get(url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert b"".join(part.streaming_content) == data[100:200]

    tail = client.get(url, HTTP_RANGE="bytes=-50")
    assert b"".join(tail.streaming_content) == data[-50:]
    open_ended = client.get(url, HTTP_RANGE=f"bytes={len(data) - 10}-")
    assert b"".join(open_ended.streaming_content) == data[-10:]

    beyond = client.get(url, HTTP_RANGE=f"bytes={len(data)}-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{len(data)}"

    head = client.head(url)
    assert head.status_code == 200
    assert head["Content-Length"] == str(len(data))


def test_a_guessed_or_withdrawn_bulletin_is_404(client, radio_broadcasts):
    _channel, (first, _later) = radio_broadcasts
    [bulletin] = prepared()
    assert client.get("/bulletins/not-the-token.mp3").status_code == 404
    # The message is unpublished: its recording no longer leaves the system.
    first.message.unpublish()
    assert client.get(f"/bulletins/{bulletin.token}.mp3").status_code == 404
