"""The materials kit of a session: what to read, show and ask, fitted to its audience.

Variants come from campaigns.selectors.variant_select for the session's region,
language and each of its age bands, so the kit says what the planner would broadcast
there. Only published messages, usable variants, live slogans and images whose consent
allows publishing go into a kit.
"""

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from campaigns.models import Format, MessagePage, MessageVariant
from campaigns.selectors import variant_select
from campaigns.text import fold
from media.renditions import channel_rendition
from schedules.models import Session

KIT_FORMATS = (Format.LOUDSPEAKER_SCRIPT, Format.SHORT_TEXT, Format.POSTER_CAPTION)


def discussion_questions() -> list[str]:
    """A short guide for the talk: open questions, none about any person's case."""
    return [
        _("What promises do people who traffic others use to win trust?"),
        _(
            "Which signs show that a job offer, a trip or a marriage abroad may be "
            "a trap?"
        ),
        _("What should we check before a family member leaves to work far away?"),
        _("Who in our commune can we turn to, and which number do we call?"),
        _(
            "How can we welcome people who come back, without blaming them or "
            "telling their story?"
        ),
    ]


@dataclass
class KitImage:
    image: object
    rendition: object
    name: str  # the file's name inside the zip

    @property
    def url(self):
        return self.rendition.url


@dataclass
class KitItem:
    message: MessagePage
    variant: MessageVariant
    reason: str
    age_bands: list = field(default_factory=list)
    image: KitImage | None = None

    @property
    def format_label(self):
        return self.variant.get_format_display()


@dataclass
class Kit:
    session: Session
    items: list[KitItem]
    slogans: list
    hotlines: list
    questions: list[str]
    missing: list[str]  # "message – format" with no variant for this audience

    def by_format(self, format):
        return [item for item in self.items if item.variant.format == format]

    @property
    def scripts(self):
        return self.by_format(Format.LOUDSPEAKER_SCRIPT)

    @property
    def short_texts(self):
        return self.by_format(Format.SHORT_TEXT)

    @property
    def captions(self):
        return self.by_format(Format.POSTER_CAPTION)

    @property
    def images(self) -> list[KitImage]:
        seen, found = set(), []
        for item in self.items:
            if item.image and item.image.image.pk not in seen:
                seen.add(item.image.image.pk)
                found.append(item.image)
        return found


def slug(text: str, default: str) -> str:
    """An ASCII file name part: "Xã Tam Chung" becomes "xa-tam-chung"."""
    return slugify(fold(text)) or default


def kit_messages(session: Session) -> list[MessagePage]:
    """The session's chosen messages that are published, else all of its campaign's."""
    live = MessagePage.objects.live().public().select_related("hotline", "lead_image")
    chosen = [message.pk for message in session.messages_used.all()]
    if chosen:
        return list(live.filter(pk__in=chosen).order_by("path"))
    return list(live.child_of(session.campaign).order_by("path"))


def _image(variant, message, cache) -> KitImage | None:
    for image in (variant.image, message.lead_image):
        if image is None or not image.is_publishable:
            continue
        if image.pk not in cache:
            rendition = channel_rendition(image, "poster")
            suffix = PurePosixPath(rendition.file.name).suffix or ".jpg"
            name = f"images/{image.pk}-{slug(image.title, 'anh')}{suffix}"
            cache[image.pk] = KitImage(image, rendition, name)
        return cache[image.pk]
    return None


def kit_build(*, session: Session) -> Kit:
    """Pick, for every message and kit format, the variant each age band should get."""
    bands = list(session.age_bands.all()) or [None]
    items: dict[int, KitItem] = {}
    missing, images, hotlines = [], {}, {}
    for message in kit_messages(session):
        if message.hotline_id:
            hotlines[message.hotline_id] = message.hotline
        for format in KIT_FORMATS:
            found = False
            for band in bands:
                selection = variant_select(
                    message=message,
                    region=session.region,
                    language=session.language_id,
                    format=format,
                    age_band=band.code if band else None,
                )
                variant = selection.variant
                if variant is None:
                    continue
                found = True
                item = items.get(variant.pk)
                if item is None:
                    item = items[variant.pk] = KitItem(
                        message=message,
                        variant=variant,
                        reason=selection.reason,
                        image=_image(variant, message, images),
                    )
                if band is not None:
                    item.age_bands.append(band)
            if not found:
                missing.append(f"{message.title} – {Format(format).label}")
    slogans = (
        session.campaign.slogans.live()
        .filter(language_id__in={session.language_id, "vi"})
        .order_by("sort_order")
    )
    return Kit(
        session=session,
        items=list(items.values()),
        slogans=list(slogans),
        hotlines=list(hotlines.values()),
        questions=discussion_questions(),
        missing=missing,
    )


def kit_zip(*, kit: Kit, html: str) -> bytes:
    """The kit to take away: the printable page, the poster images and the scripts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("kit.html", html)
        for image in kit.images:
            with image.rendition.file.open("rb") as source:
                archive.writestr(image.name, source.read())
        archive.writestr(
            "scripts.txt",
            render_to_string("schedules/sessions/kit_scripts.txt", {"kit": kit}),
        )
    return buffer.getvalue()


def kit_filename(session: Session) -> str:
    return f"bo-tai-lieu-{session.pk}-{slug(session.region.name, 'buoi')}.zip"
