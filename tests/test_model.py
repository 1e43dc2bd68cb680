"""The journey map model: what a valid map is, and the pure queries the views rely on."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from journeymap_desktop.model import integrity_problems
from journeymap_desktop.model.curves import curve_points
from journeymap_desktop.model.map import Card, JourneyMap, Lane, Persona, Stage
from journeymap_desktop.model.queries import (
    CardFilter,
    cards_in_cell,
    cards_of_stage,
    journey_order,
    matching_card_ids,
    ranked_by_votes,
)
from journeymap_desktop.model.templates import TEMPLATES, template_by_key
from tests.helpers.maps import emotion_of, feel, rich_map


def _data(**changes: Any) -> dict[str, Any]:
    """The rich map as plain JSON data, with top-level changes applied."""
    data = rich_map().model_dump(mode="json")
    data.update(changes)
    return data


def _card(data: dict[str, Any], **fields: Any) -> dict[str, Any]:
    base = {"id": "c-new", "stage_id": "s-aware", "lane_id": "l-touch"}
    base.update(fields)
    return base


def _errors(data: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as caught:
        JourneyMap.model_validate(data)
    return caught.value.errors(include_url=False)


def _locs(data: dict[str, Any]) -> list[str]:
    """Each error's location as a field path such as `cards[0].votes`."""
    paths = []
    for error in _errors(data):
        path = ""
        for part in error["loc"]:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
        paths.append(path)
    return paths


# ----- valid maps --------------------------------------------------------------------------
def test_a_default_map_is_valid_and_empty() -> None:
    journey = JourneyMap()
    assert journey.format == "journeymap"
    assert journey.version == 2
    assert journey.title == "Untitled journey"
    assert (journey.stages, journey.lanes, journey.cards, journey.personas) == ([], [], [], [])
    # Every map starts with everyone's as-is curve on the -2..+2 scale.
    assert [(c.id, c.persona_id, c.scenario) for c in journey.curves] == [
        ("everyone-as-is", None, "as-is")]
    assert (journey.scale.preset, journey.scale.min, journey.scale.max) == ("-2..2", -2, 2)


def test_a_rich_map_builds_and_has_no_integrity_problems() -> None:
    journey = rich_map()
    assert integrity_problems(journey) == []
    again = JourneyMap.model_validate(journey.model_dump(mode="json"))
    assert again == journey


def test_the_conftest_small_map_is_valid(small_map: JourneyMap) -> None:
    assert integrity_problems(small_map) == []
    assert len(small_map.cards) == 5


# ----- whole-map integrity -----------------------------------------------------------------
def test_duplicate_card_id_names_the_path_and_the_id() -> None:
    data = _data()
    data["cards"].append(_card(data, id="c-ad"))
    message = str(_errors(data)[0]["msg"])
    assert 'cards[4].id: duplicate id "c-ad"' in message
    assert "cards[0]" in message  # where the first one is


@pytest.mark.parametrize("collection", ["stages", "lanes", "personas"])
def test_duplicate_ids_in_other_collections_are_reported(collection: str) -> None:
    data = _data()
    data[collection].append(dict(data[collection][0]))
    index = len(data[collection]) - 1
    first_id = data[collection][0]["id"]
    message = str(_errors(data)[0]["msg"])
    assert f'{collection}[{index}].id: duplicate id "{first_id}"' in message


def test_card_in_unknown_stage_names_the_field_and_ids() -> None:
    data = _data()
    data["cards"][2]["stage_id"] = "s-gone"
    message = str(_errors(data)[0]["msg"])
    assert 'cards[2].stage_id: card "c-fees" is in unknown stage "s-gone"' in message


def test_card_in_unknown_lane_names_the_field_and_ids() -> None:
    data = _data()
    data["cards"][1]["lane_id"] = "l-gone"
    message = str(_errors(data)[0]["msg"])
    assert 'cards[1].lane_id: card "c-app" is in unknown lane "l-gone"' in message


def test_unknown_persona_reference_names_the_field_and_ids() -> None:
    data = _data()
    data["cards"][3]["persona_id"] = "p-nobody"
    message = str(_errors(data)[0]["msg"])
    assert 'cards[3].persona_id: card "c-late" refers to unknown persona "p-nobody"' in message


def test_every_integrity_problem_is_listed_not_just_the_first() -> None:
    journey = rich_map()
    journey.cards[0].stage_id = "nowhere"  # the model is not re-validated on assignment
    journey.cards[1].lane_id = "nowhere"
    journey.cards[2].persona_id = "nobody"
    paths = [problem.path for problem in integrity_problems(journey)]
    assert paths == ["cards[0].stage_id", "cards[1].lane_id", "cards[2].persona_id"]


# ----- field values ------------------------------------------------------------------------
@pytest.mark.parametrize("emotion", [7, -3, 3, -100, 2.5])
def test_emotion_outside_the_maps_scale_is_rejected_with_its_path(emotion: float) -> None:
    data = _data()
    data["cards"][0]["emotions"] = {"everyone-as-is": {"value": emotion}}
    message = str(_errors(data)[0]["msg"])
    assert (f"cards[0].emotions.everyone-as-is.value: {emotion:g} is outside the map's scale "
            "(-2..2)") in message


@pytest.mark.parametrize("emotion", [-2, -1, 0, 1, 2, 1.5, None])
def test_emotion_scale_accepts_its_levels_values_between_and_none(
        emotion: float | None) -> None:
    data = _data()
    data["cards"][0]["emotions"] = {} if emotion is None else {
        "everyone-as-is": {"value": emotion}}
    assert emotion_of(JourneyMap.model_validate(data).cards[0]) == emotion


@pytest.mark.parametrize("value", ["2", True, None, [1]])
def test_an_emotion_value_is_a_number(value: Any) -> None:
    data = _data()
    data["cards"][0]["emotions"] = {"everyone-as-is": {"value": value}}
    assert _locs(data) == ["cards[0].emotions.everyone-as-is.value"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("votes", True),
        ("votes", "3"),
        ("order", 1.0),
        ("order", "0"),
        ("moment_of_truth", 1),
        ("moment_of_truth", "true"),
        ("title", 5),
        ("tags", "urgent"),
        ("stage_id", 1),
    ],
)
def test_strict_types_reject_look_alike_values(field: str, value: Any) -> None:
    data = _data()
    data["cards"][0][field] = value
    assert _locs(data) == [f"cards[0].{field}"]


@pytest.mark.parametrize(
    ("where", "field", "value"),
    [
        ("cards", "order", -1),
        ("cards", "votes", -1),
        ("cards", "votes", 10_000),
        ("cards", "kind", "idea"),
        ("cards", "channel", "fax"),
        ("cards", "id", "has space"),
        ("cards", "id", ""),
        ("cards", "id", "x" * 65),
        ("cards", "tags", [""]),
        ("cards", "tags", ["t"] * 31),
        ("lanes", "kind", "swimlane"),
        ("stages", "name", ""),
    ],
)
def test_out_of_range_values_are_rejected_with_their_path(where: str, field: str,
                                                           value: Any) -> None:
    data = _data()
    data[where][0][field] = value
    locs = _locs(data)
    assert len(locs) == 1
    assert locs[0].startswith(f"{where}[0].{field}")  # `tags[0]` for a bad tag


def test_extra_fields_are_rejected_at_every_level() -> None:
    for container in ("top", "meta", "stages", "lanes", "cards", "personas"):
        data = _data()
        target = data if container == "top" else data[container]
        if isinstance(target, list):
            target = target[0]
        target["colour_scheme"] = "dark"
        locs = _locs(data)
        assert len(locs) == 1
        assert locs[0].endswith("colour_scheme"), container
        assert _errors(data)[0]["type"] == "extra_forbidden"


@pytest.mark.parametrize(
    ("path", "limit"),
    [("title", 200), ("stages[0].name", 200), ("cards[0].title", 200),
     ("cards[0].owner", 200), ("lanes[0].name", 200), ("personas[0].name", 200),
     ("cards[0].body", 5_000), ("description", 20_000)],
)
def test_text_length_limits(path: str, limit: int) -> None:
    def with_value(value: str) -> dict[str, Any]:
        data = _data()
        if "[" in path:
            collection, field = path.split("[0].")
            data[collection][0][field] = value
        else:
            data[path] = value
        return data

    # Exactly at the limit is fine, counting characters (emoji included), not bytes.
    assert JourneyMap.model_validate(with_value("é" * (limit - 1) + "😀"))
    assert _locs(with_value("x" * (limit + 1))) == [path]


def test_title_over_200_characters_is_rejected() -> None:
    errors = _errors(_data(title="T" * 201))
    assert errors[0]["loc"] == ("title",)
    assert "200" in str(errors[0]["msg"])


@pytest.mark.parametrize("colour", ["#0072B2", "#abcdef", None])
def test_colour_accepts_hex_rgb_or_none(colour: str | None) -> None:
    data = _data()
    data["stages"][0]["colour"] = colour
    assert JourneyMap.model_validate(data).stages[0].colour == colour


@pytest.mark.parametrize("colour", ["red", "#abc", "0072B2", "#0072B2FF", "#GGGGGG", "#0072b2 ",
                                    ""])
def test_colour_rejects_anything_but_hex_rgb(colour: str) -> None:
    data = _data()
    data["cards"][0]["colour"] = colour
    assert _locs(data) == ["cards[0].colour"]


def test_format_and_version_are_fixed() -> None:
    assert _locs(_data(format="excalidraw")) == ["format"]
    assert _locs(_data(version=1)) == ["version"]
    assert _locs(_data(version=3)) == ["version"]
    assert _locs(_data(version="1")) == ["version"]


# ----- queries -----------------------------------------------------------------------------
def _grid_map(cards: list[Card]) -> JourneyMap:
    return JourneyMap(
        stages=[Stage(id="s1", name="One"), Stage(id="s2", name="Two")],
        lanes=[Lane(id="top", name="Top"), Lane(id="bottom", name="Bottom")],
        cards=cards,
    )


def _ids(cards: list[Card]) -> list[str]:
    return [card.id for card in cards]


def test_cards_in_cell_sorts_by_order_and_ties_by_file_order() -> None:
    journey = _grid_map([
        Card(id="c", stage_id="s1", lane_id="top", order=2),
        Card(id="tie-first", stage_id="s1", lane_id="top", order=1),
        Card(id="elsewhere", stage_id="s2", lane_id="top", order=0),
        Card(id="a", stage_id="s1", lane_id="top", order=0),
        Card(id="tie-second", stage_id="s1", lane_id="top", order=1),
        Card(id="other-lane", stage_id="s1", lane_id="bottom", order=0),
    ])
    assert _ids(cards_in_cell(journey, "s1", "top")) == ["a", "tie-first", "tie-second", "c"]
    assert _ids(cards_in_cell(journey, "s2", "bottom")) == []


def test_journey_order_goes_stage_by_stage_then_lane_by_lane() -> None:
    journey = _grid_map([
        Card(id="s2-top", stage_id="s2", lane_id="top"),
        Card(id="s1-bottom", stage_id="s1", lane_id="bottom"),
        Card(id="s1-top-1", stage_id="s1", lane_id="top", order=1),
        Card(id="s1-top-0", stage_id="s1", lane_id="top", order=0),
        Card(id="s2-bottom", stage_id="s2", lane_id="bottom"),
    ])
    assert _ids(journey_order(journey)) == ["s1-top-0", "s1-top-1", "s1-bottom", "s2-top",
                                            "s2-bottom"]
    # Reordering the stages and lanes reorders the journey.
    journey.stages.reverse()
    journey.lanes.reverse()
    assert _ids(journey_order(journey)) == ["s2-bottom", "s2-top", "s1-bottom", "s1-top-0",
                                            "s1-top-1"]


def test_cards_of_stage_lists_its_lanes_in_order() -> None:
    journey = _grid_map([
        Card(id="b", stage_id="s1", lane_id="bottom"),
        Card(id="t1", stage_id="s1", lane_id="top", order=1),
        Card(id="x", stage_id="s2", lane_id="top"),
        Card(id="t0", stage_id="s1", lane_id="top", order=0),
    ])
    assert _ids(cards_of_stage(journey, "s1")) == ["t0", "t1", "b"]
    assert _ids(cards_of_stage(journey, "s2")) == ["x"]
    assert cards_of_stage(journey, "missing") == []


def test_curve_points_follow_the_journey_and_skip_cards_without_a_value() -> None:
    journey = _grid_map([
        Card(id="late", stage_id="s2", lane_id="top", emotions=feel(-2)),
        Card(id="none", stage_id="s1", lane_id="top", order=1),
        Card(id="early", stage_id="s1", lane_id="top", order=0, emotions=feel(1)),
        Card(id="middle", stage_id="s1", lane_id="bottom", emotions=feel(0)),
    ])
    points = curve_points(journey, "everyone-as-is")
    assert [(p.card_id, p.stage_id, p.value) for p in points] == [
        ("early", "s1", 1), ("middle", "s1", 0), ("late", "s2", -2)]


def test_ranked_by_votes_most_first_then_journey_order() -> None:
    journey = _grid_map([
        Card(id="s2-few", stage_id="s2", lane_id="top", kind="pain_point", votes=1),
        Card(id="s2-many", stage_id="s2", lane_id="top", kind="pain_point", votes=9, order=1),
        Card(id="s1-few", stage_id="s1", lane_id="top", kind="pain_point", votes=1),
        Card(id="idea", stage_id="s1", lane_id="top", kind="opportunity", votes=50),
        Card(id="s1-none", stage_id="s1", lane_id="bottom", kind="pain_point"),
    ])
    assert _ids(ranked_by_votes(journey, "pain_point")) == ["s2-many", "s1-few", "s2-few",
                                                            "s1-none"]
    assert _ids(ranked_by_votes(journey, "opportunity")) == ["idea"]
    assert ranked_by_votes(journey, "note") == []


_FILTER_CARDS = [
    Card(id="zurich", stage_id="s1", lane_id="top", title="Delivery to Zürich",
         body="Slow courier", tags=["urgent", "Logistics"], owner="Ops Team"),
    Card(id="strasse", stage_id="s1", lane_id="top", title="Address on Hauptstraße",
         kind="pain_point", owner="Product"),
    Card(id="price", stage_id="s2", lane_id="top", title="Price shown late", kind="pain_point",
         tags=["pricing"], owner="Ops"),
    Card(id="word", stage_id="s2", lane_id="top", title="Feels",
         emotions=feel(-1, "Betrayed"), kind="note"),
]


@pytest.mark.parametrize(
    ("card_filter", "expected"),
    [
        (CardFilter(), {"zurich", "strasse", "price", "word"}),
        (CardFilter(text="zürich"), {"zurich"}),
        (CardFilter(text="ZÜRICH"), {"zurich"}),
        (CardFilter(text="HAUPTSTRASSE"), {"strasse"}),  # casefold: ß matches ss
        (CardFilter(text="courier delivery"), {"zurich"}),  # every word, any order
        (CardFilter(text="courier price"), set()),
        (CardFilter(text="  late  "), {"price"}),
        (CardFilter(text="betrayed"), {"word"}),  # the emotion word counts
        (CardFilter(text="logistics"), {"zurich"}),  # so do tags
        (CardFilter(tag="urgent"), {"zurich"}),
        (CardFilter(tag="#urgent"), {"zurich"}),
        (CardFilter(tag="#LOGISTICS"), {"zurich"}),
        (CardFilter(tag="pric"), {"price"}),
        (CardFilter(tag="missing"), set()),
        (CardFilter(owner="ops"), {"zurich", "price"}),
        (CardFilter(owner="OPS TEAM"), {"zurich"}),
        (CardFilter(kind="pain_point"), {"strasse", "price"}),
        (CardFilter(kind="pain_point", owner="ops"), {"price"}),
        (CardFilter(kind="note", text="feels"), {"word"}),
    ],
)
def test_card_filter(card_filter: CardFilter, expected: set[str]) -> None:
    journey = _grid_map([card.model_copy() for card in _FILTER_CARDS])
    assert matching_card_ids(journey, card_filter) == expected


def test_card_filter_is_empty_only_without_criteria() -> None:
    assert CardFilter().is_empty()
    assert CardFilter(text="   ", tag=" ").is_empty()
    assert not CardFilter(text="x").is_empty()
    assert not CardFilter(kind="note").is_empty()


# ----- templates ---------------------------------------------------------------------------
def _stage_names(journey: JourneyMap) -> list[str]:
    return [stage.name for stage in journey.stages]


def test_service_template_stages() -> None:
    journey = template_by_key("service").build()
    assert _stage_names(journey) == ["Awareness", "Consideration", "Purchase", "Usage",
                                     "Feedback"]


def test_lifecycle_template_adds_onboarding_retention_advocacy() -> None:
    service = _stage_names(template_by_key("service").build())
    lifecycle = _stage_names(template_by_key("lifecycle").build())
    assert set(lifecycle) - set(service) == {"Onboarding", "Retention", "Advocacy"}
    assert lifecycle == ["Awareness", "Consideration", "Purchase", "Onboarding", "Usage",
                         "Retention", "Advocacy"]
    lanes = [lane.kind for lane in template_by_key("lifecycle").build().lanes]
    assert "backstage" in lanes


def test_blank_template_exists_and_has_no_cards() -> None:
    journey = template_by_key("blank").build()
    assert journey.stages
    assert journey.lanes
    assert journey.cards == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.key)
def test_every_template_builds_a_valid_map_with_fresh_ids(template: Any) -> None:
    first, second = template.build(), template.build()
    assert integrity_problems(first) == []
    assert JourneyMap.model_validate(first.model_dump(mode="json")) == first
    first_ids = {s.id for s in first.stages} | {lane.id for lane in first.lanes}
    second_ids = {s.id for s in second.stages} | {lane.id for lane in second.lanes}
    assert not first_ids & second_ids, "two new maps must not share ids"


@pytest.mark.parametrize("key", ["service", " Service ", "SERVICE", "Service journey",
                                 "service-journey"])
def test_template_by_key_accepts_key_or_label(key: str) -> None:
    assert template_by_key(key).key == "service"


def test_template_by_key_error_lists_the_choices() -> None:
    with pytest.raises(KeyError) as caught:
        template_by_key("kanban")
    message = str(caught.value.args[0])
    assert '"kanban"' in message
    for choice in ("service", "lifecycle", "blueprint", "blank"):
        assert choice in message


def test_persona_and_lane_defaults() -> None:
    persona = Persona(id="p", name="P")
    assert (persona.role, persona.goals, persona.quote) == ("", [], "")
    assert Lane(id="l", name="L").kind == "notes"
    card = Card(id="c", stage_id="s", lane_id="l")
    assert (card.kind, card.order, card.votes, card.emotions) == ("touchpoint", 0, 0, {})
    assert (card.evidence, card.priority, card.source_key) == ([], None, None)
