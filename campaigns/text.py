"""Text measures editors rely on: characters and words as a reader sees them,
reading time, and the words a search looks for."""

import math
import unicodedata

import regex

SHORT_TEXT_LIMIT = 160
WORDS_PER_MINUTE = 130
SCRIPT_LIMIT_SECONDS = 5 * 60
SEARCH_MAX_WORDS = 20

# A word is a run of letters, marks and digits; spaces, punctuation, underscores and
# every other joiner separate words, so "a_b_c" reads as three words aloud.
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
# Extended grapheme clusters (UAX #29): "người" typed decomposed is still five.
_GRAPHEME = regex.compile(r"\X")
# The one invisible character a reader relies on: the joiner inside an emoji
# sequence such as a family or a profession.
_EMOJI_JOINER = regex.compile(
    r"(?<=\p{Extended_Pictographic}[\p{M}\p{Emoji_Modifier}\uFE0F]*)\u200D(?=\p{Extended_Pictographic})"
)


def visible_length(text: str) -> int:
    """Characters as a reader sees them: "người" is five, however it was typed."""
    return len(_GRAPHEME.findall(unicodedata.normalize("NFC", text)))


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def reading_seconds(text: str) -> int:
    """Time to read aloud at 130 words a minute, rounded up to the second."""
    return math.ceil(word_count(text) * 60 / WORDS_PER_MINUTE)


def invisible_characters(text: str) -> list[str]:
    """Format characters (Unicode category Cf: zero-width spaces and joiners,
    direction marks...) that would hide letters from a count, as U+XXXX names."""
    seen = []
    for char in _EMOJI_JOINER.sub("", text):
        if unicodedata.category(char) == "Cf":
            code = f"U+{ord(char):04X}"
            if code not in seen:
                seen.append(code)
    return seen


def fold(text: str) -> str:
    """Lowercase without diacritics: "mua ban nguoi" finds "mua bán người"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


def search_words(query: str) -> list[str]:
    """The words of a search, folded: quotes, operators, NUL and every other
    non-word character are dropped, so no query is read as query syntax."""
    return _WORD.findall(fold(query))[:SEARCH_MAX_WORDS]
