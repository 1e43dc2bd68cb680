"""Journey map <-> `.journeymap` JSON text, with refusals that say what is wrong and where.

The text is indented, keys in the models' field order, with a trailing newline, so a map kept
in git diffs line by line.

Loading takes a fast path for files of the current version: pydantic's own JSON parser reads
and validates the bytes in one go (`JourneyMap.model_validate_json`). That parser keeps the
last of two equal keys in one object silently, which the format refuses, so the keys are then
counted: the keys written in the text (counted at C speed) must equal the distinct keys the
model received. Anything unusual (an older version, a byte-order mark, a key with a space
before its colon, a key ending in a backslash, any error at all) goes the careful way: the
standard library's parser with a duplicate-key check, the migration chain, and messages that
name the line, the column or the field path.
"""

from __future__ import annotations

import json
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from journeymap_desktop.model.map import FORMAT_NAME, FORMAT_VERSION, JourneyMap
from journeymap_desktop.safe_text import shown
from journeymap_desktop.storage.errors import LoadError
from journeymap_desktop.storage.migrations import migrate

# Large enough for 100,000 cards with long texts; past it, parsing would need gigabytes.
MAX_FILE_BYTES = 256 * 1024 * 1024
_COLLECTIONS = {"cards": "card", "stages": "stage", "lanes": "lane", "personas": "persona"}


def dumps_map(journey: JourneyMap) -> str:
    # pydantic's own JSON writer gives the same text as json.dumps(model_dump(mode="json"),
    # indent=2, ensure_ascii=False) (a test keeps it so), about 7x faster: 0.75 s instead of
    # 5.5 s for 100,000 cards.
    return journey.model_dump_json(indent=2) + "\n"


def encode_map(journey: JourneyMap) -> bytes:
    return dumps_map(journey).encode("utf-8")


class _DuplicateKeyError(ValueError):
    pass


def _object_without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(f'the key "{shown(key)}" appears twice in one object')
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise _DuplicateKeyError(f"{name} is not allowed in a journey map")


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _decode_text(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        if error.end >= len(raw) and "unexpected end" in str(error.reason):
            raise LoadError(source, [f"the file ends in the middle of a character at line "
                                     f"{line}: it seems to have been cut short"]) from None
        bad = raw[error.start : error.start + 1].hex()
        raise LoadError(
            source,
            [f"not UTF-8 text: byte 0x{bad} at line {line} (offset {error.start}) is invalid; "
             "a journey map is UTF-8 JSON"],
        ) from None


def _other_format_hint(text: str) -> str | None:
    head = text.lstrip()[:200].lower()
    if head.startswith("<mxfile") or (head.startswith("<?xml") and "mxfile" in head):
        return "this is a draw.io diagram, not a journey map"
    if head.startswith("<"):
        return "this is an XML or HTML file, not a journey map"
    return None


def _refuse_by_bytes(raw: bytes, source: str) -> None:
    """Refusals that need only a look at the bytes: size, other formats, UTF-16, binary."""
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(
            source,
            [f"file is too large ({len(raw) / 1e6:.0f} MB; the limit is "
             f"{MAX_FILE_BYTES // (1024 * 1024)} MB)"],
        )
    if raw.startswith(b"PK\x03\x04"):
        raise LoadError(source, ["this is a ZIP archive, not a journey map"])
    if raw.lstrip()[:5] == b"%PDF-":
        raise LoadError(source, ["this is a PDF document, not a journey map"])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(source, ["the file is UTF-16 text; a journey map is UTF-8 JSON"])
    if b"\x00" in raw[:4096]:
        raise LoadError(source, ["this is a binary file, not a journey map"])


def parse_json(raw: bytes, source: str) -> Any:
    _refuse_by_bytes(raw, source)
    text = _decode_text(raw, source)
    try:
        return json.loads(
            text,
            object_pairs_hook=_object_without_duplicate_keys,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as error:
        hint = _other_format_hint(text)
        if hint:
            raise LoadError(source, [hint]) from None
        line, column = _line_and_column(text, error.pos)
        reason = error.msg.removesuffix(" at")
        cut_short = error.pos >= len(text.rstrip()) or reason.startswith("Unterminated")
        hint = " (the file seems to have been cut short)" if cut_short else ""
        raise LoadError(
            source, [f"not valid JSON: {reason} at line {line}, column {column}{hint}"]
        ) from None
    except RecursionError:
        raise LoadError(source, ["not a journey map: the JSON is nested too deeply"]) from None
    except _DuplicateKeyError as error:
        raise LoadError(source, [f"not a valid journey map: {error}"]) from None
    except ValueError:
        # json refuses integers of more than 4,300 digits with a plain ValueError.
        raise LoadError(source, ["not a valid journey map: a number has more than 4,300 "
                                 "digits"]) from None


def _check_header(data: Any, source: str) -> int:
    if not isinstance(data, dict):
        kind = type(data).__name__.replace("dict", "object").replace("list", "array")
        raise LoadError(source, [f"not a journey map: the file holds a JSON {kind}, "
                                 "not an object with a \"format\": \"journeymap\" header"])
    if data.get("type") == "excalidraw":
        raise LoadError(source, ["this is an Excalidraw drawing, not a journey map"])
    if data.get("format") != FORMAT_NAME:
        found = data.get("format")
        detail = f' (found "format": {_brief(found)})' if "format" in data else ""
        raise LoadError(
            source, [f'not a journey map: no "format": "journeymap" header{detail}']
        )
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise LoadError(
            source, [f'not a valid journey map: "version" must be a whole number from 1, '
                     f"got {_brief(version)}"]
        )
    if version > FORMAT_VERSION:
        raise LoadError(
            source,
            [f"made by a newer JourneyMap, version {version} of the file format; this app "
             f"reads up to version {FORMAT_VERSION}. Update JourneyMap to open it."],
        )
    return version


def _brief(value: Any) -> str:
    """A value from the file, shortened for a message (an object or array by its kind)."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return _short_repr(value)


def _path_of(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            # Keys come from the file: a 20 MB key or one holding escape codes stays short
            # and visible.
            name = shown(part, 80)
            path += f".{name}" if path else name
    return path


def _item_label(data: dict[str, Any], loc: tuple[Any, ...]) -> str:
    if len(loc) >= 2 and loc[0] in _COLLECTIONS and isinstance(loc[1], int):
        items = data.get(loc[0])
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
            item_id = items[loc[1]].get("id")
            if isinstance(item_id, str) and item_id:
                return f' ({_COLLECTIONS[loc[0]]} "{shown(item_id, 40)}")'
    return ""


def _short_repr(value: Any) -> str:
    if isinstance(value, dict | list):
        return ""
    if isinstance(value, str) and len(value) > 60:
        value = value[:60]  # never serialise a 20 MB value to show 40 characters of it
    return shown(json.dumps(value, ensure_ascii=False), 40)


def describe_validation_error(error: ValidationError, data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for item in error.errors(include_url=False):
        loc = tuple(item.get("loc", ()))
        kind = item.get("type", "")
        if kind == "value_error" and not loc:
            message = str(item.get("msg", "")).removeprefix("Value error, ")
            problems.extend(line for line in message.splitlines() if line)
            continue
        where = _path_of(loc) + _item_label(data, loc)
        if kind == "extra_forbidden":
            reason = "unknown field, not part of the journeymap format"
        elif kind == "missing":
            reason = "required field is missing"
        else:
            reason = str(item.get("msg", "invalid")).removeprefix("Input ").removeprefix("Value ")
            reason = reason[0].lower() + reason[1:] if reason else "invalid"
            got = _short_repr(item.get("input"))
            if got:
                reason += f", got {got}"
        problems.append(f"{where}: {reason}" if where else reason)
    return problems


def _whole_map_problems(error: ValidationError, data: Any) -> list[str]:
    """The whole-map problems (duplicate ids, unknown stages, ...) of a map whose fields
    also have problems. pydantic runs the whole-map checks only once every field is valid,
    so a file with two bad fields and two duplicate ids would be reported with two problems
    of four. Here the bad fields of list items (a card's votes, an unknown key) are left out
    of a copy, and the copy checked again; when that cannot make every field valid (a
    required field, or the scale, is wrong), only the field problems are known."""
    if not isinstance(data, dict):
        return []
    spoiled: dict[str, dict[int, set[str]]] = {}
    for item in error.errors(include_url=False):
        loc = tuple(item.get("loc", ()))
        if (len(loc) < 3 or not isinstance(loc[0], str) or not isinstance(loc[1], int)
                or not isinstance(loc[2], str) or not isinstance(data.get(loc[0]), list)):
            return []
        spoiled.setdefault(loc[0], {}).setdefault(loc[1], set()).add(loc[2])
    copy = dict(data)
    for collection, items in spoiled.items():
        fixed = list(copy[collection])
        for index, fields in items.items():
            if index >= len(fixed) or not isinstance(fixed[index], dict):
                return []
            fixed[index] = {k: v for k, v in fixed[index].items() if k not in fields}
        copy[collection] = fixed
    try:
        JourneyMap.model_validate(copy)
    except ValidationError as again:
        whole = [item for item in again.errors(include_url=False)
                 if item.get("type") == "value_error" and not item.get("loc")]
        if len(whole) == len(again.errors()):
            return describe_validation_error(again, copy)
    except RecursionError:
        pass
    return []


def map_from_data(data: Any, source: str) -> JourneyMap:
    version = _check_header(data, source)
    try:
        data = migrate(data, version)
    except LookupError as error:
        raise LoadError(source, [str(error)]) from None
    try:
        return JourneyMap.model_validate(data)
    except ValidationError as error:
        problems = describe_validation_error(error, data)
        problems += [problem for problem in _whole_map_problems(error, data)
                     if problem not in problems]
        raise LoadError(source, problems) from None
    except RecursionError:
        raise LoadError(source, ["not a journey map: the JSON is nested too deeply"]) from None


def decode_map(raw: bytes, source: str = "map") -> JourneyMap:
    """Bytes of a `.journeymap` file to a map; raises LoadError with a message for people."""
    _refuse_by_bytes(raw, source)
    journey = decode_current(raw)
    if journey is not None:
        return journey
    return map_from_data(parse_json(raw, source), source)


# A key followed by white space before its colon, or ending in an escaped backslash: the quick
# key count below would miss it, so such files take the careful path.
_UNCOUNTABLE_KEY = re.compile(rb'"[ \t\r\n]+:')
_BACKSLASH_KEY_END = b'\\\\":'


def decode_current(raw: bytes) -> JourneyMap | None:
    """The fast path: a map of the current version, valid, and without duplicate keys; None
    when the file needs the careful path (which then gives the exact message or migrates)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        journey = JourneyMap.model_validate_json(raw)
    except (ValidationError, RecursionError):
        return None
    if not journey.model_fields_set >= _HEADER:
        return None  # the header is required: the careful path says it is missing
    return journey if _keys_are_distinct(raw, journey) else None


_HEADER = frozenset({"format", "version"})


def _keys_are_distinct(raw: bytes, journey: JourneyMap) -> bool:
    """Whether no object in the text had a key twice.

    Every key ends with `"` and (else the regex sends the file the careful way) a colon
    right after it. Not every `":` is a key's end: an escaped quote before a colon inside a
    string (`\\":`), and a string that starts with a colon (`": ":-)"`), which as written
    here follows a space; no key ends in a space or a backslash (field names and ids).
    Counting those two away leaves at least every key of the text (more when a string
    starting with a colon follows something else: then the counts differ and the careful
    way decides). So equal counts mean no key was given twice: the model received one key
    for each written (each object's fields set, each mapping's length)."""
    in_strings = raw.count(b'\\":')
    if in_strings and _BACKSLASH_KEY_END in raw:
        return False
    if _UNCOUNTABLE_KEY.search(raw):
        return False
    opening = raw.count(b' ":')
    return raw.count(b'":') - in_strings - opening == received_keys(journey)


_NESTED_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}


def _may_hold_objects(annotation: Any) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel) or issubclass(annotation, dict)
    origin = typing.get_origin(annotation)
    if origin is dict:
        return True
    if origin in (list, tuple, typing.Union, types.UnionType, typing.Annotated):
        return any(_may_hold_objects(arg) for arg in typing.get_args(annotation))
    return False


def _nested_fields(model: type[BaseModel]) -> tuple[str, ...]:
    names = _NESTED_FIELDS.get(model)
    if names is None:
        names = _NESTED_FIELDS[model] = tuple(
            name for name, info in model.model_fields.items()
            if _may_hold_objects(info.annotation))
    return names


def received_keys(obj: BaseModel) -> int:
    """How many keys the objects of a validated model held in its input (each field given
    once per object, each key of a mapping), nested objects included. (About 2 ms for
    5,000 cards: only fields that can hold objects are visited.)"""
    given = obj.__pydantic_fields_set__
    count = len(given)
    nested = _nested_fields(type(obj))
    if nested:
        values = obj.__dict__
        for name in nested:
            if name in given:
                value = values[name]
                if isinstance(value, BaseModel):
                    count += received_keys(value)
                elif isinstance(value, list):
                    if value and isinstance(value[0], BaseModel):
                        count += sum(map(received_keys, value))
                elif isinstance(value, dict):
                    count += len(value)
                    for item in value.values():
                        if isinstance(item, BaseModel):
                            count += received_keys(item)
    return count


def loads_map(text: str, source: str = "map") -> JourneyMap:
    return decode_map(text.encode("utf-8"), source)
