"""The attendance import answers every hostile file with messages naming the line,
never a 500, and writes nothing (issue 16)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schedules.models import ReachRecord, Session

pytestmark = pytest.mark.django_db

IMPORT = "sessions_attendance:import"
HEADER = b"session_id,total,women,men,children,ethnic_minority\n"


def upload(client, data: bytes):
    file = SimpleUploadedFile("diem-danh.csv", data, content_type="text/csv")
    return client.post(reverse(IMPORT), {"file": file})


def errors_of(response):
    assert response.status_code == 200
    return " ".join(response.context["form"].non_field_errors())


def nothing_written():
    assert Session.objects.filter(attendance_total__isnull=False).count() == 0
    assert not ReachRecord.objects.exists()


@pytest.fixture
def organiser(client, world):
    client.force_login(world.people.district)
    return world.sessions.tam_chung.pk


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{pk},"' + b"9" * 200_000 + b'",,,,\n', "Dòng 3: có giá trị dài hơn 1000"),
        (b"{pk},85," + b"1" * 5000 + b",,,\n", "Dòng 3: có giá trị dài hơn 1000"),
        (b'{pk},85,"60,25,10,70\n', "Dòng 3"),
        (b"{pk},85,60,25,10,70\n{pk}\x00,1,,,,\n", "Dòng 4: tệp có ký tự NUL"),
        (b"{pk},99999999999999999999999,,,,\n", "Dòng 3"),
        (b"{pk},85,60,25,10,70,1,2\n", "Dòng 3"),
        (b"{pk}\n", "Dòng 3"),
    ],
)
def test_hostile_lines_are_named_and_nothing_is_written(
    client, organiser, body, message
):
    data = (
        HEADER
        + b"%d,10,5,5,,\n" % organiser
        + body.replace(b"{pk}", str(organiser).encode())
    )
    assert message in errors_of(upload(client, data))
    nothing_written()


def test_a_binary_file_is_refused(client, organiser):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert "NUL" in errors_of(upload(client, data))
    nothing_written()


def test_a_utf16_file_from_excel_is_read(client, organiser):
    text = f"session_id\ttotal\n{organiser};30;20;10;;\n"
    data = text.replace("\t", ";").encode("utf-16")
    assert upload(client, data).status_code == 302
    assert Session.objects.get(pk=organiser).attendance_total == 30
