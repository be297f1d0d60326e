"""Imports explain and never half-save (issue 16): every hostile CSV gets a message
naming its line, nothing is written, and no region changes parent unless asked."""

import pytest
from django.core.management import CommandError, call_command

from campaigns.models import Region
from tests.campaigns.test_load_regions import COMMUNES, DISTRICTS, snapshot, write

pytestmark = pytest.mark.django_db

COMMUNE_HEADER = "commune_code,name,type,district_code,district_name\n"


@pytest.fixture
def loaded(tmp_path, settings):
    settings.LANGUAGE_CODE = "en"
    call_command("load_regions", str(write(tmp_path, "d.csv", DISTRICTS)))
    call_command("load_regions", str(write(tmp_path, "c.csv", COMMUNES)))
    return snapshot()


def refused(tmp_path, data, *args):
    path = tmp_path / "bad.csv"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    with pytest.raises(CommandError) as error:
        call_command("load_regions", str(path), *args)
    message = str(error.value)
    assert message.startswith("Nothing was imported")
    return message


def test_a_district_slipped_under_another_is_refused(tmp_path, loaded):
    # Mường Lát's own code, with Thanh Hóa city as its "district".
    text = COMMUNE_HEADER + "384,Huyện Mường Lát,Huyện,380,Thành phố Thanh Hóa\n"
    message = refused(tmp_path, text)
    assert "Line 2: Huyện Mường Lát (384) is under 38" in message
    assert "--allow-moves" in message
    assert snapshot() == loaded
    assert Region.objects.get(code="384").get_parent().code == "38"


def test_allow_moves_prints_every_move_before_saving(tmp_path, loaded, capsys):
    text = COMMUNE_HEADER + "14950,Thị trấn Mường Lát,Thị trấn,380,Thành phố\n"
    call_command(
        "load_regions", str(write(tmp_path, "move.csv", text)), "--allow-moves"
    )
    out = capsys.readouterr().out
    assert (
        "Line 2: Thị trấn Mường Lát (14950) moves from Huyện Mường Lát (384) to "
        "Thành phố Thanh Hóa (380)." in out
    )
    assert Region.objects.get(code="14950").get_parent().code == "380"


def test_a_forward_reference_is_named(tmp_path, settings):
    settings.LANGUAGE_CODE = "en"
    text = COMMUNE_HEADER + "14950,Thị trấn,Thị trấn,500,\n500,Huyện Mới,Huyện,38,\n"
    message = refused(tmp_path, text)
    assert "Line 2: district 500 is only defined later, on line 3" in message
    assert not Region.objects.exclude(depth=1).exists()


def test_a_cycle_is_named_and_nothing_moves(tmp_path, loaded):
    # With moves allowed, the district would go under its own commune.
    text = COMMUNE_HEADER + "384,Huyện Mường Lát,Huyện,14950,\n"
    message = refused(tmp_path, text, "--allow-moves")
    assert "Line 2: region 384 would end up inside itself" in message
    assert snapshot() == loaded


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            DISTRICTS.replace("Huyện Mường Lát,Huyện,1,0,1,1", "X,Huyện,1,0,1,1")
            .replace("main_ethnic_groups", "population")
            .replace("Thái;H'Mông;Dao;Khơ Mú;Mường", str(2**63)),
            "Line 3: population must be a whole number from 0 to 100000000",
        ),
        (
            DISTRICTS.replace("main_ethnic_groups", "population").replace(
                "Thái;H'Mông;Dao;Khơ Mú;Mường", "-5"
            ),
            "Line 3: population must be a whole number",
        ),
        (
            DISTRICTS.replace("104.623", "1e400"),
            "Line 3: column centroid_lon is not a valid number",
        ),
        (
            DISTRICTS.replace("104.623", "NaN"),
            "Line 3: column centroid_lon is not a valid number",
        ),
        (
            DISTRICTS + "385," + "x" * 200_000 + ",Huyện,0,0,0,0,Kinh,105,19\n",
            "Line 4: a value is longer than 1000 characters",
        ),
        (
            DISTRICTS + "385," + "x" * 300 + ",Huyện,0,0,0,0,Kinh,105,19\n",
            "Line 4: the name is longer than 255 characters",
        ),
        (DISTRICTS + "12345678901,X,Huyện,0,0,0,0,Kinh,105,19\n", "Line 4: the code"),
        (DISTRICTS + "٣٨٥,X,Huyện,0,0,0,0,Kinh,105,19\n", "Line 4: the code"),
        (DISTRICTS + "385,X,Huyện\n", "Line 4: 3 values where the header has 10"),
        (DISTRICTS + "385,X,Huyện,0,0,0,0,Kinh,105,19,extra\n", "Line 4: 11 values"),
        (DISTRICTS.replace(",name,", ",label,"), "Line 1: missing columns: name"),
        (
            DISTRICTS.replace("centroid_lat", "secret"),
            "Line 1: unknown columns: secret",
        ),
        (DISTRICTS + '385,"X,Huyện\n', "Line 4: the line cannot be read"),
        ("", "The file is empty"),
        (COMMUNES.replace(",384,", ",14755,"), None),
    ],
)
def test_hostile_files_are_explained_and_write_nothing(tmp_path, loaded, text, message):
    explained = refused(tmp_path, text)
    if message:
        assert message in explained
    assert snapshot() == loaded


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"district_code,name,type\n385,H\xe0 N\xf4m,Huy\xean\n",
            "Line 2: the file is not UTF-8 text",
        ),
        (b"district_code,name\n\x00\x01", "Line 2: the file holds a NUL character"),
        (b"\xff\xfe" + "district_code".encode("utf-16-le") + b"\x00\xd8", "UTF-16"),
    ],
)
def test_wrong_encodings_are_explained(tmp_path, loaded, data, message):
    assert message in refused(tmp_path, data)
    assert snapshot() == loaded


def test_a_utf16_file_from_excel_loads(tmp_path, settings):
    path = tmp_path / "utf16.csv"
    path.write_bytes(DISTRICTS.encode("utf-16"))
    call_command("load_regions", str(path))
    assert Region.objects.get(code="384").name == "Huyện Mường Lát"


def test_the_messages_are_vietnamese_by_default(tmp_path, loaded, settings):
    settings.LANGUAGE_CODE = "vi"
    text = COMMUNE_HEADER + "384,Huyện Mường Lát,Huyện,380,Thành phố Thanh Hóa\n"
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(CommandError) as error:
        call_command("load_regions", str(path))
    assert "Dòng 2" in str(error.value)
    assert "--allow-moves" in str(error.value)
