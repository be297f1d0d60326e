"""Images embedded in rich text show only while their consent allows it.

Publishing checks consent once (``consent.py``); consent can be withdrawn later, and
the page, the feeds and everything else that expands rich text must drop the image
from that moment, without anyone republishing. Wagtail's own image handler is
replaced, so every front-end expansion goes through this check.
"""

from wagtail.images.formats import get_image_format
from wagtail.images.rich_text import ImageEmbedHandler


class ConsentedImageEmbedHandler(ImageEmbedHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        tags = []
        for attrs, image in zip(attrs_list, cls.get_many(attrs_list), strict=True):
            if image is None:
                tags.append('<img alt="">')  # deleted: as Wagtail shows it
            elif not image.is_publishable:
                tags.append("")
            else:
                image_format = get_image_format(attrs["format"])
                tags.append(image_format.image_to_html(image, attrs.get("alt", "")))
        return tags
