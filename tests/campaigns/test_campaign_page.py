"""The yearly campaign page: where it can live, its dates, its slogans on the site."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from campaigns.models import CampaignPage
from cms.models import HomePage
from tests import factories


class CampaignPageTests(WagtailPageTestCase):
    def setUp(self):
        self.home = factories.home_page()
        self.login()

    def test_campaigns_live_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, CampaignPage)
        self.assertAllowedParentPageTypes(CampaignPage, {HomePage})

    def test_an_editor_creates_a_campaign_with_default_dates(self):
        self.assertCanCreate(
            self.home,
            CampaignPage,
            nested_form_data(
                {
                    "title": "Ngày toàn dân phòng, chống mua bán người 2018",
                    "slug": "2018",
                    "year": 2018,
                    "anchor_date": "",
                    "period_start": "",
                    "period_end": "",
                    "plan_number": "88/KH-BCĐ",
                    "intensity_base": "0.25",
                    "ramp_days": 21,
                    "taper_days": 28,
                    "objectives": rich_text("<p>Tuyên truyền sâu rộng.</p>"),
                    "references": inline_formset(
                        [{"number": "135/KH-BCĐ", "issuer": "BCĐ 138/CP"}]
                    ),
                }
            ),
        )
        page = CampaignPage.objects.get(year=2018)
        assert page.anchor_date == datetime.date(2018, 7, 30)
        assert (page.period_start, page.period_end) == (
            datetime.date(2018, 7, 1),
            datetime.date(2018, 9, 30),
        )
        assert page.references.get().number == "135/KH-BCĐ"

    def test_the_campaign_page_is_routable_and_shows_its_slogans(self):
        page = factories.CampaignPageFactory()
        factories.SloganFactory(
            campaign=page, text="Chung tay phòng, chống mua bán người"
        )
        factories.SloganFactory(
            campaign=page, text="Khẩu hiệu nháp", sort_order=2, live=False
        )
        self.assertPageIsRoutable(page)
        response = self.client.get(page.url)
        self.assertContains(response, "Chung tay phòng, chống mua bán người")
        self.assertNotContains(response, "Khẩu hiệu nháp")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"anchor_date": datetime.date(2017, 10, 1)}, "anchor_date"),
        ({"anchor_date": datetime.date(2017, 6, 30)}, "anchor_date"),
        ({"period_end": datetime.date(2017, 6, 1)}, "period_end"),
        (
            {
                "period_start": datetime.date(2017, 7, 1),
                "period_end": datetime.date(2017, 7, 1),
            },
            "period_end",
        ),
    ],
)
def test_dates_are_validated(dates, field):
    page = CampaignPage(title="2017", slug="2017", year=2017, **dates)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_the_database_refuses_an_anchor_outside_the_period():
    from django.db import IntegrityError, transaction

    page = factories.CampaignPageFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignPage.objects.filter(pk=page.pk).update(
            anchor_date=datetime.date(2017, 12, 1)
        )


@pytest.mark.django_db
def test_home_page_shows_the_current_campaign_and_its_live_slogans(client):
    older = factories.CampaignPageFactory(year=2016)
    factories.SloganFactory(campaign=older, text="Khẩu hiệu năm 2016")
    current = factories.CampaignPageFactory(year=2017)
    factories.SloganFactory(
        campaign=current,
        text="Tích cực hưởng ứng ngày toàn dân phòng, chống mua bán người",
    )
    factories.SloganFactory(
        campaign=current, text="Chưa duyệt", sort_order=2, live=False
    )
    factories.CampaignPageFactory(year=2018, live=False)

    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "năm 2017" in body
    assert "Tích cực hưởng ứng ngày toàn dân phòng, chống mua bán người" in body
    assert "Chưa duyệt" not in body
    assert "Khẩu hiệu năm 2016" not in body
    assert "năm 2018" not in body
