"""Small pieces of the public site's pages: titles, phone links, share links."""

import re
from urllib.parse import quote

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from ..text import fold

register = template.Library()

# Plain links to each network's own share page: no script of theirs is loaded.
ZALO_SHARE = "https://sp.zalo.me/share?url={url}"
FACEBOOK_SHARE = "https://www.facebook.com/sharer/sharer.php?u={url}"


def site_name() -> str:
    return gettext("Day for All People against Human Trafficking – 30/7")


@register.simple_tag
def page_title(title: str = "") -> str:
    """ "Page – Site", but never the site's name twice: a title that holds the
    name (the campaign of a year) or is held by it (the home page) stands alone."""
    name = site_name()
    title = (title or "").strip()
    if not title:
        return name
    if fold(name) in fold(title):
        return title
    if fold(title) in fold(name):
        return name
    return f"{title} – {name}"


@register.filter
def tel_href(number) -> str:
    """A dialable tel: URI: "1800 1567" becomes "tel:18001567"."""
    return "tel:" + re.sub(r"[^0-9+]", "", str(number or ""))


@register.simple_tag
def tel_link(number, label: str = "") -> str:
    return format_html(
        '<a class="tel" href="{}">{}</a>', tel_href(number), label or number
    )


@register.inclusion_tag("campaigns/public/share.html")
def share_links(url: str, title: str, id_prefix: str = "share"):
    encoded = quote(url, safe="")
    return {
        "url": url,
        "title": title,
        "input_id": f"{id_prefix}-link",
        "zalo": ZALO_SHARE.format(url=encoded),
        "facebook": FACEBOOK_SHARE.format(url=encoded),
    }
