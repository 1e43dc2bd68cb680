"""Text as the PDF draws it: font fallback, replacement boxes, right-to-left order, Arabic
joining, and a measurer that measures exactly what is drawn."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap_desktop.export import fonts
from journeymap_desktop.export.draw import text_width
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.arabic import shape
from journeymap_desktop.layout.bidi import visual_order
from journeymap_desktop.layout.engine import LayoutEngine
from journeymap_desktop.layout.textruns import REPLACEMENT, missing_characters, visual_text
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.layout.typeface import FontMeasurer
from tests.helpers.maps import unicode_map


def _drawn(text: str, bold: bool = False) -> str:
    return "".join(run.text for run in visual_text(text, bold).runs)


def _fonts(text: str, bold: bool = False) -> list[str]:
    return [run.font for run in visual_text(text, bold).runs]


@pytest.mark.parametrize("text", ["Zażółć gęślą jaźń", "Ελληνικά", "Привет, мир", "<b>R&D</b>",
                                  "“Quotes” – dashes — €5 …"])
def test_latin_greek_cyrillic_and_punctuation_are_noto_sans(text: str) -> None:
    drawn = visual_text(text, False)
    assert _fonts(text) == [fonts.PRIMARY_REGULAR]
    assert _drawn(text) == text and drawn.actual is None


def test_symbols_noto_lacks_come_from_the_fallback_font() -> None:
    assert _fonts("Done ✓ → next") == [fonts.PRIMARY_REGULAR, fonts.FALLBACK_REGULAR,
                                       fonts.PRIMARY_REGULAR, fonts.FALLBACK_REGULAR,
                                       fonts.PRIMARY_REGULAR]
    assert _drawn("Done ✓ → next") == "Done ✓ → next"
    assert fonts.FALLBACK_BOLD in _fonts("✓", bold=True)


def test_characters_no_font_has_become_one_visible_box_each() -> None:
    # A family emoji is one character to a reader: one box, not three.
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    drawn = visual_text(f"Hi {family}!", False)
    assert _drawn(f"Hi {family}!") == f"Hi {REPLACEMENT}!"
    assert drawn.actual == f"Hi {family}!"  # the words as written stay in the PDF
    assert _drawn("👍🏽 ok") == f"{REPLACEMENT} ok"  # the skin-tone modifier goes with it
    assert missing_characters("a👍b") == ["👍"]
    assert _drawn("\U00013000\uabc0") == REPLACEMENT * 2  # hieroglyph, Meetei Mayek


@pytest.mark.parametrize("text", ["日本語のレシート", "中文 菜单", "カタカナ", "ひらがな"])
def test_chinese_and_japanese_come_from_the_cjk_fallback(text: str) -> None:
    for bold in (False, True):
        drawn = visual_text(text, bold)
        assert "".join(run.text for run in drawn.runs) == text
        assert {run.font for run in drawn.runs if not run.text.isspace()} >= {fonts.CJK}
        assert not missing_characters(text)


def test_every_drawn_character_has_a_glyph_in_its_font() -> None:
    for text in ("שלום", "مرحبا", "Emoji 🎉 日本 ✓", "Mixed abc שלום 123"):
        for bold in (False, True):
            for run in visual_text(text, bold).runs:
                face = fonts.face(run.font)
                assert all(ord(ch) in face.coverage for ch in run.text), (text, run)


@pytest.mark.parametrize(("logical", "visual"), [
    ("שלום", "םולש"),
    ("שלום עולם", "םלוע םולש"),
    ("Order 123 שלום עולם done", "Order 123 םלוע םולש done"),
    ("שלום 2024 עולם", "םלוע 2024 םולש"),  # numbers stay left to right inside RTL
    ("(שלום)", "(םולש)"),  # brackets are mirrored, so they still enclose the word
    ("שלום, Anna!", "!Anna ,םולש"),  # an RTL sentence ends on the left
    ("plain text", "plain text"),
])
def test_right_to_left_runs_read_right_to_left(logical: str, visual: str) -> None:
    assert visual_order(logical) == visual


def test_arabic_letters_join() -> None:
    have = fonts.face(fonts.FALLBACK_REGULAR).coverage.__contains__
    # beh, alef, beh: initial beh, final alef (alef never joins to the left), isolated beh
    assert shape("\u0628\u0627\u0628", have) == "\ufe91\ufe8e\ufe8f"
    # seen seen seen: initial, medial, final
    assert shape("\u0633\u0633\u0633", have) == "\ufeb3\ufeb4\ufeb2"
    # lam + alef is one ligature
    assert shape("\u0644\u0627", have) == "\ufefb"
    # Words join separately.
    assert shape("\u0628\u0628 \u0628\u0628", have) == "\ufe91\ufe90 \ufe91\ufe90"
    assert shape("no arabic", have) == "no arabic"
    # The shaped word is then reversed for drawing.
    assert _drawn("\u0628\u0627\u0628") == "\ufe8f\ufe8e\ufe91"


def test_measurer_measures_what_is_drawn() -> None:
    measurer = FontMeasurer()
    for text in ("Hello", "Zażółć", "שלום abc", "مرحبا", "a 🎉 b", "✓"):
        for role in FontRole:
            spec = theme.FONTS[role]
            assert measurer.width(text, role) == pytest.approx(
                text_width(text, spec.size, spec.bold))
    assert measurer.ascent(FontRole.CARD_BODY) > measurer.descent(FontRole.CARD_BODY) > 0


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=0, max_size=40))
def test_any_text_draws_without_error_and_measures_consistently(text: str) -> None:
    drawn = visual_text(text, False)
    width = FontMeasurer().width(text, FontRole.CARD_BODY)
    assert width >= 0
    for run in drawn.runs:
        face = fonts.face(run.font)
        assert all(ord(ch) in face.coverage for ch in run.text)


def test_wrapped_card_lines_fit_their_cards_in_every_script() -> None:
    layout = LayoutEngine(FontMeasurer()).layout(unicode_map())
    for box in layout.cards.values():
        content = box.content
        for line in (*content.title, *content.body):
            spec = theme.FONTS[line.role]
            assert line.x + text_width(line.text, spec.size, spec.bold) <= \
                theme.CARD_WIDTH - theme.CARD_PAD + 0.01
