"""manage.py load_regions: both shapes of the official lists, all or nothing."""

import pytest
from django.core.management import CommandError, call_command

from campaigns.models import Region, RegionKind

pytestmark = pytest.mark.django_db

DISTRICTS = (
    "district_code,name,type,border_laos,coastal,mountainous,poor_30a,"
    "main_ethnic_groups,centroid_lon,centroid_lat\n"
    """380,Thành phố Thanh Hóa,Thành phố,0,0,0,0,Kinh,105.788,19.807
384,Huyện Mường Lát,Huyện,1,0,1,1,Thái;H'Mông;Dao;Khơ Mú;Mường,104.623,20.503
"""
)
COMMUNES = """commune_code,name,type,district_code,district_name
14755,Phường Hàm Rồng,Phường,380,Thành phố Thanh Hóa
14950,Thị trấn Mường Lát,Thị trấn,384,Huyện Mường Lát
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(path):
    call_command("load_regions", str(path))


def snapshot():
    return list(
        Region.objects.order_by("code").values_list(
            "code", "name", "path", "border", "centroid_lat"
        )
    )


def test_districts_attach_under_the_province_with_flags_and_centroid(tmp_path):
    load(write(tmp_path, "d.csv", DISTRICTS))

    province = Region.objects.get(depth=1)
    muong_lat = Region.objects.get(code="384")
    assert province.kind == RegionKind.PROVINCE
    assert muong_lat.get_parent() == province
    assert muong_lat.kind == RegionKind.DISTRICT
    assert (muong_lat.border, muong_lat.mountainous, muong_lat.poor) == (
        True,
        True,
        True,
    )
    assert muong_lat.coastal is False
    assert muong_lat.ethnic_groups == ["Thái", "H'Mông", "Dao", "Khơ Mú", "Mường"]
    assert muong_lat.ethnic_minority and muong_lat.high_risk
    assert str(muong_lat.centroid_lon) == "104.623000"
    assert Region.objects.get(code="380").kind == RegionKind.CITY


def test_communes_attach_under_their_district(tmp_path):
    load(write(tmp_path, "d.csv", DISTRICTS))
    load(write(tmp_path, "c.csv", COMMUNES))

    township = Region.objects.get(code="14950")
    assert township.get_parent().code == "384"
    assert township.kind == RegionKind.TOWNSHIP
    assert township.depth == 3
    assert Region.objects.get(code="384").get_descendant_count() == 1


def test_rerun_changes_nothing(tmp_path, capsys):
    path = write(tmp_path, "d.csv", DISTRICTS)
    load(path)
    before = snapshot()
    load(path)
    assert snapshot() == before
    assert "tạo mới 0, cập nhật 0, giữ nguyên 2" in capsys.readouterr().out


def test_upsert_updates_changed_rows_by_code(tmp_path):
    load(write(tmp_path, "d.csv", DISTRICTS))
    load(
        write(
            tmp_path,
            "d2.csv",
            DISTRICTS.replace("Huyện Mường Lát,Huyện,1", "Huyện Mường Lát Mới,Huyện,0"),
        )
    )

    muong_lat = Region.objects.get(code="384")
    assert muong_lat.name == "Huyện Mường Lát Mới"
    assert muong_lat.border is False
    assert Region.objects.count() == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (COMMUNES.replace(",380,", ",999,"), "Line 2: unknown district code 999"),
        (
            DISTRICTS + "380,Trùng mã,Huyện,0,0,0,0,Kinh,105,19\n",
            "Line 4: code 380 already appears on line 2",
        ),
        (
            DISTRICTS.replace("104.623", "east"),
            "Line 3: column centroid_lon is not a valid number",
        ),
        (
            DISTRICTS.replace("Huyện,1,0,1,1", "Huyện,yes,0,1,1"),
            "Line 3: column border_laos must be 0 or 1",
        ),
        (
            DISTRICTS.replace("Huyện Mường Lát,Huyện", "Huyện Mường Lát,Quận"),
            "Line 3: unknown kind of region",
        ),
        ("id,label\n1,x\n", "Line 1: unknown columns"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(tmp_path, settings, text, message):
    settings.LANGUAGE_CODE = "en"
    load(write(tmp_path, "ok.csv", DISTRICTS))
    before = snapshot()
    # A good row before the bad one must not be written either.
    good_then_bad = text
    with pytest.raises(CommandError) as error:
        load(write(tmp_path, "bad.csv", good_then_bad))
    assert message in str(error.value)
    assert "Nothing was imported" in str(error.value)
    assert snapshot() == before


def test_errors_are_in_vietnamese_by_default(tmp_path):
    with pytest.raises(CommandError) as error:
        load(write(tmp_path, "bad.csv", COMMUNES.replace(",380,", ",999,")))
    assert "Dòng 2" in str(error.value)
    assert not Region.objects.exists()


def test_the_549_communes_of_2025_load_under_their_districts(shared_data):
    call_command("load_regions", str(shared_data / "thanh_hoa_2017_districts.csv"))
    call_command("load_regions", str(shared_data / "thanh_hoa_communes_2025.csv"))

    communes = Region.objects.filter(depth=3)
    assert communes.count() == 549
    assert Region.objects.filter(depth=2).count() == 27
    assert Region.objects.get(code="14755").get_parent().code == "380"
    # Every commune sits under the district its row names.
    for district in Region.objects.filter(depth=2):
        assert district.get_children().filter(depth=3).count() == district.numchild
    assert sum(d.numchild for d in Region.objects.filter(depth=2)) == 549
