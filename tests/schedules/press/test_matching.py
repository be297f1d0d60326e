"""Campaign terms found in articles however the outlet writes them, as whole words."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schedules.press.matching import compile_terms, fold

TERMS = [
    "mua bán người",
    "buôn bán người",
    "phòng, chống mua bán người",
    "Ngày toàn dân phòng, chống mua bán người",
    "Ma",
    "Đường dây",
    "30/7",
]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Phòng, chống MUA BÁN NGƯỜI!", "phong chong mua ban nguoi"),
        ("Đặng đường ĐỨC", "dang duong duc"),
        ("mua-bán_người", "mua ban nguoi"),
        ("  nhiều \t\n khoảng   trắng ", "nhieu khoang trang"),
        ("“Ngày 30/7”…", "ngay 30 7"),
        (unicodedata.normalize("NFD", "Người"), "nguoi"),
        ("", ""),
        ("!!!", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("title", "summary", "matched"),
    [
        ("Mua bán người", "", ["mua bán người"]),
        ("MUA BÁN NGƯỜI", "", ["mua bán người"]),
        ("mua ban nguoi", "", ["mua bán người"]),
        ("Chống mua-bán người", "", ["mua bán người"]),
        ("mua_bán…người!", "", ["mua bán người"]),
        (unicodedata.normalize("NFD", "Mua bán người"), "", ["mua bán người"]),
        (
            "Tin tức",
            "Triệt phá đường dây mua bán người",
            ["mua bán người", "Đường dây"],
        ),
        ("ĐƯỜNG DÂY BUÔN BÁN NGƯỜI", "", ["buôn bán người", "Đường dây"]),
        ("duong day", "", ["Đường dây"]),
        # Whole words only.
        ("muabannguoi", "", []),
        ("mua bán người2024", "", []),
        ("Mùa hè xanh", "", []),  # "mùa" folds to "mua", not "ma"
        ("Ma túy", "", ["Ma"]),
        ("Ngày 130/72", "", []),
        ("Ngày 30/7", "", ["30/7"]),
        # Partial or reordered phrases are not the phrase.
        ("Mua bán đất", "", []),
        ("người mua bán", "", []),
        # A phrase never spans the end of the title and the start of the summary.
        ("Cảnh giác mua bán", "người lạ", []),
        # Nested terms are all reported, in the order they were given.
        (
            "Hưởng ứng Ngày toàn dân phòng, chống mua bán người 30/7",
            "",
            [
                "mua bán người",
                "phòng, chống mua bán người",
                "Ngày toàn dân phòng, chống mua bán người",
                "30/7",
            ],
        ),
        ("Phòng chống mua bán người", "mua bán người", TERMS[0:1] + TERMS[2:3]),
        ("", "", []),
    ],
)
def test_match(title, summary, matched):
    assert compile_terms(TERMS).match(title, summary) == matched


def test_terms_are_kept_as_given_without_empties_or_repeats():
    matcher = compile_terms(
        ["mua bán người", "", "!!!", "mua bán người", "Mua ban nguoi"]
    )

    assert matcher.terms == ("mua bán người", "Mua ban nguoi")
    # Two spellings of the same words: both are reported, each as written.
    assert matcher.match("MUA BÁN NGƯỜI") == ["mua bán người", "Mua ban nguoi"]


def test_no_terms_match_nothing():
    assert compile_terms([]).match("mua bán người", "buôn bán người") == []


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


words = st.text(alphabet="abcdđêôơưàáạảãăâèéẹẻẽ ĐÂÊ-,.", max_size=30)


@given(words, st.sampled_from(TERMS), words)
def test_a_term_is_found_between_any_words(before, term, after):
    text = f"{before} {term.upper()} {after}"

    assert term in compile_terms(TERMS).match(text)
