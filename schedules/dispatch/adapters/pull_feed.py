"""Pull feed: the channel fetches ``/feeds/channels/<token>.rss`` itself.

Dispatching a broadcast into the feed is marking it sent: the feed lists the channel's
sent, not yet aired broadcasts within a day of now, so there is nothing to push.
"""

from .base import Content


def deliver(content: Content) -> None:
    return None
