"""The JSON Schema of the `.journeymap` format, from the models themselves.

`journeymap schema` prints it; docs/journeymap.schema.json is a copy kept in step by a test.
The schema says what each object may hold; the whole-map rules (unique ids, references that
resolve, values within the map's scale, workshop budgets) are the app's to check and are
listed in the schema's description.
"""

from __future__ import annotations

import json
from typing import Any

from journeymap_desktop.model.fields import FORMAT_NAME, FORMAT_VERSION
from journeymap_desktop.model.map import JourneyMap

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"https://journeymap.invalid/schema/journeymap-{FORMAT_VERSION}.json"
WHOLE_MAP_RULES = (
    "Beyond this schema, a map is checked as a whole: ids are unique among personas, "
    "curves, stages, lanes, cards, views, participants and rounds (and among the evidence "
    "of one card); every stage_id, lane_id, persona_id, curve id (the keys of a card's "
    "emotions), view and round reference names an item of the map; a persona and a "
    "scenario have at most one curve; every emotion value and distribution figure lies "
    "within the scale's min..max; view names are unique (case and accents ignored); card "
    "source keys are unique; in a voting round, votes come from its participants, one "
    "entry per card and participant, within the cap per card and the budget per "
    "participant. Within an object a key appears once. A link's path is relative to the "
    "map's folder and never leaves it."
)


def format_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every `.journeymap` file of this version follows."""
    schema = JourneyMap.model_json_schema(mode="validation")
    schema["title"] = f"JourneyMap map file, format version {FORMAT_VERSION}"
    schema["description"] = (
        f'A customer journey map as saved by JourneyMap Desktop: a JSON object with '
        f'"format": "{FORMAT_NAME}" and "version": {FORMAT_VERSION}. ' + WHOLE_MAP_RULES)
    schema["required"] = sorted({"format", "version", *schema.get("required", [])})
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    """The schema as the committed file holds it: indented, keys sorted, one final newline."""
    return json.dumps(format_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
