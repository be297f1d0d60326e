"""The public API: campaigns, messages and slogans to read; nothing to write."""

import pytest
from django.core.cache import cache

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def isolated():
    cache.clear()


@pytest.fixture
def content():
    campaign = factories.CampaignPageFactory()
    live = factories.SloganFactory(
        campaign=campaign, text="Chung tay phòng, chống mua bán người"
    )
    draft = factories.SloganFactory(
        campaign=campaign, text="Khẩu hiệu còn nháp", sort_order=2, live=False
    )
    message = factories.MessagePageFactory(
        campaign=campaign, summary="Tóm tắt cho báo chí."
    )
    return {"campaign": campaign, "slogan": live, "draft": draft, "message": message}


def test_pages_are_the_published_campaigns_and_messages(client, content):
    data = client.get("/api/v2/pages/").json()
    assert {item["meta"]["type"] for item in data["items"]} == {
        "campaigns.CampaignPage",
        "campaigns.MessagePage",
    }
    message = client.get(
        "/api/v2/pages/",
        {"type": "campaigns.MessagePage", "fields": "summary,call_to_action"},
    ).json()["items"]
    assert [(item["title"], item["summary"]) for item in message] == [
        (content["message"].title, "Tóm tắt cho báo chí.")
    ]
    campaign = client.get(f"/api/v2/pages/{content['campaign'].pk}/").json()
    assert campaign["year"] == 2017
    assert campaign["anchor_date"] == "2017-07-30"


def test_the_home_page_is_not_an_api_page(client, content):
    home = factories.home_page()
    assert client.get(f"/api/v2/pages/{home.pk}/").status_code == 404


def test_slogans_are_the_published_ones_as_published(client, content):
    slogan = content["slogan"]
    slogan.text = "Bản sửa chưa xuất bản"
    slogan.save_revision()  # a draft change lives in the revision only
    data = client.get("/api/v2/slogans/").json()
    assert [(item["text"], item["campaign_id"]) for item in data["items"]] == [
        ("Chung tay phòng, chống mua bán người", content["campaign"].pk)
    ]
    assert client.get(f"/api/v2/slogans/{content['draft'].pk}/").status_code == 404


def test_slogans_of_an_unpublished_campaign_are_not_shown(client, content):
    content["campaign"].unpublish()
    assert client.get("/api/v2/slogans/").json()["items"] == []


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nothing_can_be_written(client, content, method):
    call = getattr(client, method)
    message = content["message"]
    for url in (
        "/api/v2/pages/",
        f"/api/v2/pages/{message.pk}/",
        "/api/v2/slogans/",
        f"/api/v2/slogans/{content['slogan'].pk}/",
    ):
        assert call(url, {}, content_type="application/json").status_code == 405, url
    assert client.get(f"/api/v2/pages/{message.pk}/").status_code == 200


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_images_and_documents_are_not_exposed(client, content, endpoint):
    assert client.get(f"/api/v2/{endpoint}/").status_code == 404


@pytest.mark.parametrize(
    "rich_text_format", ["db_html", "html", "db_markdown", "markdown"]
)
def test_an_image_whose_consent_is_withdrawn_leaves_the_api_in_every_format(
    client, rich_text_format, settings, tmp_path
):
    from media.models import Consent

    settings.MEDIA_ROOT = tmp_path
    campaign = factories.CampaignPageFactory()
    shown = factories.CampaignImageFactory(title="Hội nghị", filename="hoi-nghi.jpg")
    withdrawn = factories.CampaignImageFactory(
        title="Chị H. kể lại",
        filename="chan-dung.jpg",
        shows_identifiable_person=True,
        consent=Consent.OBTAINED,
    )
    message = factories.MessagePageFactory(
        campaign=campaign,
        body=(
            f'<p>Ảnh:</p><embed embedtype="image" id="{shown.pk}" format="left"'
            f' alt="Hội nghị"/><embed embedtype="image" id="{withdrawn.pk}"'
            ' format="left" alt="Chị H. kể lại"/>'
        ),
    )
    withdrawn.consent = Consent.WITHHELD
    withdrawn.save()

    body = client.get(
        f"/api/v2/pages/{message.pk}/", {"rich_text_format": rich_text_format}
    ).json()["body"]
    text = body if isinstance(body, str) else str(body)
    assert "Hội nghị" in text or "hoi-nghi" in text or f'id="{shown.pk}"' in text
    assert "Chị H." not in text
    assert "chan-dung" not in text
    assert f'id="{withdrawn.pk}"' not in text
