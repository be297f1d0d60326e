"""Password guessing is slowed and stopped on every password form (issue 16)."""

import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "Mật-khẩu-đúng-2017"
LIMIT = settings.AXES_FAILURE_LIMIT
FORMS = ["/admin/login/", "/django-admin/login/"]


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser(
        "admin", "admin@example.vn", PASSWORD
    )


def log_in(client, url, username, password, ip="203.113.1.1"):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", FORMS)
def test_the_right_password_is_refused_once_the_account_is_locked(
    client, admin, url, caplog
):
    for _ in range(LIMIT):
        log_in(client, url, "admin", "sai")
    assert not logged_in(client)
    with caplog.at_level(logging.WARNING, logger="cms.security"):
        response = log_in(client, url, "admin", PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    assert "quá nhiều lần" in response.content.decode()
    # From another address too: the account itself is locked.
    assert log_in(client, url, "admin", PASSWORD, ip="198.51.100.7").status_code == 429
    assert not logged_in(client)


def test_every_lockout_is_logged(client, admin, caplog):
    with caplog.at_level(logging.WARNING, logger="cms.security"):
        for _ in range(LIMIT):
            log_in(client, "/admin/login/", "admin", "sai")
    locked = [r for r in caplog.records if r.name == "cms.security"]
    assert locked and "'admin'" in locked[0].getMessage()
    assert "203.113.1.1" in locked[0].getMessage()


def test_an_address_guessing_many_accounts_is_locked(client, admin):
    for number in range(LIMIT):
        log_in(client, "/admin/login/", f"nguoi{number}", "sai")
    response = log_in(client, "/admin/login/", "admin", PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)


def test_a_few_mistakes_do_not_lock_and_success_resets(client, admin):
    for _ in range(LIMIT - 1):
        log_in(client, "/admin/login/", "admin", "sai")
    assert log_in(client, "/admin/login/", "admin", PASSWORD).status_code == 302
    assert logged_in(client)
    assert not AccessAttempt.objects.filter(username="admin").exists()


def test_an_administrator_unlocks_from_the_admin(client, admin, django_user_model):
    for _ in range(LIMIT):
        log_in(client, "/admin/login/", "admin", "sai", ip="198.51.100.9")
    other = django_user_model.objects.create_superuser("lan", "lan@example.vn", "x")
    client.force_login(other)
    menu = client.get("/admin/").content.decode()
    assert "/django-admin/axes/accessattempt/" in menu
    listing = client.get("/django-admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "198.51.100.9" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="admin")
    client.post(
        f"/django-admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}
    )
    client.logout()
    response = log_in(client, "/admin/login/", "admin", PASSWORD, ip="198.51.100.9")
    assert response.status_code == 302
    assert logged_in(client)


@pytest.fixture
def private_page():
    campaign = factories.CampaignPageFactory()
    page = factories.MessagePageFactory(campaign=campaign, title="Hồ sơ nội bộ")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, restriction


def try_page_password(client, page, restriction, password, ip="203.113.1.1"):
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    return client.post(
        url, {"password": password, "return_url": page.url}, REMOTE_ADDR=ip
    )


def test_a_page_password_is_not_guessed(client, private_page):
    page, restriction = private_page
    for _ in range(LIMIT):
        response = try_page_password(client, page, restriction, "sai")
    response = try_page_password(client, page, restriction, PASSWORD)
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert page.title not in client.get(page.url).content.decode()
    # Nor from many addresses: the restriction is counted as one account.
    response = try_page_password(client, page, restriction, PASSWORD, ip="192.0.2.1")
    assert response.status_code == 429


def test_the_right_page_password_still_opens_the_page(client, private_page):
    page, restriction = private_page
    try_page_password(client, page, restriction, "sai")
    response = try_page_password(client, page, restriction, PASSWORD)
    assert response.status_code == 302
    assert page.title in client.get(page.url).content.decode()


def test_password_reset_requests_are_limited(client, admin):
    for _ in range(5):
        response = client.post("/admin/password_reset/", {"email": "admin@example.vn"})
        assert response.status_code == 302
    response = client.post("/admin/password_reset/", {"email": "admin@example.vn"})
    assert response.status_code == 429
    assert "yêu cầu đặt lại mật khẩu" in response.content.decode()
    assert len(mail.outbox) == 5
