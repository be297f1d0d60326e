"""The admin, the committee's dashboard and the public site work under their
Content-Security-Policy, with no violation reported by the browser (issue 16)."""

import pytest

from tests import factories as f
from tests.e2e.conftest import login
from tests.e2e.test_dashboard import PASSWORD, province_reach  # noqa: F401

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Every violation the page sees, whether or not the console reports it.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`);
});
"""


def watched(page):
    errors = []
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    page.add_init_script(WATCH)
    return errors


def violations(page, errors):
    return errors + page.evaluate("window.__csp || []")


def test_the_admin_works_under_its_policy(page, live_server, django_user_model):
    errors = watched(page)
    django_user_model.objects.create_superuser("quantri", "qt@example.vn", PASSWORD)
    campaign = f.CampaignPageFactory()
    message = f.MessagePageFactory(campaign=campaign, title="Cảnh giác khi đi làm xa")
    login(page, live_server, "quantri", PASSWORD)
    assert violations(page, errors) == []

    for path in (
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{campaign.pk}/",
        "/admin/images/",
        "/admin/sessions/",
        "/admin/reports/",
        "/django-admin/axes/accessattempt/",
    ):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert violations(page, errors) == [], path

    # The page editor's scripts run: the rich text editor and its toolbar appear.
    page.goto(f"{live_server.url}/admin/pages/{message.pk}/edit/")
    page.wait_for_selector(".Draftail-Editor", state="attached")
    page.fill("#id_title", "Cảnh giác khi đi làm ăn xa")
    page.wait_for_load_state("networkidle")
    assert violations(page, errors) == []


def test_the_dashboard_draws_its_charts_under_the_policy(
    page,
    live_server,
    province_reach,  # noqa: F811
):
    errors = watched(page)
    login(page, live_server, province_reach.username, PASSWORD)
    page.goto(f"{live_server.url}/admin/reports/")
    page.wait_for_selector("#chart-map svg circle")
    assert page.locator("#chart-timeline svg rect").count() > 92
    page.goto(f"{live_server.url}/admin/reports/print/")
    page.wait_for_selector("figure[data-chart=map] svg circle.bubble")
    assert violations(page, errors) == []


def test_the_public_site_runs_no_inline_code(page, live_server):
    errors = watched(page)
    campaign = f.CampaignPageFactory()
    message = f.MessagePageFactory(campaign=campaign, title="Cảnh giác khi đi làm xa")
    for path in ("/", campaign.url, message.url, "/search/?q=%22mua+ban"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert violations(page, errors) == [], path
