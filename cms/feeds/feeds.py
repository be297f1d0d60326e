"""The messages feed on ``django.contrib.syndication``, one class per format.

The feed object is already filtered and built (see ``selectors.feed_items``); these
classes only say which field goes where.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Enclosure
from django.utils.translation import gettext as _

from campaigns.models import VIETNAMESE

from .filters import FeedFilters
from .generators import JsonFeedGenerator, MessagesAtomFeed, MessagesRssFeed
from .selectors import FeedItem


@dataclass
class FeedDocument:
    filters: FeedFilters
    items: list[FeedItem]
    feed_url: str


class MessagesFeed(Feed):
    feed_type = MessagesRssFeed
    # Titles, summaries and bodies are Vietnamese; each variant's section in the
    # content carries its own language tag.
    language = VIETNAMESE

    def title(self, obj):
        title = _("Messages of the campaign against human trafficking")
        described = obj.filters.describe()
        return f"{title} ({described})" if described else title

    def link(self, obj):
        return "/"

    def description(self, obj):
        return _(
            "Published messages of Thanh Hóa's campaign against human trafficking, "
            "free for the press to republish."
        )

    def feed_url(self, obj):
        return obj.feed_url

    def feed_guid(self, obj):
        return obj.feed_url

    def author_name(self, obj):
        return _("Steering Committee 138 of Thanh Hóa province")

    def items(self, obj):
        return obj.items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.guid

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return item.categories

    def item_enclosures(self, item):
        if item.image is None:
            return []
        image = item.image
        return [Enclosure(image.url, str(image.length), image.mime_type)]

    def item_extra_kwargs(self, item):
        return {
            "content": item.content,
            "language": item.language,
            "campaign_year": item.campaign_year,
            "image_credit": item.image.credit if item.image else "",
        }


class MessagesAtom(MessagesFeed):
    feed_type = MessagesAtomFeed

    def subtitle(self, obj):
        return self.description(obj)


class MessagesJson(MessagesFeed):
    feed_type = JsonFeedGenerator


FEEDS = {"rss": MessagesFeed, "atom": MessagesAtom, "json": MessagesJson}
