import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import translation

from cms.demo.sounds import make_recording
from tests.factories import (
    dispatch_broadcasts,
    dispatch_channel,
    dispatch_message,
    publish_checked,
)


@pytest.fixture(autouse=True)
def vietnamese():
    """Messages are read in Vietnamese, whatever an earlier test left active."""
    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


def recording_clip(tmp_path, title="Bản tin phòng chống mua bán người", **sound):
    from media.models import MediaClip

    path = make_recording(tmp_path / "source.wav", **sound)
    return MediaClip.objects.create(
        title=title,
        file=ContentFile(path.read_bytes(), name="ban-tin.wav"),
        kind="audio",
        duration_seconds=2,
        transcript="Hãy cảnh giác với lời mời đi làm ăn xa.",
        credit="Đài truyền thanh xã (minh hoạ)",
    )


def smart_radio_channel(
    method="pull_feed", clusters=(("ML-01", 120), ("ML-02", 80)), **fields
):
    """A loudspeaker channel run by smart radio, with its clusters."""
    from schedules.models import ChannelKind, RadioCluster, SmartRadio
    from tests.factories import dispatch_region

    channel = dispatch_channel(
        method,
        kind=ChannelKind.LOUDSPEAKER,
        webhook_secret="bí-mật-kênh",
        **{"late_tolerance_minutes": 15, **fields},
    )
    radio = SmartRadio.objects.create(channel=channel, bitrate_kbps=64)
    for order, (code, households) in enumerate(clusters):
        RadioCluster.objects.create(
            radio=radio,
            code=code,
            commune=dispatch_region(),
            households=households,
            sort_order=order,
        )
    return channel


def message_with_recording(clip, title="Cảnh giác với lời mời việc làm"):
    """A published message whose loudspeaker script carries the recording."""
    page = dispatch_message()
    page.title = title
    publish_checked(page.save_revision())
    variant = page.variants.first()
    variant.audio = clip
    variant.save()
    return page


def sent_broadcasts(channel, starts, message_page=None, status="sent"):
    return dispatch_broadcasts(
        channel,
        starts,
        message_page=message_page,
        status=status,
        sent_at=datetime.datetime(2017, 7, 1, tzinfo=datetime.UTC),
    )
