"""What Mermaid's `journey` grammar does to text, shared by the reader and the writer.

The reader turns the text of a token into a value (`finish`), the way Mermaid 11 does:
JavaScript's `trim()` and `Number()`, and entity codes such as `#58;` (Mermaid's documented way
to write a character its grammar would take as syntax). `<br>` stays as written: Mermaid's
journey draws its labels as HTML text, so a `<br>` shows literally (checked with mmdc 11.17).
The writer `clean`s a value into text Mermaid's lexer cannot misread, and checks with the very
same `finish` whether the value survives; when it does not (a trailing space, a control
character, an empty name), the original goes into a `%% journeymap ...` comment line, so a
round trip through Mermaid is lossless. See mermaid_reader.py for the grammar itself.
"""

from __future__ import annotations

import html.entities
import json
import math
import re
from typing import Any, Literal

# JavaScript's \s (and what String.prototype.trim removes).
JS_WHITESPACE = ("\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                 "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")
WS = re.escape(JS_WHITESPACE)

# Mermaid replaces `#name;` and `#123;` with placeholders before parsing, so their characters
# never reach the grammar; the reader does the same with private-use characters.
ENTITY = re.compile(r"#([A-Za-z0-9_]+);")
_NUMERIC_OPEN, _CLOSE, _NAMED_OPEN = "\ue000", "\ue001", "\ue002"
_PLACEHOLDER = re.compile(f"([{_NUMERIC_OPEN}{_NAMED_OPEN}])([A-Za-z0-9_]+){_CLOSE}")

# The text Mermaid draws no more than this many characters of (its `maxTextSize`, which a
# diagram cannot raise for itself); comment lines do not count.
MERMAID_MAX_TEXT = 50_000

# `%% journeymap <scope> <json object>`: what the writer keeps that Mermaid cannot hold.
PAYLOAD_MARKER = "journeymap"
PayloadScope = Literal["map", "section", "task"]
PAYLOAD_SCOPES: tuple[PayloadScope, ...] = ("map", "section", "task")
UNTITLED = "(untitled)"

ValueKind = Literal["task", "section", "title", "actor", "acc_title", "acc_descr"]


def js_trim(text: str) -> str:
    return text.strip(JS_WHITESPACE)


# ----- numbers, as JavaScript's Number() reads them ----------------------------------------
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_PLAIN = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_PREFIXED = re.compile(r"0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+")


def js_number(text: str) -> float:
    """`Number(text)` in JavaScript: "" -> 0, " 5 " -> 5, "0x1F" -> 31, "1e1" -> 10,
    "Infinity" -> inf, anything else -> NaN (Python's float() would accept "٣" and "nan")."""
    trimmed = js_trim(text)
    if not trimmed:
        return 0.0
    if _DECIMAL.fullmatch(trimmed):
        return float(trimmed)
    if _PREFIXED.fullmatch(trimmed):
        return float(int(trimmed, 0))
    if trimmed in ("Infinity", "+Infinity"):
        return math.inf
    if trimmed == "-Infinity":
        return -math.inf
    return math.nan


def is_plain_number(text: str) -> bool:
    return bool(_PLAIN.fullmatch(js_trim(text)))


# ----- entity codes --------------------------------------------------------------------------
def to_placeholders(text: str) -> str:
    """Mermaid's encodeEntities(): `#58;` -> a placeholder the grammar does not see."""
    def replace(match: re.Match[str]) -> str:
        body = match.group(1)
        opener = _NUMERIC_OPEN if body.isdigit() and body.isascii() else _NAMED_OPEN
        return f"{opener}{body}{_CLOSE}"
    return ENTITY.sub(replace, text)


def entity_char(body: str, numeric: bool) -> str | None:
    """The character(s) an entity code stands for, or None if it names nothing."""
    if numeric:
        code = int(body)
        if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
            return chr(code)
        return None
    return html.entities.html5.get(body + ";")


def from_placeholders(text: str) -> str:
    """Placeholders -> the characters Mermaid draws; an entity that names nothing stays as
    written (`#nonsense;`), which is also what a reader of the file sees."""
    def replace(match: re.Match[str]) -> str:
        numeric = match.group(1) == _NUMERIC_OPEN
        char = entity_char(match.group(2), numeric)
        return char if char is not None else f"#{match.group(2)};"
    return _PLACEHOLDER.sub(replace, text)


def unknown_entities(text: str) -> list[str]:
    """Entity codes in token text (with placeholders) that name no character."""
    return [f"#{m.group(2)};" for m in _PLACEHOLDER.finditer(text)
            if entity_char(m.group(2), m.group(1) == _NUMERIC_OPEN) is None]


def shown_source(text: str) -> str:
    """Token text with placeholders put back as the user wrote them, for messages."""
    return _PLACEHOLDER.sub(lambda m: f"#{m.group(2)};", text)


# ----- token text -> value -------------------------------------------------------------------
_DESCR_INDENT = re.compile(f"\n[{WS}]+")


def finish(kind: ValueKind, token_text: str) -> str:
    """The value Mermaid shows for the text of a token (placeholders already in)."""
    text = js_trim(token_text)
    if kind == "acc_descr":
        text = _DESCR_INDENT.sub("\n", text)
    return from_placeholders(text)


def read_value(kind: ValueKind, source_text: str) -> str:
    """The value a piece of Mermaid text reads back as (writer-side check)."""
    return finish(kind, to_placeholders(source_text))


# ----- value -> text Mermaid reads back ------------------------------------------------------
def _xml_unsafe(char: str) -> bool:
    """Characters Mermaid would copy into its SVG where XML forbids them, or that its own
    preprocessing rewrites (CR becomes LF)."""
    code = ord(char)
    if code < 0x20:
        return char not in "\t\n"
    return (0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)
            or char in "\u2028\u2029")


# Which characters each kind of value must write as entity codes. `:` `#` `;` are grammar
# everywhere (and `:` also feeds Mermaid's `style...:...#...;` rewrite), `<` starts a tag whose
# attribute quotes Mermaid's preprocessing rewrites,
# `,` separates actors, `}` ends a multi-line description.
_ESCAPED: dict[ValueKind, str] = {
    "task": ":#;<",
    "section": ":#;<",
    "title": ":#;<",
    "actor": ":#;<,",
    "acc_title": ":#;<",
    "acc_descr": ":#;<}",
}
_KEYWORD_START = re.compile(f"(?:journey|title[{WS}]|section[{WS}]|acc(?:title|descr)[{WS}]*[:{{])",
                            re.IGNORECASE)


def clean(kind: ValueKind, value: str) -> str:
    """Text for `value` that Mermaid's grammar reads as one value of this kind and draws as
    the same characters wherever it can (`a: b` -> `a#58; b`). May lose what Mermaid cannot
    hold (line breaks, end spaces, control characters, an empty name): compare
    `read_value(kind, clean(kind, value))` with the value to know."""
    escaped = _ESCAPED[kind]
    out: list[str] = []
    for index, char in enumerate(value):
        if _xml_unsafe(char):
            out.append(" ")
        elif char == "\n":
            out.append("\n" if kind == "acc_descr" else " ")
        elif char in escaped:
            out.append(f"#{ord(char)};")
        elif char == "%" and "%" in value[max(0, index - 1) : index + 2].replace("%", "", 1):
            # `%%` starts a comment or a directive (`%%{`) wherever Mermaid looks for one.
            out.append("#37;")
        else:
            out.append(char)
    text = "".join(out)
    text = js_trim(text) if kind != "acc_descr" else text.strip(JS_WHITESPACE)
    if kind == "task" and _KEYWORD_START.match(text):
        # `Journey review` would be read as the `journey` keyword, `Section A` as a section.
        text = f"#{ord(text[0])};{text[1:]}"
    if not text and kind in ("task", "section"):
        text = UNTITLED
    return text


def survives(kind: ValueKind, value: str) -> bool:
    return read_value(kind, clean(kind, value)) == value


def actor_texts(actors: list[str]) -> list[str]:
    """The actors as the writer puts them on a task line: cleaned, the empty ones left out,
    each drawn name once (the reader reports a repeated one)."""
    texts: list[str] = []
    drawn: set[str] = set()
    for actor in actors:
        text = clean("actor", actor)
        value = read_value("actor", text)
        if text and value not in drawn:
            drawn.add(value)
            texts.append(text)
    return texts


# ----- scores --------------------------------------------------------------------------------
def mermaid_score(score: float | None) -> int:
    """The whole 1-5 score the writer puts on a task line (3, neutral, when there is none)."""
    if score is None:
        return 3
    if not math.isfinite(score):
        raise ValueError(f"a task score must be a finite number, not {score!r}")
    return int(min(5, max(1, math.floor(score + 0.5))))


# ----- payload comments ----------------------------------------------------------------------
_PAYLOAD_ESCAPES = {"%": "\\u0025", "\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_PAYLOAD_ESCAPE = re.compile("[%\x85\u2028\u2029\ud800-\udfff]")


def payload_line(scope: PayloadScope, payload: dict[str, Any]) -> str:
    """`%% journeymap task {...}`: one line, with no `%` (so never a `%%{` directive) and no
    character any editor or Mermaid takes as a line break."""
    try:
        text = json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise ValueError(f"the {scope} payload cannot be written as JSON: {error}") from None
    text = _PAYLOAD_ESCAPE.sub(
        lambda m: _PAYLOAD_ESCAPES.get(m.group(0)) or f"\\u{ord(m.group(0)):04x}", text)
    return f"%% {PAYLOAD_MARKER} {scope} {text}"


def parse_payload(comment_text: str) -> tuple[PayloadScope, Any] | None:
    """(scope, decoded JSON) for the text of a `%%` comment written by `payload_line`, None if
    it is an ordinary comment. Raises ValueError if it is ours but damaged."""
    words = comment_text.strip().split(None, 2)
    if len(words) < 2 or words[0] != PAYLOAD_MARKER or words[1] not in PAYLOAD_SCOPES:
        return None
    scope: PayloadScope = words[1]
    if len(words) < 3:
        raise ValueError("it holds no data")
    try:
        return scope, json.loads(words[2])
    except json.JSONDecodeError as error:
        raise ValueError(f"its data is not valid JSON ({error.msg} at column {error.colno})") \
            from None
