"""Delivery adapters, one module per channel delivery method.

An adapter's ``deliver(content)`` returns when the channel has the broadcast, raises
``RetryableError`` when trying again later may work, ``PermanentError`` when it won't.
"""

from schedules.models import DeliveryMethod

from . import email, pull_feed, run_sheet, webhook
from .base import Content, PermanentError, RetryableError, content_for

ADAPTERS = {
    DeliveryMethod.EMAIL: email.deliver,
    DeliveryMethod.WEBHOOK: webhook.deliver,
    DeliveryMethod.PULL_FEED: pull_feed.deliver,
    DeliveryMethod.RUN_SHEET: run_sheet.deliver,
}

__all__ = [
    "ADAPTERS",
    "Content",
    "PermanentError",
    "RetryableError",
    "content_for",
]
