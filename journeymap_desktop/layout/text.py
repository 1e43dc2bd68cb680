"""Line wrapping with an ellipsis, from any text-measuring function.

The canvas measures with Qt's font metrics and the PDF with reportlab's, both on the bundled
font, and both wrap with this one algorithm, so a card breaks its lines at the same words on
screen and on paper.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Protocol

from journeymap_desktop.layout.theme import FontRole

ELLIPSIS = "…"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
# Safety margin so a renderer whose widths differ in the last decimal never overflows a box.
_SLACK = 0.5
FIT_SLACK = _SLACK  # what `fit` leaves free at the end of a line (for callers that plan room)


class TextMeasurer(Protocol):
    """Widths and vertical metrics of the bundled font at each role's size, in layout units."""

    def width(self, text: str, role: FontRole) -> float: ...

    def ascent(self, role: FontRole) -> float: ...

    def descent(self, role: FontRole) -> float: ...


@dataclass(frozen=True, slots=True)
class Wrapped:
    lines: tuple[str, ...]
    truncated: bool


def clean_text(text: str) -> str:
    """Drop control characters (but keep line breaks) that no font can draw."""
    if text.isprintable():
        return text  # nothing to drop (printable text has no control characters at all)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch for ch in text
        if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs", "Co")
    )


class Wrapper:
    """Wraps text for one measurer, remembering word widths (maps repeat words a lot)."""

    def __init__(self, measurer: TextMeasurer) -> None:
        self.measurer = measurer
        self._widths: dict[FontRole, dict[str, float]] = {role: {} for role in FontRole}
        # One-line fits by role and room: kind labels, channels and feeling words repeat on
        # thousands of cards.
        self._fits: dict[FontRole, dict[tuple[str, float], str]] = {role: {} for role in FontRole}

    def width(self, text: str, role: FontRole) -> float:
        widths = self._widths[role]
        found = widths.get(text)
        if found is None:
            found = self.measurer.width(text, role)
            if len(widths) > 100_000:
                widths.clear()
            widths[text] = found
        return found

    def wrap(self, text: str, role: FontRole, width: float, max_lines: int) -> Wrapped:
        if max_lines <= 0 or not text:
            return Wrapped((), bool(text))
        budget = width - _SLACK
        space = self.width(" ", role)
        widths = self._widths[role]
        lines: list[str] = []
        words_left: list[list[str]] = [
            _SPACES.sub(" ", paragraph).strip().split(" ")
            for paragraph in clean_text(text).split("\n")
        ]
        words_left = [words for words in words_left if words != [""]]
        for p_index, words in enumerate(words_left):
            current: list[str] = []
            current_width = 0.0
            w_index = 0
            while w_index < len(words):
                word = words[w_index]
                word_width = widths.get(word)
                if word_width is None:
                    word_width = self.width(word, role)
                needed = word_width if not current else current_width + space + word_width
                if needed <= budget:
                    current.append(word)
                    current_width = needed
                    w_index += 1
                    continue
                if current:
                    lines.append(" ".join(current))
                    current, current_width = [], 0.0
                else:
                    # One word wider than the box: break it between characters.
                    head = self._longest_prefix(word, role, budget)
                    lines.append(head)
                    words[w_index] = word[len(head):]
                if len(lines) >= max_lines:
                    rest = " ".join([*current, *words[w_index:]])
                    later = [" ".join(w) for w in words_left[p_index + 1:]]
                    return self._truncated(lines, " ".join([rest, *later]).strip(), role, budget)
            if current:
                lines.append(" ".join(current))
            if len(lines) >= max_lines and p_index < len(words_left) - 1:
                following = " ".join(" ".join(w) for w in words_left[p_index + 1:])
                return self._truncated(lines[:max_lines], following, role, budget)
        return Wrapped(tuple(lines), False)

    def fit(self, text: str, role: FontRole, width: float) -> str:
        """One line: the text as is if it fits, else cut with an ellipsis."""
        fits = self._fits[role]
        fitted = fits.get((text, width))
        if fitted is None:
            fitted = self._fit(text, role, width)
            if len(fits) > 100_000:
                fits.clear()
            fits[(text, width)] = fitted
        return fitted

    def _fit(self, text: str, role: FontRole, width: float) -> str:
        text = _SPACES.sub(" ", clean_text(text).replace("\n", " ")).strip()
        if self.width(text, role) <= width - _SLACK:
            return text
        return self._with_ellipsis(text, role, width - _SLACK)

    def _truncated(self, lines: list[str], rest: str, role: FontRole, budget: float) -> Wrapped:
        last = lines[-1] + (" " + rest if rest else "")
        lines[-1] = self._with_ellipsis(last, role, budget)
        return Wrapped(tuple(lines), True)

    def _with_ellipsis(self, text: str, role: FontRole, budget: float) -> str:
        room = budget - self.width(ELLIPSIS, role)
        head = self._longest_prefix(text, role, room, allow_empty=True)
        # Prefer to cut at a word boundary when that loses little.
        cut = head.rfind(" ")
        if cut > len(head) * 0.6:
            head = head[:cut]
        return head.rstrip(" ,.;:-–—") + ELLIPSIS

    def _longest_prefix(self, text: str, role: FontRole, budget: float,
                        allow_empty: bool = False) -> str:
        low, high = (0 if allow_empty else 1), len(text)
        if high == 0:
            return ""
        while low < high:
            middle = (low + high + 1) // 2
            if self.measurer.width(text[:middle], role) <= budget:
                low = middle
            else:
                high = middle - 1
        if low < len(text) and low > 0 and unicodedata.combining(text[low]):
            # Never split a letter from its accent.
            while low > 1 and unicodedata.combining(text[low]):
                low -= 1
        return text[:low]
