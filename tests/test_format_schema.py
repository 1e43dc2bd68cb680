"""The JSON Schema of the format: `journeymap schema`, the committed copy in docs/, and every
map the app ships or makes validating against it with the `jsonschema` package."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from journeymap_desktop.model.schema import format_schema, schema_text
from journeymap_desktop.model.templates import TEMPLATES
from journeymap_desktop.resources import examples_dir
from journeymap_desktop.storage import encode_map
from tests.helpers_model import rich_map

REPO = Path(__file__).resolve().parent.parent
COMMITTED = REPO / "docs" / "journeymap.schema.json"
EXAMPLES = sorted(examples_dir().glob("*.journeymap"))


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _problems(data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in _validator().iter_errors(data)]


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("make_map", REPO / "benchmarks" / "make_map.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_schema_is_up_to_date() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "docs/journeymap.schema.json is stale: run `journeymap schema > "
        "docs/journeymap.schema.json`")


def test_journeymap_schema_prints_it() -> None:
    result = subprocess.run([sys.executable, "-m", "journeymap_desktop", "schema"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == schema_text()
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["version"]["const"] == 2
    assert set(schema["required"]) == {"format", "version"}
    # What a reader needs to write a map by hand is described.
    for name in ("Card", "EmotionScale", "EmotionCurve", "EmotionValue", "Distribution",
                 "QuoteEvidence", "SurveyFigure", "MetricEvidence", "FileLink", "Priority",
                 "SavedView", "VotingRound", "Workshop"):
        assert name in schema["$defs"]
        assert schema["$defs"][name].get("description"), name
    assert "budget" in schema["description"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_follows_the_schema(path: Path) -> None:
    assert _problems(json.loads(path.read_bytes())) == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.key)
def test_every_template_follows_the_schema(template: Any) -> None:
    assert _problems(json.loads(encode_map(template.build()))) == []


@pytest.mark.parametrize(("cards", "seed"), [(0, 0), (40, 3), (1500, 7)])
def test_generated_maps_follow_the_schema(cards: int, seed: int) -> None:
    journey = _generator().make_map(cards, seed=seed)
    data = json.loads(encode_map(journey))
    assert data["version"] == 2
    assert _problems(data) == []


def test_a_rich_map_follows_the_schema() -> None:
    assert _problems(json.loads(encode_map(rich_map()))) == []


@pytest.mark.parametrize(("where", "change", "path"), [
    ("version", 1, "version"),
    ("scale.marks", "stars", "scale/marks"),
    ("scale.preset", "1..9", "scale/preset"),
    ("cards.0.emotions.everyone-as-is.value", "high", "cards/0/emotions/everyone-as-is/value"),
    ("cards.0.kind", "idea", "cards/0/kind"),
    ("cards.0.priority", {"effort": 6}, "cards/0/priority"),
    ("cards.0.evidence", [{"type": "quote", "id": "q", "text": "", "who": "x"}],
     "cards/0/evidence/0"),
    ("cards.0.evidence", [{"type": "rumour", "id": "q"}], "cards/0/evidence/0"),
    ("lanes.0.title", "Old name", "lanes/0"),
    ("workshop.rounds", [{"id": "r", "name": "R", "budget": 100}], "workshop/rounds/0/budget"),
])
def test_the_schema_is_not_vacuous(where: str, change: Any, path: str) -> None:
    data = json.loads(encode_map(rich_map()))
    target = data
    *parents, last = where.split(".")
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = copy.deepcopy(change)
    problems = _problems(data)
    assert problems, f"{where} = {change!r} passed the schema"
    assert any(problem.startswith(path) for problem in problems), problems


def test_the_schema_comes_from_the_models() -> None:
    schema = format_schema()
    card = schema["$defs"]["Card"]
    assert card["additionalProperties"] is False
    assert "emotions" in card["properties"] and "source_key" in card["properties"]
    evidence = card["properties"]["evidence"]["items"]
    assert {ref["$ref"].rsplit("/", 1)[-1] for ref in evidence["oneOf"]} == {
        "QuoteEvidence", "SurveyFigure", "MetricEvidence", "FileLink"}
