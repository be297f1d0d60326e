"""Every string of our apps a person reads has Vietnamese, and so do the strings of
Django and Wagtail that staff meet in the admin.

The apps' messages are extracted afresh, as `make messages` would, into a copy of
each app under a temporary directory: the real .po files are read, never written.
"""

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.timesince import timesince
from django.utils.translation import trans_real

from tests.conftest import ROOT, require_service

APPS = ["cms", "campaigns", "media", "schedules"]
_MSGID = re.compile(r'^msgid "(.*)"$', re.MULTILINE)


def _msgids(po_text: str) -> list[str]:
    """The msgids of a .po printed by msgattrib --no-wrap, without the header."""
    return [found for found in _MSGID.findall(po_text) if found]


def _unescape(text: str) -> str:
    """A .po string as Python reads it: \\" and \\n unescaped."""
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _gettext_tools():
    require_service(
        "GNU gettext (xgettext, msgattrib)",
        all(shutil.which(tool) for tool in ("xgettext", "msgmerge", "msgattrib")),
    )


@pytest.mark.parametrize("app", APPS)
def test_every_message_of_the_app_has_vietnamese(app, tmp_path, monkeypatch):
    _gettext_tools()
    copy = tmp_path / app
    shutil.copytree(
        ROOT / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
    )
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["vi"], no_obsolete=True, verbosity=0)
    po = copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"

    def listed(*options):
        return _msgids(
            subprocess.run(
                ["msgattrib", *options, "--no-obsolete", "--no-wrap", str(po)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )

    missing = listed("--untranslated") + listed("--only-fuzzy")
    assert not missing, (
        f"{len(missing)} message(s) of {app} without Vietnamese "
        f"(run `make messages`, translate, compile):\n" + "\n".join(missing)
    )


def test_the_compiled_catalogues_match_their_sources():
    """A .po edited but not compiled leaves the admin in English: each .mo is what
    msgfmt makes of its .po today."""
    _gettext_tools()
    stale = []
    for po in sorted(ROOT.glob("*/locale/vi/LC_MESSAGES/*.po")) + sorted(
        ROOT.glob("locale/vi/LC_MESSAGES/*.po")
    ):
        compiled = subprocess.run(
            ["msgfmt", "--check-format", "-o", "-", str(po)],
            capture_output=True,
            check=True,
        ).stdout
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled:
            stale.append(str(po.relative_to(ROOT)))
    assert not stale, "compile these (msgfmt -o django.mo django.po): " + ", ".join(
        stale
    )


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (datetime.timedelta(minutes=2), "2 phút"),
        (datetime.timedelta(hours=5), "5 giờ"),
        (datetime.timedelta(days=3), "3 ngày"),
        (datetime.timedelta(days=15), "2 tuần"),
        (datetime.timedelta(days=70), "2 tháng"),
        (datetime.timedelta(days=9 * 366), "9 năm"),
    ],
)
def test_relative_times_read_in_vietnamese(delta, expected):
    """Django's own vi catalogue predates its "%(num)d minute" msgids."""
    now = timezone.now()
    with translation.override("vi"):
        shown = timesince(now - delta, now, depth=1)
    assert shown.replace("\xa0", " ") == expected


def test_the_admin_scripts_strings_have_vietnamese():
    """Wagtail's editor, sidebar and StreamField ("Collapse all", "Insert a block")
    speak through the JavaScript catalogue; each of its msgids has Vietnamese."""
    _gettext_tools()
    import wagtail.admin

    source = (
        Path(wagtail.admin.__file__).parent / "locale/en/LC_MESSAGES/djangojs.po"
    )
    english = subprocess.run(
        ["msgattrib", "--no-wrap", "--no-obsolete", str(source)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    catalogue = trans_real.DjangoTranslation(
        "vi", domain="djangojs", localedirs=[str(source.parents[2])]
    )
    plurals = {
        _unescape(single): _unescape(plural)
        for single, plural in re.findall(
            r'^msgid "(.*)"\nmsgid_plural "(.*)"$', english, re.MULTILINE
        )
    }
    untranslated = []
    for msgid in map(_unescape, _msgids(english)):
        if msgid in plurals:
            shown = catalogue.ngettext(msgid, plurals[msgid], 2)
        else:
            shown = catalogue.gettext(msgid)
        # A bare format ("%(option)s: %(label)s") reads the same in any language.
        words = re.sub(r"%\(\w+\)[sd]", "", msgid)
        if shown in (msgid, plurals.get(msgid)) and re.search(r"[A-Za-z]{2,}", words):
            untranslated.append(msgid)
    assert not untranslated, "\n".join(untranslated)
