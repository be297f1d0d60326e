"""What every adapter sends: the broadcast's text, media links and how to confirm."""

import logging
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from campaigns.models import Format, MessagePage
from media.models import Consent
from media.renditions import channel_rendition
from schedules.models import Broadcast, Bulletin, BulletinStatus
from schedules.models.smartradio import needs_bulletin

from ..signing import absolute_url, aired_callback_url, aired_url

logger = logging.getLogger(__name__)


class RetryableError(Exception):
    """The channel may take it later: a 5xx, a timeout, a refused connection."""


class PermanentError(Exception):
    """Trying again will not help: a 4xx, a bad address, a channel set up wrong."""


@dataclass(frozen=True)
class MediaLink:
    kind: str
    url: str
    title: str


@dataclass(frozen=True)
class Article:
    """A message's own title, summary and body (rich text as HTML), sent as its
    article when it has no article variant."""

    title: str
    summary: str
    body: str


@dataclass(frozen=True)
class BulletinLink:
    """The audio a smart radio plays: an enclosure, in podcast terms."""

    url: str
    length: int
    type: str
    duration: str
    duration_seconds: float

    def as_dict(self) -> dict:
        return {
            "url": self.url,
            "length": self.length,
            "type": self.type,
            "duration": self.duration,
            "duration_seconds": round(self.duration_seconds, 3),
        }


@dataclass
class Content:
    broadcast: Broadcast
    idempotency_key: str
    aired_url: str
    callback_url: str
    media: list[MediaLink] = field(default_factory=list)
    article: Article | None = None
    bulletin: BulletinLink | None = None
    # What the broadcasts of one batch have in common, worked out once for all
    # (see ``content_for``); adapters may keep theirs here too.
    shared: dict = field(default_factory=dict, repr=False)

    @property
    def format(self) -> str:
        if self.article is not None:
            return Format.ARTICLE
        variant = self.broadcast.variant
        return variant.format if variant else ""

    def payload(self) -> dict:
        """The JSON a webhook receives; ``key`` and ``version`` identify it."""
        broadcast = self.broadcast
        local = timezone.localtime
        return {
            "id": broadcast.pk,
            "key": str(broadcast.key),
            "version": broadcast.version,
            "idempotency_key": self.idempotency_key,
            "channel": broadcast.channel.name,
            "starts_at": local(broadcast.starts_at).isoformat(),
            "ends_at": local(broadcast.ends_at).isoformat(),
            "late": broadcast.late,
            "region": broadcast.region.name,
            "format": self.format,
            "text": broadcast.text,
            **(
                {
                    "title": self.article.title,
                    "summary": self.article.summary,
                    "body": self.article.body,
                }
                if self.article
                else {}
            ),
            "media": [
                {"kind": link.kind, "url": link.url, "title": link.title}
                for link in self.media
            ],
            "aired_url": self.aired_url,
            "aired_callback": self.callback_url,
            "bulletin": self.bulletin.as_dict() if self.bulletin else None,
        }


def media_links(broadcast: Broadcast) -> list[MediaLink]:
    """Links to the variant's image and audio clip, never one without consent."""
    variant = broadcast.variant
    if variant is None:
        return []
    links = []
    image = variant.image
    if image is not None and image.is_publishable:
        try:
            rendition = channel_rendition(image, "poster")
        except (OSError, ValueError):
            # A missing file must not stop the text from going out.
            logger.warning("No poster rendition for image %s", image.pk)
        else:
            links.append(MediaLink("image", absolute_url(rendition.url), image.title))
    clip = variant.audio
    if clip is not None and clip.consent != Consent.WITHHELD:
        links.append(MediaLink("audio", absolute_url(clip.file.url), clip.title))
    return links


def page_article(broadcast: Broadcast) -> Article | None:
    """The message's own article for a broadcast planned from it (the page is live
    and public by the time this runs: delivery checks that first)."""
    if not broadcast.from_page or broadcast.message_id is None:
        return None
    page = MessagePage.objects.get(pk=broadcast.message_id)
    return Article(page.title, page.summary, expand_db_html(page.body or ""))


def bulletin_link(bulletin: Bulletin | None) -> BulletinLink | None:
    if bulletin is None or not bulletin.is_ready:
        return None
    return BulletinLink(
        url=absolute_url(reverse("smartradio_bulletin", args=[bulletin.token])),
        length=bulletin.size_bytes or 0,
        type="audio/mpeg",
        duration=bulletin.duration,
        duration_seconds=bulletin.duration_seconds or 0,
    )


def bulletin_for_delivery(broadcast: Broadcast) -> BulletinLink | None:
    """A smart-radio broadcast with a recording waits for its bulletin; one whose
    recording could not be prepared goes out as text (the transcript is read)."""
    if not needs_bulletin(broadcast):
        return None
    bulletin = Bulletin.objects.for_broadcast(broadcast)
    if bulletin is None or bulletin.status == BulletinStatus.PENDING:
        raise RetryableError(_("The audio bulletin is still being prepared."))
    return bulletin_link(bulletin)


def content_for(broadcast: Broadcast, *, shared: dict | None = None) -> Content:
    """What goes to the channel. ``shared`` keeps, for the broadcasts of one batch,
    what they have in common: their variant's media links, their message's article,
    worked out once."""
    shared = {} if shared is None else shared

    def once(key, make):
        if key not in shared:
            shared[key] = make()
        return shared[key]

    return Content(
        broadcast=broadcast,
        idempotency_key=f"{broadcast.key}:{broadcast.version}",
        aired_url=aired_url(broadcast),
        callback_url=aired_callback_url(broadcast),
        media=once(("media", broadcast.variant_id), lambda: media_links(broadcast)),
        article=(
            once(("article", broadcast.message_id), lambda: page_article(broadcast))
            if broadcast.from_page
            else None
        ),
        bulletin=bulletin_for_delivery(broadcast),
        shared=shared,
    )
