"""Issue 3 in a real browser: an editor writes a message with two variants and submits
it; a moderator approves and ticks the victim-safety checklist; the public sees it.

The same flow without a browser is tests/campaigns/test_review.py.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState

from campaigns.models import Format, MessagePage
from campaigns.review import (
    APPROVAL_TASK,
    EDITORS,
    MODERATORS,
    SAFETY_TASK,
    review_setup,
)
from tests import factories
from tests.e2e.conftest import login, screenshot

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "pw-for-tests-2017"
TITLE = "Cảnh giác với lời mời việc làm nhẹ lương cao"
SUMMARY = "Những lời mời đi làm ở nước ngoài lương cao thường là bẫy."
BODY = "Hãy kiểm tra kỹ công ty tuyển dụng trước khi đi."
SHORT_TEXT = "Cảnh giác với lời mời đi làm việc nhẹ lương cao. Gọi 111."
SCRIPT = (
    "Kính thưa bà con. Kẻ xấu thường hứa việc nhẹ lương cao để lừa bán người. "
    "Thấy dấu hiệu mua bán người, hãy báo ngay cho công an xã hoặc gọi 111."
)


def member(group_name, username):
    user = factories.UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def footer_action(page, selector):
    """Open the editor footer's "more actions" menu and click one of its buttons."""
    page.click("footer .w-dropdown__toggle")
    page.locator(f"footer {selector}").click()


def write_message(page, live_server, campaign):
    page.goto(
        live_server.url
        + reverse(
            "wagtailadmin_pages:add", args=("campaigns", "messagepage", campaign.pk)
        )
    )
    # The admin speaks the site's language: Vietnamese.
    assert page.locator("html").get_attribute("lang") == "vi"
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", SUMMARY)
    # Draftail is a contenteditable, not a field: click into it and type.
    page.click("[data-contentpath='body'] .public-DraftEditor-content")
    page.keyboard.type(BODY)

    variants = [(Format.SHORT_TEXT, SHORT_TEXT), (Format.LOUDSPEAKER_SCRIPT, SCRIPT)]
    for index, (format_, text) in enumerate(variants):
        page.click("#id_variants-ADD")
        page.select_option(f"#id_variants-{index}-format", format_.value)
        page.fill(f"#id_variants-{index}-text", text)
    # The loudspeaker script is for one border commune: found by typing its
    # district without accents in the region tree, not by scrolling 600 names.
    tree = page.locator("#inline_child_variants-1 [data-region-tree]")
    tree.locator(".region-tree__filter").fill("muong lat")
    commune = tree.get_by_label("Xã Tam Chung")
    commune.check()
    assert tree.get_by_label("Huyện Quan Hóa").is_hidden()
    assert tree.locator(".region-tree__count").inner_text().startswith("1 ")
    screenshot(page, "editor-1-region-tree")
    tree.locator(".region-tree__filter").fill("")
    assert tree.get_by_label("Huyện Quan Hóa").is_visible()
    for index in (0, 1):
        # Each variant's heading at the top of the screen, its fields below.
        page.locator(f"#inline_child_variants-{index}").evaluate(
            "e => e.scrollIntoView({block: 'start'})"
        )
        screenshot(page, f"editor-1-variant-{index + 1}")


def wait_for_success(page):
    """Wagtail confirms each step with a success message after the redirect."""
    page.locator(".messages .success").first.wait_for()


def test_an_editor_submits_a_moderator_approves_and_the_public_sees_it(
    page, visitor, live_server
):
    review_setup(site_root=factories.home_page())
    province = factories.province()
    muong_lat = factories.RegionFactory(
        parent=province, code="384", name="Huyện Mường Lát", border=True
    )
    factories.RegionFactory(
        parent=muong_lat, code="14846", name="Xã Tam Chung", kind="commune"
    )
    factories.RegionFactory(parent=province, code="385", name="Huyện Quan Hóa")
    # Created after review_setup: the workflow on the home page covers it.
    campaign = factories.CampaignPageFactory()
    member(EDITORS, "bientap")
    member(MODERATORS, "kiemduyet")

    login(page, live_server, "bientap", PASSWORD)
    write_message(page, live_server, campaign)
    # Editors never publish: the footer offers submitting to the workflow instead
    # (a button named after the workflow, "Submit to …" in English).
    assert page.locator("footer [name='action-publish']").count() == 0
    footer_action(page, "button[name='action-submit']")
    wait_for_success(page)
    screenshot(page, "editor-2-submitted")

    message = MessagePage.objects.get(title=TITLE)
    assert not message.live
    draft = message.get_latest_revision_as_object()
    assert (draft.summary, BODY in draft.body) == (SUMMARY, True)
    assert [(v.format, v.text) for v in draft.variants.all()] == [
        (Format.SHORT_TEXT, SHORT_TEXT),
        (Format.LOUDSPEAKER_SCRIPT, SCRIPT),
    ]
    assert [[r.name for r in v.target_regions.all()] for v in draft.variants.all()] == [
        [],
        ["Xã Tam Chung"],
    ]
    state = WorkflowState.objects.get(object_id=str(message.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == APPROVAL_TASK

    # Nothing unpublished leaves the system.
    public_url = live_server.url + message.url
    assert visitor.goto(public_url).status == 404

    page.context.clear_cookies()
    login(page, live_server, "kiemduyet", PASSWORD)
    # The dashboard lists what awaits this moderator's review.
    page.get_by_text(TITLE).first.wait_for()
    screenshot(page, "moderator-1-dashboard")
    edit_url = live_server.url + reverse("wagtailadmin_pages:edit", args=(message.pk,))

    # First task: a plain approval (the approve button without a comment modal).
    page.goto(edit_url)
    footer_action(
        page,
        "button[data-workflow-action-name='approve']"
        ":not([data-workflow-action-modal-url])",
    )
    wait_for_success(page)
    state.refresh_from_db()
    assert state.current_task_state.task.name == SAFETY_TASK
    assert visitor.goto(public_url).status == 404

    # Second task: the victim-safety checklist, three required ticks and a comment.
    page.goto(edit_url)
    footer_action(page, "button[data-workflow-action-name='approve']")
    modal = page.locator(".modal-dialog form")
    # Two ticks out of three: the modal stays, with an error on the missing one.
    modal.locator("input[name='no_identifying_details']").check()
    modal.locator("input[name='consent_checked']").check()
    modal.locator("button[type='submit']").click()
    page.locator(".modal-dialog .error-message").first.wait_for()
    screenshot(page, "moderator-2-safety-checklist-incomplete")
    state.refresh_from_db()
    assert state.current_task_state.task.name == SAFETY_TASK

    for name in ("no_identifying_details", "consent_checked", "non_stigmatising"):
        modal.locator(f"input[name='{name}']").check()
    modal.locator("textarea[name='comment']").fill("Đã rà soát, không lộ danh tính.")
    screenshot(page, "moderator-3-safety-checklist")
    modal.locator("button[type='submit']").click()
    wait_for_success(page)
    screenshot(page, "moderator-4-approved")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    safety = state.task_states.get(task__name=SAFETY_TASK)
    assert "Đã rà soát" in safety.comment and "✔" in safety.comment
    message.refresh_from_db()
    assert message.live

    response = visitor.goto(public_url)
    assert response.status == 200
    assert visitor.locator("h1").inner_text() == TITLE
    assert visitor.locator(".summary").inner_text() == SUMMARY
    screenshot(visitor, "public-1-message")
