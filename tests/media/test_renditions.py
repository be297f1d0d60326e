"""Every channel gets the size it broadcasts or prints at."""

import pytest
from django.template import Context, Template

from media.renditions import CHANNEL_RENDITIONS, channel_rendition

from .files import photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def landscape(make_image):
    return make_image(data=photo(size=(2400, 1800)))


@pytest.mark.parametrize(
    "name, size",
    [
        ("tv", (1920, 1080)),
        ("square", (1080, 1080)),
        ("poster", (1240, 930)),
        ("thumb", (400, 300)),
    ],
)
def test_each_channel_size(landscape, name, size):
    rendition = channel_rendition(landscape, name)

    assert (rendition.width, rendition.height) == size
    assert rendition.file.width == size[0]


def test_a_portrait_poster_fills_an_a4_page_at_150_dpi(make_image):
    scan = make_image(data=photo(size=(2480, 3508)))  # A4 at 300 dpi

    rendition = channel_rendition(scan, "poster")

    assert (rendition.width, rendition.height) == (1240, 1754)


def test_small_images_are_not_blown_up(make_image):
    small = make_image(data=photo(size=(300, 200)))

    assert (channel_rendition(small, "thumb").width) == 300


def test_every_channel_is_known_and_others_are_refused(landscape):
    assert set(CHANNEL_RENDITIONS) == {"tv", "square", "poster", "thumb"}
    with pytest.raises(ValueError, match="radio"):
        channel_rendition(landscape, "radio")


def test_the_template_tag_renders_the_channel_size(landscape):
    template = Template(
        '{% load media_tags %}{% channel_image image "tv" class="hero" %}'
        '|{% channel_rendition image "square" as r %}{{ r.width }}x{{ r.height }}'
    )

    html = template.render(Context({"image": landscape}))

    assert 'width="1920"' in html and 'height="1080"' in html
    assert 'class="hero"' in html
    assert html.endswith("|1080x1080")


def test_the_template_tag_renders_nothing_without_an_image():
    template = Template('{% load media_tags %}{% channel_image image "tv" %}')

    assert template.render(Context({"image": None})) == ""
