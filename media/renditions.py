"""Image sizes by channel, so templates and dispatch ask for "tv", not a filter spec."""

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
