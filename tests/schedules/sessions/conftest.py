"""Two districts with communes, their organisers, and a session in three communes."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from campaigns.models import RegionKind
from schedules.sessions.services import organisers_setup
from tests import factories

COMMUNE = RegionKind.COMMUNE


@pytest.fixture(autouse=True)
def english(settings):
    """These tests read messages as their English msgids, in code and in responses."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world(db):
    """Mường Lát (border) and Hoằng Hóa (coast), each with communes and organisers."""
    province = factories.province()
    muong_lat = factories.region(province, "384", "Huyện Mường Lát", border=True)
    hoang_hoa = factories.region(province, "399", "Huyện Hoằng Hóa", coastal=True)
    tam_chung = factories.region(muong_lat, "14848", "Xã Tam Chung", kind=COMMUNE)
    pu_nhi = factories.region(muong_lat, "14863", "Xã Pù Nhi", kind=COMMUNE)
    hoang_phu = factories.region(hoang_hoa, "16003", "Xã Hoằng Phụ", kind=COMMUNE)
    hoang_hai = factories.region(hoang_hoa, "15991", "Xã Hoằng Hải", kind=COMMUNE)
    campaign = factories.campaign()
    unit = factories.organisation
    union = unit("Hội LHPN tỉnh Thanh Hóa", province)
    ml_union = unit("Hội LHPN huyện Mường Lát", muong_lat, parent=union)
    hh_union = unit("Hội LHPN huyện Hoằng Hóa", hoang_hoa, parent=union)
    tc_union = unit("Hội LHPN xã Tam Chung", tam_chung, parent=ml_union)
    people = SimpleNamespace(
        province=factories.organiser("tinh", union, province),
        district=factories.organiser("muonglat", ml_union, muong_lat),
        other_district=factories.organiser("hoanghoa", hh_union, hoang_hoa),
        commune=factories.organiser("tamchung", tc_union, tam_chung),
    )
    sessions = SimpleNamespace(
        tam_chung=factories.session(campaign, tc_union, tam_chung),
        pu_nhi=factories.session(campaign, ml_union, pu_nhi),
        hoang_phu=factories.session(campaign, hh_union, hoang_phu),
    )
    return SimpleNamespace(
        province=province,
        muong_lat=muong_lat,
        hoang_hoa=hoang_hoa,
        tam_chung=tam_chung,
        pu_nhi=pu_nhi,
        hoang_phu=hoang_phu,
        hoang_hai=hoang_hai,
        campaign=campaign,
        union=union,
        ml_union=ml_union,
        hh_union=hh_union,
        tc_union=tc_union,
        people=people,
        sessions=sessions,
        organisers=Group.objects.get(name="Organisers"),
    )


@pytest.fixture
def organisers_group(db):
    return organisers_setup()
