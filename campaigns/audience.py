"""Who a visitor of the public site says they are: where they live, their age group
and the language they read. The site then shows each message as it was written for
them, by the rule the planner uses, and keeps the choice in a cookie.

Everything works without JavaScript: the choice is a plain GET form, the place is
searched on the server (with or without accents) and, when the name fits several
places, the matches come back as a list to pick from.
"""

import datetime
import re
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from media.models import VIETNAMESE, Language

from .models import AgeBand, CampaignPage, MessageVariant, Region, RegionMap
from .models.regions import KIND_BY_LABEL
from .selectors import region_lineage, visible_messages
from .text import fold, search_words

COOKIE = "thong_diep_cho_toi"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
# region id (empty: the whole province), age band code, language tag
_COOKIE_VALUE = re.compile(
    r"(\d{0,12}):([a-z0-9_-]{0,20}):([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)"
)
PLACE_MAX_MATCHES = 20
# The form's fields, as they show in the address bar.
PLACE, PICKED, AGE, LANGUAGE, FORGET = "noi", "xa", "tuoi", "ngon_ngu", "quen"


@dataclass(frozen=True)
class Audience:
    """What the cookie keeps: a region id, an age band code and a language tag."""

    region_id: int | None = None
    age_band: str = ""
    language: str = VIETNAMESE

    @property
    def cookie_value(self) -> str:
        return f"{self.region_id or ''}:{self.age_band}:{self.language}"

    @classmethod
    def from_cookie(cls, value: str | None) -> "Audience | None":
        found = _COOKIE_VALUE.fullmatch(value or "")
        if not found:
            return None
        region, age_band, language = found.groups()
        return cls(int(region) if region else None, age_band, language)


@dataclass
class Reader:
    """The visitor as the page sees them, checked against what exists today."""

    region: Region | None = None
    age_band: AgeBand | None = None
    language: Language | None = None
    chosen: bool = False  # whether the visitor said anything at all
    form: "AudienceForm | None" = None
    cookie: str | None = None  # a new cookie value to send; "" forgets it
    languages: list = field(default_factory=list)

    @property
    def language_code(self) -> str:
        return self.language.code if self.language else VIETNAMESE

    @property
    def ui_language(self) -> str:
        """The site's own words are Vietnamese unless the reader picked another
        language the site is translated into."""
        code = self.language_code
        return code if code in dict(settings.LANGUAGES) else VIETNAMESE

    def lineage(self, region_map: RegionMap | None) -> list[int]:
        """The reader's region and its ancestors on `region_map` (the province
        alone when no place was given or it has no counterpart there)."""
        region = place_on_map(self.region, region_map)
        if region is not None:
            return region_lineage(region)
        province = Region.objects.filter(depth=1)
        if region_map is not None:
            province = province.filter(map=region_map)
        return list(province.values_list("pk", flat=True)[:1])


def campaign_map(campaign: CampaignPage | None) -> RegionMap | None:
    if campaign is not None and campaign.region_map is not None:
        return campaign.region_map
    return RegionMap.objects.current()


def place_on_map(region: Region | None, region_map: RegionMap | None):
    """The region, or the unit it became (or came from) on another map: a commune
    chosen on today's map still finds last year's district variants. Where a unit
    was split or merged, the part holding the larger share of people is taken."""
    if region is None or region_map is None or region.map_id == region_map.pk:
        return region
    seen = {region.pk}
    later = region.map.effective_from < region_map.effective_from
    while region is not None and region.map_id != region_map.pk:
        if later:
            links = region.successor_links.select_related("new").order_by("-share")
            region = next((link.new for link in links), None)
        else:
            links = region.predecessor_links.select_related("old").order_by("-share")
            region = next((link.old for link in links), None)
        if region is None or region.pk in seen:
            return None
        seen.add(region.pk)
    return region


def reading_languages(*, campaign: CampaignPage | None, now: datetime.datetime):
    """Vietnamese, then every language a published message of the campaign has a
    usable variant in: a language without one would show nothing new."""
    codes = {VIETNAMESE}
    if campaign is not None:
        messages = visible_messages(now=now, campaigns=[campaign])
        codes |= set(
            MessageVariant.objects.filter(
                page__in=messages, translation_needed=False
            ).values_list("language_id", flat=True)
        )
    languages = list(Language.objects.filter(code__in=codes))
    return sorted(languages, key=lambda language: language.code != VIETNAMESE)


def place_label(region: Region) -> str:
    """ "Thị trấn Mường Lát (Huyện Mường Lát)": a place with what it lies in."""
    parent = region.get_parent() if region.depth > 2 else None
    return f"{region.name} ({parent.name})" if parent else region.name


def _bare(name: str) -> str:
    """A folded name without its kind: "Xã Mường Lát" -> "muong lat"."""
    folded = fold(name)
    for label in sorted(map(fold, KIND_BY_LABEL), key=len, reverse=True):
        if folded.startswith(label + " "):
            return folded[len(label) + 1 :]
    return folded


def place_search(query: str, *, region_map: RegionMap | None) -> list[Region]:
    """Communes, wards and districts whose name holds the words typed, accents or
    not: "muong lat" finds "Huyện Mường Lát" and "Thị trấn Mường Lát". A name that
    is exactly what was typed comes first, then the smaller unit."""
    words = search_words(query)
    if not words:
        return []
    phrase = " ".join(words)
    pattern = re.compile(r"(?:^| )" + re.escape(phrase))
    regions = Region.objects.filter(depth__gt=1)
    if region_map is not None:
        regions = regions.filter(map=region_map)
    found = [
        region
        for region in regions.only("pk", "name", "kind", "path", "depth", "map")
        if pattern.search(fold(region.name))
    ]
    found.sort(
        key=lambda region: (
            _bare(region.name) != phrase and fold(region.name) != phrase,
            -region.depth,
            fold(region.name),
        )
    )
    return found[:PLACE_MAX_MATCHES]


class AudienceForm(forms.Form):
    """The visitor's place, age group and language, as typed in the page's form."""

    noi = forms.CharField(
        label=_("Where you live"),
        help_text=_("Commune, ward or district; accents are optional."),
        max_length=100,
        required=False,
    )
    xa = forms.TypedChoiceField(
        label=_("Which one?"),
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
        empty_value=None,
        error_messages={
            "invalid_choice": _("This place is not on the list: type its name again.")
        },
    )
    tuoi = forms.ChoiceField(label=_("Your age"), required=False)
    ngon_ngu = forms.ChoiceField(label=_("Language you read"), required=False)

    def __init__(self, *args, region_map=None, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.region_map = region_map
        self.matches: list[Region] = []
        self.fields[AGE].choices = [("", _("Any age"))] + [
            (band.code, band.name) for band in AgeBand.objects.all()
        ]
        self.fields[LANGUAGE].choices = [
            (language.code, language.name) for language in languages
        ]
        # Offered while a name fits several places; any region of the map is
        # accepted from the address bar.
        picked = self.data.get(PICKED) if self.is_bound else None
        regions = Region.objects.filter(depth__gt=1)
        if region_map is not None:
            regions = regions.filter(map=region_map)
        self._regions = regions
        if picked and re.fullmatch(r"[0-9]{1,12}", str(picked)):
            self.fields[PICKED].choices = [
                (region.pk, place_label(region))
                for region in regions.filter(pk=int(picked))
            ]

    def clean_noi(self):
        return " ".join(self.cleaned_data[PLACE].split())

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        cleaned["region"] = None
        picked = cleaned.get(PICKED)
        place = cleaned.get(PLACE, "")
        if picked:
            cleaned["region"] = self._regions.get(pk=picked)
            return cleaned
        if not place:
            return cleaned
        self.matches = place_search(place, region_map=self.region_map)
        exact = [region for region in self.matches if fold(region.name) == fold(place)]
        if len(self.matches) == 1 or len(exact) == 1:
            cleaned["region"] = (exact or self.matches)[0]
        elif not self.matches:
            self.add_error(
                PLACE,
                _(
                    "No commune, ward or district is called “%(place)s”. Check the "
                    "spelling; accents are optional."
                )
                % {"place": place},
            )
        else:
            self.fields[PICKED].choices = [
                (region.pk, place_label(region)) for region in self.matches
            ]
            self.add_error(
                PICKED,
                _("Several places are called “%(place)s”: pick yours.")
                % {"place": place},
            )
        return cleaned


def reader_for(request, *, campaign: CampaignPage | None, now=None) -> Reader:
    """The reader of this request: from the form when it was sent (a new cookie
    follows when it is valid), else from the cookie, else nobody in particular."""
    from django.utils import timezone

    now = now or timezone.now()
    region_map = campaign_map(campaign)
    languages = reading_languages(campaign=campaign, now=now)
    by_code = {language.code: language for language in languages}
    params = request.GET
    if FORGET in params:
        return Reader(
            language=by_code.get(VIETNAMESE),
            cookie="",
            languages=languages,
            form=AudienceForm(region_map=region_map, languages=languages),
        )
    if any(name in params for name in (PLACE, PICKED, AGE, LANGUAGE)):
        form = AudienceForm(params, region_map=region_map, languages=languages)
        if not form.is_valid():
            return Reader(
                language=by_code.get(VIETNAMESE), form=form, languages=languages
            )
        region = form.cleaned_data["region"]
        age_band = AgeBand.objects.filter(code=form.cleaned_data[AGE]).first()
        language = by_code.get(form.cleaned_data[LANGUAGE] or VIETNAMESE)
        audience = Audience(
            region.pk if region else None,
            age_band.code if age_band else "",
            language.code if language else VIETNAMESE,
        )
        reader = Reader(region, age_band, language, True, None, audience.cookie_value)
    else:
        audience = Audience.from_cookie(request.COOKIES.get(COOKIE))
        if audience is None:
            reader = Reader(language=by_code.get(VIETNAMESE))
        else:
            reader = Reader(
                region=Region.objects.filter(pk=audience.region_id).first()
                if audience.region_id
                else None,
                age_band=AgeBand.objects.filter(code=audience.age_band).first(),
                language=by_code.get(audience.language, by_code.get(VIETNAMESE)),
                chosen=True,
            )
    reader.languages = languages
    on_map = place_on_map(reader.region, region_map)
    initial = {
        PLACE: on_map.name if on_map else "",
        AGE: reader.age_band.code if reader.age_band else "",
        LANGUAGE: reader.language_code,
    }
    reader.form = AudienceForm(
        initial=initial, region_map=region_map, languages=languages
    )
    return reader


def remember(reader: Reader, response) -> None:
    """Send the reader's new choice, or forget it, on the way out."""
    if reader.cookie is None:
        return
    if reader.cookie == "":
        response.delete_cookie(COOKIE, samesite="Lax")
        return
    response.set_cookie(
        COOKIE,
        reader.cookie,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def public_language(request) -> str:
    """The language the public site speaks to this visitor: Vietnamese unless the
    cookie names another the site is translated into and messages are written in."""
    audience = Audience.from_cookie(request.COOKIES.get(COOKIE))
    code = audience.language if audience else VIETNAMESE
    if code == VIETNAMESE or code not in dict(settings.LANGUAGES):
        return VIETNAMESE
    usable = MessageVariant.objects.filter(language_id=code, translation_needed=False)
    return code if usable.exists() else VIETNAMESE


def serve_in_language(request, code: str, render):
    """Render a public response in `code`, whatever the browser asked for."""
    with translation.override(code):
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        response["Content-Language"] = code
    return response
