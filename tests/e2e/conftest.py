"""A real Chromium driven by Playwright against pytest-django's live server.

Debian's /usr/bin/chromium is used as it is: Playwright never downloads a browser here.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_service

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    # No calls home: the machines reach no network but the package registries.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "var" / "screenshots"
# Most waits are for a page of our own server; a slow CI machine gets some slack.
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """One Chromium for a test module, stopped at the module's end.

    Not one per session: Playwright's sync API keeps an asyncio loop running in the
    main thread until it stops, and neither the tests after these (pytest-django runs
    non-database tests last) nor a module that starts Playwright itself may find one.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require_service(
        "Playwright and Chromium", sync_playwright is not None and CHROMIUM.exists()
    )
    # While Playwright's loop runs, Django takes this thread for an async context and
    # refuses sync ORM calls (SynchronousOnlyOperation), even though the tests, the
    # live server and the database flush between tests are plain sync code. Allowed
    # only while the browser runs, so the check stays on for every other test.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    serialized = _serialized_contents()
    playwright = sync_playwright().start()
    try:
        _serialized_contents(serialized)
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        # ORM calls made while Playwright's loop ran got connections of their own
        # context; close them, or the test database cannot be dropped.
        from django.db import connections

        connections.close_all()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _serialized_contents(restore=None):
    """Read, or hand over, the test database's initial rows that serialized_rollback
    reloads after each flush (the home page, site, languages from migrations).

    Django keeps connections per thread, and per context while an event loop runs:
    once Playwright's loop runs, this thread gets fresh connection objects that lack
    the copy made when the test database was created, so it is handed over.
    """
    from django.db import connections

    if restore is None:
        return {
            alias: connections[alias]._test_serialized_contents
            for alias in connections
            if hasattr(connections[alias], "_test_serialized_contents")
        }
    for alias, contents in restore.items():
        connections[alias]._test_serialized_contents = contents
    return restore


# A common phone screen, in CSS pixels: what a commune officer holds.
PHONE = {"width": 390, "height": 844}


def new_page(browser, *, phone=False):
    """A tab in a new browser context (its own cookies), as a Vietnamese visitor;
    on a touch screen of a phone's size when ``phone``."""
    context = browser.new_context(
        viewport=PHONE if phone else {"width": 1280, "height": 900},
        is_mobile=phone,
        has_touch=phone,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.fixture
def page(browser):
    """A fresh browser context per test: no cookies or storage carried over."""
    tab = new_page(browser)
    yield tab
    tab.context.close()


@pytest.fixture
def phone(browser):
    """A fresh tab on a phone-sized touch screen (390 × 844)."""
    tab = new_page(browser, phone=True)
    yield tab
    tab.context.close()


def page_overflow(page) -> int:
    """How many CSS pixels the page is wider than the screen (0: no sideways scroll)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )


@pytest.fixture
def visitor(browser):
    """A second tab with its own cookies: someone who never signed in."""
    tab = new_page(browser)
    yield tab
    tab.context.close()


def screenshot(page, name: str) -> Path:
    """Save the whole page as var/screenshots/<name>.png, for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # Finished animations: Wagtail's messages slide in and would be caught halfway.
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    return path


def login(page, live_server, username: str, password: str):
    """Sign in through Wagtail's own admin login form and land on the dashboard."""
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
