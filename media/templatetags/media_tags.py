"""Channel sizes in templates: ``{% channel_image image "tv" %}``."""

from django import template

from ..renditions import channel_rendition as get_channel_rendition

register = template.Library()


@register.simple_tag
def channel_image(image, name, **attrs):
    """An ``<img>`` of ``image`` at channel size ``name``; nothing if there is no image.

    Keyword arguments become attributes: ``{% channel_image img "tv" class="hero" %}``.
    """
    if not image:
        return ""
    return get_channel_rendition(image, name).img_tag(attrs)


@register.simple_tag
def channel_rendition(image, name):
    """The rendition itself, for templates that need its url, width or height."""
    if not image:
        return None
    return get_channel_rendition(image, name)
