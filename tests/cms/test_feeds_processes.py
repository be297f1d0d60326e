"""Caches follow the database in every process.

The embedded default keeps a cache per process: a consent withdrawn or a page
unpublished from another process (the shell here, as a second web worker or the
beat job's worker would) must show in this process's feeds, API and pages at the
very next request, not when its own cache happens to expire.
"""

import subprocess
import sys

import pytest

from media.models import Consent
from tests import factories
from tests.conftest import ROOT
from tests.integration.conftest import process_env

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FEEDS = ("rss", "atom", "json")
CREDIT = "Ảnh: Hội LHPN Mường Lát"


def in_another_process(code: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=process_env(),
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture
def published():
    campaign = factories.CampaignPageFactory()
    image = factories.CampaignImageFactory(title="Buổi nói chuyện ở bản", credit=CREDIT)
    message = factories.MessagePageFactory(
        campaign=campaign,
        title="Chung tay phòng, chống mua bán người",
        lead_image=image,
    )
    return message, image


def read_all(client, message) -> dict[str, str]:
    texts = {
        kind: client.get(f"/feeds/messages.{kind}").content.decode() for kind in FEEDS
    }
    texts["api"] = client.get(f"/api/v2/pages/{message.pk}/").content.decode()
    texts["page"] = client.get(message.url).content.decode()
    return texts


def test_consent_withdrawn_in_another_process_shows_at_the_next_request(
    client, published
):
    message, image = published
    before = read_all(client, message)  # now cached in this process
    assert all(CREDIT in before[kind] for kind in FEEDS)

    in_another_process(
        "from media.models import CampaignImage;"
        f"image = CampaignImage.objects.get(pk={image.pk});"
        f"image.consent = {Consent.WITHHELD.value!r}; image.save()"
    )

    after = read_all(client, message)
    for kind in FEEDS:
        assert CREDIT not in after[kind], kind
        assert "enclosure" not in after[kind] and '"image"' not in after[kind], kind
    assert CREDIT not in after["api"]
    assert image.file.name.rsplit("/", 1)[-1].split(".")[0] not in after["page"]


def test_unpublished_in_another_process_leaves_every_feed_at_the_next_request(
    client, published
):
    message, _image = published
    before = read_all(client, message)
    assert all(message.title in before[kind] for kind in FEEDS)

    in_another_process(
        "from wagtail.models import Page;"
        f"Page.objects.get(pk={message.pk}).specific.unpublish()"
    )

    after = read_all(client, message)
    for kind in FEEDS:
        assert message.title not in after[kind], kind
    assert client.get(f"/api/v2/pages/{message.pk}/").status_code == 404
    assert client.get(message.url).status_code == 404


def test_a_feed_read_reconnects_when_the_database_dropped_the_kept_connection(
    client, published
):
    """Production keeps connections and checks them before reuse; on the feeds'
    path the generation query is that check."""
    from django.db import connection

    from cms.feeds import cache as feed_cache
    from tests.conftest import require_service

    require_service("PostgreSQL", connection.vendor == "postgresql")
    message, _image = published
    before = feed_cache.generation()
    pid = connection.connection.info.backend_pid
    connection.health_check_enabled = True
    connection.health_check_done = False  # a new request on a kept connection
    in_another_process(
        "from django.db import connection;"
        f"connection.cursor().execute('SELECT pg_terminate_backend({pid})')"
    )
    assert feed_cache.generation() == before
    assert connection.connection.info.backend_pid != pid
    assert message.title in client.get("/feeds/messages.rss").content.decode()
