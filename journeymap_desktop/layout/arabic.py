"""Joined Arabic letters from Unicode presentation forms, without a shaping engine.

reportlab draws one glyph per character and shapes Arabic only through the optional uharfbuzz
package, which is not a dependency of this app. Arabic letters change shape with their neighbours
(isolated, final, initial, medial), and Unicode has a presentation-form character for each shape
of the basic letters (U+FE70-U+FEFF, U+FB50-U+FDFF), which the bundled fallback font draws. So:
replace each letter by the form its neighbours ask for, and lam + alef by their ligature. This is
what simple Arabic "reshapers" do; it is right for Arabic and Persian letters, but not for
marks positioned by a font's GPOS tables or for letters without presentation forms (those are
drawn unjoined).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

# Letters in U+0621..U+064A order with how many presentation forms each has in U+FE80..U+FEF4:
# 1 = never joins, 2 = joins on its right only (isolated, final), 4 = joins on both sides
# (isolated, final, initial, medial).
_BASIC: tuple[tuple[int, int], ...] = (
    (0x0621, 1), (0x0622, 2), (0x0623, 2), (0x0624, 2), (0x0625, 2), (0x0626, 4), (0x0627, 2),
    (0x0628, 4), (0x0629, 2), (0x062A, 4), (0x062B, 4), (0x062C, 4), (0x062D, 4), (0x062E, 4),
    (0x062F, 2), (0x0630, 2), (0x0631, 2), (0x0632, 2), (0x0633, 4), (0x0634, 4), (0x0635, 4),
    (0x0636, 4), (0x0637, 4), (0x0638, 4), (0x0639, 4), (0x063A, 4), (0x0641, 4), (0x0642, 4),
    (0x0643, 4), (0x0644, 4), (0x0645, 4), (0x0646, 4), (0x0647, 4), (0x0648, 2), (0x0649, 2),
    (0x064A, 4),
)
# Persian and Urdu letters (Presentation Forms-A), same form order.
_EXTRA: dict[int, tuple[int, int]] = {
    0x067E: (0xFB56, 4),  # peh
    0x0686: (0xFB7A, 4),  # tcheh
    0x0698: (0xFB8A, 2),  # jeh
    0x06A9: (0xFB8E, 4),  # keheh
    0x06AF: (0xFB92, 4),  # gaf
    0x06CC: (0xFBFC, 4),  # farsi yeh
}
# lam + (alef with madda, hamza above, hamza below, plain alef): isolated form; final is +1.
_LAM = 0x0644
_LAM_ALEF: dict[int, int] = {0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}
_TATWEEL = 0x0640
_ZWJ = 0x200D

ISOLATED, FINAL, INITIAL, MEDIAL = range(4)


def _forms_table() -> dict[int, tuple[int, int]]:
    table: dict[int, tuple[int, int]] = {}
    code = 0xFE80
    for letter, count in _BASIC:
        table[letter] = (code, count)
        code += count
    table.update(_EXTRA)
    return table


_FORMS = _forms_table()


def has_arabic(text: str) -> bool:
    return any(0x0600 <= ord(ch) <= 0x06FF for ch in text)


def _joins_right(code: int) -> bool:
    """Can join to the letter before it (on its right)."""
    return (code in _FORMS and _FORMS[code][1] >= 2) or code in (_TATWEEL, _ZWJ)


def _joins_left(code: int) -> bool:
    """Can join to the letter after it (on its left)."""
    return (code in _FORMS and _FORMS[code][1] == 4) or code in (_TATWEEL, _ZWJ)


def _transparent(ch: str) -> bool:
    return unicodedata.category(ch) == "Mn"


def shape(text: str, available: Callable[[int], bool]) -> str:
    """Arabic letters replaced by their contextual presentation forms, in logical order.

    `available(code)` says whether the font that will draw the text has a glyph; a form it lacks
    is left as the plain letter, so nothing turns into a missing-glyph box.
    """
    if not has_arabic(text):
        return text
    codes = [ord(ch) for ch in text]
    n = len(codes)

    def neighbour(index: int, step: int) -> int | None:
        index += step
        while 0 <= index < n and _transparent(text[index]):
            index += step
        return codes[index] if 0 <= index < n else None

    out: list[str] = []
    i = 0
    while i < n:
        code = codes[i]
        entry = _FORMS.get(code)
        if entry is None:
            out.append(text[i])
            i += 1
            continue
        previous = neighbour(i, -1)
        joined_before = previous is not None and _joins_left(previous)
        following_index = i + 1
        while following_index < n and _transparent(text[following_index]):
            following_index += 1
        following = codes[following_index] if following_index < n else None
        if code == _LAM and following in _LAM_ALEF and following_index == i + 1:
            ligature = _LAM_ALEF[following] + (1 if joined_before else 0)
            if available(ligature):
                out.append(chr(ligature))
                i += 2
                continue
        first, count = entry
        joined_after = count == 4 and following is not None and _joins_right(following)
        joined_before = joined_before and count >= 2
        if joined_before and joined_after:
            form = MEDIAL
        elif joined_before:
            form = FINAL
        elif joined_after:
            form = INITIAL
        else:
            form = ISOLATED
        candidate = first + form
        out.append(chr(candidate) if available(candidate) else text[i])
        i += 1
    return "".join(out)
