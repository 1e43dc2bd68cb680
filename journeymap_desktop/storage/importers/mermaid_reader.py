"""Mermaid `journey` diagrams -> a neutral `Journey`, read as Mermaid 11 reads them, with
diagnostics (with line numbers) for everything Mermaid refuses, silently changes or accepts
where the text seems to mean something else.

How Mermaid reads a diagram (mermaid-js/mermaid, packages/mermaid/src: preprocess.ts,
diagram-api/{frontmatter,comments,detectType}.ts, utils.ts encodeEntities, and
diagrams/user-journey/parser/journey.jison with journeyDb.js), emulated step by step here:

1. CR LF and lone CR become LF.
2. YAML front matter (`---` ... `---` at the very start) is cut off; its `title:` is the
   diagram's title unless a `title` line follows.
3. `%%{init: ...}%%` directives are removed wherever they are (they may span lines; one that
   is never closed swallows the rest of the file).
4. Lines that start with `%%` (after spaces) are removed as comments; so is `%%` anywhere a
   token could start, and `#` to the end of the line. A `%%` in the middle of a task's data is
   *not* a comment: it becomes part of the actors.
5. `#name;` / `#123;` entity codes are replaced by placeholders (drawn as the character).
6. A jison lexer, case-insensitive, first matching rule wins: `journey`; `title` + a space +
   text up to `#`, `;` or a line end; `accTitle:` / `accDescr:` + the rest of the line;
   `accDescr {` ... `}` (any lines); `section` + a space + text up to `:` `#` `;`; a task name
   up to `:` `#` `;`; a task's data from `:` up to `#` `;` or the line end. `;` and a lone `:`
   are errors. Newlines are optional between statements.
7. A task's data `: score: actors` is split on `:`; the score is JavaScript's `Number()` of
   the first piece (so "" is 0, "abc" is NaN, "0x3" is 3), the actors are the second piece
   split on `,` and trimmed, and any further pieces are dropped.
Mermaid stops at the first error and draws nothing; this reader goes on, reads each broken
line as the text seems to mean, and reports it (severity "error": Mermaid will not draw the
file; "warning": Mermaid draws it differently from what the text says).
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from journeymap_desktop.storage.importers.errors import Diagnostic, ImportRefused, shown
from journeymap_desktop.storage.importers.journey import (
    Journey,
    JourneyComment,
    JourneySection,
    JourneyTask,
    MermaidReadResult,
)
from journeymap_desktop.storage.importers.mermaid_syntax import (
    JS_WHITESPACE,
    WS,
    ValueKind,
    actor_texts,
    clean,
    finish,
    is_plain_number,
    js_number,
    js_trim,
    mermaid_score,
    parse_payload,
    read_value,
    shown_source,
    to_placeholders,
    unknown_entities,
)
from journeymap_desktop.storage.importers.textfile import decode_text

# A journey of 10,000 tasks is under 1 MB; Mermaid itself draws no more than 50,000 characters.
MAX_MERMAID_BYTES = 16 * 1024 * 1024

_FRONT_MATTER = re.compile(r"^-{3}\s*[\n\r](.*?)[\n\r]-{3}\s*[\n\r]+", re.DOTALL)
_W = "[A-Za-z0-9_]"  # JavaScript's \w
_DIRECTIVE = re.compile(
    rf"%{{2}}\{{\s*(?:({_W}+)\s*:|({_W}+))\s*(?:({_W}+)|((?:(?!\}}%{{2}}).|\r?\n)*))?\s*(?:\}}%{{2}})?",
    re.IGNORECASE)
# Mermaid's /^\s*%%(?!{)[^\n]+\n?/gm lets \s* run over blank lines too; blank lines are kept
# here anyway, and horizontal space only keeps the match linear in Python's `re`.
_COMMENT_LINE = re.compile(r"^[^\S\n]*%%(?!\{)([^\n]+)\n?", re.MULTILINE)
_LOOKS_LIKE_TASK = re.compile(r":[ \t]*[0-9.]+[ \t]*(?::|$)")
_JS_SPACE = frozenset(JS_WHITESPACE)

TokenKind = Literal[
    "journey", "title", "acc_title", "acc_title_value", "acc_descr", "acc_descr_value",
    "acc_descr_multiline_value", "section", "taskName", "taskData", "colon", "INVALID",
    "NEWLINE", "comment", "EOF",
]
_I = re.IGNORECASE
# The lexer of journey.jison, rule by rule, in its order (first match wins).
_RULES: tuple[tuple[re.Pattern[str], TokenKind | None, str | None], ...] = (
    # (pattern, token or None to skip / "comment", state to begin)
    (re.compile(r"%%(?!\{)[^\n]*"), "comment", None),
    (re.compile(r"[^}]%%[^\n]*"), "comment", None),
    (re.compile(r"\n+"), "NEWLINE", None),
    (re.compile(f"[{WS}]+"), None, None),
    (re.compile(r"#[^\n]*"), "comment", None),
    (re.compile(r"journey", _I), "journey", None),
    (re.compile(f"title[{WS}][^#\n;]+", _I), "title", None),
    (re.compile(f"accTitle[{WS}]*:[{WS}]*", _I), "acc_title", "acc_title"),
    (re.compile(f"accDescr[{WS}]*:[{WS}]*", _I), "acc_descr", "acc_descr"),
    (re.compile(f"accDescr[{WS}]*\\{{[{WS}]*", _I), None, "acc_descr_multiline"),
    (re.compile(f"section[{WS}][^#:\n;]+", _I), "section", None),
    (re.compile(r"[^#:\n;]+"), "taskName", None),
    (re.compile(r":[^#\n;]+"), "taskData", None),
    (re.compile(r":"), "colon", None),
    (re.compile("[^\n\r\u2028\u2029]"), "INVALID", None),
)
_REST_OF_LINE = re.compile(r"[^\n]*")
_DESCR_END = re.compile(r"\}")
_DESCR_BODY = re.compile(r"[^}]*")


@dataclass(frozen=True)
class _Token:
    kind: TokenKind
    text: str
    start: int


@dataclass
class _Statement:
    kind: Literal["title", "acc_title", "acc_descr", "section", "task"]
    line: int
    text: str = ""  # the value's token text (placeholders in)
    data: str | None = None  # a task's `:...` data token
    error: str | None = None  # why Mermaid cannot parse the line this was read leniently from


@dataclass
class _Payload:
    line: int
    scope: str
    data: dict[str, Any]


@dataclass
class _Reader:
    source: str
    lines: list[str]  # the file's lines after CR/LF normalisation, for messages
    diagnostics: list[Diagnostic] = field(default_factory=list)
    comments: list[JourneyComment] = field(default_factory=list)
    payloads: list[_Payload] = field(default_factory=list)
    directives: list[str] = field(default_factory=list)

    def note(self, line: int | None, code: str, message: str,
             severity: Literal["error", "warning"] = "warning") -> None:
        self.diagnostics.append(Diagnostic(line, severity, code, message))


# ----- entry points --------------------------------------------------------------------------
def read_mermaid_file(path: str | Path) -> MermaidReadResult:
    """Read a `.mmd`/`.mermaid` file. Raises ImportRefused (one line) for a file that is not a
    Mermaid journey at all; everything else comes back as diagnostics."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImportRefused(str(path), "not a regular file")
        if size > MAX_MERMAID_BYTES:
            raise ImportRefused(str(path), f"the file is {size / 2**20:,.0f} MB; a Mermaid "
                                           f"journey is at most {MAX_MERMAID_BYTES // 2**20} MB")
        raw = path.read_bytes()
    except OSError as error:
        raise ImportRefused(str(path), f"cannot read the file: {error.strerror or error}") \
            from None
    return read_mermaid_bytes(raw, str(path))


def read_mermaid_bytes(raw: bytes, source: str = "<mermaid>") -> MermaidReadResult:
    if len(raw) > MAX_MERMAID_BYTES:
        raise ImportRefused(source, f"the file is {len(raw) / 2**20:,.0f} MB; a Mermaid journey "
                                    f"is at most {MAX_MERMAID_BYTES // 2**20} MB")
    decoded = decode_text(raw, source, what="a Mermaid journey diagram")
    result = read_mermaid(decoded.text, source)
    result.diagnostics[:0] = list(decoded.warnings)
    result.diagnostics.sort(key=lambda d: d.place or 0)
    result.encoding = decoded.encoding
    return result


def read_mermaid(text: str, source: str = "<mermaid>") -> MermaidReadResult:
    """Read Mermaid text. Refuses (ImportRefused) a diagram of another type, naming it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = _Reader(source, text.split("\n"))
    journey = Journey()
    text = _cut_front_matter(text, journey, reader)
    text = _cut_directives(text, reader)
    text = _cut_comment_lines(text, reader)
    text = "\n".join(_style_rewrite(line) for line in text.split("\n"))
    text = to_placeholders(text) + "\n"
    line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]

    def line_of(offset: int) -> int:
        return bisect_right(line_starts, offset)

    tokens = _lex(text)
    start = _check_diagram_type(tokens, text, line_of, reader)
    statements, broken = _parse(tokens[start + 1:], line_of, reader)
    _collect_comments(tokens, text, line_of, reader, broken)
    _check_unclosed_description(tokens, text, line_of, reader)
    _build(statements, journey, reader)
    journey.comments = sorted(reader.comments, key=lambda c: c.line)
    journey.directives = reader.directives
    reader.diagnostics.sort(key=lambda d: (d.place or 0))
    return MermaidReadResult(journey, reader.diagnostics)


# ----- preprocessing, as Mermaid's preprocess.ts ---------------------------------------------
def _style_rewrite(line: str) -> str:
    r"""Mermaid's encodeEntities() first applies /style.*:\S*#.*;/g and /classDef.*:\S*#.*;/g
    and drops the last `;` of each match (meant for `style a fill:#f9f;`). Python's `re` would
    backtrack for minutes on a crafted line, so the same effect is computed in one pass: after
    the keyword, a `:` whose run of non-space characters holds a `#` that comes before the
    line's last `;` means that last `;` goes."""
    for keyword in ("style", "classDef"):
        start = line.find(keyword)
        last_semicolon = line.rfind(";")
        if start < 0 or last_semicolon < 0:
            continue
        next_hash = len(line)
        found = False
        # Walk backwards, knowing the next `#` and whether a space comes before it.
        space_before_hash = True
        for position in range(len(line) - 1, start + len(keyword) - 1, -1):
            char = line[position]
            if char == "#":
                next_hash, space_before_hash = position, False
            elif char in _JS_SPACE:
                space_before_hash = True
            elif char == ":" and position >= start + len(keyword) and not space_before_hash \
                    and next_hash < last_semicolon:
                found = True
                break
        if found:
            line = line[:last_semicolon] + line[last_semicolon + 1:]
    return line



def _blank(text: str, start: int, end: int) -> str:
    """Remove text[start:end] but keep its line breaks, so line numbers stay the user's."""
    return text[:start] + "\n" * text.count("\n", start, end) + text[end:]


def _cut_front_matter(text: str, journey: Journey, reader: _Reader) -> str:
    match = _FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---"):
            reader.note(1, "front-matter", "front matter that starts with --- but is never "
                        "closed with a --- line: Mermaid reads it as diagram text",
                        severity="error")
        return text
    journey.front_matter = match.group(1)
    title = _front_matter_title(match.group(1))
    if title is not None:
        journey.title = title
    return _blank(text, 0, match.end())


def _front_matter_title(yaml_text: str) -> str | None:
    """`title:` at the top level of the front matter (plain, single- or double-quoted)."""
    for line in yaml_text.split("\n"):
        match = re.match(r"title\s*:\s*(.*?)\s*$", line)
        if not match:
            continue
        value = match.group(1)
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            try:
                decoded = json.loads(value)
                return decoded if isinstance(decoded, str) else None
            except ValueError:
                return value[1:-1]
        if value.startswith("'") and value.endswith("'") and len(value) >= 2:
            return value[1:-1].replace("''", "'")
        return re.sub(r"\s+#.*$", "", value)
    return None


def _cut_directives(text: str, reader: _Reader) -> str:
    pieces: list[tuple[int, int]] = []
    for match in _DIRECTIVE.finditer(text):
        if match.end() == match.start():
            continue
        reader.directives.append(match.group(0))
        pieces.append((match.start(), match.end()))
        if not match.group(0).rstrip().endswith("}%%"):
            line = text.count("\n", 0, match.start()) + 1
            reader.note(line, "directive-unclosed", "a %%{ directive that is never closed with "
                        "}%%: Mermaid drops everything after it")
    for start, end in reversed(pieces):
        text = _blank(text, start, end)
    return text


def _cut_comment_lines(text: str, reader: _Reader) -> str:
    pieces: list[tuple[int, int]] = []
    for match in _COMMENT_LINE.finditer(text):
        marker = text.index("%%", match.start())
        line = text.count("\n", 0, marker) + 1
        body = match.group(1)
        try:
            payload = parse_payload(body)
        except ValueError as error:
            reader.note(line, "payload-damaged", f"a journeymap comment that cannot be read "
                        f"({error}); ignored")
            payload = None
        if payload is None:
            reader.comments.append(JourneyComment(line, body.strip(), "%%"))
        elif not isinstance(payload[1], dict):
            reader.note(line, "payload-damaged", "a journeymap comment whose data is not a "
                        "JSON object; ignored")
        else:
            reader.payloads.append(_Payload(line, payload[0], payload[1]))
        pieces.append((match.start(), match.end()))
    for start, end in reversed(pieces):
        text = _blank(text, start, end)
    return text


# ----- the lexer -----------------------------------------------------------------------------
def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position, state = 0, "INITIAL"
    while position < len(text):
        if state in ("acc_title", "acc_descr"):
            match = _REST_OF_LINE.match(text, position)
            assert match is not None
            kind: TokenKind = "acc_title_value" if state == "acc_title" else "acc_descr_value"
            tokens.append(_Token(kind, match.group(0), position))
            position, state = match.end(), "INITIAL"
            continue
        if state == "acc_descr_multiline":
            end = _DESCR_END.match(text, position)
            if end:
                position, state = end.end(), "INITIAL"
                continue
            body = _DESCR_BODY.match(text, position)
            assert body is not None
            tokens.append(_Token("acc_descr_multiline_value", body.group(0), position))
            position = body.end()
            continue
        for pattern, token_kind, begin in _RULES:
            match = pattern.match(text, position)
            if match is None:
                continue
            if token_kind is not None:
                tokens.append(_Token(token_kind, match.group(0), position))
            if begin is not None:
                state = begin
            position = match.end()
            break
        else:  # nothing matches: only a line separator JavaScript's `.` refuses
            tokens.append(_Token("INVALID", text[position], position))
            position += 1
    tokens.append(_Token("EOF", "", len(text)))
    return tokens


# ----- what kind of diagram ------------------------------------------------------------------
# First words of Mermaid's other diagram types (diagram-api detectors), for a clear refusal.
_OTHER_TYPES: tuple[tuple[str, str], ...] = (
    ("flowchart-elk", "flowchart"), ("flowchart", "flowchart"), ("graph", "flowchart"),
    ("sequenceDiagram", "sequence diagram"), ("classDiagram", "class diagram"),
    ("stateDiagram", "state diagram"), ("erDiagram", "entity-relationship diagram"),
    ("gantt", "Gantt chart"), ("pie", "pie chart"), ("gitGraph", "git graph"),
    ("mindmap", "mind map"), ("timeline", "timeline"), ("quadrantChart", "quadrant chart"),
    ("requirementDiagram", "requirement diagram"), ("requirement", "requirement diagram"),
    ("C4Context", "C4 diagram"), ("C4Container", "C4 diagram"),
    ("C4Component", "C4 diagram"), ("C4Dynamic", "C4 diagram"),
    ("C4Deployment", "C4 diagram"), ("sankey", "Sankey diagram"), ("xychart", "XY chart"),
    ("block", "block diagram"), ("packet", "packet diagram"),
    ("architecture", "architecture diagram"), ("kanban", "kanban board"),
    ("radar", "radar chart"), ("treemap", "treemap"), ("zenuml", "ZenUML diagram"),
    ("info", "info diagram"), ("ishikawa", "Ishikawa diagram"), ("venn", "Venn diagram"),
    ("wardley", "Wardley map"), ("treeView", "tree view"),
    ("eventmodeling", "event modeling diagram"),
)


def _check_diagram_type(tokens: list[_Token], text: str, line_of: Any, reader: _Reader) -> int:
    """Index of the `journey` token; refuses anything else with one line naming what it is."""
    index = 0
    while tokens[index].kind == "NEWLINE" or tokens[index].kind == "comment":
        if tokens[index].text.lstrip(JS_WHITESPACE).startswith("#"):
            reader.note(line_of(tokens[index].start), "hash-before-journey", "a '#' line "
                        "before `journey`: Mermaid does not recognise the diagram type",
                        severity="error")
        index += 1
    first = tokens[index]
    if first.kind == "journey":
        if not text.startswith("journey", first.start):
            reader.note(line_of(first.start), "keyword-case", f"{shown(first.text)}: Mermaid "
                        "only recognises the diagram type written `journey`, in lower case",
                        severity="error")
        return index
    if first.kind == "EOF":
        raise ImportRefused(reader.source, "no diagram in the file (only comments or blank "
                                           "lines); a Mermaid journey starts with `journey`",
                            place=None)
    line_text = text[first.start:].split("\n", 1)[0].strip()
    word = re.split(f"[{WS};]+", line_text, maxsplit=1)[0] if line_text else ""
    line = line_of(first.start)
    for keyword, name in _OTHER_TYPES:
        if word.lower().startswith(keyword.lower()):
            raise ImportRefused(reader.source, f"this is a Mermaid {name} ({shown(word)} on "
                                f"line {line}), not a user journey; only `journey` diagrams "
                                "can be imported")
    raise ImportRefused(reader.source, f"not a Mermaid journey: line {line} starts with "
                                       f"{shown(shown_source(line_text))}, where a journey "
                                       "starts with `journey`")


def _check_unclosed_description(tokens: list[_Token], text: str, line_of: Any,
                                reader: _Reader) -> None:
    for token in tokens:
        if token.kind == "acc_descr_multiline_value" and \
                token.start + len(token.text) >= len(text) and "}" not in text[token.start:]:
            opener = text.lower().rfind("accdescr", 0, token.start)
            reader.note(line_of(max(opener, 0)), "descr-unclosed", "`accDescr {` is never closed "
                        "with `}`: Mermaid reads the rest of the file as the description")


# ----- the grammar ---------------------------------------------------------------------------
def _parse(tokens: list[_Token], line_of: Any,
           reader: _Reader) -> tuple[list[_Statement], set[int]]:
    """The statements of journey.jison, with the line each starts on. A line Mermaid cannot
    parse is reported and read leniently instead (Mermaid would draw nothing at all)."""
    statements: list[_Statement] = []
    broken: dict[int, str] = {}
    tokens = [token for token in tokens if token.kind != "comment"]
    index = 0

    def fail(at: int, line: int, reason: str) -> int:
        broken.setdefault(line, reason)
        # Skip to the first token that starts on a later line.
        while tokens[at].kind != "EOF" and line_of(tokens[at].start) <= line:
            at += 1
        return at

    while index < len(tokens):
        token = tokens[index]
        line = line_of(token.start)
        kind = token.kind
        if kind in ("NEWLINE", "EOF"):
            index += 1
        elif kind == "title":
            statements.append(_Statement("title", line, token.text[6:]))
            index += 1
        elif kind in ("acc_title", "acc_descr"):
            value = tokens[index + 1]
            statements.append(_Statement(kind, line, value.text))
            index += 2
        elif kind == "acc_descr_multiline_value":
            statements.append(_Statement("acc_descr", line, token.text))
            index += 1
        elif kind == "section":
            statements.append(_Statement("section", line, token.text[8:]))
            index += 1
        elif kind == "taskName":
            following = tokens[index + 1]
            if following.kind == "taskData":
                statements.append(_Statement("task", line, token.text, following.text))
                index += 2
            else:
                index = fail(index, line, _why_task_fails(following, reader, line))
        else:
            index = fail(index, line, _why_unexpected(token, reader, line))
    if broken:
        statements = [s for s in statements if s.line not in broken]
        for line, reason in broken.items():
            lenient = _lenient(_line_text(reader, line), line)
            if lenient is None:
                _syntax_error(reader, line, reason, "the line is left out")
            else:
                lenient.error = reason
                statements.append(lenient)
        statements.sort(key=lambda s: s.line)
    return statements, set(broken)


def _line_text(reader: _Reader, line: int) -> str:
    return reader.lines[line - 1] if 0 < line <= len(reader.lines) else ""


def _why_task_fails(following: _Token, reader: _Reader, line: int) -> str:
    if following.kind == "INVALID" and following.text == ";":
        return "';' is not allowed in a journey"
    if following.kind == "colon":
        return "nothing usable after ':' (a task is written `name: score: actors`)"
    if "#" in _line_text(reader, line):
        return "'#' in a task name starts a comment in Mermaid, cutting the line short"
    return "no ':' after the task name (a task is written `name: score: actors`)"


def _why_unexpected(token: _Token, reader: _Reader, line: int) -> str:
    if token.kind == "INVALID":
        if token.text == ";":
            return "';' is not allowed in a journey"
        return f"the character {shown(token.text)} is not allowed here"
    if token.kind == "journey":
        return "'journey' again (a task or section starting with 'journey' is read as the " \
               "diagram keyword)"
    if token.kind in ("taskData", "colon"):
        text = js_trim(_line_text(reader, line)).lower()
        if text.startswith("section"):
            return "':' in a section name"
        if text.startswith(":"):
            return "the line starts with ':' (no task name)"
        return "':' where Mermaid reads a section or title"
    return f"unexpected {shown(token.text)}"


def _lenient(raw_line: str, line: int) -> _Statement | None:
    """A broken line read as it seems meant: `#` and `;` as plain characters."""
    text = to_placeholders(raw_line.replace("\r", ""))
    stripped = js_trim(text)
    if not stripped or stripped.startswith("%%"):
        return None
    lower = stripped.lower()
    if re.match(f"section[{WS}]", lower):
        return _Statement("section", line, stripped[8:])
    if re.match(f"title[{WS}]", lower):
        return _Statement("title", line, stripped[6:])
    if lower.startswith("journey") and ":" not in stripped:
        return None
    if ":" in stripped:
        name, data = stripped.split(":", 1)
        if not js_trim(name):
            return None
        return _Statement("task", line, name, ":" + data)
    return _Statement("task", line, stripped, None)


def _syntax_error(reader: _Reader, line: int, reason: str, outcome: str) -> None:
    reader.note(line, "mermaid-syntax", f"{reason}: Mermaid refuses to draw the whole diagram; "
                f"{outcome}", severity="error")


# ----- comments and what Mermaid silently drops ----------------------------------------------
def _collect_comments(tokens: list[_Token], text: str, line_of: Any, reader: _Reader,
                      broken: set[int]) -> None:
    for token in tokens:
        if token.kind != "comment":
            continue
        body = token.text.lstrip(JS_WHITESPACE)
        offset = token.start + len(token.text) - len(body)
        line = line_of(offset)
        if line in broken:
            continue  # the line was read leniently, its `#` as text
        before = text[text.rfind("\n", 0, offset) + 1:offset]
        if body.startswith("#"):
            reader.comments.append(JourneyComment(line, shown_source(body[1:].strip()), "#"))
            if js_trim(before):
                reader.note(line, "hash-comment", f"{shown(shown_source(body))}: '#' starts a "
                            "comment in Mermaid, so this text is dropped; dropped here too")
        elif body.startswith("%%"):
            reader.comments.append(JourneyComment(line, shown_source(body[2:].strip()), "%%"))
        else:  # `x%%...`: a character then `%%` where a token could start
            reader.comments.append(JourneyComment(line, shown_source(body.strip()), "%%"))
            reader.note(line, "percent-comment", f"{shown(shown_source(body))}: Mermaid reads "
                        "a character followed by '%%' as a comment and drops the line; "
                        "dropped here too")


# ----- statements -> journey -----------------------------------------------------------------
def _build(statements: list[_Statement], journey: Journey, reader: _Reader) -> None:
    payloads = sorted(reader.payloads, key=lambda p: p.line)
    pending: dict[str, _Payload | None] = {"section": None, "task": None}
    seen: dict[str, int] = {}
    current: JourneySection | None = None
    events: list[tuple[int, int, Any]] = [(p.line, 0, p) for p in payloads]
    events += [(s.line, 1, s) for s in statements]
    events.sort(key=lambda e: (e[0], e[1]))
    map_payload: dict[str, Any] = {}
    for _, _, item in events:
        if isinstance(item, _Payload):
            if item.scope == "map":
                map_payload.update(item.data)
                continue
            previous = pending[item.scope]
            if previous is not None:
                previous.data.update(item.data)
            else:
                pending[item.scope] = item
            continue
        statement: _Statement = item
        if statement.kind in ("title", "acc_title", "acc_descr"):
            kind: ValueKind = statement.kind
            value = finish(kind, statement.text)
            if statement.error:
                _syntax_error(reader, statement.line, statement.error,
                              f"read here as the {kind.replace('_', ' ')} {shown(value)}")
            if statement.kind in seen:
                reader.note(statement.line, f"{statement.kind}-twice", f"a second "
                            f"{statement.kind.replace('_', ' ')} (the first is on line "
                            f"{seen[statement.kind]}): Mermaid shows this one")
            seen[statement.kind] = statement.line
            _warn_value(statement.text, statement.line, reader)
            if statement.kind == "title" and _LOOKS_LIKE_TASK.search(statement.text):
                reader.note(statement.line, "title-looks-like-task", f"Mermaid reads this "
                            f"line as the diagram's title {shown(value)}, not as a task (a line "
                            "starting with 'title' is always the title)")
            setattr(journey, statement.kind, value)
            continue
        if statement.kind == "section":
            _orphan(pending, "task", reader)
            current = JourneySection(finish("section", statement.text), line=statement.line)
            if statement.error:
                _syntax_error(reader, statement.line, statement.error,
                              f"read here as the section {shown(current.name)}")
            else:
                _warn_value(statement.text, statement.line, reader)
            payload = pending["section"]
            pending["section"] = None
            if payload is not None:
                _apply_section_payload(current, payload, reader)
            journey.sections.append(current)
            continue
        _orphan(pending, "section", reader)
        if current is None:
            reader.note(statement.line, "task-before-section", "tasks before the first "
                        "`section` line: Mermaid draws them under an unnamed section")
            current = JourneySection("", line=None)
            journey.sections.append(current)
        if statement.error:
            # Mermaid draws nothing of this file; what it would do to the line is moot.
            quiet = _Reader(reader.source, reader.lines)
            task = _task(statement, quiet)
            score = "no score" if task.score is None else f"score {task.score:g}"
            _syntax_error(reader, statement.line, statement.error,
                          f"read here as the task {shown(task.name)} with {score}")
        else:
            task = _task(statement, reader)
        payload = pending["task"]
        pending["task"] = None
        if payload is not None:
            _apply_task_payload(task, payload, reader)
        current.tasks.append(task)
    _orphan(pending, "section", reader)
    _orphan(pending, "task", reader)
    if map_payload:
        _apply_map_payload(journey, map_payload, reader)


def _orphan(pending: dict[str, _Payload | None], scope: str, reader: _Reader) -> None:
    payload = pending[scope]
    if payload is not None:
        reader.note(payload.line, "payload-orphan", f"a journeymap {scope} comment with no "
                    f"{scope} line right after it (was the diagram edited?); ignored")
        pending[scope] = None


def _warn_value(token_text: str, line: int, reader: _Reader) -> None:
    if "%%" in token_text:
        reader.note(line, "percent-in-text", "'%%' in the middle of a line is not a comment "
                    "to Mermaid: it shows as part of the text")
    for entity in unknown_entities(token_text):
        reader.note(line, "unknown-entity", f"{shown(entity)} names no character: Mermaid "
                    "draws it as written")


def _task(statement: _Statement, reader: _Reader) -> JourneyTask:
    line = statement.line
    name_text = statement.text
    _warn_value(name_text, line, reader)
    if statement.data is None:
        return JourneyTask(finish("task", name_text), None, [], line=line)
    _warn_value(statement.data, line, reader)
    pieces = statement.data[1:].split(":")
    score_index = 0
    if len(pieces) >= 2 and js_trim(pieces[0]) and math.isnan(js_number(pieces[0])):
        for candidate in range(1, len(pieces)):
            if js_trim(pieces[candidate]) and not math.isnan(js_number(pieces[candidate])):
                score_index = candidate
                break
    if score_index:
        mermaid_name = finish("task", name_text)
        name_text = name_text + ":" + ":".join(pieces[:score_index])
        reader.note(line, "task-name-colon", f"the task name {shown(finish('task', name_text))}"
                    f" contains ':': Mermaid cuts it to {shown(mermaid_name)} and reads "
                    f"{shown(js_trim(shown_source(pieces[0])))} as its score; read here as "
                    "the whole name")
    score_text = pieces[score_index]
    actors_text = pieces[score_index + 1] if len(pieces) > score_index + 1 else None
    rest = pieces[score_index + 2:]
    if rest:
        reader.note(line, "text-after-third-colon", f"text after the third ':' "
                    f"({shown(shown_source(':' + ':'.join(rest)))}) is ignored by Mermaid; "
                    "ignored here too")
    return JourneyTask(finish("task", name_text), _score(score_text, line, reader),
                       _actors(actors_text, line, reader), line=line)


def _score(text: str, line: int, reader: _Reader) -> float | None:
    shown_text = shown(js_trim(shown_source(text)))
    if not js_trim(text):
        reader.note(line, "score-missing", "no score: Mermaid draws the task at 0, below the "
                    "1-5 scale; read here as no emotion")
        return None
    value = js_number(text)
    if math.isnan(value):
        reader.note(line, "score-not-number", f"the score {shown_text} is not a number: "
                    "Mermaid cannot place the task; read here as no emotion")
        return None
    if math.isinf(value):
        reader.note(line, "score-range", f"the score {shown_text} is infinite: Mermaid draws "
                    "the task off the page; read here as no emotion")
        return None
    if not is_plain_number(text):
        reader.note(line, "score-notation", f"the score {shown_text} is read by Mermaid as "
                    f"{value:g}")
    if value != math.floor(value):
        reader.note(line, "score-fraction", f"the score {value:g} is not a whole number: "
                    "Mermaid accepts it, but a 1-5 emotion has whole steps")
    if not 1 <= value <= 5:
        reader.note(line, "score-range", f"the score {value:g} is outside 1-5: Mermaid "
                    "draws the task off the scale")
    return value


def _actors(text: str | None, line: int, reader: _Reader) -> list[str]:
    if text is None:
        return []
    parts = [js_trim(part) for part in text.split(",")]
    if not any(parts):
        reader.note(line, "empty-actor", "nothing after the second ':': Mermaid draws a "
                    "nameless actor; read here as no actors")
        return []
    if not all(parts):
        reader.note(line, "empty-actor", "an empty actor name (two commas in a row, or a "
                    "comma at an end): Mermaid draws a nameless actor; left out here")
    actors: list[str] = []
    for part in parts:
        if not part:
            continue
        actor = finish("actor", part)
        if actor in actors:
            reader.note(line, "actor-twice", f"the actor {shown(actor)} is named twice; "
                        "kept once")
            continue
        actors.append(actor)
    return actors


# ----- payload comments written by mermaid_writer --------------------------------------------
def _restore(kind: ValueKind, current: str, original: Any, line: int, reader: _Reader) -> str:
    """The original value from a payload comment, if the diagram still says what the writer
    wrote for it; otherwise the diagram was edited, and the edit wins."""
    if not isinstance(original, str):
        reader.note(line, "payload-damaged", f"a journeymap comment with a {kind} name that is "
                    "not text; ignored")
        return current
    if read_value(kind, clean(kind, original)) == current:
        return original
    reader.note(line, "payload-stale", f"the {kind.replace('_', ' ')} was edited in Mermaid "
                f"since it was written (the comment says {shown(original)}); the edit is kept")
    return current


def _extra(payload: dict[str, Any], line: int, reader: _Reader) -> dict[str, Any]:
    extra = payload.get("extra", {})
    if not isinstance(extra, dict):
        reader.note(line, "payload-damaged", "a journeymap comment whose extra data is not a "
                    "JSON object; ignored")
        return {}
    return extra


def _apply_section_payload(section: JourneySection, payload: _Payload, reader: _Reader) -> None:
    if "name" in payload.data:
        section.name = _restore("section", section.name, payload.data["name"], payload.line,
                                reader)
    section.extra = _extra(payload.data, payload.line, reader)


def _apply_task_payload(task: JourneyTask, payload: _Payload, reader: _Reader) -> None:
    data = payload.data
    line = payload.line
    if "name" in data:
        task.name = _restore("task", task.name, data["name"], line, reader)
    if "score" in data:
        score = data["score"]
        valid = score is None or (isinstance(score, int | float) and not isinstance(score, bool)
                                  and math.isfinite(score))
        if not valid:
            reader.note(line, "payload-damaged", "a journeymap comment with a score that is "
                        "not a number; ignored")
        elif task.score is not None and mermaid_score(score) == task.score:
            task.score = None if score is None else float(score)
        else:
            reader.note(line, "payload-stale", "the score was edited in Mermaid since it was "
                        "written; the edit is kept")
    if "actors" in data:
        actors = data["actors"]
        if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
            reader.note(line, "payload-damaged", "a journeymap comment whose actors are not a "
                        "list of names; ignored")
        else:
            expected = [read_value("actor", text) for text in actor_texts(actors)]
            if expected == task.actors:
                task.actors = list(actors)
            else:
                reader.note(line, "payload-stale", "the actors were edited in Mermaid since "
                            "they were written; the edit is kept")
    task.extra = _extra(data, line, reader)


def _apply_map_payload(journey: Journey, data: dict[str, Any], reader: _Reader) -> None:
    line = next((p.line for p in reader.payloads if p.scope == "map"), 1)
    for kind in ("title", "acc_title", "acc_descr"):
        if kind in data:
            value_kind: ValueKind = kind
            setattr(journey, kind, _restore(value_kind, getattr(journey, kind), data[kind],
                                            line, reader))
    journey.extra = _extra(data, line, reader)


__all__ = ["MAX_MERMAID_BYTES", "read_mermaid", "read_mermaid_bytes", "read_mermaid_file"]
