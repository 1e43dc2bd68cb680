"""Visual reordering of one line of mixed left-to-right and right-to-left text.

PDF text is drawn glyph after glyph from left to right, and reportlab reorders bidirectional text
only through the optional `rlbidi` package, which is not a dependency of this app. This is a
compact version of the Unicode Bidirectional Algorithm (UAX #9) that is right for the text journey
maps hold: the weak-type rules W1-W7, the neutral rules N1-N2, implicit levels I1-I2, reordering
L1-L2 and bracket mirroring L4.

Known limits: explicit embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are
treated as neutral characters; the paragraph direction is taken from the line itself (its first
strong character), not from the paragraph it was wrapped from; bracket pairs (N0) are resolved
like other neutrals.
"""

from __future__ import annotations

import unicodedata

_STRONG = frozenset({"L", "R", "AL"})
_NUMBER = frozenset({"EN", "AN"})
_TRAILING = frozenset({"WS", "S", "B", "BN", "FSI", "LRI", "RLI", "PDI"})

_MIRRORS: dict[str, str] = {}
for _pair in ("()", "[]", "{}", "<>", "«»", "‹›", "⁅⁆", "⁽⁾", "₍₎", "≤≥", "⟨⟩", "⌈⌉", "⌊⌋",
              "〈〉", "《》", "「」", "『』", "【】", "〔〕", "﹙﹚", "（）", "［］", "｛｝"):
    _MIRRORS[_pair[0]] = _pair[1]
    _MIRRORS[_pair[1]] = _pair[0]


def has_rtl(text: str) -> bool:
    """True when any character is a strong right-to-left one (Hebrew, Arabic, ...)."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _bidi_types(text: str) -> list[str]:
    return [unicodedata.bidirectional(ch) or "L" for ch in text]


def paragraph_level(text: str) -> int:
    for kind in _bidi_types(text):
        if kind == "L":
            return 0
        if kind in ("R", "AL"):
            return 1
    return 0


def _resolve_weak(types: list[str], sos: str) -> list[str]:
    n = len(types)
    # W1: a non-spacing mark takes the type of what it marks.
    previous = sos
    for i in range(n):
        if types[i] == "NSM":
            types[i] = previous
        previous = types[i]
    # W2 and W3: European digits after Arabic letters are Arabic numbers; AL becomes R.
    last_strong = sos
    for i in range(n):
        kind = types[i]
        if kind in _STRONG:
            last_strong = kind
        elif kind == "EN" and last_strong == "AL":
            types[i] = "AN"
    types[:] = ["R" if kind == "AL" else kind for kind in types]
    # W4: one separator between two numbers of the same kind joins them.
    for i in range(1, n - 1):
        before, kind, after = types[i - 1], types[i], types[i + 1]
        if kind == "ES" and before == after == "EN":
            types[i] = "EN"
        elif kind == "CS" and before == after and before in _NUMBER:
            types[i] = before
    # W5: terminators (%, currency) next to European numbers are part of them.
    i = 0
    while i < n:
        if types[i] != "ET":
            i += 1
            continue
        end = i
        while end < n and types[end] == "ET":
            end += 1
        if (i > 0 and types[i - 1] == "EN") or (end < n and types[end] == "EN"):
            types[i:end] = ["EN"] * (end - i)
        i = end
    # W6: the remaining separators and terminators are plain neutrals.
    types[:] = ["ON" if kind in ("ES", "ET", "CS") else kind for kind in types]
    # W7: European numbers in left-to-right context behave as left-to-right letters.
    last_strong = sos
    for i in range(n):
        kind = types[i]
        if kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            types[i] = "L"
    return types


def _resolve_neutral(types: list[str], sos: str, eos: str, embedding: str) -> list[str]:
    n = len(types)

    def strength(kind: str) -> str | None:
        if kind == "L":
            return "L"
        if kind in ("R", "EN", "AN"):
            return "R"
        return None

    i = 0
    while i < n:
        if strength(types[i]) is not None:
            i += 1
            continue
        end = i
        while end < n and strength(types[end]) is None:
            end += 1
        before = strength(types[i - 1]) if i > 0 else sos
        after = strength(types[end]) if end < n else eos
        # N1: neutrals between text of one direction take that direction; N2: else the
        # embedding direction.
        resolved = before if before is not None and before == after else embedding
        types[i:end] = [resolved] * (end - i)
        i = end
    return types


def visual_order(text: str) -> str:
    """The characters of one line in the order they are drawn from left to right, with
    brackets mirrored inside right-to-left runs."""
    if not text or not has_rtl(text):
        return text
    base = paragraph_level(text)
    sos = eos = "R" if base % 2 else "L"
    original = _bidi_types(text)
    types = _resolve_neutral(_resolve_weak(list(original), sos), sos, eos, sos)
    levels = []
    for kind in types:
        if base % 2 == 0:
            levels.append(base + (1 if kind == "R" else 2 if kind in _NUMBER else 0))
        else:
            levels.append(base + (1 if kind in ("L", *_NUMBER) else 0))
    # L1: whitespace at the end of the line goes back to the paragraph level.
    index = len(text) - 1
    while index >= 0 and original[index] in _TRAILING:
        levels[index] = base
        index -= 1
    # L2: reverse every run at or above each level, from the highest to the lowest odd one.
    chars = list(text)
    order = list(range(len(chars)))
    highest = max(levels)
    lowest_odd = min(level for level in levels if level % 2) if any(
        level % 2 for level in levels) else highest + 1
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            end = i
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[i:end] = order[i:end][::-1]
            i = end
    # L4: a bracket in right-to-left text is drawn as its mirror image.
    return "".join(
        _MIRRORS.get(chars[k], chars[k]) if levels[k] % 2 else chars[k] for k in order
    )
