"""The region tree widget: communes under their district, what is chosen opened."""

import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
    muong_lat = factories.RegionFactory(
        parent=province, code="384", name="Huyện Mường Lát", border=True
    )
    quan_hoa = factories.RegionFactory(
        parent=province, code="385", name="Huyện Quan Hóa"
    )
    return {
        "province": province,
        "muong_lat": muong_lat,
        "tam_chung": factories.RegionFactory(
            parent=muong_lat, code="14846", name="Xã Tam Chung", kind="commune"
        ),
        "quan_hoa": quan_hoa,
        "phu_thanh": factories.RegionFactory(
            parent=quan_hoa, code="14857", name="Xã Phú Thanh", kind="commune"
        ),
    }


def test_communes_sit_under_their_district_and_the_chosen_ones_open_it(tree):
    form = RegionsForm(initial={"regions": [tree["tam_chung"].pk]})
    with CaptureQueriesContext(connection) as queries:
        html = str(form["regions"])
    assert len(queries) == 1  # the regions, read once

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
    count = re.search(r'region-tree__count" data-template="([^"]+)">([^<]+)<', html)
    assert count.groups() == ("{n} đã chọn", "1 đã chọn")


def test_ticking_boxes_as_rendered_chooses_those_regions(tree):
    html = str(RegionsForm()["regions"])
    inputs = re.findall(r'name="(\w+)" value="(\d+)" id="[^"]+"> ([^<]+)', html)
    ticked = [(name, value) for name, value, label in inputs if label.startswith("Xã")]
    assert len(ticked) == 2 and {name for name, _value in ticked} == {"regions"}
    form = RegionsForm(data={"regions": [value for _name, value in ticked]})
    assert form.is_valid()
    assert {r.name for r in form.cleaned_data["regions"]} == {
        "Xã Tam Chung",
        "Xã Phú Thanh",
    }
