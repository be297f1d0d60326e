"""Text limits count what a reader sees: no invisible characters, Unicode words and
grapheme clusters (issue 16)."""

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Format, MessageVariant
from campaigns.text import invisible_characters, visible_length, word_count


def refusal(variant):
    with pytest.raises(ValidationError) as caught:
        variant.clean()
    return " ".join(caught.value.message_dict["text"])


@pytest.mark.parametrize(
    "joiner", ["\u200d", "\u200b", "\u200c", "\u2060", "\ufeff", "\u200e", "\u202e"]
)
def test_an_sms_glued_with_invisible_characters_is_refused(joiner):
    variant = MessageVariant(format=Format.SHORT_TEXT, text=joiner.join("a" * 1000))
    message = refusal(variant)
    assert f"U+{ord(joiner):04X}" in message
    assert "vô hình" in message


def test_a_script_with_a_direction_mark_is_refused():
    variant = MessageVariant(
        format=Format.LOUDSPEAKER_SCRIPT, text="Gọi 111\u200f khi nghi ngờ."
    )
    assert "U+200F" in refusal(variant)


def test_the_joined_letters_count_as_a_reader_sees_them():
    assert visible_length("\u200d".join("a" * 1000)) == 1000
    assert visible_length("ngu\u031bo\u031b\u0300i") == 5
    assert visible_length("🇻🇳") == 1


def test_emoji_sequences_are_not_invisible_characters():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert invisible_characters(f"Gia đình {family} an toàn") == []
    assert visible_length(family) == 1
    variant = MessageVariant(format=Format.SHORT_TEXT, text=f"Bảo vệ {family}")
    variant.clean()


def test_a_script_joined_by_underscores_counts_every_word():
    script = "_".join(["người"] * 3000)
    assert word_count(script) == 3000
    variant = MessageVariant(format=Format.LOUDSPEAKER_SCRIPT, text=script)
    assert "5" in refusal(variant)


def test_other_joiners_between_words_do_not_hide_words():
    assert word_count("mua‿bán·người—ở﹏đâu") == 5


def test_articles_may_keep_format_characters():
    # Only texts counted against a limit are checked; an article may carry a soft
    # hyphen from a word processor.
    MessageVariant(format=Format.ARTICLE, text="Phòng\u00adchống").clean()
