"""Image sizes by channel, so templates and dispatch ask for "tv", not a filter spec."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.images.models import SourceImageIOError

CHANNEL_RENDITIONS = {
    # Full HD television frame, 16:9, cropped around the focal point.
    "tv": "fill-1920x1080",
    # Social media feed square.
    "square": "fill-1080x1080",
    # A4 portrait at 150 dpi (210 × 297 mm): fits the whole image, never crops.
    "poster": "max-1240x1754",
    # Lists and choosers.
    "thumb": "max-400x400",
}


def channel_rendition(image, name):
    """The rendition of ``image`` for ``name``, a key of CHANNEL_RENDITIONS."""
    try:
        filter_spec = CHANNEL_RENDITIONS[name]
    except KeyError:
        known = ", ".join(CHANNEL_RENDITIONS)
        raise ValueError(
            f"Unknown channel size {name!r}; use one of: {known}"
        ) from None
    return image.get_rendition(filter_spec)


CHANNEL_LABELS = {
    "tv": _("Television (16:9)"),
    "square": _("Social media (square)"),
    "poster": _("Printed poster (A4)"),
    "thumb": _("Lists and choosers"),
}


@dataclass(frozen=True)
class ChannelSize:
    """A channel's size of an image; ``rendition`` is None if it may not be shown."""

    name: str
    label: str
    filter_spec: str
    rendition: object | None


def channel_sizes(image) -> list[ChannelSize]:
    """Every channel's size of ``image``, made if need be; none for a refused image
    or one whose file is missing or unreadable."""
    sizes = []
    for name, spec in CHANNEL_RENDITIONS.items():
        try:
            rendition = channel_rendition(image, name)
        except SourceImageIOError:
            rendition = None
        sizes.append(ChannelSize(name, CHANNEL_LABELS[name], spec, rendition))
    return sizes
