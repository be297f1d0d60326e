"""Images embedded in rich text show only while their consent allows it.

Publishing checks consent once (``consent.py``); consent can be withdrawn later, and
the page, the feeds and everything else that expands rich text must drop the image
from that moment, without anyone republishing. Wagtail's own image handler is
replaced, so every front-end expansion goes through this check.
"""

from wagtail.images import get_image_model
from wagtail.images.formats import get_image_format
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.rewriters import FIND_EMBED_TAG, extract_attrs


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


def without_withheld_images(html: str) -> str:
    """Stored rich text without the embeds of images that may not be shown.

    For outputs that do not go through the embed handler: the API's stored-HTML and
    Markdown formats turn the embed into the image's id, alt text or file itself.
    """
    embeds = [
        (match.group(0), extract_attrs(match.group(1)))
        for match in FIND_EMBED_TAG.finditer(html or "")
    ]
    ids = {
        int(attrs["id"])
        for _tag, attrs in embeds
        if attrs.get("embedtype") == "image" and str(attrs.get("id", "")).isdigit()
    }
    if not ids:
        return html
    allowed = {
        image.pk
        for image in get_image_model().objects.filter(pk__in=ids)
        if image.is_publishable
    }
    for tag, attrs in embeds:
        if attrs.get("embedtype") != "image":
            continue
        image_id = str(attrs.get("id", ""))
        if not (image_id.isdigit() and int(image_id) in allowed):
            html = html.replace(tag, "")
    return html
