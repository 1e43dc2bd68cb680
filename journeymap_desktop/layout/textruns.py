"""What is actually drawn for a string: runs of one font each, in visual order.

A TrueType font has no glyph fallback, so each character goes to the first bundled font that has
it (Noto Sans, then DejaVu Sans, then Droid Sans Fallback for Chinese and Japanese). Characters
no bundled font has (emoji, Korean syllables) become one visible replacement box each instead
of vanishing or printing as .notdef; joiners and emoji modifiers that only make sense inside
such a character are dropped with it. Arabic is joined from presentation forms and
right-to-left runs are reordered, both in this order, per line.

The measurer and every renderer use `visual_text`, so a width the layout measured is exactly
the width that is drawn, on screen and on paper. Where the drawn characters differ from the text
(reordered, joined or replaced), the PDF keeps the original as /ActualText and the SVG as the
text element's label, so copying and searching still give the user's own words.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from journeymap_desktop.layout import arabic, bidi, typeface

REPLACEMENT = "\u25a1"  # WHITE SQUARE, drawn from the fallback font
_ZWJ = "\u200d"


@dataclass(frozen=True, slots=True)
class Run:
    font: str
    text: str


@dataclass(frozen=True, slots=True)
class VisualText:
    runs: tuple[Run, ...]
    actual: str | None  # the text as written, when the drawn characters differ from it


def _invisible(ch: str) -> bool:
    """Characters that draw nothing on their own: format controls, variation selectors,
    emoji skin-tone modifiers and tag characters."""
    code = ord(ch)
    return (
        unicodedata.category(ch) == "Cf"
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF
    )


def _assign(text: str, pair: typeface.FontPair) -> tuple[list[tuple[str, str]], bool]:
    """(font name, character) pairs for a visual-order string, and whether anything was
    replaced or dropped."""
    primary, fallback = pair.primary, pair.fallback
    out: list[tuple[str, str]] = []
    changed = False
    after_box = False  # the last thing drawn was a replacement box
    absorb = False  # the next missing character continues an emoji sequence already boxed
    for ch in text:
        code = ord(ch)
        if ch == _ZWJ and after_box:
            absorb, changed = True, True
            continue
        if code in primary.coverage:
            out.append((primary.name, ch))
        elif code in fallback.coverage:
            out.append((fallback.name, ch))
        elif code in pair.cjk.coverage:  # read from disk the first time it is needed
            out.append((pair.cjk.name, ch))
        elif _invisible(ch):
            changed = True
            continue
        elif absorb:
            changed, absorb = True, False
            continue
        else:
            out.append((fallback.name, REPLACEMENT))
            changed = True
            after_box, absorb = True, False
            continue
        after_box = absorb = False
    return out, changed


@cache
def _plain_characters(bold: bool) -> frozenset[str]:
    """Characters the primary face draws that never reorder a line (no right-to-left ones):
    a text of only these is one run of itself, as written."""
    pair = typeface.pair(bold)
    return frozenset(chr(code) for code in pair.primary.coverage
                     if unicodedata.bidirectional(chr(code)) not in _RIGHT_TO_LEFT
                     and not 0xD800 <= code <= 0xDFFF)


_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI"})


def is_plain(text: str, bold: bool) -> bool:
    """Whether `text` is drawn as written in the primary face alone (one run of itself):
    Latin, Greek or Cyrillic the primary face has (it has every printable ASCII
    character)."""
    return (text.isascii() and text.isprintable()) or (
        _plain_characters(bold).issuperset(text) and unicodedata.is_normalized("NFC", text))


@lru_cache(maxsize=100_000)
def visual_text(text: str, bold: bool) -> VisualText:
    pair = typeface.pair(bold)
    if is_plain(text, bold):
        # The common case: one run of the primary face, as written.
        return VisualText((Run(pair.primary.name, text),) if text else (), None)
    drawn = unicodedata.normalize("NFC", text)
    if arabic.has_arabic(drawn):
        fallback = pair.fallback.coverage
        drawn = arabic.shape(drawn, fallback.__contains__)
    drawn = bidi.visual_order(drawn)
    assigned, replaced = _assign(drawn, pair)
    runs: list[Run] = []
    for font, ch in assigned:
        if runs and runs[-1].font == font:
            runs[-1] = Run(font, runs[-1].text + ch)
        else:
            runs.append(Run(font, ch))
    changed = replaced or drawn != text
    return VisualText(tuple(runs), text if changed else None)


def missing_characters(text: str, bold: bool = False) -> list[str]:
    """The characters of `text` that no bundled font can draw (printed as a box)."""
    pair = typeface.pair(bold)
    return [
        ch for ch in unicodedata.normalize("NFC", text)
        if ord(ch) not in pair.primary.coverage and ord(ch) not in pair.fallback.coverage
        and ord(ch) not in pair.cjk.coverage
        and not _invisible(ch)
    ]
