"""Edits re-lay out only what changed: `LayoutEngine.relayout(journey, changed_card_ids)` gives
exactly the layout a full `layout()` gives, over random edits of generated maps, and says which
card boxes moved (the canvas moves only those items)."""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.layout.density import Density
from journeymap_desktop.layout.engine import LayoutEngine
from journeymap_desktop.layout.geometry import MapLayout
from journeymap_desktop.layout.picture import band_picture
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.emotion import EmotionValue
from journeymap_desktop.model.map import CARD_KINDS, Card, JourneyMap

MAKE_MAP = Path(__file__).resolve().parent.parent / "benchmarks" / "make_map.py"
WORDS = ("check", "out", "the", "delivery", "window", "was", "far", "too", "late", "again",
         "Zürich", "שלום", "payment", "failed", "twice", "and", "nobody", "called", "back")


def _make_map(cards: int, seed: int, stages: int = 8) -> JourneyMap:
    spec = importlib.util.spec_from_file_location("make_map", MAKE_MAP)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    journey: JourneyMap = module.make_map(cards, stages=stages, seed=seed)
    return journey


def _words(rng: random.Random, most: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, most)))


class Recorder:
    """The card ids the document reports changed, as the canvas hears them."""

    def __init__(self, document: JourneyDocument) -> None:
        self.ids: set[str] = set()
        document.card_changed.connect(self.add)
        document.card_added.connect(self.add)
        document.card_removed.connect(self.add)
        document.cards_moved.connect(lambda ids: self.ids.update(ids))

    def add(self, card_id: str) -> None:
        self.ids.add(card_id)

    def take(self) -> set[str]:
        ids = set(self.ids)
        self.ids.clear()
        return ids


def _random_edit(document: JourneyDocument, rng: random.Random, serial: list[int]) -> None:
    journey = document.map
    card = rng.choice(journey.cards)
    curve_id = journey.curves[0].id
    choice = rng.randrange(10)
    if choice == 0:
        document.set_card_fields(card.id, title=_words(rng, 40)[:200])
    elif choice == 1:
        document.set_card_fields(card.id, body=_words(rng, 60))
    elif choice == 2:
        document.set_card_fields(card.id, kind=rng.choice(sorted(CARD_KINDS)))
    elif choice == 3:
        scale = journey.scale
        level = None if rng.random() < 0.2 else float(rng.randint(int(scale.min),
                                                                  int(scale.max)))
        document.set_card_emotion(card.id, curve_id,
                                  None if level is None else EmotionValue(value=level))
    elif choice == 4:
        document.set_card_fields(card.id, votes=rng.randint(0, 12),
                                 moment_of_truth=not card.moment_of_truth)
    elif choice == 5:
        stage = rng.choice(journey.stages)
        lane = rng.choice(journey.lanes)
        serial[0] += 1
        new = Card(id=f"new-{serial[0]}", stage_id=stage.id, lane_id=lane.id,
                   title=_words(rng, 12), kind="touchpoint",
                   emotions={curve_id: EmotionValue(value=float(journey.scale.min))})
        document.insert_cards([new], rng.randint(0, 6))
    elif choice == 6 and len(journey.cards) > 5:
        document.remove_cards([card.id])
    elif choice == 7:
        moving = [c.id for c in rng.sample(journey.cards, min(3, rng.randint(1, 3)))]
        stage = rng.choice(journey.stages)
        lane = rng.choice(journey.lanes)
        document.move_cards(moving, stage.id, lane.id, rng.randint(0, 8))
    elif choice == 8:
        document.set_card_fields(card.id, tags=[rng.choice(("vip", "web", "q3"))],
                                 owner=_words(rng, 2)[:40])
    else:
        # A card's words grow a lot: its cell, its lane, the lanes below move.
        document.set_card_fields(card.id, title=_words(rng, 40)[:200], body=_words(rng, 80))


def _assert_change_covers(before: MapLayout, after: MapLayout, change: Any) -> None:
    """Every box that differs from the previous layout is reported (the canvas moves only
    those items)."""
    if change.full:
        return
    for card_id, box in after.cards.items():
        if before.cards.get(card_id) != box:
            assert card_id in change.cards, card_id
    if before.lanes != after.lanes or before.blueprint != after.blueprint:
        assert change.lanes
    if before.bands != after.bands:
        assert change.bands


@pytest.mark.parametrize(("cards", "stages", "density", "seed"), [
    (150, 8, Density.FULL, 1),
    (400, 4, Density.FULL, 2),  # crowded cells: stages hold cards side by side
    (150, 8, Density.COMPACT, 3),
    (120, 6, Density.TITLES, 4),
])
def test_incremental_relayout_equals_a_full_layout(cards: int, stages: int, density: Density,
                                                   seed: int) -> None:
    measurer = FontMeasurer()
    document = JourneyDocument(_make_map(cards, seed, stages))
    recorder = Recorder(document)
    incremental = LayoutEngine(measurer, density)
    full = LayoutEngine(measurer, density)
    before = incremental.layout(document.map)
    rng = random.Random(seed)
    serial = [0]
    kept_cells = 0
    for _ in range(60):
        for _ in range(rng.choice((1, 1, 2, 4))):
            _random_edit(document, rng, serial)
        change = incremental.relayout(document.map, recorder.take())
        expected = full.layout(document.map)
        assert change.layout == expected
        _assert_change_covers(before, expected, change)
        kept_cells += not change.full
        before = change.layout
    # Most edits re-lay out their cells only (a stage gaining a card column falls back).
    assert kept_cells >= 40


def test_a_card_edit_moves_only_its_cell_unless_its_lane_grows() -> None:
    document = JourneyDocument(_make_map(60, 7, 8))  # a card or two per cell
    recorder = Recorder(document)
    engine = LayoutEngine(FontMeasurer())
    layout = engine.layout(document.map)
    card = next(c for c in document.map.cards if c.kind == "pain_point")
    document.set_card_fields(card.id, owner="Dana")  # same height: nothing else moves
    change = engine.relayout(document.map, recorder.take())
    assert not change.full and not change.lanes and not change.bands
    assert change.cards <= set(layout.cells[(card.stage_id, card.lane_id)])
    assert change.layout.cards[card.id].content.meta is not None

    # Three long cards in a cell of the first lane: that lane grows, the others move down.
    first, last = document.map.lanes[0].id, document.map.lanes[-1].id
    stage = min((s.id for s in document.map.stages),  # stays under 5 cards: one column
                key=lambda sid: len(layout.cells.get((sid, first), [])))
    document.insert_cards([Card(id=f"tall-{i}", stage_id=stage, lane_id=first,
                                title=" ".join(WORDS), body=" ".join(WORDS * 3))
                           for i in range(3)], 0)
    change = engine.relayout(document.map, recorder.take())
    assert not change.full and change.lanes
    below = [cid for (_sid, lid), ids in change.layout.cells.items() if lid == last
             for cid in ids]
    assert below and set(below) <= change.cards
    assert change.layout.lanes[-1].row.y > layout.lanes[-1].row.y
    assert change.layout == LayoutEngine(FontMeasurer()).layout(document.map)


def test_structural_changes_lay_out_whole() -> None:
    document = JourneyDocument(_make_map(100, 5, 5))
    recorder = Recorder(document)
    engine = LayoutEngine(FontMeasurer())
    engine.layout(document.map)
    edits: list[Callable[[], object]] = [
        lambda: document.set_stage_fields(document.map.stages[0].id, name="Renamed stage"),
        lambda: document.move_lane(document.map.lanes[0].id, 2),
        lambda: document.set_map_fields(title="Another title"),
    ]
    for edit in edits:
        edit()
        change = engine.relayout(document.map, recorder.take())
        assert change.full
        assert change.layout == LayoutEngine(FontMeasurer()).layout(document.map)


def test_edits_in_one_turn_of_the_event_loop_cause_one_relayout(qtbot: Any) -> None:
    from journeymap_desktop.canvas.scene import JourneyScene
    from journeymap_desktop.commands import SetCardEmotion, SetFields

    document = JourneyDocument(_make_map(300, 11, 8))
    scene = JourneyScene(document)
    rng = random.Random(11)
    curve_id = document.map.curves[0].id
    edited = rng.sample(document.map.cards, 8)
    before = scene.relayouts
    for n, card in enumerate(edited):
        document.push(SetFields(document, "card", card.id,
                                {"title": f"{_words(rng, 30)} {n}"[:200]}))
        document.push(SetCardEmotion(document, card.id, curve_id,
                                     EmotionValue(value=float(document.map.scale.max))))
    document.push(SetFields(document, "card", edited[0].id, {"body": _words(rng, 80)}))
    assert scene.relayouts == before  # queued, not done yet
    qtbot.waitUntil(lambda: scene.relayouts > before, timeout=2000)
    qtbot.wait(20)
    assert scene.relayouts == before + 1
    # What the canvas shows is a full layout of the map as it is now, item by item.
    expected = LayoutEngine(FontMeasurer(), curve_id=document.active_curve_id).layout(
        document.map)
    assert scene.layout == expected
    for card_id, box in expected.cards.items():
        item = scene.card_items[card_id]
        assert (item.pos().x(), item.pos().y()) == (box.rect.x, box.rect.y)
        assert item.content == box.content
    curve = next(iter(scene.curve_items.values()))
    assert curve.band == expected.bands[0]
    assert curve.picture == band_picture(expected.bands[0])  # kept point pictures too


def test_asking_for_the_layout_does_the_queued_relayout_at_once(qtbot: Any) -> None:
    from journeymap_desktop.canvas.scene import JourneyScene
    from journeymap_desktop.commands import SetFields

    document = JourneyDocument(_make_map(60, 12, 6))
    scene = JourneyScene(document)
    card = document.map.cards[0]
    document.push(SetFields(document, "card", card.id, {"title": "Changed just now"}))
    assert scene.layout.cards[card.id].content.title[0].text == "Changed just now"


@pytest.mark.parametrize(("cards", "seed"), [(200, 21), (600, 22)])
def test_value_edits_update_the_curve_in_place_as_a_full_layout_would(cards: int,
                                                                      seed: int) -> None:
    """Points whose value alone changes: the band is updated (the points, the labels whose
    room they change, the segments near them), equal to laying it out whole."""
    document = JourneyDocument(_make_map(cards, seed))
    recorder = Recorder(document)
    incremental, full = LayoutEngine(FontMeasurer()), LayoutEngine(FontMeasurer())
    previous = incremental.layout(document.map)
    rng = random.Random(seed)
    curve_id = document.map.curves[0].id
    scale = document.map.scale
    points = [c.id for c in document.map.cards
              if c.kind == "touchpoint" and curve_id in c.emotions]
    words = ("", "", "fine", "annoyed beyond belief", "ok")
    updated = 0
    curves = [curve.id for curve in document.map.curves]
    assert len(curves) > 1  # overlays: the other curves' points and lines follow too
    for _ in range(80):
        for card_id in rng.sample(points, rng.choice((1, 1, 2, 3))):
            value = rng.choice((float(rng.randint(int(scale.min), int(scale.max))),
                                round(rng.uniform(scale.min, scale.max), 2)))
            card = document.card(card_id)
            # Mostly the active curve; else another curve the card has a value on (keeping
            # its distribution, so the evidence band stays).
            chosen = curve_id if rng.random() < 0.6 else rng.choice(
                [c for c in curves if c in card.emotions])
            old = card.emotions[chosen]
            document.set_card_emotion(card_id, chosen, EmotionValue(
                value=value, word=rng.choice(words),
                evidence=old.evidence if rng.random() < 0.7 else None))
        change = incremental.relayout(document.map, recorder.take())
        assert change.layout == full.layout(document.map)
        # Updated in place, not laid out again: the band keeps its level guides' object.
        updated += change.layout.bands[0].level_y is previous.bands[0].level_y
        previous = change.layout
    assert updated >= 60


def test_a_stage_that_gains_a_card_column_moves_the_stages_right_of_it() -> None:
    """Crowded cells put cards side by side; an edit that changes how many makes its stage
    wider or narrower, and the stages to its right move (re-placed, not re-measured)."""
    document = JourneyDocument(_make_map(300, 9, 5))
    recorder = Recorder(document)
    incremental, full = LayoutEngine(FontMeasurer()), LayoutEngine(FontMeasurer())
    before = incremental.layout(document.map)
    rng = random.Random(9)
    serial = [0]
    widened = 0
    for _ in range(80):
        for _ in range(rng.choice((1, 1, 2, 4))):
            _random_edit(document, rng, serial)
        change = incremental.relayout(document.map, recorder.take())
        assert change.layout == full.layout(document.map)
        if not change.full and change.layout.width != before.width:
            widened += 1
            assert change.lanes  # headers, grid and blueprint lines follow
            right = [s.stage_id for s, old in zip(change.layout.stages, before.stages,
                                                  strict=True) if s.column.x != old.column.x]
            assert right and all(card_id in change.cards
                                 for (sid, _lid), ids in change.layout.cells.items()
                                 if sid in right for card_id in ids)
        before = change.layout
    assert widened >= 3
