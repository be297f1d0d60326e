"""Every role walks every admin menu page it is shown, submenus included, in a real
browser: no page fails, none speaks English or prints a raw value ("True",
"['mua bán người']", "draft → approved").

Data: a compact campaign built with the factories, with a value of each kind the
lists show (booleans, lists of terms, a broadcast's history, a region's flags).
"""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from campaigns.models import Role
from campaigns.review import EDITORS, MODERATORS, review_setup
from schedules.dispatch.events import broadcast_event_log
from schedules.models import BroadcastStatus
from tests import factories
from tests.e2e.conftest import login, new_page

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "pw-for-tests-2017"
# English a page may not show: Wagtail's and Django's words, relative times, raw
# booleans. Whole words, case-sensitive, so Vietnamese data never matches.
ENGLISH = [
    "True",
    "False",
    "None",
    "Active",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "year",
    "years",
    "ago",
    "Collapse all",
    "Expand all",
    "Insert a block",
    "Home",
    "Root",
    "Add",
    "Edit",
    "Delete",
    "Search",
    "Dashboard",
    "Settings",
    "Reports",
    "Pages",
    "Images",
    "Documents",
    "Snippets",
    "Username",
    "Port",
    "Site name",
    "Root page",
    "new items in this menu",
    "Unknown",
]
# A broadcast's status as stored, not as labelled.
RAW_STATUSES = [status.value for status in BroadcastStatus]
_WORDS = "|".join(map(re.escape, ENGLISH + RAW_STATUSES))
_ENGLISH = re.compile(rf"(?<![\w/.-])({_WORDS})(?![\w/.-])")
_NO_WORDS = re.compile(r"\.(woff2?|ttf|png|jpe?g|gif|webp|ico|svg)(\?.*)?$")
_PYTHON_LIST = re.compile(r"\['[^']*'")


def _menu_urls(page) -> list[str]:
    """Every admin link of the sidebar, submenus included, read from the sidebar's
    own data rather than by clicking each submenu open."""
    props = json.loads(page.locator("#wagtail-sidebar-props").text_content())
    found = []

    def walk(value):
        if isinstance(value, dict):
            url = value.get("url")
            if isinstance(url, str) and url.startswith("/admin/"):
                found.append(url)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(props)
    return list(dict.fromkeys(["/admin/", *found]))


def _problems(text: str) -> list[str]:
    found = sorted({match.group(1) for match in _ENGLISH.finditer(text)})
    found += _PYTHON_LIST.findall(text)
    return found


@pytest.fixture
def campaign_data():
    """A little of everything the admin lists show, and a user per role."""
    review_setup(site_root=factories.home_page())
    campaign = factories.CampaignPageFactory(year=2017)
    factories.SloganFactory(campaign=campaign)
    message = factories.MessagePageFactory(campaign=campaign, loudspeaker_script=True)
    border = factories.border_district()
    channel = factories.ChannelFactory(regions=[border])
    plan = factories.BroadcastPlanFactory(campaign=campaign)
    broadcast = factories.BroadcastFactory(
        plan=plan, channel=channel, message=message, region=border
    )
    broadcast_event_log(
        broadcast=broadcast,
        to_status=BroadcastStatus.APPROVED,
        from_status=BroadcastStatus.DRAFT,
        actor="kế hoạch",
    )
    outlet = factories.PressOutletFactory()
    factories.CoverageFactory(
        outlet=outlet, campaign=campaign, matched_terms=["mua bán người", "lừa đảo"]
    )
    factories.SessionFactory(campaign=campaign, region=border)

    users = {"admin": factories.UserFactory(username="quantri", is_superuser=True)}
    for username, group in (("bientap", EDITORS), ("kiemduyet", MODERATORS)):
        users[username] = factories.UserFactory(username=username)
        users[username].groups.add(Group.objects.get(name=group))
    # Planners, operators, the committee and reporters reach the admin through a
    # group the administrator gives them; their screens ask their role.
    staff = Group.objects.create(name="Cán bộ")
    staff.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    for role in (Role.PLANNER, Role.OPERATOR, Role.COMMITTEE, Role.REPORTER):
        users[role] = factories.UserFactory(username=f"vai-{role}", role=role)
        users[role].groups.add(staff)
    users[Role.ORGANISER] = factories.UserFactory(
        username="tochuc", organiser=True, area=border
    )
    return users


ROLES = [
    "admin",
    "bientap",
    "kiemduyet",
    Role.PLANNER,
    Role.OPERATOR,
    Role.COMMITTEE,
    Role.REPORTER,
    Role.ORGANISER,
]


# Pages already read in full by an earlier role of this module (the administrator
# comes first and sees them all) are only fetched again for their status: the text
# of a template does not change with the role, and the walk stays short.
_READ = set()


@pytest.mark.parametrize("role", ROLES)
def test_every_menu_page_of_a_role_speaks_vietnamese(
    role, campaign_data, browser, live_server
):
    user = campaign_data[role]
    page = new_page(browser)
    # Fonts and pictures carry no words: not fetched, so the walk stays short.
    page.route(_NO_WORDS, lambda route: route.abort())
    try:
        login(page, live_server, user.username, PASSWORD)
        urls = _menu_urls(page)
        assert len(urls) > 1, "the menu shows nothing"
        failures = {}
        for url in urls:
            problems = []
            if url in _READ and url != "/admin/":
                status = page.request.get(live_server.url + url).status
            else:
                status = page.goto(live_server.url + url).status
                # Wagtail's scripts write some strings (the sidebar, the editor).
                page.wait_for_load_state("load")
                problems += _problems(page.locator("body").inner_text())
                problems += _problems(page.title())
                _READ.add(url)
            if status >= 500:
                problems.append(f"HTTP {status}")
            if problems:
                failures[url] = problems
        assert not failures, f"{user.username}: {failures}"
    finally:
        page.context.close()


def test_the_pages_behind_the_lists_speak_vietnamese(
    campaign_data, browser, live_server
):
    """What a list leads to: a message in the editor (StreamField, tabs), a
    broadcast with its history, an article with its matched terms."""
    from campaigns.models import MessagePage
    from schedules.models import Broadcast, Coverage

    message = MessagePage.objects.get()
    urls = [
        reverse("wagtailadmin_pages:edit", args=(message.pk,)),
        reverse("wagtailadmin_pages:history", args=(message.pk,)),
        reverse("dispatch_admin:broadcast", args=(Broadcast.objects.get().pk,)),
        reverse("press_coverage:edit", args=(Coverage.objects.get().pk,)),
    ]
    page = new_page(browser)
    try:
        login(page, live_server, "quantri", PASSWORD)
        failures = {}
        for url in urls:
            response = page.goto(live_server.url + url)
            page.wait_for_load_state("load")
            text = page.locator("body").inner_text()
            problems = _problems(text) + _problems(page.title())
            if response.status >= 400:
                problems.append(f"HTTP {response.status}")
            if problems:
                failures[url] = problems
        assert not failures, failures
        # The history reads as labels, the terms as a list of words.
        page.goto(live_server.url + urls[2])
        with translation.override("vi"):
            change = f"{BroadcastStatus.DRAFT.label} → {BroadcastStatus.APPROVED.label}"
        assert change in page.locator("body").inner_text()
        page.goto(live_server.url + urls[3])
        assert "mua bán người, lừa đảo" in page.locator("body").inner_text()
    finally:
        page.context.close()


def test_a_new_message_gets_an_ascii_slug_as_its_title_is_typed(
    campaign_data, browser, live_server
):
    from campaigns.models import CampaignPage

    campaign = CampaignPage.objects.get()
    page = new_page(browser)
    try:
        login(page, live_server, "quantri", PASSWORD)
        page.goto(
            live_server.url
            + reverse(
                "wagtailadmin_pages:add",
                args=("campaigns", "messagepage", campaign.pk),
            )
        )
        page.fill("#id_title", "Thử nghiệm đường dây nóng")
        page.locator("#id_title").blur()
        expect(page.locator("#id_slug")).to_have_value("thu-nghiem-duong-day-nong")
        # A slug typed by hand is folded too, not cut to "th-nghim".
        page.get_by_role("tab", name="Quảng bá").click()
        page.locator("#id_slug").fill("Thử nghiệm")
        page.locator("#id_slug").blur()
        expect(page.locator("#id_slug")).to_have_value("thu-nghiem")
    finally:
        page.context.close()
