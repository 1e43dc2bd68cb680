"""Files from someone else, as an attacker would make them: the terminal, the messages and the
recovery at start must all survive them (issue 8).

Structure-level fuzzing here mutates the JSON *tree* of real maps and drafts (types, ranges,
missing and extra keys, huge and deep values), not only their bytes; the byte-level fuzzing
lives in test_storage.py.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap_desktop.storage import LoadError, decode_map, encode_map
from journeymap_desktop.storage.errors import MAX_PROBLEMS
from journeymap_desktop.storage.files import FileStamp
from journeymap_desktop.storage.recovery import RecoveryStore, new_draft_key
from tests.helpers.maps import rich_map

ESC = "\x1b"
# Everything that can change what a terminal shows or where the next line starts.
TERMINAL_TRICKS = (ESC, "\x07", "\x9b", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029",
                   "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\x00")
FORGED = f"{ESC}]0;pwned\x07{ESC}[2J{ESC}[H{ESC}[32mALL OK{ESC}[0m"
MAX_LINE = 1_300  # a message line and the file name before it


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None,
            ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "journeymap_desktop", *args], cwd=cwd,
                          capture_output=True, timeout=120, check=False,
                          env={**os.environ, **(env or {})})


def _rich_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(encode_map(rich_map()))
    return data


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    """The hostile maps of issue 8."""
    files: dict[str, Path] = {}
    data = _rich_data()
    data["cards"][0]["id"] = "c1" + FORGED
    files["escape id"] = _write(tmp_path / "escape-id.journeymap", data)
    data = _rich_data()
    data[f"x{ESC}[2J\nsecond line\u2028third\u202eevil"] = 1
    files["bidi key"] = _write(tmp_path / "bidi-key.journeymap", data)
    files["markup key"] = tmp_path / "markup-key.journeymap"
    files["markup key"].write_text(
        '{"format":"journeymap","version":1,"<h1>Map is fine</h1>":1}', encoding="utf-8")
    files["huge key"] = tmp_path / "huge-key.journeymap"
    files["huge key"].write_text('{"format":"journeymap","version":1,"'
                                 + "k" * 20_000_000 + '":1}', encoding="utf-8")
    data = _rich_data()
    for card in data["cards"]:
        card["emotion"] = 9
    data["cards"] = data["cards"] * 40
    files["many problems"] = _write(tmp_path / "many.journeymap", data)
    return files


# ----- the terminal --------------------------------------------------------------------------
def test_validate_prints_one_safe_bounded_line_per_hostile_file(
        hostile: dict[str, Path], tmp_path: Path) -> None:
    singles = [hostile[k] for k in ("escape id", "bidi key", "markup key", "huge key")]
    result = run_cli("validate", *[p.name for p in singles], cwd=tmp_path)
    assert result.returncode == 1
    out = result.stdout.decode("utf-8")
    lines = out.splitlines()
    assert len(lines) == len(singles), out[:3000]  # no forged extra lines
    for line, path in zip(lines, singles, strict=True):
        assert line.startswith(f"{path.name}: ")
        assert len(line) <= MAX_LINE
        assert not any(trick in line for trick in TERMINAL_TRICKS), repr(line)
    assert "ALL OK" not in out.replace("ALL OK\\x1b", "")  # shown only as escaped text
    assert "\\x1b]0;pwned\\x07" in out  # what was there, made visible
    assert result.stderr == b""


def test_validate_lists_at_most_fifty_problems_of_a_file(hostile: dict[str, Path],
                                                          tmp_path: Path) -> None:
    listed = json.loads(hostile["many problems"].read_text(encoding="utf-8"))["cards"]
    cards = len(listed)
    assert cards > MAX_PROBLEMS
    # A bad emotion on every card, and every card after the first four repeats an id: the
    # whole-map problems are counted with the field problems (issue 10).
    problems = cards + cards - len({card["id"] for card in listed})
    result = run_cli("validate", hostile["many problems"].name, cwd=tmp_path)
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines[0] == f"{hostile['many problems'].name}: {problems} problems"
    assert len(lines) == 1 + MAX_PROBLEMS + 1
    assert lines[-1].strip() == f"… and {problems - MAX_PROBLEMS} more problems"


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_a_non_utf8_file_name_is_shown_escaped_and_never_an_unexpected_error(
        tmp_path: Path, encoding: str) -> None:
    name = os.fsdecode(b"caf\xe9 \xff.journeymap")  # Latin-1 bytes: not UTF-8
    (tmp_path / name).write_bytes(encode_map(rich_map()))
    (tmp_path / "broken \u202e.journeymap").write_text("{", encoding="utf-8")
    result = run_cli("validate", name, "broken \u202e.journeymap", cwd=tmp_path,
                     env={"PYTHONIOENCODING": encoding})  # strict: any raw byte would fail
    out = result.stdout.decode(encoding)
    assert "unexpected error" not in result.stderr.decode(encoding, "replace")
    assert result.returncode == 1
    assert out.splitlines()[0].startswith("caf\\xe9 \\xff.journeymap: OK")
    assert out.splitlines()[1].startswith("broken \\u202e.journeymap: not valid JSON")


def test_cli_errors_are_escaped_too(tmp_path: Path) -> None:
    (tmp_path / f"out{ESC}[2J.journeymap").write_text("{}", encoding="utf-8")
    result = run_cli("new", "-o", f"out{ESC}[2J.journeymap", cwd=tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1
    assert ESC not in err and "out\\x1b[2J.journeymap exists already" in err


# ----- messages ------------------------------------------------------------------------------
def test_a_twenty_million_character_key_gives_a_short_message(hostile: dict[str, Path],
                                                              ) -> None:
    with pytest.raises(LoadError) as caught:
        decode_map(hostile["huge key"].read_bytes(), "huge-key.journeymap")
    message = str(caught.value)
    assert len(message) < 400
    assert "unknown field" in message and "…" in message


# ----- structure-level fuzzing of maps ------------------------------------------------------
_NASTY_VALUES: list[Any] = [
    None, True, False, 0, -1, 2**63, 10**30, 1.5, -0.0, "", "x", "\x00", "\x1b[2J",
    "<img src=\"/dev/zero\">", "\u202e", "\ufffd", "k" * 5000, [], {},
    [[[[[[[[[[[]]]]]]]]]]], {"id": "c-ad"}, "0001-01-01T00:00:00+14:00", "2024-13-45",
    "#GGGGGG", "touchpoint", "s-discover", "l-touch",
]


def _nodes(tree: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON tree: dict keys and list indexes, as paths."""
    found = [path]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += _nodes(value, (*path, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree[:6]):
            found += _nodes(value, (*path, index))
    return found


def _parent(tree: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        tree = tree[part]
    return tree


@st.composite
def mutated_tree(draw: st.DrawFn, original: Any) -> Any:
    """A real JSON tree with a few structural mutations: a value replaced by one of another
    type or out of range, a key removed or added, a list emptied or repeated, a subtree
    copied somewhere it does not belong."""
    tree = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 4))):
        places = [p for p in _nodes(tree) if p]
        if not places:
            break
        path = draw(st.sampled_from(places))
        parent = _parent(tree, path)
        action = draw(st.sampled_from(["replace", "replace", "delete", "add", "repeat",
                                       "graft"]))
        if action == "replace":
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(_NASTY_VALUES)))
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "<h1>x</h1>", "\x1b", "id", ""]))] = (
                copy.deepcopy(draw(st.sampled_from(_NASTY_VALUES))))
        elif action == "repeat" and isinstance(parent[path[-1]], list):
            parent[path[-1]] = copy.deepcopy(parent[path[-1]] * draw(st.integers(0, 3)))
        elif action == "graft":
            place = draw(st.sampled_from(places))
            parent[path[-1]] = copy.deepcopy(_parent(tree, (*place, 0)))
    return tree


_FUZZ = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])


@_FUZZ
@given(tree=mutated_tree(_rich_data()))
def test_structurally_mutated_maps_load_or_give_one_safe_line(tree: Any) -> None:
    raw = json.dumps(tree, ensure_ascii=False).encode("utf-8")
    refusal: LoadError | None = None
    try:
        decode_map(raw, "fuzzed.journeymap")
    except LoadError as error:
        refusal = error
    if refusal is not None:
        message = str(refusal)
        assert len(message) <= MAX_LINE
        assert not any(trick in message for trick in TERMINAL_TRICKS), repr(message)
        assert all(len(problem) <= 1_000 for problem in refusal.problems)


# ----- recovery drafts -----------------------------------------------------------------------
def _real_draft(tmp_path: Path) -> tuple[RecoveryStore, Path, dict[str, Any]]:
    source = tmp_path / "map.journeymap"
    source.write_bytes(encode_map(rich_map()))
    store = RecoveryStore(tmp_path / "recovery")
    stamp = FileStamp.of_bytes(source, source.read_bytes())
    path = store.write(new_draft_key(), rich_map(), source, stamp)
    return store, path, json.loads(path.read_text(encoding="utf-8"))


def _check_the_drafts_can_be_handled(store: RecoveryStore) -> None:
    drafts, damaged = store.scan()
    for draft in drafts:
        draft.describe()
        draft.owned_by_other_live_process()
        draft.source_changed_since()
        with contextlib.suppress(LoadError):  # a LoadError is the only refusal allowed
            draft.load()
    for entry in damaged:
        assert entry.reason and "\n" not in entry.describe()


@pytest.mark.parametrize(("what", "raw_header_part"), [
    ("a size of 1e400", '"source_stamp": {"size": 1e400, "mtime_ns": 1, "sha256": "%s"}'),
    ("a 99999999999 pid", '"writer": {"pid": 99999999999, "boot_id": "", "started": ""}'),
    ("a time in year 1", '"saved_at": "0001-01-01T00:00:00+14:00"'),
    ("a NUL in the source", '"source": "/tmp/a\\u0000b.journeymap"'),
])
def test_the_reported_damaged_drafts_are_listed_not_fatal(tmp_path: Path, what: str,
                                                         raw_header_part: str) -> None:
    store, path, payload = _real_draft(tmp_path)
    key = raw_header_part.split(":")[0].strip('"')
    payload["recovery"].pop(key)
    header = json.dumps(payload["recovery"])[:-1] + ", " + raw_header_part.replace(
        "%s", "0" * 64) + "}"
    path.write_text('{"recovery": ' + header + ', "map": ' + json.dumps(payload["map"]) + "}",
                    encoding="utf-8")
    _check_the_drafts_can_be_handled(store)
    drafts, damaged = store.scan()
    if what == "a 99999999999 pid":
        # Not damage that matters: nobody is taken to be still writing it.
        assert len(drafts) == 1 and not drafts[0].owned_by_other_live_process()
    else:
        assert drafts == [] and [d.path for d in damaged] == [path]


def test_a_pipe_or_a_folder_among_the_drafts_is_damaged_not_a_hang(tmp_path: Path) -> None:
    store, _path, _payload = _real_draft(tmp_path)
    os.mkfifo(store.directory / "draft-0000000000000000.draft.json")
    (store.directory / "draft-1111111111111111.draft.json").mkdir()
    drafts, damaged = store.scan()
    assert len(drafts) == 1
    assert sorted(d.reason for d in damaged) == ["not a regular file", "not a regular file"]


def test_a_draft_whose_source_is_a_device_is_not_read_forever(tmp_path: Path) -> None:
    store, path, payload = _real_draft(tmp_path)
    payload["recovery"]["source"] = "/dev/zero"
    payload["recovery"]["source_stamp"]["size"] = 0
    _write(path, payload)
    (draft,) = store.drafts()
    assert draft.source_changed_since()
    assert "/dev/zero" in draft.describe()


@_FUZZ
@given(data=st.data())
def test_structurally_mutated_drafts_never_raise(tmp_path_factory: pytest.TempPathFactory,
                                                 data: st.DataObject) -> None:
    folder = tmp_path_factory.mktemp("fuzzed-draft")
    store, path, payload = _real_draft(folder)
    tree = data.draw(mutated_tree(payload))
    literal = data.draw(st.sampled_from(["", "1e400", "-1e400", "NaN", "99999999999999999999"]))
    text = json.dumps(tree, ensure_ascii=False)
    if literal and '"size": ' in text:
        text = text.replace('"size": ', f'"size": {literal}, "was": ', 1)
    path.write_text(text, encoding="utf-8")
    _check_the_drafts_can_be_handled(store)
