"""manage.py load_regions --effective --successors: a new map beside the old one."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from campaigns.models import Membership, Region, RegionMap, RegionSuccessor, Role
from campaigns.region_maps import successor_weights
from tests import factories

pytestmark = pytest.mark.django_db

DISTRICTS = (
    "district_code,name,type,border_laos,coastal,mountainous,poor_30a,"
    "main_ethnic_groups,population\n"
    "380,Thành phố Thanh Hóa,Thành phố,0,0,0,0,Kinh,200000\n"
    "384,Huyện Mường Lát,Huyện,1,0,1,1,Thái;H'Mông,40000\n"
)
COMMUNES = (
    "commune_code,name,type,district_code,population\n"
    "14845,Thị trấn Mường Lát,Thị trấn,384,10000\n"
    "14848,Xã Tam Chung,Xã,384,6000\n"
    "16402,Xã Đông Thanh,Xã,380,5000\n"
    "16405,Xã Đông Tiến,Xã,380,3000\n"
)
# The reform: no districts; 14845 keeps its code for a larger commune.
REFORM = (
    "commune_code,name,type,province_code,former_district_code\n"
    "14845,Xã Mường Lát,Xã,38,384\n"
    "16396,Phường Đông Lĩnh,Phường,38,380\n"
    "16405,Xã Đông Tiến,Xã,38,380\n"
)
SUCCESSORS = (
    "old_code,new_code,share\n"
    "14845,14845,1\n"
    "14848,14845,1\n"
    "16402,16396,0.6\n"
    "16402,16405,0.4\n"
    "16405,16405,1\n"
    "384,14845,1\n"
    "380,16396,0.5\n"
    "380,16405,0.5\n"
)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def old_map(tmp_path):
    call_command("load_regions", write(tmp_path, "d.csv", DISTRICTS))
    call_command("load_regions", write(tmp_path, "c.csv", COMMUNES))
    return RegionMap.objects.get()


def load_reform(tmp_path, successors=SUCCESSORS, regions=REFORM):
    out = io.StringIO()
    call_command(
        "load_regions",
        write(tmp_path, "r.csv", regions),
        "--effective",
        "2025-07-01",
        "--successors",
        write(tmp_path, "s.csv", successors),
        stdout=out,
    )
    return out.getvalue()


def refused(tmp_path, successors, regions=REFORM):
    def counts():
        return [m.objects.count() for m in (Region, RegionMap, RegionSuccessor)]

    before = counts()
    with translation.override("vi"), pytest.raises(CommandError) as error:
        load_reform(tmp_path, successors, regions)
    assert counts() == before
    return str(error.value)


def test_a_new_map_loads_beside_the_old_one_and_codes_repeat(tmp_path, old_map):
    output = load_reform(tmp_path)
    new_map = RegionMap.objects.get(effective_from=datetime.date(2025, 7, 1))
    # The old map is untouched; the same code names a commune on each map.
    assert old_map.regions.count() == 7
    assert new_map.regions.count() == 4  # the province and three communes
    old, new = (Region.objects.get(map=m, code="14845") for m in (old_map, new_map))
    assert old.name == "Thị trấn Mường Lát" and new.name == "Xã Mường Lát"
    assert new.get_parent().map == new_map  # no district level
    # Each campaign uses the map in force on its 30/7.
    assert factories.CampaignPageFactory(year=2017).region_map == old_map
    assert factories.CampaignPageFactory(year=2027).region_map == new_map
    # Risk flags and population come from the predecessors.
    assert new.border and new.mountainous and "H'Mông" in new.ethnic_groups
    assert new.population == 10000 + 6000 + 40000
    # The split commune is listed for review, with its shares.
    assert "16402 Xã Đông Thanh → 16396 Phường Đông Lĩnh (0.6), 16405" in output


def test_channels_and_organisers_areas_follow_their_successors(tmp_path, old_map):
    district = Region.objects.get(map=old_map, code="380")
    channel = factories.ChannelFactory(name="Loa Thành phố", regions=[district])
    unit = factories.OrganisationFactory(
        name="Hội LHPN thành phố", kind="womens_union", region=district
    )
    organiser = factories.UserFactory(
        username="hlhpn_tp", organiser=True, unit=unit, area=district
    )
    load_reform(tmp_path)
    new_map = RegionMap.objects.get(effective_from=datetime.date(2025, 7, 1))
    successors = {"16396", "16405"}
    channel.refresh_from_db()
    assert {r.code for r in channel.regions.filter(map=new_map)} == successors
    assert channel.regions.filter(map=old_map).get() == district  # history kept
    areas = Membership.objects.filter(user=organiser, role=Role.ORGANISER)
    assert {m.region.code for m in areas.filter(region__map=new_map)} == successors
    assert areas.filter(region=district).exists()


def test_weights_follow_a_split_commune_by_its_shares(tmp_path, old_map):
    load_reform(tmp_path)
    new_map = RegionMap.objects.get(effective_from=datetime.date(2025, 7, 1))
    split = Region.objects.get(map=old_map, code="16402")
    weights = successor_weights([split.pk], target=new_map)[split.pk]
    by_code = {Region.objects.get(pk=pk).code: float(w) for pk, w in weights.items()}
    assert by_code == {"16396": 0.6, "16405": 0.4}
    # A region of the newer map has no place on the older one.
    new = Region.objects.get(map=new_map, code="16396")
    assert successor_weights([new.pk], target=old_map) == {new.pk: {}}


def test_an_unknown_code_is_refused_with_its_line(tmp_path, old_map):
    bad = SUCCESSORS.replace("14848,14845,1", "99999,14845,1")
    message = refused(tmp_path, bad)
    assert "dòng 3" in message and "99999" in message


def test_shares_that_do_not_add_up_are_refused_with_their_lines(tmp_path, old_map):
    bad = SUCCESSORS.replace("16402,16405,0.4", "16402,16405,0.3")
    message = refused(tmp_path, bad)
    assert "4, 5" in message and "16402" in message and "0.9" in message


def test_a_new_unit_without_a_predecessor_is_refused(tmp_path, old_map):
    regions = REFORM + "14900,Xã Mới,Xã,38,384\n"
    message = refused(tmp_path, SUCCESSORS, regions)
    assert "dòng 5" in message and "14900" in message


def test_a_second_map_on_the_same_day_and_bad_shares_are_refused(tmp_path, old_map):
    assert "0" in refused(
        tmp_path, SUCCESSORS.replace("14845,14845,1", "14845,14845,0")
    )
    load_reform(tmp_path)
    refused(tmp_path, SUCCESSORS)
