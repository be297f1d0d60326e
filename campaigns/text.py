"""Text measures editors rely on: characters as a person counts them, reading time."""

import math
import re
import unicodedata

SHORT_TEXT_LIMIT = 160
WORDS_PER_MINUTE = 130
SCRIPT_LIMIT_SECONDS = 5 * 60

_WORD = re.compile(r"\w+", re.UNICODE)
# Zero-width joiners and variation selectors glue symbols into one visible character.
_GLUE = {"\u200d", "\ufe0e", "\ufe0f"}


def visible_length(text: str) -> int:
    """Characters as a reader sees them: "người" is five, however it was typed."""
    count, glued = 0, False
    for char in unicodedata.normalize("NFC", text):
        if char in _GLUE:
            glued = True
            continue
        if unicodedata.combining(char) or glued:
            glued = False
            continue
        count += 1
    return count


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def reading_seconds(text: str) -> int:
    """Time to read aloud at 130 words a minute, rounded up to the second."""
    return math.ceil(word_count(text) * 60 / WORDS_PER_MINUTE)


def fold(text: str) -> str:
    """Lowercase without diacritics: "mua ban nguoi" finds "mua bán người"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())
