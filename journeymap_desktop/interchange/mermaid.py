"""A Mermaid `journey` and a map, both ways.

Reading a plain Mermaid journey (one written by hand or by another tool):

    title / accDescr        -> the map's title / description
    section                 -> a stage, in order (tasks before any section: a stage "Unsorted")
    task                    -> a touchpoint card in the Touchpoints lane, titled with its name
    actors                  -> personas (one per distinct name), each with an as-is curve
    score                   -> the value of everyone's as-is curve at that card, and of each
                               actor's as-is curve (the actors took part in that task), on a
                               1-5 scale; a fractional or out-of-range score (reported by the
                               reader) is rounded and clamped onto it

Writing a map: stages -> sections, touchpoint cards -> tasks (in journey order), the value of
everyone's as-is curve moved onto 1-5 -> the score, personas with a value on their as-is curve
at the card -> actors. Everything else rides along in `%% journeymap` comment lines Mermaid
ignores (mermaid_writer): the map without its stages and cards on the journey, each stage's
id, description, colour and its other cards (pain points, notes, ...) on its section, each
touchpoint card whole on its task, with its place in the file. Reading those back gives the
same map (tests/test_mermaid_maps.py checks the examples); an edit made in Mermaid since
(a renamed task, a new score, a task added or removed, an actor added) wins, and is noted.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from journeymap_desktop.formats import ReadResult
from journeymap_desktop.interchange.written import WriteResult, write_atomically
from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID
from journeymap_desktop.model.emotion import AS_IS, EmotionScale
from journeymap_desktop.model.fields import (
    MAX_CARDS,
    MAX_CURVES,
    MAX_LONG_TEXT,
    MAX_NAME,
    MAX_STAGES,
)
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.queries import journey_order
from journeymap_desktop.model.scales import nearest_level, preset_scale, rescaled
from journeymap_desktop.safe_text import shown
from journeymap_desktop.storage.errors import LoadError
from journeymap_desktop.storage.importers import (
    ImportRefused,
    Journey,
    JourneySection,
    JourneyTask,
    fits_mermaid,
    read_mermaid_file,
    write_mermaid,
)
from journeymap_desktop.storage.importers.mermaid_syntax import MERMAID_MAX_TEXT
from journeymap_desktop.storage.importers.mermaid_writer import drawn_text_size

PAYLOAD_VERSION = 1  # what `%% journeymap map {"journeymap": N, ...}` says it holds
UNSORTED = "Unsorted"
# The lanes of a map made from a plain Mermaid journey (or a survey): where touchpoints go,
# where their curve is drawn, and two empty lanes the team fills in next.
STARTER_LANES: tuple[tuple[str, str], ...] = (
    ("Touchpoints", "touchpoints"), ("Emotions", "emotions"), ("Pain points", "pain_points"),
    ("Opportunities", "opportunities"))


def mermaid_scale() -> EmotionScale:
    """Mermaid's scores: whole numbers 1 (worst) to 5 (best)."""
    return preset_scale("1..5")


def cut(text: str, limit: int = MAX_NAME) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ----- map -> Mermaid -------------------------------------------------------------------------
def _as_is_curves(curves: list[dict[str, Any]]) -> tuple[str | None, dict[str, str]]:
    """Everyone's as-is curve id, and each persona's as-is curve id, from curve dicts."""
    everyone = None
    by_persona: dict[str, str] = {}
    for curve in curves:
        if curve.get("scenario", AS_IS) != AS_IS:
            continue
        persona = curve.get("persona_id")
        if persona is None:
            everyone = everyone or curve["id"]
        else:
            by_persona.setdefault(persona, curve["id"])
    return everyone, by_persona


class _Scoring:
    """What a card's task line says, computed the same way when writing and when reading
    back (so an unchanged line is told from an edited one exactly)."""

    def __init__(self, scale: EmotionScale, personas: list[dict[str, Any]],
                 curves: list[dict[str, Any]]) -> None:
        self.scale = scale
        self.five = mermaid_scale()
        self.everyone, self.persona_curves = _as_is_curves(curves)
        self.personas = [(p["id"], p["name"]) for p in personas]

    def score(self, emotions: dict[str, Any]) -> float | None:
        value = emotions.get(self.everyone) if self.everyone else None
        if not isinstance(value, dict) or not isinstance(value.get("value"), int | float):
            return None
        return rescaled(float(value["value"]), self.scale, self.five)

    def actors(self, emotions: dict[str, Any]) -> list[str]:
        return [name for persona_id, name in self.personas
                if self.persona_curves.get(persona_id) in emotions]

    def value(self, score: float) -> float:
        """A 1-5 score as a value on the map's scale, kept to two decimals."""
        exact = rescaled(min(5.0, max(1.0, score)), self.five, self.scale)
        return round(exact, 2)


def map_to_journey(journey: JourneyMap) -> Journey:
    """The Mermaid journey of a map, with everything else in its `extra` payloads."""
    # Fields at their defaults are left out: the payload reads back the same, and stays small.
    data = json.loads(journey.model_dump_json(exclude_defaults=True))
    cards = data.pop("cards", [])
    for model, card in zip(journey.cards, cards, strict=True):
        for item, kept in zip(model.evidence, card.get("evidence", []), strict=True):
            kept["type"] = item.type  # the union's tag, even where it is the default
    stages = data.pop("stages", [])
    title = journey.title
    description = journey.description
    data.pop("title", None)
    data.pop("description", None)
    data["curves"] = [curve.model_dump(mode="json", exclude_defaults=True)
                      for curve in journey.curves]  # an explicit list, even the default one
    scoring = _Scoring(journey.scale, data.get("personas", []), data["curves"])
    position = {card["id"]: index for index, card in enumerate(cards)}
    by_id = {card["id"]: card for card in cards}
    by_stage: dict[str, list[dict[str, Any]]] = {}
    for card in journey_order(journey):
        by_stage.setdefault(card.stage_id, []).append(by_id[card.id])
    sections = []
    for stage in stages:
        section = JourneySection(stage["name"], extra={
            "stage": {key: value for key, value in stage.items() if key != "name"}})
        others = []
        for card in by_stage.get(stage["id"], []):
            kept = {key: value for key, value in card.items()
                    if key not in ("title", "stage_id")}
            kept["at"] = position[card["id"]]
            emotions = card.get("emotions", {})
            if card.get("kind", "touchpoint") == "touchpoint":
                section.tasks.append(JourneyTask(
                    card.get("title", ""), scoring.score(emotions), scoring.actors(emotions),
                    {"card": kept}))
            else:
                kept["title"] = card.get("title", "")
                others.append(kept)
        if others:
            section.extra["cards"] = others
        sections.append(section)
    return Journey(title=title, acc_descr=description, sections=sections,
                   extra={"journeymap": PAYLOAD_VERSION, "map": data})


def mermaid_text(journey: JourneyMap) -> str:
    return write_mermaid(map_to_journey(journey))


def export_mermaid(journey: JourneyMap, path: Path, *,
                   progress: Callable[[float], bool] | None = None) -> WriteResult:
    """Write the map as a Mermaid journey (atomically)."""
    text = mermaid_text(journey)
    data = text.encode("utf-8")

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    size = write_atomically(Path(path), write)
    tasks = sum(1 for card in journey.cards if card.kind == "touchpoint")
    others = len(journey.cards) - tasks
    description = (f"Mermaid journey, {len(journey.stages)} section"
                   f"{'' if len(journey.stages) == 1 else 's'}, {tasks} task"
                   f"{'' if tasks == 1 else 's'}")
    if others:
        description += f" ({others} other card{'' if others == 1 else 's'} kept in comments)"
    notes = []
    if not fits_mermaid(text):
        notes.append(f"Mermaid draws at most {MERMAID_MAX_TEXT:,} characters of a diagram; "
                     f"this one has {drawn_text_size(text):,}, so Mermaid shows an error "
                     "instead (JourneyMap reads the file back in full)")
    return WriteResult(Path(path), description, size, tuple(notes))


# ----- Mermaid -> map -------------------------------------------------------------------------
def read_mermaid_map(path: Path) -> ReadResult:
    """The registry's reader for .mmd/.mermaid files: the map, and every diagnostic with its
    line number as a warning. LoadError (one line) for a file that is no Mermaid journey."""
    path = Path(path)
    try:
        result = read_mermaid_file(path)
        journey_map, notes = journey_to_map(result.journey, fallback_title=path.stem)
    except ImportRefused as error:
        raise LoadError(str(path), [error.reason]) from None
    except (ValidationError, ValueError) as error:
        raise LoadError(str(path), [_first_reason(error)]) from None
    warnings = [str(diagnostic) for diagnostic in result.diagnostics] + notes
    return ReadResult(journey_map, tuple(warnings))


def journey_to_map(journey: Journey, *, fallback_title: str = "Mermaid journey"
                   ) -> tuple[JourneyMap, list[str]]:
    """The map a Mermaid journey describes, and notes on what was changed to make it one."""
    extra = journey.extra
    if extra.get("journeymap") is not None:
        if extra.get("journeymap") != PAYLOAD_VERSION or not isinstance(extra.get("map"), dict):
            note = ("the journeymap comments were written by a newer JourneyMap (or damaged); "
                    "read as a plain Mermaid journey")
            journey_map, notes = _plain_map(journey, fallback_title)
            return journey_map, [note, *notes]
        try:
            return _Rebuild(journey, extra["map"], fallback_title).run()
        except (ValidationError, ValueError, TypeError, KeyError, AttributeError) as error:
            reason = _first_reason(error)
            journey_map, notes = _plain_map(journey, fallback_title)
            return journey_map, [f"the journeymap comments could not be used ({reason}); "
                                 "read as a plain Mermaid journey", *notes]
    return _plain_map(journey, fallback_title)


def _first_reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        return shown(f"{where}: {first.get('msg', 'not valid')}", 160)
    return shown(str(error).splitlines()[0] if str(error) else type(error).__name__, 160)


def _title(journey: Journey, fallback: str, *, exact: bool = False) -> str:
    """The title as written (a journey without one: its accessible title, else the file's
    name); `exact` keeps a title of spaces that the map itself had."""
    if exact and journey.title:
        return cut(journey.title)
    for title in (journey.title, journey.acc_title, fallback):
        if title.strip():
            return cut(title)
    return "Mermaid journey"


def _plain_map(journey: Journey, fallback_title: str) -> tuple[JourneyMap, list[str]]:
    notes: list[str] = []
    scale = mermaid_scale()
    lanes = [{"id": f"lane-{kind.replace('_', '-')}", "name": name, "kind": kind}
             for name, kind in STARTER_LANES]
    touchpoints = lanes[0]["id"]
    personas: dict[str, dict[str, Any]] = {}
    curves: list[dict[str, Any]] = [{"id": EVERYONE_AS_IS_ID}]
    sections = journey.sections
    tasks = sum(len(section.tasks) for section in sections)
    if len(sections) > MAX_STAGES or tasks > MAX_CARDS:
        raise ValueError(f"{len(sections):,} sections and {tasks:,} tasks: a map holds at most "
                         f"{MAX_STAGES} stages and {MAX_CARDS:,} cards")
    left_out: list[str] = []
    for number, actor in enumerate(journey.actors(), start=1):
        name = actor.strip()
        if not name or name in personas:
            continue
        if len(personas) >= MAX_CURVES - 1:  # each persona has a curve, beside everyone's
            left_out.append(name)
            continue
        persona_id = f"persona-{number}"
        personas[name] = {"id": persona_id, "name": cut(name)}
        curves.append({"id": f"{persona_id}-as-is", "persona_id": persona_id})
    if left_out:
        notes.append(f"{len(left_out):,} more actors than a map has curves for; they are "
                     f"not personas: {', '.join(shown(name, 30) for name in left_out[:5])}"
                     + (" …" if len(left_out) > 5 else ""))
    stages: list[dict[str, Any]] = []
    cards: list[dict[str, Any]] = []
    for number, section in enumerate(sections, start=1):
        stage_id = f"stage-{number}"
        stages.append({"id": stage_id, "name": cut(section.name.strip() or UNSORTED)})
        for order, task in enumerate(section.tasks):
            card: dict[str, Any] = {"id": f"card-{len(cards) + 1}", "stage_id": stage_id,
                                    "lane_id": touchpoints, "order": order,
                                    "title": cut(task.name.strip()), "kind": "touchpoint"}
            if len(task.name.strip()) > MAX_NAME:
                card["body"] = cut(task.name.strip(), 5_000)
                notes.append(f"line {task.line or 0:,}: a task name of "
                             f"{len(task.name.strip()):,} characters: the card's title is "
                             "cut, its text holds all of it")
            if task.score is not None and math.isfinite(task.score):
                level = nearest_level(scale, task.score)
                emotions = {EVERYONE_AS_IS_ID: {"value": level}}
                for actor in task.actors:
                    persona = personas.get(actor.strip())
                    if persona is not None:
                        emotions[f"{persona['id']}-as-is"] = {"value": level}
                card["emotions"] = emotions
            cards.append(card)
    data = {"title": _title(journey, fallback_title),
            "description": cut(journey.acc_descr, MAX_LONG_TEXT),
            "scale": scale.model_dump(), "personas": list(personas.values()),
            "curves": curves, "stages": stages, "lanes": lanes, "cards": cards}
    return JourneyMap.model_validate_json(json.dumps(data)), notes


class _Rebuild:
    """The map a journey written by `map_to_journey` describes, with Mermaid's edits."""

    def __init__(self, journey: Journey, base: dict[str, Any], fallback_title: str) -> None:
        self.journey = journey
        self.data = {key: value for key, value in base.items()
                     if key not in ("stages", "cards", "title", "description")}
        self.fallback_title = fallback_title
        self.notes: list[str] = []
        self.personas: list[dict[str, Any]] = list(self.data.get("personas", []))
        self.curves: list[dict[str, Any]] = list(self.data.get("curves", []))
        self.lanes: list[dict[str, Any]] = list(self.data.get("lanes", []))
        scale = EmotionScale.model_validate_json(json.dumps(self.data.get("scale", {})))
        self.scoring = _Scoring(scale, self.personas, self.curves)
        self.stage_ids: set[str] = set()
        self.card_ids: set[str] = set()

    def note(self, line: int | None, message: str) -> None:
        where = f"line {line:,}: " if line else ""
        self.notes.append(f"{where}{message}")

    def run(self) -> tuple[JourneyMap, list[str]]:
        placed: list[tuple[int, int, dict[str, Any]]] = []  # (at, sequence, card)
        new_cards: list[dict[str, Any]] = []
        stages = []
        for section in self.journey.sections:
            stage = self.stage_of(section)
            stages.append(stage)
            for card in section.extra.get("cards", []) if isinstance(
                    section.extra.get("cards"), list) else []:
                if isinstance(card, dict) and self.claim_card(card):
                    placed.append(self.placed(card, stage["id"], len(placed)))
            for task in section.tasks:
                payload = task.extra.get("card")
                if isinstance(payload, dict) and self.claim_card(payload):
                    card = dict(payload)
                    self.reconcile(card, task)
                    card["title"] = cut(task.name)
                    placed.append(self.placed(card, stage["id"], len(placed)))
                else:
                    new_cards.append(self.new_card(task, stage["id"]))
        cards = [card for _, _, card in sorted(placed, key=lambda item: item[:2])]
        cards += self.ordered_new(cards, new_cards)
        self.data.update({"title": _title(self.journey, self.fallback_title, exact=True),
                          "description": cut(self.journey.acc_descr, MAX_LONG_TEXT),
                          "stages": stages, "cards": cards, "personas": self.personas,
                          "curves": self.curves, "lanes": self.lanes})
        self.forget_missing(stages, cards)
        return JourneyMap.model_validate_json(json.dumps(self.data)), self.notes

    # ----- stages and cards ------------------------------------------------------------------
    def stage_of(self, section: JourneySection) -> dict[str, Any]:
        payload = section.extra.get("stage")
        stage: dict[str, Any] = dict(payload) if isinstance(payload, dict) else {}
        if not isinstance(stage.get("id"), str) or stage["id"] in self.stage_ids:
            if payload is not None:
                self.note(section.line, "a section copied in Mermaid becomes a new stage")
            stage["id"] = new_id("stage")
        self.stage_ids.add(stage["id"])
        stage["name"] = cut(section.name) if section.name else UNSORTED
        return stage

    def claim_card(self, card: dict[str, Any]) -> bool:
        """Is this a card not seen before in the file (a task copied in Mermaid carries its
        original's payload: the copy becomes a new card)?"""
        card_id = card.get("id")
        if not isinstance(card_id, str) or card_id in self.card_ids:
            return False
        self.card_ids.add(card_id)
        return True

    def placed(self, card: dict[str, Any], stage_id: str,
               sequence: int) -> tuple[int, int, dict[str, Any]]:
        card = dict(card)
        at = card.pop("at", None)
        card["stage_id"] = stage_id
        position = at if isinstance(at, int) and not isinstance(at, bool) else 1 << 62
        return position, sequence, card

    def touchpoint_lane(self) -> str:
        for lane in self.lanes:
            if lane.get("kind") == "touchpoints":
                return str(lane["id"])
        if self.lanes:
            return str(self.lanes[0]["id"])
        lane = {"id": new_id("lane"), "name": "Touchpoints", "kind": "touchpoints"}
        self.lanes.append(lane)
        return lane["id"]

    def new_card(self, task: JourneyTask, stage_id: str) -> dict[str, Any]:
        """A task added in Mermaid (or copied there): a new touchpoint card."""
        self.note(task.line, f"the task {shown(task.name, 60)} is new: a touchpoint card")
        card: dict[str, Any] = {"id": new_id("card"), "stage_id": stage_id,
                                "lane_id": self.touchpoint_lane(), "kind": "touchpoint",
                                "title": cut(task.name), "emotions": {}}
        self.set_score(card["emotions"], task.score)
        self.set_actors(card["emotions"], [], task.actors, task.score)
        return card

    def ordered_new(self, cards: list[dict[str, Any]],
                    new_cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """New cards go after the cards already in their cell, in the file's order."""
        last: dict[tuple[str, str], int] = {}
        for card in cards:
            cell = (card["stage_id"], card["lane_id"])
            order = card.get("order", 0)
            last[cell] = max(last.get(cell, -1), order if isinstance(order, int) else 0)
        for card in new_cards:
            cell = (card["stage_id"], card["lane_id"])
            last[cell] = card["order"] = last.get(cell, -1) + 1
        return new_cards

    # ----- what Mermaid may have changed -----------------------------------------------------
    def reconcile(self, card: dict[str, Any], task: JourneyTask) -> None:
        emotions = dict(card.get("emotions") or {})
        expected_score = self.scoring.score(emotions)
        score_changed = task.score != expected_score and not (
            task.score is not None and expected_score is not None
            and math.isclose(task.score, expected_score, abs_tol=1e-9))
        if score_changed:
            self.set_score(emotions, task.score)
            self.note(task.line, f"the score of {shown(task.name, 60)} was changed in "
                                 "Mermaid: everyone's as-is value follows it")
        expected_actors = self.scoring.actors(emotions)
        if task.actors != expected_actors:
            self.set_actors(emotions, expected_actors, task.actors, task.score)
            self.note(task.line, f"the actors of {shown(task.name, 60)} were changed in "
                                 "Mermaid: their as-is curves follow them")
        card["emotions"] = emotions

    def set_score(self, emotions: dict[str, Any], score: float | None) -> None:
        everyone = self.scoring.everyone
        if everyone is None:
            everyone = EVERYONE_AS_IS_ID if all(c["id"] != EVERYONE_AS_IS_ID
                                                for c in self.curves) else new_id("curve")
            self.curves.insert(0, {"id": everyone})
            self.scoring.everyone = everyone
        if score is None or not math.isfinite(score):
            emotions.pop(everyone, None)
            return
        value = self.scoring.value(score)
        old = emotions.get(everyone)
        kept_word = ""
        if isinstance(old, dict) and isinstance(old.get("value"), int | float) and \
                nearest_level(self.scoring.scale, old["value"]) == \
                nearest_level(self.scoring.scale, value):
            kept_word = old.get("word", "")
        emotions[everyone] = {"value": value, "word": kept_word} if kept_word else \
            {"value": value}

    def set_actors(self, emotions: dict[str, Any], before: list[str], after: list[str],
                   score: float | None) -> None:
        gone = set(before) - set(after)
        for persona_id, name in self.scoring.personas:
            curve = self.scoring.persona_curves.get(persona_id)
            if curve is not None and name in gone:
                emotions.pop(curve, None)
        for actor in after:
            if actor in before or not actor.strip():
                continue
            curve = self.persona_curve(actor)
            if score is not None and math.isfinite(score):
                emotions[curve] = {"value": self.scoring.value(score)}

    def persona_curve(self, name: str) -> str:
        """The as-is curve of the persona called `name`, made (with the persona) if need be."""
        for persona_id, persona_name in self.scoring.personas:
            if persona_name == name:
                curve = self.scoring.persona_curves.get(persona_id)
                if curve is None:
                    curve = new_id("curve")
                    self.curves.append({"id": curve, "persona_id": persona_id})
                    self.scoring.persona_curves[persona_id] = curve
                return curve
        persona_id = new_id("persona")
        self.personas.append({"id": persona_id, "name": cut(name.strip())})
        self.scoring.personas.append((persona_id, name))
        curve = new_id("curve")
        self.curves.append({"id": curve, "persona_id": persona_id})
        self.scoring.persona_curves[persona_id] = curve
        return curve

    def forget_missing(self, stages: list[dict[str, Any]], cards: list[dict[str, Any]]) -> None:
        """Saved views and voting rounds let go of stages and cards deleted in Mermaid."""
        stage_ids = {stage["id"] for stage in stages}
        card_ids = {card["id"] for card in cards}
        workshop = self.data.get("workshop")
        if not isinstance(workshop, dict):
            return
        for voting_round in workshop.get("rounds", []):
            scope = voting_round.get("scope", {})
            for key, known in (("stage_ids", stage_ids), ("card_ids", card_ids)):
                if isinstance(scope.get(key), list):
                    scope[key] = [i for i in scope[key] if i in known]
            if isinstance(voting_round.get("votes"), list):
                voting_round["votes"] = [vote for vote in voting_round["votes"]
                                         if vote.get("card_id") in card_ids]


__all__ = ["PAYLOAD_VERSION", "STARTER_LANES", "UNSORTED", "export_mermaid",
           "journey_to_map", "map_to_journey", "mermaid_scale", "mermaid_text",
           "read_mermaid_map"]
