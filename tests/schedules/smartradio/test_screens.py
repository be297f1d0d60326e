"""What people see: the upload of a playback log, its lines to review, and how
airings were confirmed per channel on the queue and the dashboard."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Role
from schedules.dispatch.services import broadcast_confirm_aired
from schedules.models import ClusterPlay, PlaybackLog
from tests.factories import border_district
from tests.schedules.dispatch.conftest import at
from tests.schedules.dispatch.test_admin import admin_user, refused

from .conftest import (
    message_with_recording,
    recording_clip,
    sent_broadcasts,
    smart_radio_channel,
)
from .test_playback import csv_log

pytestmark = pytest.mark.django_db
UPLOAD = "/admin/playback/"


@pytest.fixture
def radio():
    channel = smart_radio_channel()
    broadcasts = sent_broadcasts(
        channel, [at(30, 7, 7), at(30, 7, 17), at(31, 7, 7), at(31, 7, 17)]
    )
    return channel, broadcasts


def upload(client, channel, content, name="nhat-ky.csv"):
    return client.post(
        UPLOAD,
        {"channel": channel.pk, "file": SimpleUploadedFile(name, content)},
        HTTP_ACCEPT_LANGUAGE="vi",
    )


def test_an_operator_uploads_a_log_and_sees_what_to_review(client, radio):
    channel, broadcasts = radio
    client.force_login(admin_user(Role.OPERATOR))
    content = csv_log(
        ("ML-01", "2017-07-30 07:00", 95, broadcasts[0].key, ""),
        ("XX-77", "2017-07-30 07:00", 95, broadcasts[0].key, ""),
    )
    response = upload(client, channel, content)
    log = PlaybackLog.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("smartradio_admin:log", args=[log.pk])
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "XX-77" in page
    assert "Cụm loa không có hoặc đã ngừng" in page
    assert log.received_by is not None and log.filename == "nhat-ky.csv"


def test_a_bad_upload_says_why_in_vietnamese_and_writes_nothing(client, radio):
    channel, broadcasts = radio
    client.force_login(admin_user(Role.OPERATOR))
    content = csv_log(
        ("ML-01", "2017-07-30 07:00", 95, broadcasts[0].key, ""),
        ("ML-01", "hôm qua", 95, broadcasts[1].key, ""),
    )
    response = upload(client, channel, content)
    assert response.status_code == 200
    assert "Dòng 3" in response.content.decode()
    assert PlaybackLog.objects.count() == 0
    assert ClusterPlay.objects.count() == 0


def test_others_cannot_upload(client, radio):
    channel, broadcasts = radio
    client.force_login(admin_user(Role.COMMITTEE))
    content = csv_log(("ML-01", "2017-07-30 07:00", 95, broadcasts[0].key, ""))
    assert refused(upload(client, channel, content))
    assert PlaybackLog.objects.count() == 0


def test_queue_and_dashboard_count_confirmations_by_method(client, radio):
    channel, broadcasts = radio
    content = csv_log(
        ("ML-01", "2017-07-30 07:00", 95, broadcasts[0].key, ""),
        ("ML-02", "2017-07-30 17:00", 95, broadcasts[1].key, ""),
    )
    client.force_login(admin_user(is_superuser=True))
    upload(client, channel, content)
    broadcast_confirm_aired(broadcast_id=broadcasts[2].pk, actor="operator")

    for url in ("/admin/dispatch/", reverse("schedules_reports:dashboard")):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
        table = page.split('id="confirmations-table"', 1)[1].split("</table>")[0]
        cells = [
            cell.split(">", 1)[1].replace("<strong>", "")
            for cell in table.split("<td")[1:]
        ]
        assert [c.split("<")[0] for c in cells] == [channel.name, "2", "1", "1"]
        assert "Bằng nhật ký phát" in page


def test_a_script_without_recording_is_flagged_and_stays_on_the_run_sheet(
    client, radio, tmp_path
):
    channel, broadcasts = radio  # their script has no recording
    recorded = message_with_recording(recording_clip(tmp_path), title="Có bản thu")
    sent_broadcasts(channel, [at(30, 7, 18)], message_page=recorded)
    client.force_login(admin_user(is_superuser=True))

    plan = broadcasts[0].plan
    page = client.get(
        reverse("schedules_planning:plan", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="vi"
    ).content.decode()
    section = page.split('id="without-recording"', 1)[1].split("</table>")[0]
    assert broadcasts[0].message.title in section
    assert "chưa có bản thu" in section
    assert "Có bản thu" not in section

    sheet = client.get(
        reverse("schedules_planning:run_sheet"),
        {"district": border_district().code, "week": "2017-07-30"},
        HTTP_ACCEPT_LANGUAGE="vi",
    ).content.decode()
    rows = sheet.split("<tbody>", 1)[1].split("</tbody>")[0].split("<tr>")[1:]
    flagged = ["[chưa có bản thu]" in row for row in rows]
    # Every broadcast of the week (24–30/7) stays on the sheet, the recorded one
    # (18:00) unflagged.
    assert flagged == [True, True, False]
    assert "18:00" in rows[2]
