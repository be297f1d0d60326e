"""One delivery per (key, version), to a real local HTTP receiver or the mail outbox."""

import datetime

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import PageViewRestriction

from media.models import MediaClip
from schedules.dispatch.claims import broadcasts_claim_due
from schedules.dispatch.delivery import broadcast_deliver
from schedules.dispatch.services import broadcast_cancel
from schedules.models import Broadcast
from tests.factories import BroadcastFactory, ChannelFactory, MessagePageFactory
from tests.schedules.dispatch.receiver import HANG, Receiver

pytestmark = pytest.mark.django_db

SECRET = "bí-mật-kênh"


@pytest.fixture(autouse=True)
def fast_retries(settings):
    settings.DISPATCH_MAX_ATTEMPTS = 3
    settings.DISPATCH_WEBHOOK_READ_TIMEOUT = 0.5


def claimed(channel, minutes_ago=1, **fields):
    """A broadcast due now, claimed by the dispatcher."""
    now = timezone.now()
    broadcast = BroadcastFactory(
        approved=True,
        channel=channel,
        starts_at=now - datetime.timedelta(minutes=minutes_ago),
        **fields,
    )
    broadcasts_claim_due(now=now)
    broadcast.refresh_from_db()
    assert broadcast.status == "dispatching"
    return broadcast


def deliver(broadcast):
    result = broadcast_deliver(broadcast_id=broadcast.pk, version=broadcast.version)
    broadcast.refresh_from_db()
    return result


def webhook(receiver, **fields):
    return ChannelFactory(webhook=True, webhook_url=receiver.url, **fields)


def test_a_signed_webhook_delivers_once_with_its_idempotency_key():
    with Receiver(secret=SECRET) as receiver:
        broadcast = claimed(webhook(receiver))
        first = deliver(broadcast)
        again = deliver(broadcast)

    assert (first.outcome, again.outcome) == ("sent", "skipped")
    assert broadcast.status == "sent"
    assert broadcast.delivered_version == broadcast.version
    assert broadcast.attempts == 1
    assert broadcast.sent_at is not None
    assert receiver.total_calls == 1
    call = receiver.calls[0]
    assert call["signed"]
    assert call["key"] == f"{broadcast.key}:{broadcast.version}"
    assert call["body"]["text"] == broadcast.text
    assert call["body"]["aired_url"].startswith("http://testserver/broadcasts/aired/")
    assert call["body"]["aired_callback"].endswith(
        f"/api/broadcasts/{broadcast.pk}/aired"
    )
    event = broadcast.events.last()
    assert (event.from_status, event.to_status) == ("dispatching", "sent")
    assert event.actor.startswith("delivery worker")


def test_a_4xx_fails_at_once_with_the_reason():
    with Receiver(secret=SECRET, behaviour=lambda i, key: 400) as receiver:
        broadcast = claimed(webhook(receiver))
        result = deliver(broadcast)

    assert result.outcome == "failed"
    assert result.retry_in is None
    assert broadcast.status == "failed"
    assert broadcast.last_error.startswith("HTTP 400")
    assert receiver.total_calls == 1


def test_429_and_408_ask_to_come_back_and_are_retried():
    # RFC 6585 and RFC 9110: "too many requests" and "request timeout" are the
    # channel asking for later, unlike other 4xx, which fail at once.
    answers = [429, 408, 200]
    with Receiver(secret=SECRET, behaviour=lambda i, key: answers[i]) as receiver:
        broadcast = claimed(webhook(receiver))
        outcomes = [deliver(broadcast) for _ in range(3)]

    assert [r.outcome for r in outcomes] == ["retry", "retry", "sent"]
    assert receiver.total_calls == 3


def test_a_refused_connection_is_retried_as_a_connection_failure():
    with Receiver(secret=SECRET) as receiver:
        channel = webhook(receiver)
    # The receiver has stopped: nothing listens on its port any more.
    broadcast = claimed(channel)
    result = deliver(broadcast)

    assert result.outcome == "retry"
    assert broadcast.last_error.startswith("connection failed")


def test_a_long_refusal_is_kept_short_and_the_next_call_still_goes_through():
    refusal = "Kênh từ chối: " + "x" * 100_000
    answers = [(422, refusal), (200, "ok"), (200, "ok")]
    with Receiver(secret=SECRET, behaviour=lambda i, key: answers[i][0]) as receiver:
        receiver.bodies = {422: refusal.encode()}
        channel = webhook(receiver)
        refused = claimed(channel)
        assert deliver(refused).outcome == "failed"
        sent = [deliver(claimed(channel)) for _ in range(2)]

    assert refused.last_error.startswith("HTTP 422: Kênh từ chối")
    assert len(refused.last_error) < 250
    assert [r.outcome for r in sent] == ["sent", "sent"]


def test_503_503_then_200_is_delivered_once_after_retries():
    answers = [503, 503, 200]
    with Receiver(secret=SECRET, behaviour=lambda i, key: answers[i]) as receiver:
        broadcast = claimed(webhook(receiver))
        outcomes = [deliver(broadcast) for _ in range(3)]

    assert [r.outcome for r in outcomes] == ["retry", "retry", "sent"]
    assert all(r.retry_in > 0 for r in outcomes[:2])
    assert broadcast.status == "sent"
    assert broadcast.attempts == 3
    assert broadcast.last_error == ""
    assert receiver.accepted == {f"{broadcast.key}:{broadcast.version}": 1}


def test_a_channel_that_always_fails_is_given_up_with_the_reason():
    with Receiver(secret=SECRET, behaviour=lambda i, key: 500) as receiver:
        broadcast = claimed(webhook(receiver))
        first = deliver(broadcast)
        assert broadcast.next_attempt_at > timezone.now()
        outcomes = [first] + [deliver(broadcast) for _ in range(3)]

    assert [r.outcome for r in outcomes] == ["retry", "retry", "failed", "skipped"]
    assert broadcast.status == "failed"
    assert "3" in broadcast.last_error and "HTTP 500" in broadcast.last_error
    assert receiver.total_calls == 3


def test_no_answer_is_a_timeout_and_retried():
    behaviour = lambda i, key: HANG if i == 0 else 200  # noqa: E731
    with Receiver(secret=SECRET, behaviour=behaviour, hang_seconds=1.5) as receiver:
        broadcast = claimed(webhook(receiver))
        first = deliver(broadcast)
        second = deliver(broadcast)

    assert (first.outcome, second.outcome) == ("retry", "sent")
    assert "timeout" in first.reason
    assert receiver.total_calls == 2


def test_a_refused_connection_is_retried():
    channel = ChannelFactory(webhook=True, webhook_url="http://127.0.0.1:9/")
    broadcast = claimed(channel)
    result = deliver(broadcast)
    assert result.outcome == "retry"
    assert broadcast.status == "dispatching"
    assert "connection" in broadcast.last_error


def test_a_broadcast_edited_or_cancelled_after_its_claim_is_not_sent():
    with Receiver(secret=SECRET) as receiver:
        channel = webhook(receiver)
        edited = claimed(channel, minutes_ago=1)
        cancelled = claimed(channel, minutes_ago=2)
        Broadcast.objects.filter(pk=edited.pk).update(version=edited.version + 1)
        broadcast_cancel(broadcast_id=cancelled.pk, reason="Trùng giờ phát sóng.")
        results = [
            broadcast_deliver(broadcast_id=b.pk, version=b.version)
            for b in (edited, cancelled)
        ]

    assert [r.outcome for r in results] == ["skipped", "skipped"]
    assert receiver.total_calls == 0
    cancelled.refresh_from_db()
    assert cancelled.status == "cancelled"


def test_a_broadcast_held_by_another_delivery_is_left_to_it():
    with Receiver(secret=SECRET) as receiver:
        broadcast = claimed(webhook(receiver))
        Broadcast.objects.filter(pk=broadcast.pk).update(
            lease_until=timezone.now() + datetime.timedelta(minutes=1)
        )
        result = deliver(broadcast)
    assert result.outcome == "skipped"
    assert receiver.total_calls == 0


def test_an_unpublished_message_never_leaves_the_system():
    with Receiver(secret=SECRET) as receiver:
        broadcast = claimed(webhook(receiver))
        broadcast.message.unpublish()
        result = deliver(broadcast)
    assert result.outcome == "failed"
    assert broadcast.status == "failed"
    assert receiver.total_calls == 0


def test_a_message_behind_a_view_restriction_is_not_public_and_not_sent():
    with Receiver(secret=SECRET) as receiver:
        broadcast = claimed(webhook(receiver))
        # Restricting the campaign page restricts every message under it.
        PageViewRestriction.objects.create(
            page=broadcast.message.get_parent(),
            restriction_type=PageViewRestriction.PASSWORD,
            password="nội-bộ",
        )
        result = deliver(broadcast)
    assert result.outcome == "failed"
    assert receiver.total_calls == 0


def test_a_live_message_of_a_campaign_still_in_draft_is_not_sent():
    """Next year's campaign page is a draft until announced: its approved messages
    wait with it (a page is public only while its whole branch is)."""
    with Receiver(secret=SECRET) as receiver:
        broadcast = claimed(webhook(receiver))
        # Never announced: the campaign page has not been published yet.
        campaign = broadcast.message.get_parent()
        type(campaign).objects.filter(pk=campaign.pk).update(live=False)
        broadcast.message.refresh_from_db()
        assert broadcast.message.live
        result = deliver(broadcast)
    assert result.outcome == "failed"
    assert receiver.total_calls == 0


def test_a_restricted_sibling_does_not_hold_back_a_public_message():
    with Receiver(secret=SECRET) as receiver:
        broadcast = claimed(webhook(receiver))
        sibling = MessagePageFactory(
            loudspeaker_script=True, campaign=broadcast.message.get_parent().specific
        )
        PageViewRestriction.objects.create(
            page=sibling, restriction_type=PageViewRestriction.LOGIN
        )
        result = deliver(broadcast)
    assert result.outcome == "sent"
    assert receiver.total_calls == 1


def test_late_at_sending_time_is_marked_late_or_missed():
    with Receiver(secret=SECRET) as receiver:
        lenient = webhook(receiver, late_tolerance_minutes=60)
        strict = webhook(receiver, late_tolerance_minutes=60, skip_when_late=True)
        sent_late = claimed(lenient, minutes_ago=30)
        skipped = claimed(strict, minutes_ago=30)
        # The worker was down for an hour after the claim.
        past = timezone.now() - datetime.timedelta(minutes=90)
        Broadcast.objects.filter(pk__in=[sent_late.pk, skipped.pk]).update(
            starts_at=past, ends_at=past + datetime.timedelta(minutes=5)
        )
        results = [deliver(sent_late), deliver(skipped)]

    assert [r.outcome for r in results] == ["sent", "missed"]
    assert (sent_late.status, sent_late.late) == ("sent", True)
    assert (skipped.status, skipped.late) == ("missed", True)
    assert receiver.total_calls == 1


def test_a_webhook_channel_without_a_secret_fails_instead_of_sending_unsigned():
    with Receiver() as receiver:
        broadcast = claimed(webhook(receiver, webhook_secret=""))
        result = deliver(broadcast)
    assert result.outcome == "failed"
    assert receiver.total_calls == 0


def test_email_carries_the_text_media_links_and_the_aired_link():
    page = MessagePageFactory(loudspeaker_script=True)
    variant = page.variants.first()
    variant.audio = MediaClip.objects.create(
        title="Bản tin phát thanh",
        file=ContentFile(b"ID3", name="ban-tin.mp3"),
        kind="audio",
        duration_seconds=60,
        transcript="Kính thưa bà con...",
        credit="Đài truyền thanh xã",
    )
    variant.save()
    broadcast = claimed(
        ChannelFactory(email=True, contact_email="bientap@baothanhhoa.vn"),
        message=page,
    )

    result = deliver(broadcast)

    assert result.outcome == "sent"
    assert broadcast.status == "sent"
    (message,) = mail.outbox
    assert message.to == ["bientap@baothanhhoa.vn"]
    assert broadcast.text in message.body
    assert "http://testserver/broadcasts/aired/" in message.body
    assert "http://testserver/media/clips/" in message.body
    assert message.extra_headers["Message-ID"].startswith(f"<{broadcast.key}.")
    assert (
        broadcast.starts_at.astimezone(timezone.get_current_timezone()).strftime(
            "%d/%m/%Y"
        )
        in message.subject
    )


def test_a_pull_feed_broadcast_is_sent_into_its_feed():
    broadcast = claimed(ChannelFactory(pull_feed=True))
    assert deliver(broadcast).outcome == "sent"
    assert broadcast.status == "sent"
    assert mail.outbox == []
