"""Version 1 files open and are saved as version 2 without loss; an app of version 1 refuses a
version 2 file with its one-line "newer version" message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID
from journeymap_desktop.storage import LoadError, codec, decode_map, encode_map, load_map
from journeymap_desktop.storage.files import save_map
from journeymap_desktop.storage.migrations import MIGRATIONS, curves_and_names, migrate

V1 = sorted((Path(__file__).parent / "data" / "v1").glob("*.journeymap"))


def _v1(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_bytes())
    assert data["version"] == 1
    return data


def test_the_chain_has_a_step_from_version_1() -> None:
    assert MIGRATIONS[1] is curves_and_names


@pytest.mark.parametrize("path", V1, ids=lambda p: p.name)
def test_a_version_1_file_loads_without_losing_anything(path: Path) -> None:
    old = _v1(path)
    journey = load_map(path)
    assert journey.version == 2
    # The scale of version 1, and its single emotion as everyone's as-is curve.
    assert (journey.scale.preset, journey.scale.min, journey.scale.max) == ("-2..2", -2, 2)
    assert [(c.id, c.persona_id, c.scenario, c.name) for c in journey.curves] == [
        (EVERYONE_AS_IS_ID, None, "as-is", "")]
    new = json.loads(encode_map(journey))
    # Everything else carries over exactly: title, meta, personas, stages...
    for key in ("title", "description", "meta", "personas", "stages"):
        assert new[key] == old[key], key
    # ...lanes with `title` now `name`...
    assert [{("name" if k == "title" else k): v for k, v in lane.items()}
            for lane in old["lanes"]] == new["lanes"]
    # ...and every card field, the emotion and its word now its value on the curve.
    assert len(new["cards"]) == len(old["cards"])
    for before, after in zip(old["cards"], new["cards"], strict=True):
        emotion, word = before.pop("emotion"), before.pop("emotion_word")
        value = after.pop("emotions")
        if emotion is None:
            assert value == {}
        else:
            assert value == {EVERYONE_AS_IS_ID: {"value": emotion, "word": word,
                                                 "evidence": None}}
        for field, kept in before.items():
            assert after[field] == kept, (before["id"], field)
        assert (after["evidence"], after["priority"], after["private"],
                after["source_key"]) == ([], None, False, None)
    assert (new["views"], new["workshop"]) == ([], {"participants": [], "rounds": [],
                                                    "timer_log": []})


@pytest.mark.parametrize("path", V1, ids=lambda p: p.name)
def test_a_version_1_file_is_saved_as_version_2(path: Path, tmp_path: Path) -> None:
    target = tmp_path / path.name
    target.write_bytes(path.read_bytes())
    save_map(load_map(target), target)
    saved = json.loads(target.read_bytes())
    assert saved["version"] == 2
    assert '"title"' not in json.dumps(saved["lanes"])
    assert all("emotion" not in card for card in saved["cards"])
    # The old file is kept beside it, as with every save.
    assert json.loads((tmp_path / f"{path.name}.bak").read_bytes())["version"] == 1
    # Loading the new file gives the same map (a second save changes nothing).
    assert load_map(target) == load_map(path)


def test_the_migration_keeps_the_order_of_keys_tidy() -> None:
    data = {"format": "journeymap", "version": 1, "title": "T", "description": "",
            "meta": {"created": "2024-01-01T00:00:00Z", "modified": "2024-01-01T00:00:00Z",
                     "author": "", "app_version": ""},
            "personas": [], "stages": [], "lanes": [{"id": "l", "title": "L",
                                                    "kind": "notes"}],
            "cards": []}
    upgraded = migrate(data, 1)
    assert list(upgraded) == ["format", "version", "title", "description", "meta", "scale",
                              "personas", "curves", "stages", "lanes", "cards"]
    assert upgraded["version"] == 2
    assert upgraded["lanes"] == [{"id": "l", "name": "L", "kind": "notes"}]
    assert data["lanes"] == [{"id": "l", "title": "L", "kind": "notes"}], "input untouched"


@pytest.mark.parametrize(("card", "expected"), [
    ({"id": "c", "emotion": 2, "emotion_word": "thrilled"},
     {"id": "c", "emotions": {EVERYONE_AS_IS_ID: {"value": 2, "word": "thrilled"}}}),
    ({"id": "c", "emotion": -1}, {"id": "c", "emotions": {EVERYONE_AS_IS_ID: {"value": -1}}}),
    ({"id": "c", "emotion": None, "emotion_word": ""}, {"id": "c", "emotions": {}}),
    ({"id": "c"}, {"id": "c"}),
    # Damaged input is left for the validator to report, never "fixed" silently.
    ({"id": "c", "emotion": "7"}, {"id": "c", "emotions": {EVERYONE_AS_IS_ID: {"value": "7"}}}),
    ("not a card", "not a card"),
])
def test_cards_move_their_emotion_onto_the_curve(card: Any, expected: Any) -> None:
    data = {"format": "journeymap", "version": 1, "cards": [card]}
    assert migrate(data, 1)["cards"] == [expected]


def test_a_damaged_version_1_file_is_refused_with_the_field_path(tmp_path: Path) -> None:
    data = _v1(V1[0])
    data["cards"][0]["emotion"] = 7
    with pytest.raises(LoadError) as caught:
        decode_map(json.dumps(data).encode(), "old.journeymap")
    assert "cards[0].emotions.everyone-as-is.value: 7 is outside the map's scale" in str(
        caught.value)


def test_an_app_of_version_1_refuses_a_version_2_file(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    """The version 1 loader's refusal path (`_check_header` with FORMAT_VERSION 1) on a
    version 2 file: one line, the newer version named, nothing overwritten."""
    path = tmp_path / "new.journeymap"
    save_map(load_map(V1[0]), path, keep_backup=False)
    before = path.read_bytes()
    monkeypatch.setattr(codec, "FORMAT_VERSION", 1)
    # Version 1 had no fast path: its loader parsed, then checked the header.
    monkeypatch.setattr(codec, "decode_current", lambda raw: None)
    with pytest.raises(LoadError) as caught:
        load_map(path)
    message = str(caught.value)
    assert message == ("new.journeymap: made by a newer JourneyMap, version 2 of the file "
                       "format; this app reads up to version 1. Update JourneyMap to open it.")
    assert path.read_bytes() == before


def test_version_1s_own_header_check_refused_every_version_above_1() -> None:
    """What version 1 shipped: `_check_header` refuses `version > FORMAT_VERSION` before any
    model sees the data (the same function, unchanged since)."""
    import inspect

    source = inspect.getsource(codec._check_header)
    assert "if version > FORMAT_VERSION:" in source
    assert "made by a newer JourneyMap" in source
