"""Text from a file shown to people: one line, bounded, every invisible trick made visible.

A map, a recovery draft, a file name or the clipboard may hold anything: terminal escape
sequences (`ESC ]0;title BEL`, `ESC [2J`), line breaks that forge a second message line,
right-to-left overrides (U+202E) that reverse what follows, 20 MB keys. Whatever reaches a
terminal or a message goes through `shown()` (one value) or `one_line()` (a whole message):
control, bidi-formatting and line-separator characters become visible escapes (`\\x1b`,
`\\u202e`, `\\n`), undecodable file-name bytes become `\\xff`, and long values are cut with an
ellipsis. Pure Python, no Qt: the command line and the dialogs share it.
"""

from __future__ import annotations

import os
import unicodedata

MAX_VALUE = 200  # characters of one name or value in a message
MAX_MESSAGE = 1_000  # characters of one whole message line
ELLIPSIS = "…"

# Characters that change how the text around them is shown rather than showing themselves.
_BIDI_FORMATTING = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_INVISIBLE = frozenset("\ufeff\u2060\u00ad\ufff9\ufffa\ufffb")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(ch: str) -> str:
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a file-name byte that is not UTF-8 (surrogateescape)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _needs_escape(ch: str) -> bool:
    code = ord(ch)
    if 0x20 <= code < 0x7F:
        return False  # the common case, decided without a Unicode table look-up
    if ch in _BIDI_FORMATTING or ch in _INVISIBLE:
        return True
    # Cc: C0/C1 controls and DEL; Zl/Zp: U+2028/U+2029; Cs: lone surrogates.
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs")


def escape(text: str) -> str:
    """`text` with every control, bidi-formatting, line-separator and undecodable character
    written as a visible escape. Letters of every script (Hebrew, Arabic, emoji) stay as
    they are."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(_escape_char(ch) if _needs_escape(ch) else ch for ch in text)


def shown(value: object, limit: int = MAX_VALUE, *, middle: bool = False) -> str:
    """One value (a name, an id, a key) ready for a message: escaped, at most `limit`
    characters, cut with an ellipsis; `middle` keeps the end too (file names keep their
    suffix). Only the first `limit` characters are ever looked at from the end being cut, so
    a 20,000,000-character key costs no more than a short one."""
    text = value if isinstance(value, str) else str(value)
    limit = max(limit, 2)
    if middle and len(text) > limit:
        head_budget = (limit - 1) * 2 // 3
        head = _escaped_prefix(text, head_budget)
        tail = _escaped_suffix(text, limit - 1 - len(head))
        return head + ELLIPSIS + tail
    escaped = _escaped_prefix(text, limit + 1)
    if len(escaped) <= limit and len(text) <= limit:
        return escaped
    return _escaped_prefix(text, limit - 1) + ELLIPSIS


def _escaped_prefix(text: str, budget: int) -> str:
    """The escaped start of `text`, at most `budget` characters, never cut inside an
    escape."""
    pieces: list[str] = []
    used = 0
    for ch in text[:budget]:
        piece = _escape_char(ch) if _needs_escape(ch) else ch
        if used + len(piece) > budget:
            break
        pieces.append(piece)
        used += len(piece)
    return "".join(pieces)


def _escaped_suffix(text: str, budget: int) -> str:
    pieces: list[str] = []
    used = 0
    for ch in reversed(text[-budget:] if budget > 0 else ""):
        piece = _escape_char(ch) if _needs_escape(ch) else ch
        if used + len(piece) > budget:
            break
        pieces.append(piece)
        used += len(piece)
    return "".join(reversed(pieces))


def quoted(value: object, limit: int = MAX_VALUE) -> str:
    """A value in typographic quotes: “name”."""
    return f"“{shown(value, limit)}”"


def one_line(message: str, limit: int = MAX_MESSAGE) -> str:
    """A whole message as one safe line: escaped and at most `limit` characters. Build the
    message from `shown()` values first, so each of them is cut where it belongs; this is
    the last guard."""
    return shown(message, limit)


def file_name(path: object, limit: int = MAX_VALUE) -> str:
    """A file's name (not its folder) for a message, cut in the middle so the suffix shows."""
    text = os.fspath(path) if isinstance(path, str | os.PathLike) else str(path)
    name = os.path.basename(text) or text
    return shown(name, limit, middle=True)


def file_path(path: object, limit: int = MAX_VALUE) -> str:
    """A whole path for a message, cut in the middle so the file's name shows."""
    return shown(str(path), limit, middle=True)


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """"1 card", "2 cards", "0 cards": a count with its noun in the right number."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
