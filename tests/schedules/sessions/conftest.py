"""Two districts with communes, their organisers, and a session in three communes."""

import functools
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from campaigns.models import OrganisationKind, RegionKind
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
    muong_lat = factories.RegionFactory(
        parent=province, code="384", name="Huyện Mường Lát", border=True
    )
    hoang_hoa = factories.RegionFactory(
        parent=province, code="399", name="Huyện Hoằng Hóa", coastal=True
    )
    tam_chung = factories.RegionFactory(
        parent=muong_lat, code="14848", name="Xã Tam Chung", kind=COMMUNE
    )
    pu_nhi = factories.RegionFactory(
        parent=muong_lat, code="14863", name="Xã Pù Nhi", kind=COMMUNE
    )
    hoang_phu = factories.RegionFactory(
        parent=hoang_hoa, code="16003", name="Xã Hoằng Phụ", kind=COMMUNE
    )
    hoang_hai = factories.RegionFactory(
        parent=hoang_hoa, code="15991", name="Xã Hoằng Hải", kind=COMMUNE
    )
    campaign = factories.CampaignPageFactory()
    unit = functools.partial(
        factories.OrganisationFactory, kind=OrganisationKind.WOMENS_UNION
    )
    union = unit(name="Hội LHPN tỉnh Thanh Hóa", region=province)
    ml_union = unit(name="Hội LHPN huyện Mường Lát", region=muong_lat, parent=union)
    hh_union = unit(name="Hội LHPN huyện Hoằng Hóa", region=hoang_hoa, parent=union)
    tc_union = unit(name="Hội LHPN xã Tam Chung", region=tam_chung, parent=ml_union)
    people = SimpleNamespace(
        province=factories.UserFactory(
            organiser=True, username="tinh", unit=union, area=province
        ),
        district=factories.UserFactory(
            organiser=True, username="muonglat", unit=ml_union, area=muong_lat
        ),
        other_district=factories.UserFactory(
            organiser=True, username="hoanghoa", unit=hh_union, area=hoang_hoa
        ),
        commune=factories.UserFactory(
            organiser=True, username="tamchung", unit=tc_union, area=tam_chung
        ),
    )
    sessions = SimpleNamespace(
        tam_chung=factories.SessionFactory(
            campaign=campaign, organisation=tc_union, region=tam_chung
        ),
        pu_nhi=factories.SessionFactory(
            campaign=campaign, organisation=ml_union, region=pu_nhi
        ),
        hoang_phu=factories.SessionFactory(
            campaign=campaign, organisation=hh_union, region=hoang_phu
        ),
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
