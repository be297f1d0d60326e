"""Message pages with nested variants, as an editor writes them in the admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from campaigns.models import AgeBand, Format, MessagePage, MessageVariant, RiskGroup
from campaigns.selectors import variant_select
from tests import factories

SCRIPT_WORDS = 130 * 5  # exactly five minutes at 130 words a minute


def variant_form(**overrides):
    data = {
        "format": Format.SHORT_TEXT,
        "language": "vi",
        "translation_needed": False,
        "text": "Cảnh giác với lời mời đi làm việc nhẹ lương cao. Gọi 111.",
        "age_bands": [],
        "risk_groups": [],
        "target_regions": [],
    }
    data.update(overrides)
    return data


M2M_FIELDS = ("age_bands", "risk_groups", "target_regions")


def page_form(variants, **overrides):
    # nested_form_data numbers list items; many-to-many fields want a plain list.
    chosen = [{key: v.pop(key, []) for key in M2M_FIELDS} for v in variants]
    data = {
        "title": "Cảnh giác với lời mời việc làm nhẹ lương cao",
        "slug": "viec-lam-nhe-luong-cao",
        "summary": "Những lời mời đi làm ở nước ngoài lương cao thường là bẫy.",
        "body": rich_text("<p>Hãy kiểm tra kỹ công ty tuyển dụng.</p>"),
        "key_points": streamfield(
            [("point", "Không giao giấy tờ tùy thân cho người lạ")]
        ),
        "call_to_action": "Thấy dấu hiệu mua bán người, hãy gọi ngay",
        "tags": "việc làm, xuất khẩu lao động",
        "related_media": streamfield([]),
        "variants": inline_formset(variants),
    }
    data.update(overrides)
    flat = nested_form_data(data)
    for index, fields in enumerate(chosen):
        for key, values in fields.items():
            flat[f"variants-{index}-{key}"] = [str(value) for value in values]
    return flat


class MessagePageAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.province = factories.province()
        self.muong_lat = factories.RegionFactory(
            parent=self.province, code="384", name="Huyện Mường Lát", border=True
        )
        self.campaign = factories.CampaignPageFactory()

    def post_new(self, data):
        url = reverse(
            "wagtailadmin_pages:add",
            args=("campaigns", "messagepage", self.campaign.pk),
        )
        return self.client.post(url, data)

    def test_messages_live_under_a_campaign(self):
        self.assertAllowedParentPageTypes(MessagePage, {factories.CampaignPage})

    def test_an_editor_creates_a_message_with_two_variants(self):
        children = AgeBand.objects.get(code="children")
        women = RiskGroup.objects.get(code="women")
        self.assertCanCreate(
            self.campaign,
            MessagePage,
            page_form(
                [
                    variant_form(age_bands=[children.pk], risk_groups=[women.pk]),
                    variant_form(
                        format=Format.LOUDSPEAKER_SCRIPT,
                        language="blt",
                        text="Bà con chú ý. " * 20,
                        target_regions=[self.muong_lat.pk],
                    ),
                ]
            ),
            publish=False,
        )
        page = MessagePage.objects.get(slug="viec-lam-nhe-luong-cao")
        variants = list(page.variants.order_by("sort_order"))
        assert [v.format for v in variants] == ["short_text", "loudspeaker_script"]
        assert list(variants[0].age_bands.all()) == [children]
        assert list(variants[1].target_regions.all()) == [self.muong_lat]
        assert variants[1].language_id == "blt"
        assert set(page.tags.names()) == {"việc làm", "xuất khẩu lao động"}

    def assert_refused(self, variant, message):
        response = self.post_new(page_form([variant]))
        assert response.status_code == 200
        self.assertContains(response, message)
        assert not MessagePage.objects.exists()
        assert not MessageVariant.objects.exists()

    def test_a_short_text_over_160_characters_is_refused(self):
        self.assert_refused(
            variant_form(text="đ" * 161),
            "Tin nhắn ngắn tối đa 160 ký tự; tin này có 161",
        )

    def test_a_script_over_five_minutes_is_refused(self):
        self.assert_refused(
            variant_form(
                format=Format.LOUDSPEAKER_SCRIPT, text="người " * (SCRIPT_WORDS + 1)
            ),
            "Bài phát thanh trên loa đọc tối đa 5 phút",
        )

    def test_a_variant_without_text_is_refused(self):
        self.assert_refused(variant_form(text="   "), "Phiên bản cần có nội dung")

    def test_an_unknown_language_is_refused(self):
        self.assert_refused(variant_form(language="xx"), "Hãy chọn một lựa chọn hợp lệ")

    def test_a_region_outside_the_province_is_refused(self):
        elsewhere = factories.Region.add_root(
            code="40", name="Tỉnh Nghệ An", kind="province"
        )
        self.assert_refused(
            variant_form(target_regions=[elsewhere.pk]), "Tỉnh Nghệ An nằm ngoài tỉnh"
        )

    def test_each_variant_can_be_previewed_as_its_channel_shows_it(self):
        page = factories.MessagePageFactory(
            campaign=self.campaign,
            variants=[
                {"format": Format.SHORT_TEXT, "text": "Gọi 111 khi nghi ngờ."},
                {"format": Format.POSTER_CAPTION, "text": "Chung tay phòng, chống"},
            ],
        )
        url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
        response = self.client.post(url, {**page_form([]), "title": page.title})
        assert response.status_code == 200
        response = self.client.get(url, {"mode": "short_text"})
        self.assertContains(response, "Gọi 111 khi nghi ngờ.")
        self.assertContains(response, 'class="sms"')


def test_reading_time_and_visible_length():
    variant = MessageVariant(format=Format.LOUDSPEAKER_SCRIPT, text="người " * 130)
    assert variant.reading_seconds == 60
    # Decomposed and precomposed Vietnamese count the same for a reader.
    assert MessageVariant(text="ngu\u031bo\u031b\u0300i").visible_length == 5
    assert MessageVariant(text="người").visible_length == 5


@pytest.mark.django_db
def test_variant_select_explains_its_choice_in_vietnamese():
    province = factories.province()
    muong_lat = factories.RegionFactory(
        parent=province, code="384", name="Huyện Mường Lát"
    )
    tam_chung = factories.RegionFactory(
        parent=muong_lat, code="14950", name="Xã Tam Chung", kind="commune"
    )
    campaign = factories.CampaignPageFactory()
    page = factories.MessagePageFactory(
        campaign=campaign,
        variants=[
            {"format": Format.SHORT_TEXT, "text": "Cho cả tỉnh"},
            {
                "format": Format.SHORT_TEXT,
                "text": "Cho Mường Lát",
                "target_regions": [muong_lat],
            },
            {
                "format": Format.SHORT_TEXT,
                "text": "Bản tiếng H'Mông chờ dịch",
                "language_id": "hmn",
                "translation_needed": True,
            },
        ],
    )
    selection = variant_select(
        message=page, region=tam_chung, language="hmn", format=Format.SHORT_TEXT
    )
    assert selection.variant.text == "Cho Mường Lát"
    assert "Huyện Mường Lát" in selection.reason
    assert "tiếng Việt" in selection.reason
