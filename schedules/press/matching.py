"""Find campaign terms in articles, with or without Vietnamese diacritics.

Outlets, headlines and URLs write "Mua bán người", "MUA BÁN NGƯỜI" or "mua-ban-nguoi";
all of them are the same words once folded, and a term matches only whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Plain Python, like this package: the same folding as the site's search.
from campaigns.text import fold as fold_diacritics

_SEPARATORS = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """`text` lowercased, without diacritics, words separated by single spaces
    (punctuation, hyphens of URLs and underscores included)."""
    return _SEPARATORS.sub(" ", fold_diacritics(text)).strip()


class Matcher:
    """A fixed set of terms, matched as whole words of folded text; build once, reuse.

    Terms are indexed by their first folded word instead of joined into one regex
    alternation: an alternation consumes "phong chong mua ban nguoi" and hides the
    "mua ban nguoi" inside it, while the index reports both for one dict lookup per
    word of text.
    """

    def __init__(self, terms: Iterable[str]):
        self.terms: tuple[str, ...] = tuple(dict.fromkeys(t for t in terms if fold(t)))
        self._by_first_word: dict[str, list[tuple[list[str], str]]] = {}
        for term in self.terms:
            words = fold(term).split(" ")
            self._by_first_word.setdefault(words[0], []).append((words, term))

    def match(self, title: str, summary: str = "") -> list[str]:
        """The terms found in the title or the summary, in the order they were given.

        Title and summary are searched apart, so no phrase spans the two.
        """
        found: set[str] = set()
        for text in (title, summary):
            words = fold(text).split(" ")
            for i, word in enumerate(words):
                for phrase, term in self._by_first_word.get(word, ()):
                    if words[i : i + len(phrase)] == phrase:
                        found.add(term)
        return [term for term in self.terms if term in found]


def compile_terms(terms: Iterable[str]) -> Matcher:
    """A Matcher for `terms`; terms that fold to nothing (punctuation) are dropped."""
    return Matcher(terms)
