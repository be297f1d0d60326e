"""The key messages of 2017, drawn from plan 109/KH-BCĐ, each with its variants.

Short, plain Vietnamese suited to age, region and channel (plan II.2), with priority to
the Laos border and ethnic-minority districts (plan II.6). No text names a victim or a
place tied to a case, and none blames people who were trafficked. Thái and H'Mông
variants hold the Vietnamese text until a translator writes them, so they are never
used. Loading twice changes nothing: a message found by its slug is left as it is.

The texts and the rest of each message's plain data live in ``messages.toml`` beside
this module, so that the Vietnamese copy can be read, reviewed and handed to
translators as text rather than as Python; this module only builds pages from it.
"""

import tomllib
from pathlib import Path

from django.conf import settings

from campaigns.models import (
    VIETNAMESE,
    AgeBand,
    CampaignPage,
    Format,
    Hotline,
    MessagePage,
    MessageVariant,
    Region,
    RiskGroup,
)
from campaigns.safety.services import checklist_confirm

from . import images as demo_images
from .platform import history_regions

DATA_FILE = Path(__file__).with_name("messages.toml")

# Where a variant is heard: the whole province, or districts picked by their flags.
PROVINCE = ""
BORDER = "border"  # districts on the Laos border (border_laos=1)
ETHNIC = "ethnic"  # districts where ethnic minorities live in numbers
HMONG = "hmong"  # districts with H'Mông communities


def _variant(item, *, shared, awaiting):
    """A variant as the builder takes it, from its table in the data file.

    Its text is its own or a shared one; a variant waiting for its translation gets
    its language's placeholder before the Vietnamese to translate.
    """
    item = dict(item)
    text = shared[item.pop("shared")] if "shared" in item else item.pop("text")
    language = item.pop("language", VIETNAMESE)
    if item.get("translation_needed"):
        text = f"{awaiting[language]} {text}"
    return {
        "format": Format(item.pop("format")),
        "text": text,
        "ages": item.pop("ages", ()),
        "risks": item.pop("risks", ()),
        "where": item.pop("where", PROVINCE),
        "language": language,
        **item,
    }


def _read(path=DATA_FILE):
    with path.open("rb") as file:
        data = tomllib.load(file)
    hotlines = [(h["number"], h["name"], h["hours"]) for h in data["hotlines"]]
    messages = []
    for spec in data["messages"]:
        variants = [
            _variant(item, shared=data["shared"], awaiting=data["awaiting"])
            for item in spec["variants"]
        ]
        messages.append({**spec, "variants": variants})
    return hotlines, messages


# number, name, hours; and each message with its variants, in order.
HOTLINES, MESSAGES = _read()


def _hotlines() -> dict[str, Hotline]:
    hotlines = {}
    for number, name, hours in HOTLINES:
        hotlines[number], _ = Hotline.objects.get_or_create(
            number=number, defaults={"name": name, "hours": hours}
        )
    return hotlines


def _districts() -> dict[str, list[Region]]:
    """The province's districts for each targeting key, from their imported flags."""
    province = history_regions().get(code=settings.PROVINCE_CODE)
    districts = list(province.get_children())
    return {
        PROVINCE: [],
        BORDER: [d for d in districts if d.border],
        ETHNIC: [d for d in districts if d.ethnic_minority],
        HMONG: [d for d in districts if "H'Mông" in d.ethnic_groups],
    }


def _message(spec, *, hotlines, districts) -> MessagePage:
    page = MessagePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        body=spec["body"],
        key_points=[("point", point) for point in spec["key_points"]],
        call_to_action=spec["call_to_action"],
        hotline=hotlines[spec["hotline"]],
    )
    page.tags.add(*spec["tags"])
    for order, item in enumerate(spec["variants"]):
        item = dict(item)
        ages, risks, where = item.pop("ages"), item.pop("risks"), item.pop("where")
        entry = MessageVariant(
            sort_order=order,
            format=item.pop("format"),
            text=item.pop("text"),
            language_id=item.pop("language"),
            **item,
        )
        entry.age_bands = AgeBand.objects.filter(code__in=ages)
        entry.risk_groups = RiskGroup.objects.filter(code__in=risks)
        entry.target_regions = districts[where]
        page.variants.add(entry)
    return page


def load() -> int:
    """Create and publish the messages the campaign lacks; return how many it has."""
    campaign = CampaignPage.objects.get(year=2017)
    images = demo_images.load()
    hotlines = _hotlines()
    districts = _districts()
    existing = set(
        MessagePage.objects.child_of(campaign).values_list("slug", flat=True)
    )
    for spec in MESSAGES:
        if spec["slug"] in existing:
            continue
        page = _message(spec, hotlines=hotlines, districts=districts)
        demo_images.attach(page, images)
        campaign.add_child(instance=page)
        revision = page.save_revision()
        # Demo messages pass the same checklist a moderator ticks.
        checklist_confirm(revision=revision, user=None)
        revision.publish()
    demo_images.withdraw(images)
    return MessagePage.objects.child_of(campaign).count()
