"""A channel's own pull feed (RSS 2.0) of broadcasts dispatched to it.

The URL carries the channel's secret feed token; an unknown token is a 404. Each
item's guid is ``key:version``, so a feed reader sees an edited broadcast as new.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from schedules.models import Bulletin, Channel

from .adapters.base import bulletin_link, media_links
from .selectors import channel_feed_items
from .signing import absolute_url, aired_url

BROADCAST_NS = "urn:x-bcd138:broadcast"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


class BulletinRss(Rss201rev2Feed):
    """RSS 2.0 as podcast players read it: a smart radio's software takes each
    item's enclosure (the bulletin), its itunes:duration and, in our namespace,
    the broadcast's key and scheduled time."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:itunes": ITUNES_NS,
            "xmlns:broadcast": BROADCAST_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("duration"):
            handler.addQuickElement("itunes:duration", item["duration"])
        handler.addQuickElement("broadcast:key", item["broadcast_key"])
        handler.addQuickElement("broadcast:starts_at", item["starts_at"])
        handler.addQuickElement("broadcast:ends_at", item["ends_at"])


class ChannelFeed(Feed):
    feed_type = BulletinRss

    def get_object(self, request, token):
        return get_object_or_404(Channel, feed_token=token, active=True)

    def title(self, channel):
        return _("Broadcasts for %(channel)s") % {"channel": channel.name}

    def link(self, channel):
        return absolute_url(reverse("dispatch_channel_feed", args=[channel.feed_token]))

    def feed_url(self, channel):
        return self.link(channel)

    def description(self, channel):
        return _(
            "What to air in the next 24 hours. Open an item's link to confirm it aired."
        )

    def items(self, channel):
        return channel_feed_items(channel=channel, now=timezone.now())

    def item_title(self, item):
        starts = timezone.localtime(item.starts_at)
        return f"{starts:%d/%m/%Y %H:%M} – {item.region.name}"

    def item_description(self, item):
        lines = [item.text]
        lines += [f"{link.title}: {link.url}" for link in media_links(item)]
        return "\n\n".join(lines)

    def item_link(self, item):
        return aired_url(item)

    def item_guid(self, item):
        return f"{item.key}:{item.version}"

    item_guid_is_permalink = False

    def item_enclosures(self, item):
        link = bulletin_link(Bulletin.objects.for_broadcast(item))
        if link is None:
            return []
        return [Enclosure(link.url, str(link.length), link.type)]

    def item_extra_kwargs(self, item):
        link = bulletin_link(Bulletin.objects.for_broadcast(item))
        return {
            "duration": link.duration if link else "",
            "broadcast_key": str(item.key),
            "starts_at": timezone.localtime(item.starts_at).isoformat(),
            "ends_at": timezone.localtime(item.ends_at).isoformat(),
        }

    def item_pubdate(self, item):
        return item.sent_at or item.claimed_at
