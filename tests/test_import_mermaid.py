"""Mermaid `journey` import and export: read as Mermaid 11 reads it, report with line numbers what
Mermaid refuses or silently changes, refuse other diagram types, and round-trip losslessly."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap_desktop.storage.importers.errors import ImportRefused
from journeymap_desktop.storage.importers.journey import Journey, JourneySection, JourneyTask
from journeymap_desktop.storage.importers.mermaid_reader import (
    read_mermaid,
    read_mermaid_bytes,
    read_mermaid_file,
)
from journeymap_desktop.storage.importers.mermaid_syntax import js_number
from journeymap_desktop.storage.importers.mermaid_writer import (
    drawn_text_size,
    fits_mermaid,
    write_mermaid,
)

# The example of Mermaid's own documentation (docs/syntax/userJourney.md).
MERMAID_DOCS_EXAMPLE = """journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
"""


def _codes(text: str) -> list[tuple[int | None, str, str]]:
    return [(d.place, d.severity, d.code) for d in read_mermaid(text).diagnostics]


def _journey(body: str) -> str:
    return "journey\n  section A\n" + body


# ----- reading what Mermaid reads ------------------------------------------------------------
def test_reads_the_example_of_mermaids_documentation() -> None:
    result = read_mermaid(MERMAID_DOCS_EXAMPLE)
    journey = result.journey
    assert result.diagnostics == []
    assert result.mermaid_renders
    assert journey.title == "My working day"
    assert [s.name for s in journey.sections] == ["Go to work", "Go home"]
    assert [(t.name, t.score, t.actors) for t in journey.sections[0].tasks] == [
        ("Make tea", 5, ["Me"]), ("Go upstairs", 3, ["Me"]), ("Do work", 1, ["Me", "Cat"])]
    assert [t.line for t in journey.tasks()] == [4, 5, 6, 8, 9]
    assert journey.sections[1].line == 7
    assert journey.actors() == ["Me", "Cat"]


def test_front_matter_directives_comments_and_accessibility_lines() -> None:
    text = """---
title: From front matter
config:
  theme: forest
---
%%{init: {"journey": {"useMaxWidth": false}}}%%
journey
    %% a comment on its own line
    accTitle: Accessible title
    accDescr {
        A journey
        over two lines
    }
    section Order   %% not a comment, part of the name
      # hash comment line
      Pick items: 4: Ana
"""
    result = read_mermaid(text)
    journey = result.journey
    assert journey.title == "From front matter"
    assert "theme: forest" in (journey.front_matter or "")
    assert journey.directives == ['%%{init: {"journey": {"useMaxWidth": false}}}%%']
    assert journey.acc_title == "Accessible title"
    assert journey.acc_descr == "A journey\nover two lines"
    assert journey.sections[0].name == "Order   %% not a comment, part of the name"
    assert [(c.line, c.marker, c.text) for c in journey.comments] == [
        (8, "%%", "a comment on its own line"), (15, "#", "hash comment line")]
    assert journey.tasks()[0].line == 16
    assert [(d.place, d.code) for d in result.diagnostics] == [(14, "percent-in-text")]


def test_a_title_line_wins_over_the_front_matter_title_and_a_second_title_is_reported() -> None:
    text = "---\ntitle: Old\n---\njourney\ntitle First\ntitle Second\nsection S\nT: 3: A\n"
    result = read_mermaid(text)
    assert result.journey.title == "Second"
    assert [(d.place, d.code) for d in result.diagnostics] == [(6, "title-twice")]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr_read_like_lf_with_the_same_line_numbers(newline: str) -> None:
    text = MERMAID_DOCS_EXAMPLE.replace("\n", newline)
    journey = read_mermaid(text).journey
    assert journey == read_mermaid(MERMAID_DOCS_EXAMPLE).journey
    assert [t.line for t in journey.tasks()] == [4, 5, 6, 8, 9]
    assert journey.title == "My working day"


def test_entity_codes_are_read_as_the_characters_mermaid_draws() -> None:
    journey = read_mermaid(_journey("      Pay#58; card #35;1#59; done: 4: Ana#44; Bo, C#amp;D\n"))
    task = journey.journey.tasks()[0]
    assert task.name == "Pay: card #1; done"
    assert task.actors == ["Ana, Bo", "C&D"]


def test_keywords_are_case_insensitive_like_mermaids_lexer() -> None:
    journey = read_mermaid("journey\nTITLE Big\nSECTION Loud\nT: 2: A\n").journey
    assert journey.title == "Big"
    assert journey.sections[0].name == "Loud"


# ----- what Mermaid silently corrupts or accepts: warnings with line numbers -----------------
@pytest.mark.parametrize(
    ("line", "code", "name", "score", "actors"),
    [
        ("Nope: abc: Me", "score-not-number", "Nope", None, ["Me"]),
        ("Blank: : Me", "score-missing", "Blank", None, ["Me"]),
        ("High: 7: Me", "score-range", "High", 7, ["Me"]),
        ("Low: 0: Me", "score-range", "Low", 0, ["Me"]),
        ("Half: 3.5: Me", "score-fraction", "Half", 3.5, ["Me"]),
        ("Hex: 0x3: Me", "score-notation", "Hex", 3, ["Me"]),
        ("Many: 4: Me,, Bo", "empty-actor", "Many", 4, ["Me", "Bo"]),
        ("Trailing: 4: Me,", "empty-actor", "Trailing", 4, ["Me"]),
        ("Nobody: 4:", "empty-actor", "Nobody", 4, []),
        ("Twice: 4: Me, Me", "actor-twice", "Twice", 4, ["Me"]),
        ("Do work: 1: Me: extra", "text-after-third-colon", "Do work", 1, ["Me"]),
        ("Step 1: Sign up: 4: Me", "task-name-colon", "Step 1: Sign up", 4, ["Me"]),
        ("Late: 4: Me %% note", "percent-in-text", "Late", 4, ["Me %% note"]),
        ("Hmm: 4: Me # remark", "hash-comment", "Hmm", 4, ["Me"]),
        ("Odd #nonsense;: 4: Me", "unknown-entity", "Odd #nonsense;", 4, ["Me"]),
    ],
)
def test_what_mermaid_draws_differently_is_a_warning_on_its_line(
        line: str, code: str, name: str, score: float | None, actors: list[str]) -> None:
    result = read_mermaid(_journey("    First: 3: Me\n    " + line + "\n"))
    assert (4, "warning", code) in _codes(_journey("    First: 3: Me\n    " + line + "\n"))
    assert result.mermaid_renders
    task = result.journey.tasks()[1]
    assert (task.name, task.score, task.actors, task.line) == (name, score, actors, 4)
    message = str(next(d for d in result.diagnostics if d.code == code))
    assert message.startswith("line 4: warning: ")
    assert "\n" not in message


def test_a_line_mermaid_reads_as_a_comment_is_dropped_with_a_warning() -> None:
    result = read_mermaid(_journey("    Keep: 3: Me\n    x%% dropped: 5: Me\n"))
    assert [t.name for t in result.journey.tasks()] == ["Keep"]
    assert _codes(_journey("    Keep: 3: Me\n    x%% dropped: 5: Me\n")) == [
        (4, "warning", "percent-comment")]


def test_a_task_line_starting_with_title_becomes_the_title_as_in_mermaid() -> None:
    result = read_mermaid(_journey("    Title bar: 3: Me\n"))
    assert result.journey.title == "bar: 3: Me"
    assert result.journey.tasks() == []
    assert _codes(_journey("    Title bar: 3: Me\n")) == [(3, "warning", "title-looks-like-task")]


def test_tasks_before_any_section_go_to_an_unnamed_section_with_a_warning() -> None:
    result = read_mermaid("journey\n  Early: 2: Me\n  section A\n    T: 4: Me\n")
    assert [(s.name, [t.name for t in s.tasks]) for s in result.journey.sections] == [
        ("", ["Early"]), ("A", ["T"])]
    assert _codes("journey\n  Early: 2: Me\n  section A\n    T: 4: Me\n") == [
        (2, "warning", "task-before-section")]


def test_an_unclosed_directive_swallows_the_rest_as_in_mermaid() -> None:
    text = _journey("    T: 4: Me\n    %%{init: {'theme': 'dark'}\n    U: 2: You\n")
    result = read_mermaid(text)
    assert [t.name for t in result.journey.tasks()] == ["T"]
    assert (4, "warning", "directive-unclosed") in _codes(text)


def test_an_unclosed_multiline_description_swallows_the_rest_as_in_mermaid() -> None:
    text = "journey\naccDescr {\n  words\nsection A\nT: 3: A\n"
    result = read_mermaid(text)
    assert result.journey.sections == []
    assert (2, "warning", "descr-unclosed") in _codes(text)


# ----- what Mermaid refuses: errors with line numbers, each line read as meant ----------------
@pytest.mark.parametrize(
    ("line", "expected", "why"),
    [
        ("Task #1: 5: Me", ("task", "Task #1", 5.0), "'#' in a task name"),
        ("Semi; colon: 3: Me", ("task", "Semi; colon", 3.0), "';' is not allowed"),
        ("Journey review: 2: Me", ("task", "Journey review", 2.0), "'journey' again"),
        ("section Go home: now", ("section", "Go home: now", None), "':' in a section name"),
        ("Just a task", ("task", "Just a task", None), "no ':' after the task name"),
        ("Colon only:", ("task", "Colon only", None), "nothing usable after ':'"),
    ],
)
def test_a_line_mermaid_cannot_parse_is_an_error_and_read_as_it_seems_meant(
        line: str, expected: tuple[str, str, float | None], why: str) -> None:
    text = _journey("    Before: 3: Me\n    " + line + "\n    After: 4: Me\n")
    result = read_mermaid(text)
    assert not result.mermaid_renders
    errors = result.errors
    assert [(e.place, e.code) for e in errors] == [(4, "mermaid-syntax")]
    assert why in errors[0].message and "Mermaid refuses to draw" in errors[0].message
    kind, name, score = expected
    if kind == "task":
        names = [(t.name, t.score) for t in result.journey.tasks()]
        assert names == [("Before", 3.0), (name, score), ("After", 4.0)]
    else:
        assert [s.name for s in result.journey.sections] == ["A", name]
    # Later lines are still read: Mermaid stops at the first error, this reader does not.
    assert result.journey.tasks()[-1].line == 5


def test_several_broken_lines_are_each_reported() -> None:
    text = _journey("    A #1: 2: X\n    Ok: 3: X\n    B; c: 4: X\n")
    assert [(d.place, d.code) for d in read_mermaid(text).errors] == [
        (3, "mermaid-syntax"), (5, "mermaid-syntax")]


@pytest.mark.parametrize("text", ["JOURNEY\nsection A\nT: 4: Me\n", "Journey\nsection A\n"])
def test_the_keyword_must_be_lower_case_for_mermaid(text: str) -> None:
    result = read_mermaid(text)
    assert [(d.place, d.code) for d in result.errors] == [(1, "keyword-case")]
    assert [s.name for s in result.journey.sections] == ["A"]


def test_a_hash_line_before_journey_stops_mermaid_detecting_the_type() -> None:
    result = read_mermaid("# notes\njourney\nsection A\nT: 4: Me\n")
    assert [(d.place, d.code) for d in result.errors] == [(1, "hash-before-journey")]


# ----- other diagram types and other files: one-line refusals --------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("flowchart TD\n  A-->B\n", "flowchart"),
        ("graph LR\n  A-->B\n", "flowchart"),
        ("%% comment\nsequenceDiagram\n  A->>B: hi\n", "sequence diagram"),
        ("gantt\n  title Plan\n", "Gantt chart"),
        ("classDiagram\n  A <|-- B\n", "class diagram"),
        ("stateDiagram-v2\n  [*] --> S\n", "state diagram"),
        ("erDiagram\n  A ||--o{ B : has\n", "entity-relationship diagram"),
        ("pie title Pets\n  \"Dogs\" : 3\n", "pie chart"),
        ("mindmap\n  root\n", "mind map"),
        ("---\ntitle: x\n---\ntimeline\n  2024 : a\n", "timeline"),
    ],
)
def test_other_diagram_types_are_refused_naming_the_type(text: str, name: str) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_mermaid(text, "docs/flow.mmd")
    message = str(caught.value)
    assert message.startswith("docs/flow.mmd: this is a Mermaid " + name)
    assert "not a user journey" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "the file is empty"),
        (b"%% only a comment\n\n", "no diagram in the file"),
        (b"hello world\n", 'not a Mermaid journey: line 1 starts with "hello world"'),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"PK\x03\x04\x14\x00\x00", "a ZIP archive"),
        (bytes(range(256)) * 8, "binary data"),
        (b"journey\n\x1b]0;evil\x07 title\n" * 300, "binary data"),
    ],
)
def test_files_that_are_no_journey_are_refused_in_one_line(raw: bytes, expected: str) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_mermaid_bytes(raw, "in.mmd")
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message and "\x1b" not in message


def test_encodings_utf8_bom_utf16_and_a_windows_1252_fallback() -> None:
    text = "journey\ntitle Café\nsection Überblick\nT: 4: Zoë\n"
    for raw, encoding in [(b"\xef\xbb\xbf" + text.encode(), "utf-8"),
                          (b"\xff\xfe" + text.encode("utf-16-le"), "utf-16-le"),
                          (b"\xfe\xff" + text.encode("utf-16-be"), "utf-16-be")]:
        result = read_mermaid_bytes(raw)
        assert (result.journey.title, result.encoding, result.diagnostics) == ("Café", encoding,
                                                                                [])
    result = read_mermaid_bytes(text.encode("cp1252"))
    assert result.journey.title == "Café"
    assert result.journey.tasks()[0].actors == ["Zoë"]
    assert [(d.place, d.code) for d in result.diagnostics] == [(2, "not-utf8")]


def test_a_file_cut_in_the_middle_of_a_character_is_read_with_a_warning() -> None:
    raw = "journey\nsection A\nT: 4: Zoë".encode()[:-1]
    result = read_mermaid_bytes(raw)
    assert [(d.place, d.code) for d in result.diagnostics] == [(3, "cut-short")]
    assert result.journey.tasks()[0].actors == ["Zo"]


def test_read_mermaid_file_refuses_folders_and_huge_files(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match=r"not a regular file|cannot read"):
        read_mermaid_file(tmp_path)
    big = tmp_path / "big.mmd"
    with big.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    with pytest.raises(ImportRefused, match="at most 16 MB"):
        read_mermaid_file(big)
    good = tmp_path / "day.mermaid"
    good.write_text(MERMAID_DOCS_EXAMPLE, encoding="utf-8")
    assert read_mermaid_file(good).journey.title == "My working day"


@pytest.mark.parametrize(
    ("text", "value"),
    [("", 0.0), ("  5 ", 5.0), ("+4", 4.0), ("3.", 3.0), (".5", 0.5), ("1e0", 1.0),
     ("0x1F", 31.0), ("0b11", 3.0), ("0o7", 7.0), ("Infinity", float("inf"))],
)
def test_scores_are_numbers_as_javascript_reads_them(text: str, value: float) -> None:
    assert js_number(text) == value


@pytest.mark.parametrize("text", ["abc", "1,5", "٣", "nan", "-0x1F", "1_0", "infinity", "5 5"])
def test_what_javascript_does_not_read_as_a_number(text: str) -> None:
    assert js_number(text) != js_number(text)  # NaN


# ----- writing -------------------------------------------------------------------------------
def test_writer_output_of_a_plain_journey_is_mermaids_own_syntax() -> None:
    journey = read_mermaid(MERMAID_DOCS_EXAMPLE).journey
    text = write_mermaid(journey)
    assert text == ("journey\n    title My working day\n    section Go to work\n"
                    "        Make tea: 5: Me\n        Go upstairs: 3: Me\n"
                    "        Do work: 1: Me, Cat\n    section Go home\n"
                    "        Go downstairs: 5: Me\n        Sit down: 5: Me\n")


def test_names_are_cleaned_of_colons_hashes_and_semicolons_and_read_back_exactly() -> None:
    journey = Journey(title="Week #1: orders; returns", sections=[JourneySection(
        "Pay: checkout; #2", [JourneyTask("Enter card: then #PIN; done", 2, ["Ana: CFO", "Bo, Jr"]),
                              JourneyTask("Section review", 4, []),
                              JourneyTask("journey mapping", 3, ["x"])])])
    text = write_mermaid(journey)
    body = [line.strip() for line in text.splitlines()[1:]]
    assert not [line for line in body if line.startswith("%%")]
    for statement in body:
        if statement.startswith(("title ", "section ")):
            value = statement.split(" ", 1)[1]
        else:
            value, _data = statement.split(": ", 1)  # the first ": " ends the name
        # No `:` `#` `;` left but inside Mermaid's entity codes (#58; #35; #59; ...).
        assert not set(re.sub(r"#\d+;", "", value)) & {":", "#", ";"}, statement
    assert "#106;ourney mapping: 3: x" in text  # not the `journey` keyword
    assert "#83;ection review: 4" in text  # not a section
    back = read_mermaid(text)
    assert back.diagnostics == []
    assert back.journey == journey
    assert "%% journeymap" not in text  # entity codes hold these names exactly


def test_what_mermaid_cannot_hold_travels_in_comment_lines() -> None:
    task = JourneyTask(" two\nlines ", 3.5, ["", "Ana"], extra={"curves": {"to-be": 4.5},
                                                               "evidence": {"n": 12}})
    journey = Journey(title="T", sections=[JourneySection("", [task], extra={"lane": "Actions"}),
                                           JourneySection("Empty", [JourneyTask("No score")])],
                      extra={"lanes": ["Actions", "Pains"], "scale": [1, 5]})
    text = write_mermaid(journey)
    assert "%% journeymap map " in text
    assert "%% journeymap section " in text
    assert text.count("%% journeymap task ") == 2
    assert "section (untitled)" in text
    assert "two lines: 4: Ana" in text  # as near as Mermaid allows
    assert "No score: 3" in text  # neutral, with the missing score kept in the comment
    back = read_mermaid(text)
    assert back.diagnostics == []
    assert back.journey == journey
    assert back.journey.sections[0].tasks[0].extra == {"curves": {"to-be": 4.5},
                                                       "evidence": {"n": 12}}


def test_an_edit_made_in_mermaid_wins_over_the_comment_and_is_reported() -> None:
    journey = Journey(sections=[JourneySection("S", [JourneyTask("a\tb ", 2.5, ["x"])])])
    text = write_mermaid(journey)
    edited = text.replace("a\tb: 3: x", "renamed: 5: x")
    result = read_mermaid(edited)
    task = result.journey.tasks()[0]
    assert (task.name, task.score) == ("renamed", 5)
    assert [d.code for d in result.diagnostics] == ["payload-stale", "payload-stale"]


def test_a_damaged_or_orphaned_journeymap_comment_is_reported_not_fatal() -> None:
    text = ("journey\n%% journeymap task {not json\nsection S\n"
            "%% journeymap task {\"name\": \"x\"}\nsection T\nA: 3: x\n")
    result = read_mermaid(text)
    assert [(d.place, d.code) for d in result.diagnostics] == [
        (2, "payload-damaged"), (4, "payload-orphan")]
    assert [s.name for s in result.journey.sections] == ["S", "T"]


def test_writer_refuses_what_json_cannot_hold() -> None:
    with pytest.raises(ValueError, match="cannot be written as JSON"):
        write_mermaid(Journey(extra={"bad": float("nan")}))
    with pytest.raises(ValueError, match="finite"):
        write_mermaid(Journey(sections=[JourneySection("S", [JourneyTask("t", float("inf"))])]))


def test_the_size_mermaid_counts_leaves_out_comment_lines() -> None:
    tasks = [JourneyTask(f"Task {i}", 3, ["Ana"], extra={"note": "x" * 200}) for i in range(500)]
    text = write_mermaid(Journey(sections=[JourneySection("S", tasks)]))
    assert len(text) > 100_000
    assert drawn_text_size(text) < 20_000
    assert fits_mermaid(text)


# ----- round trips ---------------------------------------------------------------------------
_TRICKY = st.sampled_from([":", "#", ";", "%", "%%", "%%{init}%%", ",", "<br>", "journey",
                           "Section ", "title ", "accDescr {", "#58;", " ", "\n", "\t", "\r",
                           "\x00", "\x1b", "\u2028", "}", "{", "<b>", "&amp;", "\ud800", "\ufeff",
                           "\u00a0", "é", "😀", "-->", "'", '"', "0x3", "---"])
_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=4)), max_size=5).map("".join)
_JSON: Any = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=6)
_EXTRA = st.dictionaries(_TEXT, _JSON, max_size=2)
_SCORE = st.one_of(st.none(), st.integers(1, 5).map(float),
                   st.floats(allow_nan=False, allow_infinity=False))
_TASK = st.builds(JourneyTask, name=_TEXT, score=_SCORE, actors=st.lists(_TEXT, max_size=3),
                  extra=_EXTRA)
_SECTION = st.builds(JourneySection, name=_TEXT, tasks=st.lists(_TASK, max_size=3),
                     extra=_EXTRA)
_JOURNEY = st.builds(Journey, title=_TEXT, acc_title=_TEXT, acc_descr=_TEXT,
                     sections=st.lists(_SECTION, max_size=3), extra=_EXTRA)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_JOURNEY)
def test_any_journey_survives_a_round_trip_through_mermaid_text(journey: Journey) -> None:
    text = write_mermaid(journey)
    raw = text.encode("utf-8")  # always writable: lone surrogates only as JSON escapes
    result = read_mermaid_bytes(raw)
    assert result.diagnostics == []
    assert result.journey == journey
    # Every drawn line is Mermaid syntax with no character Mermaid takes as a line break.
    for line in text.split("\n"):
        assert "\r" not in line and "\u2028" not in line
        assert "%%{" not in line


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_after_the_keyword_reads_without_a_traceback(body: str) -> None:
    result = read_mermaid("journey\n" + body)
    for diagnostic in result.diagnostics:
        assert "\n" not in str(diagnostic)
    text = write_mermaid(result.journey)
    assert read_mermaid(text).journey == result.journey


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_read_or_refuse_in_one_line(raw: bytes) -> None:
    try:
        result = read_mermaid_bytes(b"journey\n" + raw)
    except ImportRefused as refusal:
        message = str(refusal)
    else:
        message = " ".join(str(d) for d in result.diagnostics)
    assert "\n" not in message


def test_crafted_lines_read_in_linear_time() -> None:
    # Mermaid's own /style.*:\S*#.*;/ and /^\s*%%/ backtrack for minutes in Python's `re` on
    # lines like these (10 KB took 54 s); the reader computes the same effect in one pass.
    script = (
        "from journeymap_desktop.storage.importers.mermaid_reader import read_mermaid\n"
        "read_mermaid('journey\\nsection A\\nstyle ' + ':#' * 100000 + '\\n')\n"
        "read_mermaid('journey\\n' + ' \\n' * 100000 + 'section A\\n')\n"
        "read_mermaid('journey\\nsection A\\nT: 3: ' + '#x' * 100000 + ';\\n')\n")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)


# ----- Mermaid itself draws what the writer writes (when its CLI is installed) ---------------
def _mmdc() -> tuple[str, str] | None:
    command = os.environ.get("JOURNEYMAP_MMDC") or shutil.which("mmdc")
    config = os.environ.get("JOURNEYMAP_MMDC_PUPPETEER_CONFIG", "")
    return (command, config) if command else None


@pytest.mark.slow
@pytest.mark.skipif(_mmdc() is None, reason="Mermaid's CLI (mmdc) is not installed; set "
                                           "JOURNEYMAP_MMDC to run this check")
def test_mermaids_own_cli_draws_the_writers_output(tmp_path: Path) -> None:
    command, config = _mmdc() or ("", "")
    journey = Journey(title="Week #1: orders; returns", sections=[
        JourneySection("Pay: checkout", [JourneyTask("Enter card: PIN #2; done", 2,
                                                     ["Ana: CFO", "Bo, Jr"], extra={"n": 1}),
                                         JourneyTask("journey mapping", None, ["x"])])])
    source = tmp_path / "out.mmd"
    source.write_text(write_mermaid(journey), encoding="utf-8")
    svg = tmp_path / "out.svg"
    arguments = [command, "-i", str(source), "-o", str(svg)]
    if config:
        arguments += ["-p", config]
    subprocess.run(arguments, check=True, capture_output=True, timeout=120)
    drawn = svg.read_text(encoding="utf-8")
    for text in ("Week #1: orders; returns", "Pay: checkout", "Enter card: PIN #2; done",
                 "Ana: CFO", "Bo, Jr", "journey mapping"):
        assert text.replace("&", "&amp;") in drawn.replace("&#39;", "'"), text
