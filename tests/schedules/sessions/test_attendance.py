"""Attendance for many past sessions: the editable list, the CSV import, the reach.

Error texts are checked as English msgids (the conftest switches to English).
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from schedules.models import ReachMethod, ReachRecord, Session, SessionStatus
from schedules.sessions.services import (
    Attendance,
    session_attendance_record,
    session_reach_sync,
)

pytestmark = pytest.mark.django_db

LIST = "sessions_attendance:index"
IMPORT = "sessions_attendance:import"


def formset_data(rows):
    """The attendance list as posted: rows of (session, total, women, men, kids, em)."""
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    names = ["total", "women", "men", "children", "ethnic_minority"]
    for index, (session_id, *counts) in enumerate(rows):
        data[f"form-{index}-id"] = str(session_id)
        for name, value in zip(names, counts, strict=True):
            data[f"form-{index}-attendance_{name}"] = "" if value is None else value
    return data


def reported(session):
    return list(
        ReachRecord.objects.filter(session=session, method=ReachMethod.REPORTED)
    )


def test_the_list_shows_past_sessions_of_my_area_without_attendance(client, world):
    client.force_login(world.people.district)
    response = client.get(reverse(LIST))
    shown = {form.instance.pk for form in response.context["formset"].forms}
    assert shown == {world.sessions.tam_chung.pk, world.sessions.pu_nhi.pk}


def test_saving_the_list_holds_sessions_and_reports_reach(client, world):
    client.force_login(world.people.district)
    tam_chung, pu_nhi = world.sessions.tam_chung, world.sessions.pu_nhi
    rows = [(tam_chung.pk, 85, 60, 25, 10, 70), (pu_nhi.pk, 40, None, None, None, None)]
    response = client.post(reverse(LIST), formset_data(rows))
    assert response.status_code == 302
    tam_chung.refresh_from_db()
    assert tam_chung.status == SessionStatus.HELD
    assert (tam_chung.attendance_total, tam_chung.attendance_women) == (85, 60)
    [record] = reported(tam_chung)
    assert (record.count, record.region, record.recorded_by) == (
        85,
        world.tam_chung,
        world.people.district,
    )
    assert [r.count for r in reported(pu_nhi)] == [40]


def test_a_correction_updates_the_one_reach_record(client, world):
    client.force_login(world.people.district)
    session = world.sessions.tam_chung
    client.post(reverse(LIST), formset_data([(session.pk, 85, 60, 25, 10, 70)]))
    client.post(
        reverse(LIST) + "?all=1", formset_data([(session.pk, 90, 60, 30, 10, 70)])
    )
    assert [r.count for r in reported(session)] == [90]


def test_one_bad_row_saves_nothing(client, world):
    client.force_login(world.people.district)
    tam_chung, pu_nhi = world.sessions.tam_chung, world.sessions.pu_nhi
    rows = [(tam_chung.pk, 85, 60, 25, 10, 70), (pu_nhi.pk, 40, 30, 30, None, None)]
    response = client.post(reverse(LIST), formset_data(rows))
    assert response.status_code == 200
    second = response.context["formset"].forms[1]
    assert second.errors["attendance_total"] == [
        "Women and men together (60) are more than the total (40)."
    ]
    assert Session.objects.filter(attendance_total__isnull=False).count() == 0
    assert not ReachRecord.objects.exists()


def test_a_session_of_another_area_cannot_be_slipped_in(client, world):
    client.force_login(world.people.district)
    other = world.sessions.hoang_phu
    response = client.post(reverse(LIST), formset_data([(other.pk, 50, 30, 20, 0, 0)]))
    assert response.status_code == 200
    assert "id" in response.context["formset"].forms[0].errors
    other.refresh_from_db()
    assert other.attendance_total is None


def upload(client, text, name="diem-danh.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse(IMPORT), {"file": file})


def test_import_writes_every_line(client, world):
    client.force_login(world.people.district)
    tam_chung, pu_nhi = world.sessions.tam_chung, world.sessions.pu_nhi
    text = (
        "session_id,total,women,men,children,ethnic_minority\n"
        f"{tam_chung.pk},85,60,25,10,70\n"
        f"{pu_nhi.pk},40,,,,\n"
    )
    response = upload(client, text)
    assert response.status_code == 302
    assert [r.count for r in reported(tam_chung)] == [85]
    assert [r.count for r in reported(pu_nhi)] == [40]


def test_import_takes_semicolons_and_a_bom(client, world):
    client.force_login(world.people.commune)
    session = world.sessions.tam_chung
    text = (
        f"\ufeffmã buổi;tổng;nữ;nam;trẻ em;dân tộc thiểu số\n{session.pk};30;20;10;;\n"
    )
    assert upload(client, text).status_code == 302
    session.refresh_from_db()
    assert (session.attendance_total, session.attendance_men) == (30, 10)


def test_import_names_every_bad_line_and_writes_nothing(client, world):
    client.force_login(world.people.district)
    tam_chung, pu_nhi = world.sessions.tam_chung, world.sessions.pu_nhi
    other = world.sessions.hoang_phu
    text = (
        "session_id,total,women,men,children,ethnic_minority\n"
        f"{tam_chung.pk},85,60,25,10,70\n"
        f"{pu_nhi.pk},40,30,30,,\n"
        f"{other.pk},50,30,20,0,0\n"
        f"{tam_chung.pk},85,60,25,10,70\n"
        "abc,1,1,0,0,0\n"
        f"{pu_nhi.pk},-5,,,,\n"
        f"{pu_nhi.pk},mười,,,,\n"
        f"{pu_nhi.pk},10,5\n"
    )
    response = upload(client, text)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Line 3: women and men together (60) are more than the total (40).",
        f"Line 4: there is no session {other.pk} in your area.",
        f"Line 5: session {tam_chung.pk} is already on line 2.",
        "Line 6: “abc” is not a session number.",
        f"Line 7: session {pu_nhi.pk} is already on line 3.",
        "Line 7: the total must be a whole number from 0 to 1000000 (found “-5”).",
        f"Line 8: session {pu_nhi.pk} is already on line 3.",
        "Line 8: the total must be a whole number from 0 to 1000000 (found “mười”).",
        "Line 9: expected 6 columns, found 3.",
    ]
    assert Session.objects.filter(attendance_total__isnull=False).count() == 0
    assert not ReachRecord.objects.exists()


def test_import_refuses_sessions_not_yet_held_or_cancelled(client, world):
    client.force_login(world.people.province)
    future = world.sessions.hoang_phu
    future.starts_at = timezone.now() + datetime.timedelta(days=3)
    future.ends_at = future.starts_at + datetime.timedelta(hours=2)
    future.save()
    cancelled = world.sessions.pu_nhi
    cancelled.status, cancelled.cancel_reason = SessionStatus.CANCELLED, "Mưa lũ"
    cancelled.save()
    response = upload(client, f"{future.pk},10,,,,\n{cancelled.pk},10,,,,\n")
    assert response.context["form"].non_field_errors() == [
        f"Line 1: session {future.pk} has not taken place yet.",
        f"Line 2: session {cancelled.pk} was cancelled.",
    ]


def test_reach_follows_the_session(world):
    session = world.sessions.tam_chung
    now = timezone.now()
    session_attendance_record(
        session=session, attendance=Attendance(total=20, women=15), now=now
    )
    session_reach_sync(session=session, now=now)
    assert [r.count for r in reported(session)] == [20]
    # Moved to the day before (it was entered wrongly): the reach moves with it.
    session.starts_at -= datetime.timedelta(days=1)
    session.ends_at -= datetime.timedelta(days=1)
    session.save()
    session_reach_sync(session=session, now=now)
    assert [r.reached_at for r in reported(session)] == [session.starts_at]
    session.status, session.cancel_reason = SessionStatus.CANCELLED, "Sai ngày"
    session.attendance_total = session.attendance_women = None
    session.save()
    session_reach_sync(session=session, now=now)
    assert reported(session) == []
