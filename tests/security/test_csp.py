"""A Content-Security-Policy on every response (issue 16): strict on the public
site, whose pages carry no inline script or style, and a looser one only where
Wagtail's admin needs it."""

import re

import pytest

pytestmark = pytest.mark.django_db

INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>"
    r"|<style\b|\sstyle=|\son[a-z]+=",
    re.IGNORECASE,
)


def policy(response):
    header = response.get("Content-Security-Policy")
    assert header, response
    return {part.split()[0]: part.split()[1:] for part in header.split("; ") if part}


def public_urls(messages):
    message = messages[0]
    campaign = message.get_parent()
    return [
        "/",
        campaign.url,
        message.url,
        "/search/?q=mua+ban",
        "/search/?q=%22",
        "/api/v2/pages/",
        "/sitemap.xml",
        "/healthz",
        "/no-such-page/",
        "/static/css/site.css",
    ]


def test_every_public_response_carries_the_strict_policy(client, messages):
    for url in public_urls(messages):
        response = client.get(url)
        directives = policy(response)
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"], url
        assert directives["frame-ancestors"] == ["'self'"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url


def test_public_pages_carry_no_inline_script_or_style(client, messages):
    for url in public_urls(messages):
        response = client.get(url)
        if response.get("Content-Type", "").startswith("text/html"):
            body = response.content.decode()
            assert not INLINE.search(body), (url, INLINE.search(body).group(0))


def test_the_admin_policy_allows_only_what_wagtail_needs(admin_client):
    response = admin_client.get("/admin/")
    directives = policy(response)
    # Wagtail 8 writes inline scripts for its widgets; nothing else is opened.
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["connect-src"] == ["'self'"]
    assert policy(admin_client.get("/django-admin/"))["object-src"] == ["'none'"]


def test_the_login_form_is_covered(client):
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert policy(response)["object-src"] == ["'none'"]
    assert policy(response)["form-action"] == ["'self'"]
