"""Starting next year's campaign from this year's: command, admin button, refusals."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, WorkflowState

from campaigns.models import (
    CampaignPage,
    Format,
    MessagePage,
    Region,
    RegionMap,
    Slogan,
)
from campaigns.region_maps import region_map_load
from campaigns.review import EDITORS, review_setup
from tests import factories

pytestmark = pytest.mark.django_db

REFORM = "commune_code,name,type,province_code\n14845,Xã Mường Lát,Xã,38\n"
SUCCESSORS = "old_code,new_code,share\n384,14845,1\n"


@pytest.fixture
def source():
    review_setup(site_root=factories.home_page())
    province = factories.province()
    muong_lat = factories.RegionFactory(
        parent=province, code="384", name="Huyện Mường Lát", border=True
    )
    campaign = factories.CampaignPageFactory(
        year=2017,
        plan_number="109/KH-BCĐ",
        plan_date=datetime.date(2017, 6, 30),
        period_start=datetime.date(2017, 6, 15),
        period_end=datetime.date(2017, 10, 15),
    )
    for order, text in enumerate(["Chung tay phòng, chống mua bán người", "Khác"]):
        factories.SloganFactory(campaign=campaign, text=text, sort_order=order)
    variants = [
        {"format": Format.SHORT_TEXT, "text": "Gọi 111", "language_id": "vi"},
        {
            "format": Format.LOUDSPEAKER_SCRIPT,
            "text": "Bà con lưu ý",
            "language_id": "vi",
            "target_regions": [muong_lat],
        },
    ]
    factories.MessagePageFactory(
        campaign=campaign, title="Đang dùng", variants=variants, slug="dang-dung"
    )
    expired = factories.MessagePageFactory(
        campaign=campaign, title="Đã hết hạn", variants=variants[:1]
    )
    expired.expired = True
    expired.save()
    factories.MessagePageFactory(
        campaign=campaign, title="Bản nháp", live=False, slug="ban-nhap"
    )
    factories.UserFactory(username="admin", is_superuser=True, is_staff=True)
    return campaign


def load_reform():
    region_map_load(
        text=REFORM, successors_text=SUCCESSORS, effective=datetime.date(2025, 7, 1)
    )


def start(*args):
    out = io.StringIO()
    call_command("start_campaign", *args, stdout=out)
    return out.getvalue()


def test_the_command_starts_next_year_with_drafts_in_review(source):
    start("--year", "2027", "--from", "2017")
    new = CampaignPage.objects.get(year=2027)
    assert not new.live and "2027" in new.title
    # The dates keep their distance from 30/7; the plan is the new year's to fill.
    assert (new.period_start, new.anchor_date, new.period_end) == (
        datetime.date(2027, 6, 15),
        datetime.date(2027, 7, 30),
        datetime.date(2027, 10, 15),
    )
    assert new.plan_number == "" and new.plan_date is None
    slogans = Slogan.objects.filter(campaign=new).order_by("sort_order")
    assert [s.text for s in slogans] == ["Chung tay phòng, chống mua bán người", "Khác"]
    assert not any(s.live for s in slogans)
    # Only the live message came, as a draft in review, marked as copied.
    copied = MessagePage.objects.child_of(new).get()
    assert copied.title == "Đang dùng" and not copied.live
    assert copied.copied_from.get_parent().specific.year == 2017
    assert [(v.format, v.text) for v in copied.variants.order_by("sort_order")] == [
        (Format.SHORT_TEXT, "Gọi 111"),
        (Format.LOUDSPEAKER_SCRIPT, "Bà con lưu ý"),
    ]
    state = WorkflowState.objects.get(object_id=str(copied.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # 2017 is as it was.
    assert MessagePage.objects.child_of(source).count() == 3
    assert source.slogans.live().count() == 2


def test_a_year_that_exists_is_refused_with_exit_code_2_in_vietnamese(source):
    start("--year", "2027", "--from", "2017")
    pages = Page.objects.count()
    with translation.override("vi"), pytest.raises(CommandError) as error:
        start("--year", "2027", "--from", "2017")
    assert error.value.returncode == 2
    assert "Chiến dịch năm 2027 đã có" in str(error.value)
    with translation.override("vi"), pytest.raises(CommandError) as error:
        start("--year", "2028", "--from", "2016")
    assert error.value.returncode == 2
    assert Page.objects.count() == pages


def test_messages_target_the_new_years_map(source):
    load_reform()
    start("--year", "2027", "--from", "2017")
    copied = MessagePage.objects.child_of(CampaignPage.objects.get(year=2027)).get()
    script = copied.variants.get(format=Format.LOUDSPEAKER_SCRIPT)
    new_map = RegionMap.objects.get(effective_from=datetime.date(2025, 7, 1))
    assert [(r.code, r.map) for r in script.target_regions.all()] == [
        ("14845", new_map)
    ]
    # The 2017 message still names the 2017 district.
    old = copied.copied_from.variants.get(format=Format.LOUDSPEAKER_SCRIPT)
    assert [r.code for r in old.target_regions.all()] == ["384"]
    assert Region.objects.get(map=new_map, code="14845").border


def test_wagtails_copy_of_a_campaign_gives_a_form_error(client, source):
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    pages = Page.objects.count()
    with translation.override("vi"):
        response = client.post(
            reverse("wagtailadmin_pages:copy", args=[source.pk]),
            {
                "new_title": "Năm 2018",
                "new_slug": "2018",
                "new_parent_page": source.get_parent().pk,
                "copy_subpages": "on",
            },
            HTTP_ACCEPT_LANGUAGE="vi",
        )
    assert response.status_code == 200
    assert "Bắt đầu chiến dịch năm sau" in response.content.decode()
    assert Page.objects.count() == pages


def test_the_admin_button_starts_the_year(client, source):
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    url = reverse("campaigns_start_next", args=[source.pk])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[source.pk]))
    assert url in edit.content.decode()
    form = client.get(url)
    assert form.context["form"].initial["year"] >= 2018
    response = client.post(url, {"year": "2027"})
    new = CampaignPage.objects.get(year=2027)
    assert response.url == reverse("wagtailadmin_pages:edit", args=[new.pk])
    again = client.post(url, {"year": "2027"})
    assert again.status_code == 200 and again.context["form"].non_field_errors()


def test_an_editor_gets_no_button_and_a_403(client, source):
    editor = factories.UserFactory()
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[source.pk]))
    url = reverse("campaigns_start_next", args=[source.pk])
    assert url not in edit.content.decode()
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert client.post(url, {"year": "2027"}).status_code in (302, 403)
    assert not CampaignPage.objects.filter(year=2027).exists()


def test_the_copy_offers_only_regions_of_its_years_map(client, source):
    load_reform()
    start("--year", "2027", "--from", "2017")
    copied = MessagePage.objects.child_of(CampaignPage.objects.get(year=2027)).get()
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    page = client.get(reverse("wagtailadmin_pages:edit", args=[copied.pk]))
    form = page.context["form"].formsets["variants"].forms[0]
    offered = form.fields["target_regions"].queryset
    assert {r.map.effective_from.year for r in offered} == {2025}
    assert "Huyện Mường Lát" not in page.content.decode()
    assert "Sao chép từ năm 2017: Đang dùng" in page.content.decode()
