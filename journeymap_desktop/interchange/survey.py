"""A survey export onto a map: each touchpoint's value on the as-is curves, with the answers'
distribution as its evidence, and free-text answers as quotes.

    inspection = inspect_survey(path)                       (storage.importers)
    proposal = propose(inspection, journey)                 the mapping, with its explanation
    evidence = aggregate_survey(inspection, mapping)        one pass over the rows
    outcome = merge_survey(journey or None, evidence, ...)  the new map, whole and checked

What the merge does, for each card the survey speaks of (a stage, or a stage's touchpoint):
- the card: the one whose `source_key` is the survey's key for that stage and touchpoint (so a
  newer export of the same survey updates, never duplicates); else a touchpoint card of that
  stage titled as the touchpoint (or the stage) without a key yet, which takes the key; else
  a new touchpoint card in the Touchpoints lane. Stages are found by name (case, spacing and
  accents' composition ignored), else added at the end.
- its value on everyone's as-is curve: the answers' mean moved onto the map's scale (the
  survey's own scale for a new map, when the file format can hold it), with n, mean, median,
  quartiles and extremes as its evidence; the same per persona on that persona's as-is curve
  (personas found by name, else added with their curve). A customer's own word for the
  feeling stays while the value stays on the same level.
- its quotes: free-text answers as quote evidence keyed by column and respondent, at most
  `quotes_per_card` per card (the ones already there are updated first); how many were left
  out is counted and said.

Nothing is changed in place: the result is a new map, validated whole, that the caller writes
(CLI) or pushes as one undo step (commands.MergeMap).
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from journeymap_desktop.interchange.mermaid import STARTER_LANES, cut
from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID
from journeymap_desktop.model.emotion import (
    AS_IS,
    MAX_SCALE_LEVELS,
    MIN_SCALE_LEVELS,
    SCALE_LIMIT,
    SCALE_PRESETS,
    EmotionScale,
)
from journeymap_desktop.model.fields import MAX_EVIDENCE, MAX_SAMPLE, MAX_TEXT
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.scales import nearest_level, preset_scale
from journeymap_desktop.safe_text import file_name, shown
from journeymap_desktop.storage.importers import (
    CardEvidence,
    Distribution,
    MappingProposal,
    Quote,
    Scale,
    SurveyEvidence,
    SurveyInspection,
    SurveyMapping,
    card_key,
    propose_mapping,
)
from journeymap_desktop.storage.importers.survey_layout import KIND_NAMES, normalise_label

DEFAULT_QUOTES_PER_CARD = 3
QUOTE_KEY_PREFIX = "quote-"  # survey_evidence.quote_key: how the merge knows its own quotes
ValueChoice = Literal["mean", "median"]


@dataclass(frozen=True)
class SurveyOptions:
    value: ValueChoice = "mean"  # what sets the curve's value: the answers' mean or median
    quotes_per_card: int = DEFAULT_QUOTES_PER_CARD


@dataclass
class MergeOutcome:
    """The map after the import, and what changed (for the CLI's line and the wizard)."""

    map: JourneyMap
    source: str
    cards_added: int = 0
    cards_updated: int = 0
    cards_unchanged: int = 0
    stages_added: list[str] = field(default_factory=list)
    personas_added: list[str] = field(default_factory=list)
    quotes_added: int = 0
    quotes_updated: int = 0
    quotes_left_out: int = 0
    general_left_out: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.cards_added} card{'' if self.cards_added == 1 else 's'} added",
                 f"{self.cards_updated} updated"]
        if self.cards_unchanged:
            parts.append(f"{self.cards_unchanged} unchanged")
        if self.stages_added:
            parts.append(f"{len(self.stages_added)} new stage"
                         f"{'' if len(self.stages_added) == 1 else 's'}")
        if self.personas_added:
            parts.append(f"{len(self.personas_added)} new persona"
                         f"{'' if len(self.personas_added) == 1 else 's'}")
        quotes = f"{self.quotes_added} quote{'' if self.quotes_added == 1 else 's'} added"
        if self.quotes_updated:
            quotes += f", {self.quotes_updated} updated"
        parts.append(quotes)
        return ", ".join(parts)

    def left_out_lines(self, per_card: int) -> list[str]:
        lines = []
        if self.quotes_left_out:
            lines.append(f"{self.quotes_left_out:,} more free-text answer"
                         f"{'s' if self.quotes_left_out > 1 else ''} left out (at most "
                         f"{per_card} quote{'s' if per_card != 1 else ''} per card)")
        if self.general_left_out:
            lines.append(f"{self.general_left_out:,} free-text answer"
                         f"{'s' if self.general_left_out > 1 else ''} about no stage left "
                         "out (give their column a stage to keep them)")
        return lines


def propose(inspection: SurveyInspection, journey: JourneyMap | None = None) -> MappingProposal:
    """The mapping proposed for an export; a map's stage names help to find its stages."""
    known = [stage.name for stage in journey.stages] if journey is not None else []
    return propose_mapping(inspection, known)


def source_label(evidence: SurveyEvidence) -> str:
    """"Qualtrics export qualtrics_grocery.csv": where a distribution or quote comes from."""
    return cut(f"{KIND_NAMES[evidence.kind]} {file_name(evidence.source)}", 200)  # type: ignore[index]


# ----- scales ---------------------------------------------------------------------------------
def map_scale_for(scale: Scale) -> EmotionScale:
    """The map scale a survey's scale becomes on a new map: the preset of the same range,
    else a custom scale of its whole levels, else 1-5 (the answers are moved onto it)."""
    low, high = scale.low, scale.high
    names = [cut(label) for label in scale.labels] if scale.labels else []
    if low == int(low) and high == int(high):
        low_level, high_level = int(low), int(high)
        count = high_level - low_level + 1
        for preset, (p_low, p_high) in SCALE_PRESETS.items():
            if (p_low, p_high) == (low_level, high_level):
                return EmotionScale.model_validate({"preset": preset, "min": p_low,
                                                    "max": p_high, "names": names})
        if MIN_SCALE_LEVELS <= count <= MAX_SCALE_LEVELS and low_level >= -SCALE_LIMIT and \
                high_level <= SCALE_LIMIT:
            return EmotionScale.model_validate({"preset": "custom", "min": low_level,
                                                "max": high_level, "names": names})
    return preset_scale("1..5")


def _on_scale(value: float, scale: EmotionScale, places: int = 3) -> float:
    return round(min(float(scale.max), max(float(scale.min), value)), places)


def distribution_dict(distribution: Distribution, source: Scale, target: EmotionScale,
                      label: str) -> dict[str, Any]:
    moved = distribution.rescaled(source, Scale(target.min, target.max))
    return {"n": min(moved.n, MAX_SAMPLE), "mean": _on_scale(moved.mean, target),
            "median": _on_scale(moved.median, target), "q1": _on_scale(moved.q1, target),
            "q3": _on_scale(moved.q3, target), "low": _on_scale(moved.low, target),
            "high": _on_scale(moved.high, target), "source": label}


# ----- the merge ------------------------------------------------------------------------------
def new_survey_map(evidence: SurveyEvidence, title: str) -> JourneyMap:
    """An empty map for a survey: its scale, the starter lanes, everyone's as-is curve."""
    scale = map_scale_for(evidence.scale)
    data = {"title": cut(title.strip() or "Survey"),
            "description": cut(f"Imported from the {source_label(evidence)} "
                               f"({evidence.responses:,} responses).", 20_000),
            "scale": scale.model_dump(),
            "lanes": [{"id": new_id("lane"), "name": name, "kind": kind}
                      for name, kind in STARTER_LANES],
            "curves": [{"id": EVERYONE_AS_IS_ID}]}
    return JourneyMap.model_validate_json(json.dumps(data))


def card_questions(inspection: SurveyInspection, mapping: SurveyMapping) -> dict[str, str]:
    """The question each card's scores answer, by card key (what its text says)."""
    columns = inspection.columns
    found = {card_key(score.stage, score.touchpoint): columns[score.column].question
             for score in mapping.scores}
    if mapping.long is not None:
        found[""] = columns[mapping.long.score].label  # one question for every card
    return found


_SUMMARY = re.compile(r"^[0-9][0-9,]* answers? on -?[0-9.]+-[0-9.-]+: mean ")


def summary_text(question: str, distribution: Distribution, scale: Scale) -> str:
    """A card's text from the survey: the question, then how it was answered."""
    line = (f"{distribution.n:,} answer{'s' if distribution.n != 1 else ''} on "
            f"{scale.low:g}-{scale.high:g}: mean {distribution.mean:.1f}, median "
            f"{distribution.median:g}, middle half {distribution.q1:g} to {distribution.q3:g}")
    return f"{question.strip()}\n{line}" if question.strip() else line


def _written_by_an_import(body: str) -> bool:
    last = body.rsplit("\n", 1)[-1]
    return not body.strip() or bool(_SUMMARY.match(last))


def merge_survey(journey: JourneyMap | None, evidence: SurveyEvidence, *,
                 options: SurveyOptions | None = None, title: str | None = None,
                 questions: dict[str, str] | None = None) -> MergeOutcome:
    """The map with the survey's evidence in it (a new map when `journey` is None). Raises
    ValueError (one line) when the result would not be a valid map. `questions`
    (card_questions) gives each card a text: the question and how it was answered, which a
    newer export updates unless the team wrote their own text since."""
    options = options or SurveyOptions()
    if journey is None:
        journey = new_survey_map(evidence, title or Path(evidence.source).stem)
    return _Merge(journey, evidence, options, questions or {}).run()


class _Merge:
    def __init__(self, journey: JourneyMap, evidence: SurveyEvidence,
                 options: SurveyOptions, questions: dict[str, str]) -> None:
        self.evidence = evidence
        self.options = options
        self.questions = questions
        self.scale = journey.scale
        self.data = json.loads(journey.model_dump_json())
        self.outcome = MergeOutcome(journey, evidence.source)
        self.label = source_label(evidence)
        self.cards: list[dict[str, Any]] = self.data["cards"]
        self.by_key = {card["source_key"]: card for card in self.cards if card["source_key"]}

    def run(self) -> MergeOutcome:
        outcome = self.outcome
        lane = self.touchpoint_lane()
        self.emotions_lane()
        everyone = self.curve(None)
        persona_curves = {name: self.curve(self.persona(name))
                          for name in self.evidence.personas}
        for card_evidence in self.evidence.cards:
            stage_id = self.stage(card_evidence.stage)
            card = self.card(card_evidence, stage_id, lane)
            before = copy.deepcopy(card)
            emotions = card["emotions"]
            if card_evidence.everyone is not None:
                self.set_value(emotions, everyone, card_evidence.everyone)
                question = self.questions.get(card_evidence.key, self.questions.get(""))
                if question is not None and _written_by_an_import(card["body"]):
                    card["body"] = cut(summary_text(question, card_evidence.everyone,
                                                    self.evidence.scale), MAX_TEXT)
            for name, distribution in card_evidence.by_persona.items():
                self.set_value(emotions, persona_curves[name], distribution)
            self.add_quotes(card, card_evidence.quotes)
            if card.get("_new"):
                del card["_new"]
                outcome.cards_added += 1
            elif card != before:  # (4 == 4.0: a whole value read back as a float is the same)
                outcome.cards_updated += 1
            else:
                outcome.cards_unchanged += 1
        outcome.general_left_out = len(self.evidence.quotes)
        try:
            outcome.map = JourneyMap.model_validate_json(json.dumps(self.data))
        except ValueError as error:
            raise ValueError(f"the survey does not fit the map: "
                             f"{shown(str(error).splitlines()[0], 300)}") from None
        return outcome

    # ----- finding or adding what the survey speaks of ---------------------------------------
    def touchpoint_lane(self) -> str:
        lanes = self.data["lanes"]
        for lane in lanes:
            if lane["kind"] == "touchpoints":
                return str(lane["id"])
        lane = {"id": new_id("lane"), "name": "Touchpoints", "kind": "touchpoints"}
        lanes.insert(0, lane)
        self.outcome.notes.append("added a Touchpoints lane for the survey's cards")
        return lane["id"]

    def emotions_lane(self) -> None:
        lanes = self.data["lanes"]
        if not any(lane["kind"] == "emotions" for lane in lanes):
            index = next((i + 1 for i, lane in enumerate(lanes)
                          if lane["kind"] == "touchpoints"), len(lanes))
            lanes.insert(index, {"id": new_id("lane"), "name": "Emotions", "kind": "emotions"})
            self.outcome.notes.append("added an Emotions lane, where the curve is drawn")

    def persona(self, name: str) -> str:
        wanted = normalise_label(name)
        for persona in self.data["personas"]:
            if normalise_label(persona["name"]) == wanted:
                return str(persona["id"])
        persona = {"id": new_id("persona"), "name": cut(name.strip() or "Persona")}
        self.data["personas"].append(persona)
        self.outcome.personas_added.append(persona["name"])
        return persona["id"]

    def curve(self, persona_id: str | None) -> str:
        for curve in self.data["curves"]:
            if curve["persona_id"] == persona_id and curve["scenario"] == AS_IS:
                return str(curve["id"])
        taken = {curve["id"] for curve in self.data["curves"]}
        curve_id = EVERYONE_AS_IS_ID if persona_id is None and EVERYONE_AS_IS_ID not in taken \
            else new_id("curve")
        curve = {"id": curve_id, "persona_id": persona_id, "scenario": AS_IS, "name": ""}
        if persona_id is None:
            self.data["curves"].insert(0, curve)
        else:
            self.data["curves"].append(curve)
        return curve_id

    def stage(self, name: str) -> str:
        wanted = normalise_label(name)
        for stage in self.data["stages"]:
            if normalise_label(stage["name"]) == wanted:
                return str(stage["id"])
        stage = {"id": new_id("stage"), "name": cut(name.strip() or "Survey"),
                 "description": "", "colour": None}
        self.data["stages"].append(stage)
        self.outcome.stages_added.append(stage["name"])
        return stage["id"]

    def card(self, card_evidence: CardEvidence, stage_id: str, lane_id: str) -> dict[str, Any]:
        found = self.by_key.get(card_evidence.key)
        if found is not None:
            return found
        title = card_evidence.touchpoint.strip() or card_evidence.stage.strip()
        wanted = normalise_label(title)
        candidates = [card for card in self.cards
                      if card["stage_id"] == stage_id and card["kind"] == "touchpoint"
                      and not card["source_key"] and normalise_label(card["title"]) == wanted]
        if len(candidates) == 1:
            candidates[0]["source_key"] = card_evidence.key
            self.by_key[card_evidence.key] = candidates[0]
            return candidates[0]
        orders = [card["order"] for card in self.cards
                  if card["stage_id"] == stage_id and card["lane_id"] == lane_id]
        card: dict[str, Any] = {
                "id": new_id("card"), "stage_id": stage_id, "lane_id": lane_id,
                "order": max(orders) + 1 if orders else 0, "title": cut(title),
                "body": "", "kind": "touchpoint", "emotions": {}, "channel": None,
                "owner": "", "tags": [], "votes": 0, "moment_of_truth": False,
                "colour": None, "persona_id": None, "evidence": [], "priority": None,
                "private": False, "source_key": card_evidence.key, "_new": True}
        self.cards.append(card)
        self.by_key[card_evidence.key] = card
        return card

    # ----- values and quotes -----------------------------------------------------------------
    def set_value(self, emotions: dict[str, Any], curve_id: str,
                  distribution: Distribution) -> None:
        spread = distribution_dict(distribution, self.evidence.scale, self.scale, self.label)
        value = spread["mean"] if self.options.value == "mean" else spread["median"]
        value = round(value, 2)
        old = emotions.get(curve_id)
        word = ""
        if old is not None and old.get("word") and \
                nearest_level(self.scale, old["value"]) == nearest_level(self.scale, value):
            word = old["word"]
        emotions[curve_id] = {"value": value, "word": word, "evidence": spread}

    def add_quotes(self, card: dict[str, Any], quotes: list[Quote]) -> None:
        if not quotes:
            return
        items: list[dict[str, Any]] = card["evidence"]
        existing = {item["source_key"]: item for item in items
                    if item.get("type") == "quote" and item.get("source_key")}
        ours = sum(1 for key in existing if key.startswith(QUOTE_KEY_PREFIX))
        room = max(0, self.options.quotes_per_card - ours)
        for quote in quotes:
            found = existing.get(quote.key)
            if found is None and (room <= 0 or len(items) >= MAX_EVIDENCE):
                self.outcome.quotes_left_out += 1  # counted, not read: 80,000 answers are fast
                continue
            text = _quote_text(quote.text)
            if not text:
                continue
            who = quote.persona or (f"respondent {quote.respondent}" if quote.respondent
                                    else "")
            if found is not None:
                if (found["text"], found["who"]) != (text, cut(who)):
                    found.update(text=text, who=cut(who))
                    self.outcome.quotes_updated += 1
                continue
            items.append({"type": "quote", "id": new_id("quote"), "text": text,
                          "who": cut(who), "source": cut(f"{self.label}, row {quote.row:,}"),
                          "source_key": quote.key})
            existing[quote.key] = items[-1]
            room -= 1
            self.outcome.quotes_added += 1


def _quote_text(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return cut(text, MAX_TEXT)


# ----- describing a mapping -------------------------------------------------------------------
def describe_mapping(inspection: SurveyInspection, mapping: SurveyMapping) -> list[str]:
    """The mapping in plain lines, for the CLI and the wizard's preview."""
    columns = inspection.columns

    def name(index: int) -> str:
        return f"column {index + 1} {shown(columns[index].label, 80)}"

    lines = [f"{KIND_NAMES[inspection.kind]} ({inspection.header_rows} header row"
             f"{'s' if inspection.header_rows > 1 else ''}, {len(columns):,} columns)"]
    if mapping.long is not None:
        long = mapping.long
        lines.append(f"one answer per row: stage from {name(long.stage)}"
                     + (f", touchpoint from {name(long.touchpoint)}"
                        if long.touchpoint is not None else "")
                     + f", score from {name(long.score)}"
                     + (" (reverse-coded)" if long.reverse else ""))
    for score in mapping.scores:
        where = score.stage + (f": {score.touchpoint}" if score.touchpoint else "")
        lines.append(f"{shown(where, 80)} <- {name(score.column)}"
                     + (" (reverse-coded)" if score.reverse else ""))
    lines.append(f"scores on a {mapping.scale.describe()} scale")
    if mapping.persona is not None:
        lines.append(f"persona from {name(mapping.persona)}")
    else:
        lines.append("no persona column: every answer counts for everyone")
    for quote in mapping.quotes:
        lines.append(f"quotes from {name(quote.column)}"
                     + (f" (stage {shown(quote.stage, 60)})" if quote.stage else ""))
    return lines


__all__ = [
    "DEFAULT_QUOTES_PER_CARD",
    "MergeOutcome",
    "SurveyOptions",
    "card_questions",
    "describe_mapping",
    "distribution_dict",
    "map_scale_for",
    "merge_survey",
    "new_survey_map",
    "propose",
    "source_label",
    "summary_text",
]
