"""Every link a channel gets names the address the site is served at: SITE_URL, with
its port (`make run` on PORT=18100 serves, and links, http://127.0.0.1:18100)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.utils import timezone

from schedules.dispatch.claims import broadcasts_claim_due
from schedules.dispatch.delivery import broadcast_deliver
from tests.factories import BroadcastFactory, ChannelFactory
from tests.schedules.dispatch.receiver import Receiver

pytestmark = pytest.mark.django_db

SERVED_AT = "http://127.0.0.1:18100"
SECRET = "bí-mật-kênh"


@pytest.fixture(autouse=True)
def served_on_18100(settings):
    settings.SITE_URL = SERVED_AT


def sent(channel):
    broadcast = BroadcastFactory(
        approved=True,
        channel=channel,
        starts_at=timezone.now() + datetime.timedelta(minutes=30),
    )
    broadcasts_claim_due(now=timezone.now())
    broadcast.refresh_from_db()
    result = broadcast_deliver(broadcast_id=broadcast.pk, version=broadcast.version)
    assert result.outcome == "sent"
    return broadcast


def test_the_e_mailed_aired_link_names_the_port_served(settings):
    broadcast = sent(ChannelFactory(email=True, lead_minutes=60))

    (message,) = mail.outbox
    assert f"{SERVED_AT}/broadcasts/aired/" in message.body
    assert "testserver" not in message.body
    assert ":8000" not in message.body
    assert broadcast.channel.contact_email in message.to


def test_the_webhook_s_links_and_api_callback_name_the_port_served():
    with Receiver(secret=SECRET) as receiver:
        broadcast = sent(
            ChannelFactory(
                webhook=True,
                webhook_url=receiver.url,
                webhook_secret=SECRET,
                lead_minutes=60,
            )
        )
    body = receiver.calls[0]["body"]
    assert body["aired_url"].startswith(f"{SERVED_AT}/broadcasts/aired/")
    assert body["aired_callback"] == f"{SERVED_AT}/api/broadcasts/{broadcast.pk}/aired"


def test_the_pull_feed_s_links_name_the_port_served(client):
    channel = ChannelFactory(pull_feed=True, lead_minutes=60)
    broadcast = sent(channel)

    response = client.get(f"/feeds/channels/{channel.feed_token}.rss")

    root = ET.fromstring(response.content)
    feed = f"{SERVED_AT}/feeds/channels/{channel.feed_token}.rss"
    assert root.findtext("./channel/link") == feed
    self_link = root.find("./channel/{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == feed
    (item,) = root.findall("./channel/item")
    assert item.findtext("link").startswith(f"{SERVED_AT}/broadcasts/aired/")
    assert broadcast.text in item.findtext("description")
    assert "testserver" not in response.content.decode()
