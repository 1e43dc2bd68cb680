"""Loading, saving, migrating and recovering `.journeymap` files: never lose or garble work."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from journeymap_desktop.model import integrity_problems
from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.storage import (
    LoadError,
    SaveError,
    changed_on_disk,
    codec,
    decode_map,
    dumps_map,
    encode_map,
    files,
    load_map,
    load_map_with_stamp,
    loads_map,
    migrations,
    save_map,
)
from journeymap_desktop.storage.files import backup_path, sweep_stale_temp_files
from journeymap_desktop.storage.recovery import (
    ProcessIdentity,
    RecoveryStore,
    new_draft_key,
)
from tests.helpers.maps import FIXED_TIME, journey_maps, rich_map

RICH_BYTES = encode_map(rich_map())
RICH_TEXT = RICH_BYTES.decode("utf-8")


def _one_line_error(raw: bytes, source: str = "map") -> LoadError:
    with pytest.raises(LoadError) as caught:
        decode_map(raw, source)
    message = str(caught.value)
    assert "\n" not in message, message
    assert message.startswith(f"{source}: ")
    return caught.value


def _folder(path: Path) -> dict[str, bytes]:
    """Every file in a folder with its bytes: what a failed operation must leave alone."""
    return {p.name: p.read_bytes() for p in sorted(path.iterdir()) if p.is_file()}


# ----- round trips -------------------------------------------------------------------------
_ROUND_TRIP = settings(max_examples=60, deadline=None,
                       suppress_health_check=[HealthCheck.function_scoped_fixture,
                                              HealthCheck.too_slow])


@_ROUND_TRIP
@given(journey=journey_maps())
@example(journey=rich_map())
@example(journey=JourneyMap())
def test_any_valid_map_survives_text_and_file_round_trips(journey: JourneyMap,
                                                          tmp_path: Path) -> None:
    text = dumps_map(journey)
    again = loads_map(text)
    assert again == journey
    assert dumps_map(again) == text

    path = tmp_path / "round trip.journeymap"
    save_map(journey, path)
    from_file = load_map(path)
    assert from_file == journey
    assert path.read_bytes() == text.encode("utf-8")


# ----- the loader never crashes ------------------------------------------------------------
def _assert_loads_or_refuses_in_one_line(raw: bytes) -> None:
    """Any exception but LoadError fails the test; a map that loads must really be valid."""
    outcome: JourneyMap | LoadError
    try:
        outcome = decode_map(raw)
    except LoadError as error:
        outcome = error
    if isinstance(outcome, LoadError):
        assert "\n" not in str(outcome)
    else:
        assert integrity_problems(outcome) == []


@settings(max_examples=400, deadline=None)
@given(raw=st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
@example(raw=b"")
@example(raw=b"\xef\xbb\xbf")
@example(raw=b"\x00\x00\x00")
@example(raw=b"\xff\xfe{\x00}\x00")
@example(raw=b"null")
@example(raw=b"[" * 100_000)
def test_random_bytes_raise_only_load_error(raw: bytes) -> None:
    _assert_loads_or_refuses_in_one_line(raw)


@st.composite
def _mutated_rich_file(draw: st.DrawFn) -> bytes:
    raw = bytearray(RICH_BYTES)
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["flip", "set", "delete", "insert"]))
        at = draw(st.integers(0, len(raw) - 1))
        if action == "flip":
            raw[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "set":
            raw[at] = draw(st.sampled_from(b'{}[],:"\\0123456789-eE.ntfx\xc3\xff \n'))
        elif action == "delete":
            del raw[at]
        else:
            raw[at:at] = draw(st.binary(min_size=1, max_size=8))
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(0, len(raw)))]
    return bytes(raw)


@settings(max_examples=400, deadline=None)
@given(raw=_mutated_rich_file())
def test_mutated_real_files_raise_only_load_error_or_load(raw: bytes) -> None:
    _assert_loads_or_refuses_in_one_line(raw)


# ----- the text is diff-friendly -----------------------------------------------------------
def test_file_text_is_indented_ordered_and_ends_with_one_newline() -> None:
    text = dumps_map(rich_map())
    lines = text.split("\n")
    assert lines[0] == "{"
    assert lines[1] == '  "format": "journeymap",'
    assert lines[2] == '  "version": 2,'
    assert text.endswith("}\n")
    assert not text.endswith("\n\n")
    # People read and diff it: real characters, not \u escapes.
    assert "שלום & مرحبا 😀" in text
    assert "“Just bring it.”" in text
    top_keys = list(json.loads(text))
    assert top_keys == ["format", "version", "title", "description", "meta", "scale",
                        "personas", "curves", "stages", "lanes", "cards", "views", "workshop"]
    card_keys = list(json.loads(text)["cards"][0])
    assert card_keys == list(Card.model_fields)


def test_key_order_does_not_depend_on_the_order_in_the_file() -> None:
    def reverse_keys(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: reverse_keys(v) for k, v in reversed(list(value.items()))}
        if isinstance(value, list):
            return [reverse_keys(v) for v in value]
        return value

    shuffled = json.dumps(reverse_keys(json.loads(RICH_TEXT)))
    assert dumps_map(loads_map(shuffled)) == RICH_TEXT


def test_two_saves_of_the_same_map_give_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.journeymap", tmp_path / "b.journeymap"
    save_map(rich_map(), first)
    save_map(rich_map(), second)
    assert first.read_bytes() == second.read_bytes() == RICH_BYTES
    save_map(load_map(first), first)
    assert first.read_bytes() == RICH_BYTES


def test_a_one_field_edit_changes_one_line() -> None:
    journey = rich_map()
    before = dumps_map(journey).splitlines()
    journey.cards[2].votes = 8
    after = dumps_map(journey).splitlines()
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [('      "votes": 7,', '      "votes": 8,')]


# ----- bad files: one clear line each, and the file left alone -----------------------------
def _replace(old: str, new: str) -> bytes:
    assert old in RICH_TEXT
    return RICH_TEXT.replace(old, new, 1).encode("utf-8")


def _deep_in_map(depth: int) -> bytes:
    return (b'{"format": "journeymap", "version": 1, "description": ' + b"[" * depth
            + b"]" * depth + b"}")


_RICH_DATA = json.loads(RICH_TEXT)
_BAD_FILES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "json-array": (b'[{"format": "journeymap"}]', ("JSON array", '"format": "journeymap"')),
    "json-string": (b'"journeymap"', ("JSON str",)),
    "no-format-header": (b'{"title": "My map", "stages": []}',
                         ('no "format": "journeymap" header',)),
    "other-format": (b'{"format": "miro", "version": 1}', ('"format": "miro"',)),
    "excalidraw": (b'{"type": "excalidraw", "version": 2, "source": '
                   b'"https://excalidraw.com", "elements": [], "appState": {}}',
                   ("Excalidraw",)),
    "drawio": (b'<mxfile host="app.diagrams.net" version="24.0.0">\n<diagram id="a" '
               b'name="Page-1"><mxGraphModel/></diagram>\n</mxfile>\n', ("draw.io",)),
    "drawio-with-xml-header": (b'<?xml version="1.0" encoding="UTF-8"?>\n<mxfile host="x">'
                               b"</mxfile>", ("draw.io",)),
    "html": (b"<!DOCTYPE html><html><body>map</body></html>", ("HTML",)),
    "pdf-text-only": (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", ("PDF",)),
    "zip": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", ("ZIP",)),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ("binary",)),
    "newer-version": (_replace('"version": 2,', '"version": 3,'),
                      ("made by a newer JourneyMap, version 3", "Update JourneyMap")),
    "version-as-string": (_replace('"version": 2,', '"version": "2",'),
                          ('"version"', "whole number", '"2"')),
    "version-zero": (_replace('"version": 2,', '"version": 0,'), ('"version"', "whole number")),
    "version-missing": (_replace('"version": 2,', ""), ('"version"', "null")),
    "duplicate-card-id": (_replace('"id": "c-app"', '"id": "c-ad"'),
                          ('cards[1].id: duplicate id "c-ad"', "cards[0]")),
    "card-in-unknown-stage": (_replace('"stage_id": "s-deliver"', '"stage_id": "s-gone"'),
                              ('cards[3].stage_id', 'unknown stage "s-gone"', '"c-late"')),
    "unknown-persona": (_replace('"persona_id": "p-ana"', '"persona_id": "p-bob"'),
                        ('cards[0].persona_id', 'unknown persona "p-bob"')),
    "emotion-7": (_replace('"value": -2', '"value": 7'),
                  ("cards[2].emotions.everyone-as-is.value", '(card "c-fees")',
                   "outside the map's scale (-2..2)", "7")),
    "emotion-as-string": (_replace('"value": -2', '"value": "-2"'),
                          ("cards[2].emotions.everyone-as-is.value", '(card "c-fees")',
                           "number", '"-2"')),
    "emotion-on-unknown-curve": (_replace('"everyone-as-is": {\n          "value": -2',
                                          '"someone": {\n          "value": -2'),
                                 ('cards[2].emotions.someone', 'unknown curve "someone"')),
    "scale-names-miscounted": (_replace('"names": []', '"names": ["Bad", "Good"]'),
                               ("scale", "one name per level (5 for -2..2)")),
    "unknown-field": (_replace('"votes": 7,', '"votes": 7, "likes": 3,'),
                      ("cards[2].likes", "unknown field")),
    "title-too-long": (_replace('"title": "Grocery', '"title": "' + "x" * 200 + "Grocery"),
                       ("title", "at most 200 characters")),
    "duplicate-json-key": (_replace('"title": "Grocery', '"title": "A", "title": "Grocery'),
                           ('the key "title" appears twice',)),
    "nan": (_replace('"votes": 7', '"votes": NaN'), ("NaN", "not allowed")),
    "infinity": (_replace('"votes": 7', '"votes": -Infinity'), ("-Infinity", "not allowed")),
    "deeply-nested-arrays": (b"[" * 100_000 + b"]" * 100_000, ("nested too deeply",)),
    "deeply-nested-objects": (b'{"a": ' * 100_000 + b"1" + b"}" * 100_000,
                              ("nested too deeply",)),
    "deeply-nested-in-a-map": (_deep_in_map(100_000), ("nested too deeply",)),
    "utf16": (b"\xff\xfe" + RICH_TEXT.encode("utf-16-le"), ("UTF-16", "UTF-8")),
    "utf16-big-endian": (b"\xfe\xff" + RICH_TEXT.encode("utf-16-be"), ("UTF-16",)),
    "truncated": (RICH_BYTES[: len(RICH_BYTES) // 2], ("not valid JSON", "cut short")),
    "truncated-mid-character": (RICH_BYTES[: RICH_BYTES.index("😀".encode()) + 2],
                                ("cut short",)),
}


@pytest.mark.parametrize("case", sorted(_BAD_FILES))
def test_each_bad_file_gives_its_own_one_line_message_and_is_left_alone(
        case: str, tmp_path: Path) -> None:
    raw, words = _BAD_FILES[case]
    path = tmp_path / f"{case}.journeymap"
    path.write_bytes(raw)
    before = _folder(tmp_path)
    with pytest.raises(LoadError) as caught:
        load_map(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path.name}: ")
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert _folder(tmp_path) == before


@pytest.mark.parametrize(
    ("broken", "fixed_line_text", "bad_part"),
    [
        # An unquoted string value.
        ('"title": "Orders in the app"', '"title": Orders in the app', "Orders"),
        # Junk after non-ASCII text and an emoji: the column counts characters, not bytes.
        ('"body": "שלום & مرحبا 😀",', '"body": "שלום & مرحبا 😀" oops,', "oops"),
        # A trailing comma, the classic hand-editing mistake.
        ('"urgent"\n      ],', '"urgent",\n      ],', "]"),
    ],
)
def test_not_json_reports_the_right_line_and_column(broken: str, fixed_line_text: str,
                                                    bad_part: str, tmp_path: Path) -> None:
    text = RICH_TEXT.replace(broken, fixed_line_text, 1)
    assert text != RICH_TEXT
    # Where the mistake is, as an editor shows it (1-based line and column, in characters).
    start = text.index(fixed_line_text)
    offset = text.index(bad_part, start + (1 if bad_part == "]" else 0))
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    path = tmp_path / "hand-edited.journeymap"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(LoadError) as caught:
        load_map(path)
    message = str(caught.value)
    assert "\n" not in message
    assert "not valid JSON" in message
    assert f"line {line}, column {column}" in message, message
    assert path.read_bytes() == before


def test_not_json_after_a_bom_counts_lines_from_the_text() -> None:
    error = _one_line_error(b"\xef\xbb\xbf{\n  \"format\": journeymap\n}")
    assert "line 2, column 13" in str(error)


def test_non_utf8_bytes_say_utf8_and_give_the_line(tmp_path: Path) -> None:
    lines = RICH_BYTES.split(b"\n")
    number = next(i for i, line in enumerate(lines) if b"Sees an ad" in line)
    lines[number] = lines[number].replace(b"Sees an ad", b"Sees an \xe9 ad")  # Latin-1 é
    path = tmp_path / "latin1.journeymap"
    path.write_bytes(b"\n".join(lines))
    before = path.read_bytes()
    with pytest.raises(LoadError) as caught:
        load_map(path)
    message = str(caught.value)
    assert "\n" not in message
    assert "UTF-8" in message
    assert f"line {number + 1} " in message
    assert "0xe9" in message
    assert path.read_bytes() == before


def test_a_utf8_bom_file_loads_fine(tmp_path: Path) -> None:
    path = tmp_path / "notepad.journeymap"
    path.write_bytes(b"\xef\xbb\xbf" + RICH_BYTES)
    assert load_map(path) == rich_map()


def test_windows_line_endings_load_fine() -> None:
    assert decode_map(RICH_BYTES.replace(b"\n", b"\r\n")) == rich_map()


def test_an_empty_file_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "empty.journeymap"
    path.write_bytes(b"")
    with pytest.raises(LoadError) as caught:
        load_map(path)
    message = str(caught.value)
    assert "\n" not in message
    assert "empty" in message or "not valid JSON" in message
    assert path.read_bytes() == b""


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like.journeymap"
    folder.mkdir()
    with pytest.raises(LoadError) as caught:
        load_map(folder)
    assert "folder" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        load_map(tmp_path / "gone.journeymap")
    message = str(caught.value)
    assert message.startswith("gone.journeymap: no such file")
    assert "\n" not in message
    assert not (tmp_path / "gone.journeymap").exists()


def test_decode_refuses_bytes_over_the_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", len(RICH_BYTES) - 1)
    error = _one_line_error(RICH_BYTES)
    assert "too large" in str(error)
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", len(RICH_BYTES))
    assert decode_map(RICH_BYTES) == rich_map()


def test_load_refuses_a_file_over_the_size_cap_without_reading_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "huge.journeymap"
    path.write_bytes(RICH_BYTES)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)

    def no_reading(self: Path) -> bytes:
        raise AssertionError("a too-large file must be refused before it is read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(LoadError) as caught:
        load_map(path)
    assert "too large" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_load_error_lists_every_problem_but_says_one_line() -> None:
    data = json.loads(RICH_TEXT)
    data["cards"][0]["emotions"]["everyone-as-is"]["value"] = "seven"
    data["cards"][1]["votes"] = -1
    data["stages"][0]["colour"] = "blue"
    error = _one_line_error(json.dumps(data).encode(), "three.journeymap")
    assert len(error.problems) == 3
    assert "(and 2 more problems)" in str(error)
    joined = "\n".join(error.problems)
    for path in ("cards[0].emotions.everyone-as-is.value", "cards[1].votes",
                 "stages[0].colour"):
        assert path in joined


def test_a_pdf_made_by_reportlab_is_recognised_as_a_pdf(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "poster.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(72, 72, "Grocery delivery")
    canvas.save()
    with pytest.raises(LoadError) as caught:
        load_map(path)
    assert "PDF" in str(caught.value)


def test_a_huge_integer_literal_gives_a_load_error() -> None:
    raw = _replace('"votes": 7', '"votes": ' + "9" * 5_000)
    error = _one_line_error(raw)
    assert "votes" in str(error) or "number" in str(error)


def test_a_lone_surrogate_escape_gives_a_printable_message() -> None:
    error = _one_line_error(_replace('"title": "Grocery', '"title": "\\ud800Grocery'))
    assert "title" in str(error)
    str(error).encode("utf-8")  # what printing it to a UTF-8 terminal or log does


# ----- atomic save -------------------------------------------------------------------------
def _changed_map() -> JourneyMap:
    journey = rich_map()
    journey.title = "Second version"
    return journey


def test_save_keeps_the_previous_version_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "map.journeymap"
    save_map(rich_map(), path)
    assert not backup_path(path).exists()  # nothing to keep on the first save
    save_map(_changed_map(), path)
    assert backup_path(path) == tmp_path / "map.journeymap.bak"
    assert backup_path(path).read_bytes() == RICH_BYTES
    assert load_map(path).title == "Second version"
    assert sorted(_folder(tmp_path)) == ["map.journeymap", "map.journeymap.bak"]


def test_save_through_a_symbolic_link_updates_the_target_and_keeps_the_link(
        tmp_path: Path) -> None:
    real = tmp_path / "real" / "map.journeymap"
    real.parent.mkdir()
    save_map(rich_map(), real)
    link = tmp_path / "link.journeymap"
    link.symlink_to(real)
    save_map(_changed_map(), link)
    assert link.is_symlink()
    assert load_map(real).title == "Second version"
    assert backup_path(real).read_bytes() == RICH_BYTES


def test_save_refuses_a_map_the_loader_would_refuse(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "map.journeymap"
    save_map(rich_map(), path)
    before = _folder(tmp_path)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", len(RICH_BYTES))
    journey = _changed_map()
    journey.description = "more text " * 20
    with pytest.raises(SaveError) as caught:
        save_map(journey, path)
    assert "not changed" in str(caught.value)
    assert _folder(tmp_path) == before


def test_save_without_backup_leaves_no_bak(tmp_path: Path) -> None:
    path = tmp_path / "map.journeymap"
    save_map(rich_map(), path, keep_backup=False)
    save_map(_changed_map(), path, keep_backup=False)
    assert sorted(_folder(tmp_path)) == ["map.journeymap"]


def _disk_full(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _assert_failed_save_left_everything(tmp_path: Path, path: Path,
                                        before: dict[str, bytes]) -> None:
    with pytest.raises(SaveError) as caught:
        save_map(_changed_map(), path)
    message = str(caught.value)
    assert path.name in message
    assert "disk is full" in message
    assert "not changed" in message
    assert _folder(tmp_path) == before, "no temporary file may be left, nothing may change"


def test_a_save_failing_at_fsync_changes_nothing(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "map.journeymap"
    save_map(rich_map(), path)
    before = _folder(tmp_path)
    monkeypatch.setattr(files.os, "fsync", _disk_full)
    _assert_failed_save_left_everything(tmp_path, path, before)
    monkeypatch.undo()
    assert load_map(path) == rich_map()


def test_a_save_failing_at_the_final_rename_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "map.journeymap"
    save_map(rich_map(), path)
    save_map(rich_map(), path)  # so the .bak exists already and holds the same bytes
    before = _folder(tmp_path)
    real_replace = os.replace

    def replace_fails_onto_the_map(src: Any, dst: Any) -> None:
        if Path(dst) == path:
            _disk_full()
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", replace_fails_onto_the_map)
    _assert_failed_save_left_everything(tmp_path, path, before)


def test_a_save_failing_at_every_rename_leaves_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "map.journeymap"
    save_map(rich_map(), path)
    before = _folder(tmp_path)
    monkeypatch.setattr(files.os, "replace", _disk_full)
    _assert_failed_save_left_everything(tmp_path, path, before)


def test_a_failed_first_save_creates_no_file(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files.os, "fsync", _disk_full)
    with pytest.raises(SaveError):
        save_map(rich_map(), tmp_path / "new.journeymap")
    assert list(tmp_path.iterdir()) == []


def test_a_save_into_a_read_only_folder_fails_cleanly(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "map.journeymap"
    save_map(rich_map(), path)
    before = _folder(folder)
    if os.geteuid() == 0:
        # root writes into read-only folders anyway: simulate what the kernel says to others.
        def no_permission(*args: Any, **kwargs: Any) -> Any:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(files.tempfile, "mkstemp", no_permission)
    else:
        folder.chmod(0o555)
    try:
        with pytest.raises(SaveError) as caught:
            save_map(_changed_map(), path)
    finally:
        folder.chmod(0o755)
    message = str(caught.value)
    assert "permission denied" in message
    assert "not changed" in message
    assert _folder(folder) == before


def test_save_keeps_the_permissions_of_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "private.journeymap"
    save_map(rich_map(), path)
    path.chmod(0o600)
    save_map(_changed_map(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o664)
    save_map(rich_map(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_a_new_file_gets_the_usual_permissions_from_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        save_map(rich_map(), tmp_path / "new.journeymap")
    finally:
        os.umask(old)
    # Not mkstemp's 0600: other programs (sync tools, colleagues' accounts) must read it.
    assert stat.S_IMODE((tmp_path / "new.journeymap").stat().st_mode) == 0o640


def test_changed_on_disk_sees_edits_but_not_touches(tmp_path: Path) -> None:
    path = tmp_path / "map.journeymap"
    stamp = save_map(rich_map(), path)
    assert not changed_on_disk(path, stamp)
    assert not changed_on_disk(path, None)

    later = time.time() + 120
    os.utime(path, (later, later))  # a touch, or a sync tool rewriting the same bytes
    assert not changed_on_disk(path, stamp)

    path.write_bytes(RICH_BYTES.replace(b"Grocery", b"Pharmacy"))
    assert changed_on_disk(path, stamp)

    _, fresh = load_map_with_stamp(path)
    assert not changed_on_disk(path, fresh)
    path.unlink()
    assert changed_on_disk(path, fresh)


def _hold_lock(path: Path) -> subprocess.Popen[str]:
    """Another process that holds `path` locked, as a save in progress does."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, os, sys\n"
         "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
         "fcntl.flock(fd, fcntl.LOCK_EX)\n"
         "print('locked', flush=True)\n"
         "sys.stdin.read()\n", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_a_save_removes_only_this_maps_abandoned_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "map.journeymap"
    save_map(rich_map(), path)
    abandoned = tmp_path / ".map.journeymap.k3j4h5x1.tmp"  # a save killed midway
    in_progress = tmp_path / ".map.journeymap.a8b9c0d2.tmp"  # another process saving now
    other = tmp_path / ".other.journeymap.x1y2z3w4.tmp"
    lookalikes = [tmp_path / "map.journeymap.notes.tmp", tmp_path / ".map.journeymap.tmp",
                  tmp_path / ".map.journeymap.notes-v2.tmp"]
    for temp in (abandoned, in_progress, other, *lookalikes):
        temp.write_bytes(b"partial")
    holder = _hold_lock(in_progress)
    try:
        save_map(_changed_map(), path)
        assert not abandoned.exists()
        assert in_progress.exists()
    finally:
        holder.communicate("")
    assert other.exists() and all(p.exists() for p in lookalikes)
    assert load_map(path) == _changed_map()
    # Once its writer is gone, the next save cleans that one up as well.
    save_map(rich_map(), path)
    assert not in_progress.exists()


def test_opening_or_validating_a_map_deletes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "map.journeymap"
    save_map(rich_map(), path)
    leftover = tmp_path / ".map.journeymap.q1w2e3r4.tmp"
    leftover.write_bytes(b"{")
    os.utime(leftover, (time.time() - 7200,) * 2)
    before = _folder(tmp_path)
    load_map(path)
    result = subprocess.run([sys.executable, "-m", "journeymap_desktop", "validate",
                             str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert _folder(tmp_path) == before


def test_sweep_works_for_names_with_brackets(tmp_path: Path) -> None:
    path = tmp_path / "plan [v2].journeymap"
    save_map(rich_map(), path)
    stale = tmp_path / ".plan [v2].journeymap.abc123de.tmp"
    stale.write_bytes(b"partial")
    assert sweep_stale_temp_files(path) == [stale]


# ----- migrations --------------------------------------------------------------------------
def test_migrate_runs_the_registered_steps_in_order() -> None:
    calls: list[str] = []

    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(f"1->2 saw version {data['version']}")
        data["lanes"] = data.pop("rows")
        return data

    def two_to_three(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(f"2->3 saw version {data['version']}")
        data["title"] = data["title"].strip()
        return data

    registry = {2: two_to_three, 1: one_to_two}
    original = {"format": "journeymap", "version": 1, "title": " Old ", "rows": []}
    result = migrations.migrate(original, 1, target=3, registry=registry)
    assert calls == ["1->2 saw version 1", "2->3 saw version 2"]
    assert result == {"format": "journeymap", "version": 3, "title": "Old", "lanes": []}
    assert original == {"format": "journeymap", "version": 1, "title": " Old ", "rows": []}

    calls.clear()
    assert migrations.migrate({"version": 2, "title": "x"}, 2, target=3,
                              registry=registry)["version"] == 3
    assert calls == ["2->3 saw version 2"]


def test_migrate_with_nothing_to_do_returns_the_data_unchanged() -> None:
    data = {"format": "journeymap", "version": 1}
    assert migrations.migrate(data, 1, target=1, registry={}) == data
    current = {"format": "journeymap", "version": 2}
    assert migrations.migrate(current, 2) == current  # version 2 is current


def test_migrate_with_a_missing_step_raises_lookup_error() -> None:
    registry = {1: lambda data: data}
    with pytest.raises(LookupError, match="version 2"):
        migrations.migrate({"version": 1}, 1, target=3, registry=registry)


def test_migrates_from_registers_once_per_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", {})

    @migrations.migrates_from(1)
    def step(data: dict[str, Any]) -> dict[str, Any]:
        return data

    assert list(migrations.MIGRATIONS) == [1]
    assert migrations.MIGRATIONS[1] is step
    with pytest.raises(ValueError, match="two migrations from version 1"):
        migrations.migrates_from(1)(step)


# ----- recovery drafts ---------------------------------------------------------------------
@pytest.fixture
def saved_file(tmp_path: Path) -> Path:
    path = tmp_path / "work" / "map.journeymap"
    path.parent.mkdir()
    save_map(rich_map(), path)
    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))
    return path


@pytest.fixture
def store(tmp_path: Path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "data" / "recovery")


def test_a_written_draft_is_offered_with_source_and_title(store: RecoveryStore,
                                                          saved_file: Path) -> None:
    unsaved = _changed_map()
    key = new_draft_key()
    store.write(key, unsaved, saved_file)
    drafts = store.drafts()
    assert len(drafts) == 1
    draft = drafts[0]
    assert draft.source == saved_file
    assert draft.title == "Second version"
    assert draft.key == key
    assert "Second version" in draft.describe()
    assert str(saved_file) in draft.describe()
    loaded = draft.load()
    assert loaded == unsaved
    assert dumps_map(loaded) == dumps_map(unsaved)
    # Written atomically, nothing else left in the folder.
    assert [p.name for p in store.directory.iterdir()] == [f"{key}.draft.json"]
    # The user's file is untouched.
    assert saved_file.read_bytes() == RICH_BYTES


def test_an_untitled_draft_is_offered(store: RecoveryStore) -> None:
    store.write(new_draft_key(), rich_map(), None)
    (draft,) = store.drafts()
    assert draft.source is None
    assert "unsaved new map" in draft.describe()
    assert draft.load() == rich_map()


def test_every_document_gets_its_own_draft_key() -> None:
    keys = {new_draft_key() for _ in range(100)}
    assert len(keys) == 100


def test_a_draft_is_kept_and_offered_even_when_its_file_changed_later(
        store: RecoveryStore, saved_file: Path) -> None:
    from journeymap_desktop.storage.files import FileStamp

    stamp = FileStamp.of_bytes(saved_file, saved_file.read_bytes())
    draft_path = store.write(new_draft_key(), _changed_map(), saved_file, stamp)
    (draft,) = store.drafts()
    assert not draft.source_changed_since()
    # A sync tool touches the file: same bytes, newer time. Still nothing changed.
    later = time.time() + 60
    os.utime(saved_file, (later, later))
    (draft,) = store.drafts()
    assert not draft.source_changed_since()
    # Someone really edits it: the draft stays, and the offer says the file changed.
    saved_file.write_bytes(saved_file.read_bytes() + b"\n")
    (draft,) = store.drafts()
    assert draft_path.exists()
    assert draft.source_changed_since()
    assert "changed since" in draft.describe()


def test_a_draft_from_a_process_that_no_longer_runs_is_not_owned(tmp_path: Path) -> None:
    me = ProcessIdentity.current()
    assert me.is_running()
    # The same PID after a reboot, or a PID now used by a process that started later.
    assert not ProcessIdentity(me.pid, "another-boot", me.started).is_running() or not (
        me.boot_id)
    if me.started:
        assert not ProcessIdentity(1, me.boot_id, "0").is_running()
    assert not ProcessIdentity(2 ** 22 + 7, me.boot_id, "").is_running()


def test_drafts_are_listed_newest_first(store: RecoveryStore, tmp_path: Path) -> None:
    for key, hours_ago in (("old", 5), ("new", 1), ("middle", 3)):
        path = store.write(key, rich_map(), None)
        payload = json.loads(path.read_text(encoding="utf-8"))
        moment = datetime.now(UTC) - timedelta(hours=hours_ago)
        payload["recovery"]["saved_at"] = moment.isoformat()
        path.write_text(json.dumps(payload), encoding="utf-8")
    assert [draft.key for draft in store.drafts()] == ["new", "middle", "old"]


_DAMAGED_DRAFTS = {
    "garbage": b"this is not json",
    "empty": b"",
    "truncated": b'{"recovery": {"source": null, "saved_at": "2024-0',
    "list": b"[1, 2, 3]",
    "recovery-not-object": b'{"recovery": "yes", "map": {}}',
    "no-saved-at": b'{"recovery": {"title": "x"}, "map": {}}',
    "bad-saved-at": b'{"recovery": {"saved_at": "yesterday"}, "map": {}}',
    "saved-at-number": b'{"recovery": {"saved_at": 5}, "map": {}}',
    "source-number": b'{"recovery": {"saved_at": "2024-01-01T00:00:00+00:00", "source": 5}}',
    "latin1": b'{"recovery": {"title": "caf\xe9"}}',
    "binary": bytes(range(256)),
}


def test_damaged_draft_files_are_skipped_without_crashing(store: RecoveryStore) -> None:
    store.write("good", rich_map(), None)
    for name, raw in _DAMAGED_DRAFTS.items():
        (store.directory / f"{name}.draft.json").write_bytes(raw)
    assert [draft.key for draft in store.drafts()] == ["good"]


def test_a_draft_with_a_naive_timestamp_does_not_crash_the_listing(
        store: RecoveryStore, saved_file: Path) -> None:
    store.write("good", rich_map(), None)
    (store.directory / "naive.draft.json").write_text(json.dumps({
        "recovery": {"saved_at": "2099-01-01T00:00:00", "source": str(saved_file),
                     "title": "Naive"},
        "map": rich_map().model_dump(mode="json"),
    }))
    assert "good" in [draft.key for draft in store.drafts()]


def test_a_deeply_nested_draft_does_not_crash_the_listing(store: RecoveryStore) -> None:
    store.write("good", rich_map(), None)
    (store.directory / "deep.draft.json").write_bytes(b"[" * 100_000)
    assert [draft.key for draft in store.drafts()] == ["good"]


def test_a_draft_with_a_damaged_map_is_listed_but_refuses_to_load(
        store: RecoveryStore) -> None:
    path = store.write("bad-map", rich_map(), None)
    payload = json.loads(path.read_text(encoding="utf-8"))
    payload["map"]["cards"][0]["emotions"]["everyone-as-is"]["value"] = 7
    path.write_text(json.dumps(payload), encoding="utf-8")
    (draft,) = store.drafts()
    with pytest.raises(LoadError) as caught:
        draft.load()
    assert "cards[0].emotions.everyone-as-is.value" in str(caught.value)


def test_discard_removes_the_draft(store: RecoveryStore, saved_file: Path) -> None:
    key = new_draft_key()
    path = store.write(key, _changed_map(), saved_file)
    store.discard(key)
    assert not path.exists()
    assert store.drafts() == []
    store.discard(key)  # twice is fine
    store.discard("never-written")


def test_no_drafts_folder_means_no_drafts(tmp_path: Path) -> None:
    assert RecoveryStore(tmp_path / "nothing here").drafts() == []


def test_rewriting_a_draft_replaces_it(store: RecoveryStore) -> None:
    store.write("k", rich_map(), None)
    store.write("k", _changed_map(), None)
    (draft,) = store.drafts()
    assert draft.load() == _changed_map()
    assert draft.writer is not None and draft.writer.pid == os.getpid()
    assert not draft.owned_by_other_live_process()


def test_fixed_time_helper_round_trips() -> None:
    # The deterministic map's times survive as written (no microseconds are invented).
    assert f'"created": "{FIXED_TIME:%Y-%m-%dT%H:%M:%S}Z"' in RICH_TEXT
