"""safe_text: what reaches a terminal or a message is one visible, bounded line."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap_desktop.safe_text import (
    MAX_VALUE,
    escape,
    file_name,
    one_line,
    quoted,
    shown,
)

# What must never reach a terminal or a label raw: terminal escapes, line breaks of every
# kind, bidi overrides and isolates, a BOM, undecodable file-name bytes.
HOSTILE = [
    "\x1b]0;pwned\x07", "\x1b[2J", "\x9b2J", "\n", "\r", "\x0b", "\x0c", "\x85", "\u2028",
    "\u2029", "\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\ufeff",
    "\udcff", "\x00", "\x7f",
]


@pytest.mark.parametrize("bad", HOSTILE)
def test_every_hostile_character_is_shown_as_an_escape(bad: str) -> None:
    text = shown(f"name{bad}end")
    assert bad not in text
    assert text.startswith("name\\") and text.endswith("end")
    assert text.isprintable()


def test_escapes_look_like_what_they_are() -> None:
    assert shown("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert shown("line\nnext") == "line\\nnext"
    assert shown("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert shown("bad\udcff.journeymap") == "bad\\xff.journeymap"  # a non-UTF-8 name byte


def test_letters_of_every_script_stay_as_they_are() -> None:
    for text in ("שלום", "مرحبا", "Grüße", "日本語", "emoji 😀 👩‍👩‍👧", "tab-free text"):
        assert shown(text) == text
        assert escape(text) == text


def test_long_values_are_cut_with_an_ellipsis() -> None:
    text = shown("k" * 20_000_000)
    assert len(text) == MAX_VALUE
    assert text.endswith("…")
    assert shown("x" * MAX_VALUE) == "x" * MAX_VALUE


def test_a_20_million_character_value_costs_no_more_than_a_short_one() -> None:
    huge = "\x1b" * 20_000_000
    started = time.perf_counter()
    for _ in range(100):
        shown(huge)
    assert time.perf_counter() - started < 1.0  # generous; linear in the cut, not the value


def test_an_escape_is_never_cut_in_half() -> None:
    text = shown("ab" + "\x1b" * 100, limit=9)
    assert text in ("ab\\x1b…", "ab…")
    assert len(text) <= 9


def test_file_names_keep_their_suffix_when_cut() -> None:
    name = "L" * 250 + ".journeymap"
    text = file_name(f"/tmp/folder/{name}")
    assert len(text) <= MAX_VALUE
    assert text.endswith(".journeymap") and "…" in text
    assert file_name("/tmp/x\x1b[2J.journeymap") == "x\\x1b[2J.journeymap"


def test_quoted_and_one_line() -> None:
    assert quoted("R&D <b>") == "“R&D <b>”"
    message = one_line("first\nsecond\u2028third " + "y" * 5000)
    assert "\n" not in message and "\u2028" not in message
    assert len(message) <= 1000


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(min_value=2, max_value=300), st.booleans())
def test_any_text_becomes_one_printable_bounded_line(text: str, limit: int,
                                                     middle: bool) -> None:
    result = shown(text, limit, middle=middle)
    assert len(result) <= limit
    assert "\n" not in result and "\r" not in result
    assert not any(ch in result for ch in HOSTILE)
    # Encodable everywhere a message may go (a strict UTF-8 terminal, a log file).
    result.encode("utf-8")
