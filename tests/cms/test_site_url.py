"""Links point where the site is served: the Wagtail site follows SITE_URL."""

import pytest
from django.core.management import call_command
from wagtail.models import Site

from tests import factories

pytestmark = pytest.mark.django_db

SERVED_AT = "https://phongchongmuabannguoi.thanhhoa.gov.vn"


def test_migrate_points_the_site_at_site_url(client, settings):
    campaign = factories.CampaignPageFactory()
    settings.SITE_URL = SERVED_AT
    call_command("migrate", verbosity=0)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "phongchongmuabannguoi.thanhhoa.gov.vn",
        443,
        SERVED_AT,
    )
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{SERVED_AT}/</loc>" in sitemap
    assert "localhost" not in sitemap
    body = client.get(f"/api/v2/pages/{campaign.pk}/").json()
    assert body["meta"]["html_url"].startswith(f"{SERVED_AT}/")


def test_a_port_of_its_own_is_kept(settings):
    settings.SITE_URL = "http://127.0.0.1:18100"
    call_command("migrate", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:18100"
