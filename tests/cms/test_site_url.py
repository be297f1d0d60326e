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


def test_links_made_in_a_process_on_port_18100_name_that_port():
    """`PORT=18100 make run`: the settings, the links the workers write and the
    port run_all serves all say 18100, with no SITE_URL set."""
    from tests.cms.test_settings import run

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from schedules.dispatch.signing import absolute_url; "
        "from cms.management.commands.run_all import Command; "
        "parser = Command().create_parser('manage.py', 'run_all'); "
        "print(s.SITE_URL, absolute_url('/broadcasts/aired/x'), "
        "parser.parse_args([]).port)"
    )
    result = run(code, PORT="18100")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "http://127.0.0.1:18100",
        "http://127.0.0.1:18100/broadcasts/aired/x",
        "18100",
    ]


def test_a_port_that_is_no_number_is_refused_by_name():
    from tests.cms.test_settings import run

    result = run(["manage.py", "run_all", "--help"], PORT="18100")
    assert result.returncode == 0, result.stderr
    result = run(["manage.py", "run_all", "--port", "tám nghìn"], PORT="18100")
    assert result.returncode != 0
    assert "invalid int value" in result.stderr
