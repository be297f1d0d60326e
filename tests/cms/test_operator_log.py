"""What an operator reads in the logs at INFO: dispatch, publishing and consent."""

import datetime
import logging

import pytest
from django.utils import timezone

from media.models import Consent
from schedules.dispatch.claims import dispatch_run
from schedules.dispatch.delivery import broadcast_deliver
from tests import factories
from tests.factories import dispatch_broadcast, dispatch_channel

pytestmark = pytest.mark.django_db


def lines(caplog, logger):
    return [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith(logger) and record.levelno == logging.INFO
    ]


def test_a_dispatch_run_and_a_delivery_are_logged(caplog, mailoutbox):
    channel = dispatch_channel("email")
    broadcast = dispatch_broadcast(
        channel, timezone.now() - datetime.timedelta(minutes=1)
    )
    with caplog.at_level(logging.INFO):
        dispatch_run()
        broadcast_deliver(broadcast_id=broadcast.pk, version=broadcast.version)

    assert "Dispatcher: claimed 1, late 0, missed 0, requeued 0" in lines(
        caplog, "schedules.dispatch"
    )
    assert (
        f"Broadcast {broadcast.pk} v{broadcast.version} sent to channel "
        f"{channel.pk} by email, attempt 1"
    ) in lines(caplog, "schedules.dispatch")


def test_publishing_and_unpublishing_are_logged(caplog):
    campaign = factories.campaign()
    page = factories.message(campaign, live=False)
    with caplog.at_level(logging.INFO):
        factories.publish_checked(page.save_revision())
        page.refresh_from_db()
        page.unpublish()

    logged = lines(caplog, "cms.events")
    assert any(
        line.startswith(f"Page {page.pk} published (MessagePage") for line in logged
    )
    assert f"Page {page.pk} unpublished by system" in logged


def test_a_consent_change_is_logged_without_the_images_title(caplog):
    with caplog.at_level(logging.INFO):
        image = factories.image(title="Chị H. ở Mường Lát", consent=Consent.OBTAINED)
        image.consent = Consent.WITHHELD
        image.save()
        image.save()  # nothing changed: nothing logged

    logged = lines(caplog, "cms.events")
    assert logged == [
        f"Image {image.pk} consent new -> obtained (publishable: yes)",
        f"Image {image.pk} consent obtained -> withheld (publishable: no)",
    ]
    assert "Mường Lát" not in caplog.text
