"""Issue 13 in a real browser: a moderator who chooses "Xuất bản" from the editor's
action menu gets the victim-safety checklist, not a published page; ticking it
publishes. The same paths without a browser: tests/campaigns/test_safety_checklist.py.
"""

import pytest
from django.urls import reverse

from campaigns.models import Format, MessagePage
from campaigns.review import MODERATORS, review_setup
from tests import factories
from tests.e2e.conftest import login, screenshot
from tests.e2e.test_editors import PASSWORD, footer_action, member, wait_for_success

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Cảnh giác với lời mời việc làm nhẹ lương cao"


def test_the_moderators_direct_publish_shows_the_checklist(page, visitor, live_server):
    review_setup(site_root=factories.home_page())
    campaign = factories.CampaignPageFactory()
    moderator = member(MODERATORS, "kiemduyet")
    draft = factories.MessagePageFactory(
        campaign=campaign,
        title=TITLE,
        live=False,
        variants=[{"format": Format.SHORT_TEXT, "text": "Gọi 111 khi thấy dấu hiệu."}],
    )
    login(page, live_server, moderator.username, PASSWORD)
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[draft.pk]))

    footer_action(page, "button[name='action-publish']")

    checklist = reverse("campaigns_safety_checklist", args=[draft.pk])
    page.wait_for_url(live_server.url + checklist)
    boxes = page.locator("[data-safety-checklist] input[type=checkbox]")
    assert boxes.count() == 3
    assert "Danh mục kiểm tra an toàn cho nạn nhân" in page.content()
    screenshot(page, "safety-1-checklist-instead-of-publishing")
    assert not MessagePage.objects.get(pk=draft.pk).live
    public_url = live_server.url + "/2017/" + draft.slug + "/"
    assert visitor.goto(public_url).status == 404
    assert TITLE not in visitor.goto(live_server.url + "/feeds/messages.rss").text()

    for index in range(3):
        boxes.nth(index).check()
    page.click("[data-safety-checklist] button[type=submit]")
    wait_for_success(page)
    screenshot(page, "safety-2-published-after-the-checklist")

    assert MessagePage.objects.get(pk=draft.pk).live
    assert visitor.goto(public_url).status == 200
