"""Feed writers: Django's RSS 2.0 and Atom 1.0 with full content, and JSON Feed 1.1.

Django's writers carry a summary only; press outlets want the whole message and the
photographer's credit, so RSS gains ``content:encoded`` (RSS content module),
``atom:updated`` and ``media:credit`` (Media RSS), and Atom gains ``content``
(RFC 4287 section 4.1.3) and ``media:credit``.
"""

import json

from django.utils.feedgenerator import (
    Atom1Feed,
    Rss201rev2Feed,
    SyndicationFeed,
    rfc3339_date,
)

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class MessagesRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("content:encoded", item["content"])
        if item.get("image_credit"):
            handler.addQuickElement(
                "media:credit", item["image_credit"], {"role": "photographer"}
            )


class MessagesAtomFeed(Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def item_attributes(self, item):
        return {"xml:lang": item["language"]}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})
        if item.get("image_credit"):
            handler.addQuickElement(
                "media:credit", item["image_credit"], {"role": "photographer"}
            )


class JsonFeedGenerator(SyndicationFeed):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) from the same feed data."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.document(), ensure_ascii=False, indent=1))

    def document(self) -> dict:
        feed = self.feed
        document = {
            "version": JSON_FEED_VERSION,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
        }
        if feed["author_name"]:
            author = {"name": feed["author_name"]}
            if feed["author_link"]:
                author["url"] = feed["author_link"]
            document["authors"] = [author]
        document["items"] = [self.item_document(item) for item in self.items]
        return {key: value for key, value in document.items() if value is not None}

    def item_document(self, item) -> dict:
        document = {
            "id": item["unique_id"] or item["link"],
            "url": item["link"],
            "title": item["title"],
            "content_html": item["content"],
            "summary": item["description"],
            "tags": list(item["categories"]),
            "language": item["language"],
        }
        if item["pubdate"] is not None:
            document["date_published"] = rfc3339_date(item["pubdate"])
        if item["updateddate"] is not None:
            document["date_modified"] = rfc3339_date(item["updateddate"])
        enclosures = list(item["enclosures"])
        if enclosures:
            document["image"] = enclosures[0].url
            document["attachments"] = [
                {
                    "url": enclosure.url,
                    "mime_type": enclosure.mime_type,
                    "size_in_bytes": int(enclosure.length),
                }
                for enclosure in enclosures
            ]
        # Extensions start with an underscore (JSON Feed 1.1, "Extensions").
        document["_campaign"] = {
            "year": item["campaign_year"],
            "image_credit": item.get("image_credit") or None,
        }
        return document
