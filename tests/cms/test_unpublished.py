"""Nothing unpublished leaves the system: each kind, against every public surface.

Kinds: a draft, a page scheduled for later, an expired page (as the beat job leaves
it, and while the job has not run yet), a password-protected page, a campaign
restricted to a group, unpublished changes with a new variant, a variant waiting
for its translation, and an image whose consent was withdrawn after publication.
Surfaces: the three feeds, the API, the sitemap and search.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from campaigns.models import Format, MessagePage, MessageVariant
from campaigns.selectors import search_messages
from media.models import CampaignImage, Consent
from tests import factories

pytestmark = pytest.mark.django_db

# Every title carries "tuyệt mật", so one search would find them all.
VISIBLE = "Tuyệt mật: thông điệp công khai"
WITH_IMAGE = "Tuyệt mật: thông điệp có ảnh"
CHANGED = "Tuyệt mật: thông điệp đã xuất bản"


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    cache.clear()


def later(**delta):
    return timezone.now() + datetime.timedelta(**delta)


@pytest.fixture
def hidden():
    """Build one page of each kind; return what must never be seen, by kind."""
    campaign = factories.CampaignPageFactory()
    factories.MessagePageFactory(
        campaign=campaign,
        title=VISIBLE,
        variants=[
            {"format": Format.SHORT_TEXT, "text": "Gọi 111 khi thấy dấu hiệu."},
            {
                "format": Format.SHORT_TEXT,
                "language_id": "hmn",
                "translation_needed": True,
                "text": "Bản dịch tiếng H'Mông chưa kiểm tra.",
            },
        ],
    )
    never = {}

    draft = factories.MessagePageFactory(
        campaign=campaign, title="Tuyệt mật: bản nháp", live=False
    )
    never["draft"] = [draft.title, draft.slug]

    scheduled = factories.MessagePageFactory(
        campaign=campaign, title="Tuyệt mật: hẹn giờ", live=False
    )
    scheduled.go_live_at = later(days=1)
    factories.publish_checked(scheduled.save_revision())
    never["scheduled"] = [scheduled.title, scheduled.slug]

    expired = factories.MessagePageFactory(
        campaign=campaign, title="Tuyệt mật: đã hết hạn"
    )
    MessagePage.objects.filter(pk=expired.pk).update(expire_at=later(seconds=-1))
    call_command("publish_scheduled")  # what the beat job does
    never["expired"] = [expired.title, expired.slug]

    protected = factories.MessagePageFactory(
        campaign=campaign, title="Tuyệt mật: có mật khẩu"
    )
    PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="x1"
    )
    never["password"] = [protected.title, protected.slug]

    private_campaign = factories.CampaignPageFactory(year=2018)
    restriction = PageViewRestriction.objects.create(
        page=private_campaign, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Ban chỉ đạo 138")])
    in_private = factories.MessagePageFactory(
        campaign=private_campaign, title="Tuyệt mật: nội bộ"
    )
    never["group"] = [in_private.title, "/2018/", private_campaign.title]

    changed = factories.MessagePageFactory(campaign=campaign, title=CHANGED)
    draft_view = MessagePage.objects.get(pk=changed.pk)
    draft_view.title = "Tuyệt mật: bản sửa chưa duyệt"
    draft_view.variants.add(
        MessageVariant(format=Format.ARTICLE, text="Biến thể chưa được duyệt.")
    )
    draft_view.save_revision()
    never["unpublished changes"] = [draft_view.title, "Biến thể chưa được duyệt."]

    never["translation needed"] = ["Bản dịch tiếng H'Mông chưa kiểm tra."]

    photo = factories.CampaignImageFactory(
        title="Người dân ở bản", filename="nguoi-o-ban.jpg"
    )
    factories.MessagePageFactory(
        campaign=campaign,
        title=WITH_IMAGE,
        lead_image=photo,
        body=f'<p>Ảnh:</p><embed embedtype="image" id="{photo.pk}" format="left"/>',
    )
    CampaignImage.objects.filter(pk=photo.pk).update(consent=Consent.WITHHELD)
    never["image without consent"] = ["nguoi-o-ban", photo.credit]
    return never


def assert_nothing_hidden(text, hidden, surface):
    for kind, markers in hidden.items():
        for marker in markers:
            assert marker not in text, f"{kind} seen in {surface}: {marker!r}"


@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_feeds(client, hidden, kind):
    response = client.get(f"/feeds/messages.{kind}")
    text = response.content.decode()
    if kind == "json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    for title in (VISIBLE, WITH_IMAGE, CHANGED, "Gọi 111 khi thấy dấu hiệu."):
        assert title in text
    assert_nothing_hidden(text, hidden, kind)


def test_feeds_while_the_expiry_job_has_not_run_yet(client):
    campaign = factories.CampaignPageFactory()
    page = factories.MessagePageFactory(campaign=campaign, title="Tuyệt mật: quá hạn")
    MessagePage.objects.filter(pk=page.pk).update(expire_at=later(seconds=-1))
    assert MessagePage.objects.get(pk=page.pk).live
    for kind in ("rss", "atom", "json"):
        assert page.title not in client.get(f"/feeds/messages.{kind}").content.decode()
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_api(client, hidden):
    everything = client.get("/api/v2/pages/", {"limit": 20})
    messages = client.get(
        "/api/v2/pages/",
        {"limit": 20, "type": "campaigns.MessagePage", "fields": "*"},
    )
    for listing in (everything, messages):
        assert listing.status_code == 200, listing.content
        text = json.dumps(listing.json(), ensure_ascii=False)
        assert_nothing_hidden(text, hidden, "API")
    titles = {item["title"] for item in messages.json()["items"]}
    assert titles == {VISIBLE, WITH_IMAGE, CHANGED}
    hidden_pages = MessagePage.objects.exclude(title__in=titles)
    assert hidden_pages.count() == 5
    for page in hidden_pages:
        detail = client.get(f"/api/v2/pages/{page.pk}/")
        assert detail.status_code == 404, page.title
    for page in MessagePage.objects.filter(title__in=titles):
        detail = client.get(f"/api/v2/pages/{page.pk}/", {"fields": "*"})
        assert detail.status_code == 200
        assert_nothing_hidden(detail.content.decode(), hidden, "API detail")


def test_sitemap(client, hidden):
    text = client.get("/sitemap.xml").content.decode()
    assert MessagePage.objects.get(title=VISIBLE).url in text
    paths = {
        page.url
        for page in MessagePage.objects.exclude(
            title__in=[VISIBLE, WITH_IMAGE, CHANGED]
        )
    }
    for path in paths:
        assert path not in text
    assert_nothing_hidden(text, hidden, "sitemap")


def test_search(client, hidden):
    found = {page.title for page in search_messages("tuyet mat")}
    assert found == {VISIBLE, WITH_IMAGE, CHANGED}
    for query in ("tuyệt mật", "bản sửa chưa duyệt", "nội bộ", "hết hạn"):
        text = client.get("/search/", {"q": query}).content.decode()
        assert_nothing_hidden(text, hidden, f"search for {query!r}")
    assert VISIBLE in client.get("/search/", {"q": "tuyet mat"}).content.decode()
