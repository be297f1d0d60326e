"""Webhooks pass the same outbound guard as press feeds (issue 16): a channel's URL
cannot reach our own machines unless its network is allow-listed."""

import pytest

from tests.factories import ChannelFactory
from tests.schedules.dispatch.receiver import Receiver
from tests.schedules.dispatch.test_delivery import SECRET, claimed, deliver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nothing_allowed(settings):
    settings.OUTBOUND_ALLOWED_NETWORKS = []


def test_a_webhook_to_our_own_machine_is_refused_and_never_sent():
    with Receiver(secret=SECRET) as receiver:
        broadcast = claimed(ChannelFactory(webhook=True, webhook_url=receiver.url))
        result = deliver(broadcast)
    assert result.outcome == "failed"
    assert broadcast.status == "failed"
    assert "loopback" in broadcast.last_error
    assert receiver.total_calls == 0


@pytest.mark.parametrize(
    "host", ["localhost", "[::ffff:127.0.0.1]", "127.1", "2130706433", "0.0.0.0"]
)
def test_every_spelling_of_our_machine_is_refused(host):
    with Receiver(secret=SECRET) as receiver:
        port = receiver.url.split(":")[2].split("/")[0]
        url = f"http://{host}:{port}/broadcasts"
        broadcast = claimed(ChannelFactory(webhook=True, webhook_url=url))
        result = deliver(broadcast)
    assert result.outcome == "failed", broadcast.last_error
    assert "Địa chỉ bị từ chối" in broadcast.last_error
    assert receiver.total_calls == 0


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hook"]
)
def test_metadata_and_private_addresses_are_refused(url):
    broadcast = claimed(ChannelFactory(webhook=True, webhook_url=url))
    assert deliver(broadcast).outcome == "failed"
    assert "Địa chỉ bị từ chối" in broadcast.last_error


def test_an_allow_listed_channel_is_posted_to_the_vetted_address(settings):
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
    with Receiver(secret=SECRET) as receiver:
        url = receiver.url.replace("127.0.0.1", "localhost")
        broadcast = claimed(ChannelFactory(webhook=True, webhook_url=url))
        result = deliver(broadcast)
    assert result.outcome == "sent", broadcast.last_error
    # Connected to the address the guard vetted, naming the channel's host.
    assert receiver.calls[0]["host"] == url.split("/")[2]


def test_an_allow_listed_address_is_delivered(settings):
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    with Receiver(secret=SECRET) as receiver:
        broadcast = claimed(ChannelFactory(webhook=True, webhook_url=receiver.url))
        assert deliver(broadcast).outcome == "sent"
    assert receiver.total_calls == 1
    assert receiver.calls[0]["signed"]
