"""The region tree widget: communes under their district, what is chosen opened."""

import re

import pytest
from django import forms

from campaigns.models import Region
from campaigns.widgets import RegionTree
from tests import factories

pytestmark = pytest.mark.django_db


class RegionsForm(forms.Form):
    regions = forms.ModelMultipleChoiceField(
        Region.objects.all(), required=False, widget=RegionTree
    )


@pytest.fixture
def tree():
    province = factories.province()
    muong_lat = factories.region(province, "384", "Huyện Mường Lát", border=True)
    quan_hoa = factories.region(province, "385", "Huyện Quan Hóa")
    return {
        "province": province,
        "muong_lat": muong_lat,
        "tam_chung": factories.region(muong_lat, "14846", "Xã Tam Chung", "commune"),
        "quan_hoa": quan_hoa,
        "phu_thanh": factories.region(quan_hoa, "14857", "Xã Phú Thanh", "commune"),
    }


def test_communes_sit_under_their_district_and_the_chosen_ones_open_it(tree):
    html = str(RegionsForm(initial={"regions": [tree["tam_chung"].pk]})["regions"])

    # Nesting follows the tree: province > district > commune.
    names = re.findall(r'data-folded="([^"]+)"', html)
    assert names == [
        "tinh thanh hoa",
        "huyen muong lat",
        "xa tam chung",
        "huyen quan hoa",
        "xa phu thanh",
    ]
    checked = re.findall(r'value="(\d+)"[^>]*checked', html)
    assert checked == [str(tree["tam_chung"].pk)]
    # The province and Mường Lát open to show the choice; Quan Hóa stays folded.
    opened = re.findall(
        r"<details( open)?><summary><label>[^<]*<input[^>]*> ([^<]+)", html
    )
    assert opened == [
        (" open", "Tỉnh Thanh Hóa"),
        (" open", "Huyện Mường Lát"),
        ("", "Huyện Quan Hóa"),
    ]
    assert "1 " in re.search(r"region-tree__count[^>]*>([^<]+)<", html).group(1)


def test_ticked_boxes_are_the_chosen_regions(tree):
    chosen = [tree["tam_chung"].pk, tree["quan_hoa"].pk]
    form = RegionsForm(data={"regions": [str(pk) for pk in chosen]})
    assert form.is_valid()
    assert sorted(r.pk for r in form.cleaned_data["regions"]) == sorted(chosen)
    assert not RegionsForm(data={"regions": ["999999"]}).is_valid()
