"""What the planner is given: campaign period, channels, regions and published variants.

Plain frozen dataclasses, so the Django side can build them from rows and tests can
build them by hand. Lists passed in are frozen into tuples so inputs stay immutable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from types import MappingProxyType

from schedules.planner.curve import IntensityCurve

VIETNAMESE = "vi"


class ChannelKind(StrEnum):
    RADIO = "radio"
    TELEVISION = "television"
    NEWSPAPER = "newspaper"
    WEB_PORTAL = "web_portal"
    LOUDSPEAKER = "loudspeaker"
    SOCIAL_PAGE = "social_page"
    CULTURAL_VENUE = "cultural_venue"


class VariantFormat(StrEnum):
    ARTICLE = "article"
    SHORT_TEXT = "short_text"
    LOUDSPEAKER_SCRIPT = "loudspeaker_script"
    POSTER_CAPTION = "poster_caption"
    SOCIAL_POST = "social_post"


class RiskFlag(StrEnum):
    BORDER = "border"
    ETHNIC_MINORITY = "ethnic_minority"
    POOR = "poor"
    COASTAL = "coastal"


# Plan 109/KH-BCĐ puts border areas first, then ethnic-minority and poor communes.
DEFAULT_RISK_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        RiskFlag.BORDER: 1.0,
        RiskFlag.ETHNIC_MINORITY: 0.6,
        RiskFlag.POOR: 0.6,
        RiskFlag.COASTAL: 0.3,
    }
)


def _freeze(obj: object, name: str, kind: type = tuple) -> None:
    value = getattr(obj, name)
    if isinstance(value, str):
        # A bare string is almost always a forgotten one-element tuple.
        value = (value,)
    object.__setattr__(obj, name, kind(value))


@dataclass(frozen=True, slots=True)
class Region:
    """One node of the region tree (province, district, commune; any depth).

    `population` None means unknown: the planner then sums the children's populations,
    or, for a leaf, uses `PlannerInput.default_population`.
    """

    id: str
    parent_id: str | None = None
    population: int | None = None
    flags: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _freeze(self, "flags", frozenset)


@dataclass(frozen=True, slots=True)
class Channel:
    """A place where a message can air, with how often and when.

    `windows` are local (start, end) times; end <= start means the window runs past
    midnight and belongs to the day it starts on (equal start and end: a full 24 hours).
    `capacity` is the maximum number of airings per local day.
    `languages` and `formats` are in the channel's order of preference.
    """

    id: str
    kind: str
    region_ids: tuple[str, ...]
    languages: tuple[str, ...]
    formats: tuple[str, ...]
    capacity: int
    windows: tuple[tuple[time, time], ...]
    slot_minutes: int
    audience: int = 0

    def __post_init__(self) -> None:
        for name in ("region_ids", "languages", "formats"):
            _freeze(self, name)
        object.__setattr__(
            self, "windows", tuple((start, end) for start, end in self.windows)
        )


@dataclass(frozen=True, slots=True)
class Variant:
    """A published variant of a key message, as the planner needs to see it.

    Empty `region_ids` means province-wide. `duration_seconds` 0 means "fills the slot";
    a variant longer than a channel's slot never airs on that channel.
    """

    id: str
    message_id: str
    language: str
    format: str
    region_ids: tuple[str, ...] = ()
    risk_groups: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()
    duration_seconds: int = 0

    def __post_init__(self) -> None:
        for name in ("region_ids", "risk_groups", "age_bands"):
            _freeze(self, name)


@dataclass(frozen=True)
class PlannerInput:
    """Everything one planning run depends on; the same input gives the same plan.

    `start` and `end` are inclusive local days; `now` must be aware (any zone). Every
    channel accepts `fallback_language` in addition to its own languages (None: no
    fallback).
    """

    start: date
    end: date
    anchor: date
    now: datetime
    channels: tuple[Channel, ...]
    variants: tuple[Variant, ...]
    regions: tuple[Region, ...]
    curve: IntensityCurve = IntensityCurve()
    risk_weights: Mapping[str, float] = field(
        default_factory=lambda: DEFAULT_RISK_WEIGHTS
    )
    seed: int = 0
    time_zone: str = "Asia/Ho_Chi_Minh"
    fallback_language: str | None = VIETNAMESE
    default_population: int = 1

    def __post_init__(self) -> None:
        for name in ("channels", "variants", "regions"):
            _freeze(self, name)
        object.__setattr__(
            self, "risk_weights", MappingProxyType(dict(self.risk_weights))
        )

    def intensity(self, day: date) -> float:
        """Share of each channel's capacity used on `day`, in (0, 1]."""
        return self.curve.at(day, self.anchor)

    def accepts_language(self, channel: Channel, language: str) -> bool:
        return language in channel.languages or language == self.fallback_language
