"""The fast way in: files of the current version are read and checked by pydantic's own JSON
parser, and must come out exactly as the careful way makes them, with every refusal kept
(above all, a key given twice in one object)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.storage import LoadError, decode_map, encode_map
from journeymap_desktop.storage.codec import (
    decode_current,
    map_from_data,
    parse_json,
    received_keys,
)
from tests.helpers_model import journey_maps, rich_map

RICH = encode_map(rich_map()).decode("utf-8")


def _with(old: str, new: str) -> bytes:
    assert old in RICH, old
    return RICH.replace(old, new, 1).encode("utf-8")


def _careful(raw: bytes) -> JourneyMap:
    return map_from_data(parse_json(raw, "map"), "map")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey=journey_maps())
def test_the_fast_and_the_careful_way_give_the_same_map(journey: JourneyMap) -> None:
    raw = encode_map(journey)
    fast = decode_current(raw)
    assert _careful(raw) == journey
    if fast is None:  # only a backslash before a quote and a colon sends it the careful way
        assert b'\\\\":' in raw
    else:
        assert fast == journey
        assert encode_map(fast) == raw


def test_a_key_count_matches_the_text_of_a_saved_map() -> None:
    raw = encode_map(rich_map())
    journey = JourneyMap.model_validate_json(raw)
    assert received_keys(journey) == raw.count(b'":') - raw.count(b'\\":')


@pytest.mark.parametrize(("old", "new"), [
    ('"title": "Grocery', '"title": "A", "title": "Grocery'),  # top level
    ('"votes": 7,', '"votes": 7, "votes": 8,'),  # in a card
    ('"name": "Ana",', '"name": "Ana", "name": "Bob",'),  # in a persona
    ('"preset": "-2..2",', '"preset": "-2..2", "preset": "1..5",'),  # in the scale
    ('"word": "",', '"word": "", "word": "x",'),  # in a value on a curve
    ('"everyone-as-is": {\n          "value": -2,',  # the same curve twice in one card
     '"everyone-as-is": {"value": 1},\n        "everyone-as-is": {\n          "value": -2,'),
    ('"rounds": []', '"rounds": [], "rounds": []'),  # in the workshop
])
def test_a_key_given_twice_is_refused_wherever_it_is(old: str, new: str) -> None:
    raw = _with(old, new)
    assert decode_current(raw) is None
    with pytest.raises(LoadError, match="appears twice in one object"):
        decode_map(raw)


def test_a_key_given_twice_is_refused_when_keys_are_spaced_by_hand() -> None:
    spaced = RICH.replace('": ', '" : ')
    assert decode_map(spaced.encode("utf-8")) == rich_map(), "spaced keys load"
    twice = spaced.replace('"votes" : 7,', '"votes" : 7, "votes": 8,', 1).encode("utf-8")
    with pytest.raises(LoadError, match="appears twice"):
        decode_map(twice)


@pytest.mark.parametrize("title", ['She said "fine": then left', 'a \\": b', 'ends with \\',
                                   '"": "', "\u2028 line separator", "😀 \\u0022", ":-)",
                                   ": starts with a colon", '":"'])
def test_quotes_colons_and_backslashes_in_text_load_and_keep_counting(title: str) -> None:
    journey = rich_map()
    journey.cards[0].title = title
    journey.cards[0].tags = [title, ":)"]
    raw = encode_map(journey)
    if "\\" not in title:  # a backslash before a quote and colon: the careful way
        assert decode_current(raw) == journey, "the fast path reads it"
    assert decode_map(raw).cards[0].title == title
    doubled = raw.replace(b'"votes": 7,', b'"votes": 7, "votes": 8,', 1)
    with pytest.raises(LoadError, match="appears twice"):
        decode_map(doubled)


def test_a_file_without_its_header_is_refused_even_if_the_rest_is_a_map() -> None:
    data = json.loads(RICH)
    for key in ("format", "version"):
        headless = {k: v for k, v in data.items() if k != key}
        raw = json.dumps(headless).encode()
        assert decode_current(raw) is None
        with pytest.raises(LoadError, match=key):
            decode_map(raw)


def test_older_versions_and_byte_order_marks_take_the_careful_path() -> None:
    assert decode_current(b"\xef\xbb\xbf" + RICH.encode()) is None
    assert decode_map(b"\xef\xbb\xbf" + RICH.encode()) == rich_map()
    old = json.loads(RICH)
    old["version"] = 1
    assert decode_current(json.dumps(old).encode()) is None


def test_numbers_the_careful_path_refuses_are_refused_on_the_fast_one_too() -> None:
    for bad in ("NaN", "Infinity", "1e400"):
        raw = _with('"value": -2', f'"value": {bad}')
        assert decode_current(raw) is None
        with pytest.raises(LoadError):
            decode_map(raw)
