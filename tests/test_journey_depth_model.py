"""Format version 2's parts and their pure queries: scales, curves, values with distributions,
evidence and confidence, priorities, saved views, workshop rounds, blueprint lines."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from journeymap_desktop.model import integrity_problems
from journeymap_desktop.model.confidence import (
    card_metric,
    card_quote,
    confidence,
    evidence_summary,
)
from journeymap_desktop.model.curves import (
    card_values,
    curve_name,
    curve_points,
    curve_value,
    find_curve,
    is_to_be,
    persona_index,
    shown_word,
    stage_average,
)
from journeymap_desktop.model.emotion import (
    SCALE_PRESETS,
    Distribution,
    EmotionCurve,
    EmotionScale,
    EmotionValue,
)
from journeymap_desktop.model.evidence import (
    FileLink,
    MetricEvidence,
    QuoteEvidence,
    SurveyFigure,
    check_link_path,
)
from journeymap_desktop.model.map import Card, JourneyMap, Lane, Persona, Stage
from journeymap_desktop.model.priority import (
    Priority,
    axis_value,
    priority_score,
    priority_value,
    quadrant,
    ranked_by_priority,
)
from journeymap_desktop.model.queries import blueprint_lines
from journeymap_desktop.model.scales import (
    default_word,
    describe,
    key_for_value,
    key_value,
    legend_levels,
    level_name,
    level_names,
    levels,
    nearest_level,
    neutral_level,
    position,
    preset_scale,
    rescaled,
)
from journeymap_desktop.model.views import (
    SavedView,
    view_by_name,
    view_card_ids,
    view_curves,
    view_lanes,
)
from journeymap_desktop.model.workshop import (
    Participant,
    TimerEvent,
    Vote,
    VoteScope,
    VotingRound,
    Workshop,
    participant_label,
    ranked_results,
    round_totals,
    spent,
)


# ----- scales ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("preset", "count"), [("-2..2", 5), ("1..5", 5), ("1..7", 7),
                                               ("1..10", 10), ("0..10", 11)])
def test_every_preset_has_its_levels_and_a_name_for_each(preset: str, count: int) -> None:
    scale = preset_scale(preset)  # type: ignore[arg-type]
    assert (scale.min, scale.max) == SCALE_PRESETS[preset]
    assert len(levels(scale)) == len(level_names(scale)) == count
    assert len(set(level_names(scale))) == count
    assert position(scale, scale.min) == 0 and position(scale, scale.max) == 1
    assert "negative" in level_names(scale)[0].lower()
    assert "positive" in level_names(scale)[-1].lower()


def test_the_five_point_scales_keep_the_names_and_words_of_version_1() -> None:
    scale = preset_scale("-2..2")
    assert level_names(scale) == ["Very negative", "Negative", "Neutral", "Positive",
                                  "Very positive"]
    assert [default_word(scale, v) for v in levels(scale)] == [
        "frustrated", "uneasy", "neutral", "pleased", "delighted"]
    assert level_names(preset_scale("1..5")) == level_names(scale)


@pytest.mark.parametrize(("preset", "expected"), [
    ("-2..2", [-2, -1, 0, 1, 2]), ("1..5", [1, 2, 3, 4, 5]), ("1..7", [1, 2, 4, 6, 7]),
    ("1..10", [1, 3, 6, 8, 10]), ("0..10", [0, 2, 5, 8, 10]),
])
def test_keys_1_to_5_spread_evenly_and_symmetrically_over_the_scale(
        preset: str, expected: list[int]) -> None:
    scale = preset_scale(preset)  # type: ignore[arg-type]
    assert [key_value(scale, key) for key in range(1, 6)] == expected
    assert key_value(scale, 0) is None and key_value(scale, 6) is None
    assert [key_for_value(scale, level) for level in expected] == [1, 2, 3, 4, 5]
    assert key_for_value(scale, None) == 0


def test_a_custom_scale_names_its_levels_and_lies_between_them() -> None:
    scale = EmotionScale(preset="custom", min=0, max=3,
                         names=["Angry", "Annoyed", "Content", "Thrilled"], marks="dots")
    assert level_name(scale, 2) == "Content"
    assert level_name(scale, 2.4) == "Content" and level_name(scale, 2.6) == "Thrilled"
    assert default_word(scale, 0) == "angry", "named levels give their own words"
    assert neutral_level(scale) is None and neutral_level(preset_scale("0..10")) == 5
    assert nearest_level(scale, 1.5) == 2 and nearest_level(scale, 1.49) == 1
    assert rescaled(3, scale, preset_scale("-2..2")) == 2
    assert rescaled(1.5, scale, preset_scale("1..7")) == 4
    assert describe(scale) == "Custom 0 to 3 (4 levels)"


def test_legends_show_every_level_up_to_seven_else_the_five_keyed_ones() -> None:
    assert legend_levels(preset_scale("1..7")) == [1, 2, 3, 4, 5, 6, 7]
    assert legend_levels(preset_scale("0..10")) == [0, 2, 5, 8, 10]


@pytest.mark.parametrize(("scale", "message"), [
    ({"preset": "1..5", "min": 1, "max": 7}, 'runs from 1 to 5'),
    ({"preset": "custom", "min": 3, "max": 3}, "2 to 21 levels"),
    ({"preset": "custom", "min": 5, "max": 1}, "2 to 21 levels"),
    ({"preset": "custom", "min": 0, "max": 30}, "2 to 21 levels"),
    ({"preset": "custom", "min": 1, "max": 3, "names": ["a", "b"]}, "one name per level (3"),
    ({"preset": "custom", "min": -101, "max": 0}, "greater than or equal to -100"),
])
def test_a_scale_that_makes_no_sense_is_refused(scale: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        EmotionScale.model_validate(scale)


# ----- curves and values -----------------------------------------------------------------------
def _map(**parts: Any) -> JourneyMap:
    base: dict[str, Any] = {
        "personas": [Persona(id="maya", name="Maya"), Persona(id="dan", name="Daniel")],
        "curves": [EmotionCurve(id="all-now"),
                   EmotionCurve(id="all-later", scenario="to-be"),
                   EmotionCurve(id="maya-now", persona_id="maya"),
                   EmotionCurve(id="pilot", persona_id="dan", scenario="2025 pilot",
                                name="Daniel in the pilot")],
        "stages": [Stage(id="s1", name="One"), Stage(id="s2", name="Two")],
        "lanes": [Lane(id="touch", name="Touchpoints", kind="touchpoints"),
                  Lane(id="pain", name="Pain points", kind="pain_points")],
        "cards": [
            Card(id="a", stage_id="s1", lane_id="touch", emotions={
                "all-now": EmotionValue(value=-1, word="lost"),
                "all-later": EmotionValue(value=1),
                "maya-now": EmotionValue(value=-2, evidence=Distribution(
                    n=40, mean=-1.6, median=-2, q1=-2, q3=-1, low=-2, high=0))}),
            Card(id="b", stage_id="s2", lane_id="touch",
                 emotions={"all-now": EmotionValue(value=2)}),
            Card(id="c", stage_id="s1", lane_id="pain", kind="pain_point",
                 emotions={"all-now": EmotionValue(value=0)}),
        ],
    }
    base.update(parts)
    return JourneyMap(**base)


def _problems(**parts: Any) -> list[str]:
    """Every whole-map problem of the map with these parts, one per line."""
    with pytest.raises(ValidationError) as caught:
        _map(**parts)
    (error,) = caught.value.errors(include_url=False)
    return str(error["msg"]).removeprefix("Value error, ").splitlines()


def test_curves_are_named_found_and_styled() -> None:
    journey = _map()
    names = [curve_name(journey, c) for c in journey.curves]
    assert names == ["Everyone · As-is", "Everyone · To-be", "Maya · As-is",
                     "Daniel in the pilot"]
    assert find_curve(journey, "maya", "as-is").id == "maya-now"  # type: ignore[union-attr]
    assert find_curve(journey, "maya", "to-be") is None
    assert [is_to_be(c) for c in journey.curves] == [False, True, False, False]
    assert [persona_index(journey, c) for c in journey.curves] == [None, None, 0, 1]


def test_a_card_holds_one_value_per_curve_with_word_and_distribution() -> None:
    journey = _map()
    card = journey.cards[0]
    assert [(c.id, v.value) for c, v in card_values(journey, card)] == [
        ("all-now", -1), ("all-later", 1), ("maya-now", -2)]
    assert curve_value(card, "pilot") is None
    assert shown_word(journey, card, "all-now") == "lost"
    assert shown_word(journey, card, "all-later") == "pleased", "the scale's word"
    assert shown_word(journey, card, "pilot") == ""
    spread = card.emotions["maya-now"].evidence
    assert spread is not None and (spread.n, spread.q1, spread.q3) == (40, -2, -1)


def test_curve_points_and_stage_averages_are_per_curve() -> None:
    journey = _map()
    assert [(p.card_id, p.value) for p in curve_points(journey, "all-now")] == [
        ("a", -1), ("b", 2)], "only touchpoints make the line"
    assert [p.card_id for p in curve_points(journey, "all-later")] == ["a"]
    assert stage_average(journey, "s1", "all-now") == -0.5
    assert stage_average(journey, "s2", "maya-now") is None


@pytest.mark.parametrize(("change", "message"), [
    ({"curves": [EmotionCurve(id="x"), EmotionCurve(id="y")]},
     'curves[1].scenario: curves[0] is already the "as-is" curve of everyone'),
    ({"curves": [EmotionCurve(id="x", persona_id="ghost")]}, 'unknown persona "ghost"'),
    ({"curves": [EmotionCurve(id="x"), EmotionCurve(id="x", scenario="to-be")]},
     'curves[1].id: duplicate id "x"'),
])
def test_curve_problems_name_their_path(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace(
            "]", r"\]").replace("(", r"\(")):
        _map(cards=[], **change)


@pytest.mark.parametrize("spelling", ["As-is", "as is", "AS_IS", "To Be", " to-be"])
def test_look_alikes_of_the_two_known_scenarios_are_refused(spelling: str) -> None:
    with pytest.raises(ValidationError, match="write the scenario as"):
        EmotionCurve(id="x", scenario=spelling)
    assert EmotionCurve(id="x", scenario="2025 pilot").scenario == "2025 pilot"


@pytest.mark.parametrize("spread", [
    {"n": 0, "mean": 1, "median": 1, "q1": 1, "q3": 1},
    {"n": 5, "mean": 1, "median": 2, "q1": 3, "q3": 4},
    {"n": 5, "mean": 5, "median": 2, "q1": 1, "q3": 3, "high": 4},
    {"n": 5, "mean": 2, "median": 2, "q1": 1, "q3": 3, "low": 2},
    {"n": 5, "mean": "2", "median": 2, "q1": 1, "q3": 3},
])
def test_a_distribution_out_of_order_is_refused(spread: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Distribution.model_validate(spread)


def test_values_and_distributions_stay_within_the_scale() -> None:
    journey = _map()
    journey.cards[0].emotions["maya-now"].evidence = Distribution(
        n=3, mean=-2.5, median=-2, q1=-3, q3=-1)
    paths = [p.path for p in integrity_problems(journey)]
    assert paths == ["cards[0].emotions.maya-now.evidence.mean",
                     "cards[0].emotions.maya-now.evidence.q1"]


# ----- evidence and confidence -----------------------------------------------------------------
def test_evidence_of_every_kind_on_any_card() -> None:
    card = Card(id="n", stage_id="s1", lane_id="pain", kind="note", evidence=[
        QuoteEvidence(id="q1", text="I never know when it comes.", who="P3",
                      source="Interview 3"),
        SurveyFigure(id="s1", question="How easy was checkout?", n=212, value=3.1,
                     unit="of 5"),
        MetricEvidence(id="m1", label="Drop-off", value=38, unit="%", source="Analytics",
                       date=dt.date(2024, 5, 1)),
        FileLink(id="f1", path="research/interview-03.txt", label="Transcript"),
    ])
    journey = _map(cards=[card])
    assert integrity_problems(journey) == []
    again = JourneyMap.model_validate_json(journey.model_dump_json())
    assert again.cards[0].evidence == card.evidence
    assert card_metric(card) == card.evidence[2] and card_quote(card) == card.evidence[0]
    assert evidence_summary(card).total == 4


@pytest.mark.parametrize("path", ["/etc/passwd", "../secret.txt", "a/../../b", "C:/x.txt",
                                  "file:///etc/passwd", "a\\b.txt", "a//b", "./a", "a/./b",
                                  "bad\x00name", "line\nbreak"])
def test_a_file_link_never_leaves_the_maps_folder(path: str) -> None:
    with pytest.raises(ValueError):
        check_link_path(path)
    with pytest.raises(ValidationError):
        FileLink(id="f", path=path)


def test_a_file_link_may_go_into_subfolders_with_any_names() -> None:
    for path in ("notes.txt", "research/2024 spring/Interview №3 – Maya.docx", ".hidden",
                 "a..b/c"):
        assert FileLink(id="f", path=path).path == path


def test_confidence_is_none_some_or_strong() -> None:
    bare = Card(id="x", stage_id="s", lane_id="l")
    assert confidence(bare) == "none"
    one_quote = bare.model_copy(update={"evidence": [QuoteEvidence(id="q", text="Meh.")]})
    assert confidence(one_quote) == "some"
    small = bare.model_copy(update={"evidence": [
        SurveyFigure(id="s", question="?", n=12, value=3)]})
    assert confidence(small) == "some"
    big = bare.model_copy(update={"evidence": [SurveyFigure(id="s", question="?", n=30,
                                                            value=3)]})
    assert confidence(big) == "strong"
    triangulated = bare.model_copy(update={"evidence": [
        QuoteEvidence(id="q1", text="A"), QuoteEvidence(id="q2", text="B"),
        MetricEvidence(id="m", value=4)]})
    assert confidence(triangulated) == "strong"
    three_quotes = bare.model_copy(update={"evidence": [
        QuoteEvidence(id=f"q{i}", text="A") for i in range(3)]})
    assert confidence(three_quotes) == "some", "one kind of evidence is not triangulation"
    surveyed = bare.model_copy(update={"emotions": {"c": EmotionValue(
        value=1, evidence=Distribution(n=50, mean=1, median=1, q1=0, q3=2))}})
    assert confidence(surveyed) == "strong"


def test_evidence_ids_are_unique_on_a_card() -> None:
    card = Card(id="x", stage_id="s1", lane_id="touch", evidence=[
        QuoteEvidence(id="q", text="A"), MetricEvidence(id="q", value=1)])
    assert _problems(cards=[card]) == [
        'cards[0].evidence[1].id: duplicate id "q" (also cards[0].evidence[0])']


# ----- priority --------------------------------------------------------------------------------
def test_priority_value_score_and_quadrant() -> None:
    assert priority_value(None) is None
    assert priority_value(Priority(customer_value=80)) == 80
    assert priority_value(Priority(customer_value=80, business_value=40)) == 60
    assert priority_score(Priority(customer_value=80, business_value=40)) is None
    assert priority_score(Priority(customer_value=90, business_value=90, effort=0)) == 90
    assert priority_score(Priority(customer_value=60, business_value=60, effort=5)) == 10
    assert quadrant(Priority(customer_value=70, business_value=50, effort=1)) == "quick_win"
    assert quadrant(Priority(customer_value=70, business_value=50, effort=4)) == \
        "major_project"
    assert quadrant(Priority(customer_value=10, business_value=20, effort=2)) == "fill_in"
    assert quadrant(Priority(customer_value=10, business_value=20, effort=5)) == "money_pit"
    assert axis_value(Priority(customer_value=10, effort=3), "effort") == 3
    assert axis_value(Priority(customer_value=10, effort=3), "business_value") is None


@pytest.mark.parametrize("scores", [{"customer_value": 101}, {"business_value": -1},
                                    {"effort": 6}, {"effort": 2.5}, {"effort": "3"}])
def test_priority_scores_stay_in_range(scores: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Priority.model_validate(scores)


def test_ranking_puts_scored_pains_and_opportunities_first() -> None:
    cards = [
        Card(id="low", stage_id="s", lane_id="l", kind="pain_point",
             priority=Priority(customer_value=20, business_value=20, effort=3)),
        Card(id="note", stage_id="s", lane_id="l", kind="note",
             priority=Priority(customer_value=100, business_value=100, effort=0)),
        Card(id="unscored", stage_id="s", lane_id="l", kind="opportunity"),
        Card(id="high", stage_id="s", lane_id="l", kind="opportunity",
             priority=Priority(customer_value=90, business_value=70, effort=1)),
    ]
    assert [c.id for c in ranked_by_priority(cards)] == ["high", "low", "unscored"]


# ----- saved views -----------------------------------------------------------------------------
def test_a_saved_view_filters_cards_lanes_and_curves() -> None:
    journey = _map()
    journey.cards[2].tags = ["pricing"]
    journey.cards[1].persona_id = "dan"
    maya_to_be = SavedView(id="v", name="Maya", persona_ids=["maya"])
    journey.views = [maya_to_be]
    assert view_card_ids(journey, maya_to_be) == {"a", "c"}, "b is Daniel's"
    assert [c.id for c in view_curves(journey, maya_to_be)] == [
        "all-now", "all-later", "maya-now"]
    to_be = SavedView(id="w", name="Future", scenarios=["to-be"], lane_ids=["touch"])
    assert [c.id for c in view_curves(journey, to_be)] == ["all-later"]
    assert [lane.id for lane in view_lanes(journey, to_be)] == ["touch"]
    assert view_card_ids(journey, to_be) == {"a", "b"}
    pains = SavedView(id="p", name="Pricing pains", kinds=["pain_point"], tags=["pricing"])
    assert view_card_ids(journey, pains) == {"c"}
    assert view_by_name(journey, "  MAYA ") is maya_to_be
    assert view_by_name(journey, "Nobody") is None


def test_view_names_are_unique_and_references_resolve() -> None:
    assert _problems(views=[SavedView(id="v1", name="Pains"),
                            SavedView(id="v2", name="pains ", lane_ids=["gone"],
                                      persona_ids=["ghost"])]) == [
        'views[1].name: duplicate view name "pains" (also views[0])',
        'views[1].persona_ids[0]: unknown persona "ghost"',
        'views[1].lane_ids[0]: unknown lane "gone"']


# ----- workshop rounds -------------------------------------------------------------------------
def _round(**fields: Any) -> VotingRound:
    base: dict[str, Any] = {"id": "r1", "name": "Biggest pains", "budget": 3,
                            "cap_per_card": 2, "participant_ids": ["p1", "p2"]}
    base.update(fields)
    return VotingRound(**base)


def _workshop(voting_round: VotingRound) -> Workshop:
    return Workshop(participants=[Participant(id="p1", name="Ana"), Participant(id="p2")],
                    rounds=[voting_round],
                    timer_log=[TimerEvent(at=dt.datetime(2024, 5, 1, 10, 0),
                                          action="start", seconds=300, round_id="r1")])


def test_a_workshop_round_stores_votes_and_ranks_them_with_ties() -> None:
    voting = _round(votes=[Vote(card_id="a", participant_id="p1", count=2),
                           Vote(card_id="c", participant_id="p1"),
                           Vote(card_id="c", participant_id="p2", count=2),
                           Vote(card_id="b", participant_id="p2")],
                    anonymity="named", state="closed", revealed=True, done_ids=["p1"])
    journey = _map(workshop=_workshop(voting))
    assert integrity_problems(journey) == []
    assert round_totals(voting) == {"a": 2, "c": 3, "b": 1}
    assert spent(voting, "p1") == 3
    assert ranked_results(voting) == [(1, "c", 3, False), (2, "a", 2, False),
                                      (3, "b", 1, False)]
    tied = _round(votes=[Vote(card_id="a", participant_id="p1"),
                         Vote(card_id="b", participant_id="p2")])
    assert ranked_results(tied) == [(1, "a", 1, True), (1, "b", 1, True)]
    assert participant_label(journey.workshop, "p2") == "Participant 2"
    assert journey.workshop.timer_log[0].at.tzinfo is not None


@pytest.mark.parametrize(("votes", "fields", "message"), [
    ([Vote(card_id="a", participant_id="p1", count=3)], {}, "over the round's cap of 2"),
    ([Vote(card_id="a", participant_id="p1", count=2), Vote(card_id="b", participant_id="p1",
                                                           count=2)], {},
     'participant "p1" spent 4 dots, over the budget of 3'),
    ([Vote(card_id="a", participant_id="p9")], {}, '"p9" does not take part'),
    ([Vote(card_id="gone", participant_id="p1")], {}, 'unknown card "gone"'),
    ([Vote(card_id="a", participant_id="p1"), Vote(card_id="a", participant_id="p1")], {},
     "already holds this participant's dots"),
    ([], {"scope": VoteScope(lane_ids=["nowhere"])}, 'unknown lane "nowhere"'),
    ([], {"participant_ids": ["p1", "ghost"]}, 'unknown participant "ghost"'),
    ([], {"done_ids": ["p9"]}, "unknown participant of this round"),
])
def test_a_round_keeps_budget_cap_and_references(votes: list[Vote], fields: dict[str, Any],
                                                 message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("'", ".")):
        _map(workshop=_workshop(_round(votes=votes, **fields)))


@pytest.mark.parametrize("fields", [{"budget": 0}, {"budget": 100}, {"cap_per_card": 0},
                                    {"anonymity": "secret"}, {"state": "paused"}])
def test_round_settings_are_bounded(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        _round(**fields)


# ----- lanes and the service blueprint ---------------------------------------------------------
def test_blueprint_lines_go_where_adjacent_layers_meet() -> None:
    lanes = [Lane(id=kind, name=kind, kind=kind) for kind in (  # type: ignore[arg-type]
        "touchpoints", "customer_actions", "frontstage", "backstage", "support_processes",
        "metric")]
    journey = JourneyMap(lanes=lanes)
    assert [(line.name, line.upper_lane_id, line.lower_lane_id)
            for line in blueprint_lines(journey)] == [
        ("Line of interaction", "customer_actions", "frontstage"),
        ("Line of visibility", "frontstage", "backstage"),
        ("Line of internal interaction", "backstage", "support_processes")]
    journey.lanes = [lanes[1], lanes[0], lanes[2]]
    assert blueprint_lines(journey) == [], "only where the layers are adjacent"


def test_card_source_keys_are_unique() -> None:
    cards = [Card(id="x", stage_id="s1", lane_id="touch", source_key="survey-1"),
             Card(id="y", stage_id="s1", lane_id="touch", source_key="survey-1")]
    assert _problems(cards=cards) == [
        'cards[1].source_key: duplicate source key "survey-1" (also cards[0])']


def test_assignments_are_validated_too() -> None:
    journey = _map()
    with pytest.raises(ValidationError):
        journey.title = "x" * 300
    with pytest.raises(ValidationError):
        journey.cards[0].votes = -1
    with pytest.raises(ValidationError, match="outside the map's scale"):
        journey.scale = preset_scale("1..5")
