"""Playback logs confirm what aired, once, with measured reach; what they cannot
place is listed for review; a bad file or a bad signature changes nothing."""

import datetime
import hashlib
import hmac
import json
import time

import pytest
from django.core.exceptions import ValidationError

from schedules.dispatch.delivery import broadcast_deliver
from schedules.dispatch.services import broadcast_confirm_aired
from schedules.models import (
    Broadcast,
    ClusterPlay,
    PlaybackIssue,
    PlaybackLog,
    ReachRecord,
    SmartRadioSettings,
)
from schedules.smartradio.playback import item_title, playback_log_ingest
from tests.schedules.dispatch.conftest import at

from .conftest import sent_broadcasts, smart_radio_channel

pytestmark = pytest.mark.django_db
SECRET = "bí-mật-kênh"


@pytest.fixture
def radio():
    """Two broadcasts on a smart radio on 30/7, at 07:00 and 17:00."""
    channel = smart_radio_channel()
    morning, evening = sent_broadcasts(channel, [at(30, 7, 7), at(30, 7, 17)])
    return channel, morning, evening


def csv_log(*rows):
    lines = ["cluster,started_at,duration,key,title"]
    lines += [",".join(str(value) for value in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def ingest(channel, content):
    return playback_log_ingest(channel=channel, content=content, source="upload")


def reasons(log):
    return sorted(log.issues.values_list("line_number", "reason"))


def measured(broadcast):
    return list(
        ReachRecord.objects.filter(broadcast=broadcast).values_list("method", "count")
    )


def test_a_line_with_the_key_confirms_the_broadcast_with_measured_reach(radio):
    channel, morning, evening = radio
    log = ingest(
        channel, csv_log(("ML-01", "2017-07-30 07:01:05", 95, morning.key, ""))
    )

    morning.refresh_from_db()
    assert (log.confirmed, log.to_review) == (1, 0)
    assert morning.status == "aired"
    assert morning.aired_at == at(30, 7, 7, 1, 5)
    # 120 households × 3.6 persons; no estimate beside it.
    assert measured(morning) == [("measured", 432)]
    assert morning.events.filter(to_status="aired").count() == 1
    evening.refresh_from_db()
    assert evening.status == "sent"


# The matching table: each case is a log (lines after the header) and what becomes
# of the morning broadcast and of each line.
CASES = {
    "by key, as the feed writes it (key:version)": (
        [("ML-01", "30/07/2017 07:00:10", "1:35", "{morning}:1", "")],
        {"aired": True, "review": [], "reach": 432},
    ),
    "by cluster, time window and title": (
        [("ml-02", "2017-07-30T07:03:00+07:00", 95, "", "{title}")],
        {"aired": True, "review": [], "reach": 288},
    ),
    "by title without accents, upper case": (
        [("ML-01", "2017-07-30 07:02", 95, "", "{folded}")],
        {"aired": True, "review": [], "reach": 432},
    ),
    "two clusters add up": (
        [
            ("ML-01", "2017-07-30 07:00", 95, "{morning}", ""),
            ("ML-02", "2017-07-30 07:00", 95, "{morning}", ""),
        ],
        {"aired": True, "review": [], "reach": 720},
    ),
    "the same line twice counts once": (
        [
            ("ML-01", "2017-07-30 07:00", 95, "{morning}", ""),
            ("ML-01", "2017-07-30 07:00", 95, "{morning}", ""),
        ],
        {"aired": True, "review": [], "reach": 432, "repeated": 1},
    ),
    "played outside the broadcast's window": (
        [("ML-01", "2017-07-30 09:30", 95, "{morning}", "")],
        {"aired": False, "review": [(2, "out_of_window")]},
    ),
    "a title played at no broadcast's time": (
        [("ML-01", "2017-07-30 12:00", 95, "", "{title}")],
        {"aired": False, "review": [(2, "out_of_window")]},
    ),
    "a title that matches nothing": (
        [("ML-01", "2017-07-30 07:00", 95, "", "Nhạc hiệu buổi sáng")],
        {"aired": False, "review": [(2, "no_match")]},
    ),
    "a key of no broadcast of this channel": (
        [("ML-01", "2017-07-30 07:00", 95, "6f1c1e38-3c55-4b8e-9d43-3f1d7d1f0a11", "")],
        {"aired": False, "review": [(2, "no_match")]},
    ),
    "an unknown cluster": (
        [("XX-99", "2017-07-30 07:00", 95, "{morning}", "")],
        {"aired": False, "review": [(2, "unknown_cluster")]},
    ),
    "a title matching two broadcasts at once": (
        [("ML-01", "2017-07-30 07:04", 95, "", "{message}")],
        {"aired": False, "review": [(2, "ambiguous")], "overlap": True},
    ),
    "lines out of order: the airing is the earliest play": (
        [
            ("ML-02", "2017-07-30 07:09", 95, "{morning}", ""),
            ("ML-01", "2017-07-30 07:02", 95, "{morning}", ""),
        ],
        {"aired": True, "review": [], "reach": 720, "aired_at": (7, 2)},
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_matching(radio, case):
    channel, morning, evening = radio
    rows, expected = CASES[case]
    if expected.get("overlap"):
        # A second broadcast of the same message two minutes later.
        [other] = sent_broadcasts(channel, [at(30, 7, 7, 2)])
    title = item_title(morning)
    values = {
        "morning": morning.key,
        "title": title,
        "folded": "30/07/2017 07:00 – HUYEN MUONG LAT",
        "message": morning.message.title,
    }
    rows = [tuple(str(v).format(**values) for v in row) for row in rows]

    log = ingest(channel, csv_log(*rows))

    morning.refresh_from_db()
    assert (morning.status == "aired") is expected["aired"]
    assert reasons(log) == expected["review"]
    if expected["aired"]:
        assert measured(morning) == [("measured", expected["reach"])]
        assert log.repeated == expected.get("repeated", 0)
    else:
        assert measured(morning) == []
    if "aired_at" in expected:
        assert morning.aired_at == at(30, 7, *expected["aired_at"])
    evening.refresh_from_db()
    assert evening.status == "sent"


def test_the_same_log_twice_or_in_parts_ends_the_same(radio):
    channel, morning, evening = radio
    lines = [
        ("ML-02", "2017-07-30 17:00", 95, evening.key, ""),
        ("ML-01", "2017-07-30 07:00", 95, morning.key, ""),
        ("ML-02", "2017-07-30 07:05", 95, morning.key, ""),
    ]
    first = ingest(channel, csv_log(*lines))
    again = ingest(channel, csv_log(*lines))
    reversed_parts = [ingest(channel, csv_log(line)) for line in reversed(lines)]

    assert (first.confirmed, again.confirmed, again.repeated) == (3, 0, 3)
    assert [log.confirmed for log in reversed_parts] == [0, 0, 0]
    assert ClusterPlay.objects.count() == 3
    assert measured(morning) == [("measured", 720)]
    assert measured(evening) == [("measured", 288)]
    for broadcast in (morning, evening):
        assert broadcast.events.filter(to_status="aired").count() == 1


def test_a_log_posted_while_the_broadcast_is_still_dispatching(radio):
    channel, morning, _evening = radio
    Broadcast.objects.filter(pk=morning.pk).update(status="dispatching")
    ingest(channel, csv_log(("ML-01", "2017-07-30 07:00", 95, morning.key, "")))
    morning.refresh_from_db()
    assert morning.status == "aired"
    # The delivery still in flight finds it aired and leaves it so.
    assert broadcast_deliver(broadcast_id=morning.pk, version=morning.version)
    morning.refresh_from_db()
    assert morning.status == "aired"
    assert measured(morning) == [("measured", 432)]


def test_a_broadcast_not_yet_sent_is_not_confirmed_by_a_log(radio):
    channel, morning, _evening = radio
    Broadcast.objects.filter(pk=morning.pk).update(status="approved")
    log = ingest(channel, csv_log(("ML-01", "2017-07-30 07:00", 95, morning.key, "")))
    assert reasons(log) == [(2, "not_sent")]
    morning.refresh_from_db()
    assert morning.status == "approved"


def test_a_hand_confirmed_broadcast_gets_its_measurement_not_two_reaches(radio):
    channel, morning, _evening = radio
    broadcast_confirm_aired(broadcast_id=morning.pk, actor="operator")
    assert [m for m, _count in measured(morning)] == ["estimated"]
    ingest(channel, csv_log(("ML-01", "2017-07-30 07:00", 95, morning.key, "")))
    assert measured(morning) == [("measured", 432)]
    # Confirming by hand again does not bring the estimate back.
    broadcast_confirm_aired(broadcast_id=morning.pk, actor="operator")
    assert measured(morning) == [("measured", 432)]


def test_persons_per_household_is_a_setting(radio):
    channel, morning, _evening = radio
    settings_row = SmartRadioSettings.load()
    settings_row.persons_per_household = "4.50"
    settings_row.save()
    ingest(channel, csv_log(("ML-02", "2017-07-30 07:00", 95, morning.key, "")))
    assert measured(morning) == [("measured", 360)]


def test_a_json_export_is_read_too(radio):
    channel, morning, _evening = radio
    content = json.dumps(
        {
            "plays": [
                {
                    "cluster_code": "ML-01",
                    "start_time": "2017-07-30T07:00:30+07:00",
                    "duration_seconds": 95,
                    "item_key": str(morning.key),
                }
            ]
        }
    ).encode()
    assert ingest(channel, content).confirmed == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "không phải văn bản"),
        (b"", "Tệp trống"),
        (b"a;b;c\n1;2;3\n", "dòng tiêu đề"),
        (b"[1, 2]", "Dòng 1"),
        (b'{"plays": 5}', "không có danh sách"),
        (b"{not json", "không phải JSON"),
        (csv_log(("ML-01", "ngày 30", 95, "x", "")), "Dòng 2"),
        (csv_log(("ML-01", "2017-07-30 07:00", "abc", "x", "")), "Dòng 2"),
        (csv_log(("ML-01", "2017-07-30 07:00", 95, "", "")), "Dòng 2"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_written(radio, content, message):
    channel, morning, _evening = radio
    good = ("ML-01", "2017-07-30 07:00", 95, morning.key, "")
    if content.startswith(b"cluster"):
        # A good line before the bad one must not be saved either.
        content = csv_log(good) + content.split(b"\n", 1)[1]
    with pytest.raises(ValidationError, match=message.replace("Dòng 2", "Dòng")):
        ingest(channel, content)
    assert PlaybackLog.objects.count() == 0
    assert ClusterPlay.objects.count() == 0
    morning.refresh_from_db()
    assert morning.status == "sent"


def test_a_channel_without_smart_radio_takes_no_log():
    from tests.factories import ChannelFactory

    channel = ChannelFactory(pull_feed=True)
    with pytest.raises(ValidationError, match="không phải kênh truyền thanh"):
        ingest(channel, csv_log(("ML-01", "2017-07-30 07:00", 95, "x", "")))


# --- posted by the smart-radio server ------------------------------------------


def signed(body: bytes, *, secret=SECRET, stamp=None):
    stamp = str(int(time.time()) if stamp is None else stamp)
    digest = hmac.new(
        secret.encode(), stamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return {"HTTP_X_SIGNATURE": f"sha256={digest}", "HTTP_X_TIMESTAMP": stamp}


def post(client, channel, body, **headers):
    return client.post(
        f"/api/channels/{channel.pk}/playback",
        data=body,
        content_type="text/csv",
        **headers,
    )


def test_a_signed_post_confirms_and_lists_what_to_review(client, radio):
    channel, morning, _evening = radio
    body = csv_log(
        ("ML-01", "2017-07-30 07:00", 95, morning.key, ""),
        ("XX-09", "2017-07-30 07:00", 95, morning.key, ""),
    )
    response = post(client, channel, body, **signed(body))
    assert response.status_code == 200
    data = response.json()
    assert (data["confirmed"], data["lines"]) == (1, 2)
    assert [(i["line"], i["reason"]) for i in data["to_review"]] == [
        (3, "unknown_cluster")
    ]
    morning.refresh_from_db()
    assert morning.status == "aired"


@pytest.mark.parametrize(
    "headers",
    [
        lambda body: {},
        lambda body: signed(body, secret="đoán-bừa"),
        lambda body: signed(body, stamp=int(time.time()) - 3600),
        lambda body: signed(body, stamp=int(time.time()) + 3600),
        lambda body: {**signed(body), "HTTP_X_TIMESTAMP": "not-a-time"},
        lambda body: signed(body + b"\nML-02,2017-07-30 07:00,95,x,"),
    ],
    ids=["unsigned", "wrong secret", "stale", "future", "bad stamp", "body changed"],
)
def test_a_badly_signed_post_is_403_and_changes_nothing(client, radio, headers):
    channel, morning, _evening = radio
    body = csv_log(("ML-01", "2017-07-30 07:00", 95, morning.key, ""))
    response = post(client, channel, body, **headers(body))
    assert response.status_code == 403
    assert PlaybackLog.objects.count() == 0
    morning.refresh_from_db()
    assert morning.status == "sent"


def test_a_post_to_another_channel_with_its_own_secret_is_403(client, radio):
    channel, morning, _evening = radio
    other = smart_radio_channel()
    other.webhook_secret = "khác"
    other.save()
    body = csv_log(("ML-01", "2017-07-30 07:00", 95, morning.key, ""))
    response = post(client, other, body, **signed(body, secret="khác"))
    # Signed right, but the broadcast is not the other channel's: nothing aired.
    assert response.status_code == 200
    assert [i["reason"] for i in response.json()["to_review"]] == ["no_match"]
    morning.refresh_from_db()
    assert morning.status == "sent"
    assert PlaybackIssue.objects.count() == 1


def test_a_signed_bad_file_is_400_in_vietnamese(client, radio, settings):
    channel, _morning, _evening = radio
    body = b"khong phai nhat ky"
    response = post(client, channel, body, **signed(body), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert "dòng tiêu đề" in response.json()["error"]
    assert PlaybackLog.objects.count() == 0


def test_the_window_follows_the_channel_tolerance(radio):
    channel, morning, _evening = radio
    channel.late_tolerance_minutes = 180
    channel.save()
    log = ingest(channel, csv_log(("ML-01", "2017-07-30 09:30", 95, morning.key, "")))
    assert log.confirmed == 1
    assert morning.starts_at + datetime.timedelta(minutes=185) > at(30, 7, 9, 30)
