"""Commands that change nothing leave no undo step (callers just push them), and a field edit
is validated once, in the document."""

from __future__ import annotations

from typing import Any

import pytest

import journeymap_desktop.document as document_module
from journeymap_desktop import commands
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.emotion import EmotionValue
from tests.helpers.maps import rich_map


@pytest.fixture
def document() -> JourneyDocument:
    return JourneyDocument(rich_map())


def test_commands_that_change_nothing_leave_no_undo_step(document: JourneyDocument) -> None:
    journey = document.map
    card = journey.cards[0]
    stage, lane = journey.stages[1], journey.lanes[0]
    cell = document.cell_card_ids(card.stage_id, card.lane_id)
    nothing = [
        commands.MoveCards(document, [card.id], card.stage_id, card.lane_id,
                           cell.index(card.id)),
        commands.MoveStage(document, stage.id, 1),
        commands.MoveLane(document, lane.id, 0),
        commands.AddCards(document, []),
        commands.RemoveCards(document, ["no-such-card"]),
        commands.SetFields(document, "card", card.id, {"title": card.title}),
        commands.SetWorkshop(document, journey.workshop, "Workshop"),
        commands.Composite(document, "Nothing", [
            commands.SetFields(document, "stage", stage.id, {"name": stage.name})]),
    ]
    if journey.curves:
        nothing.append(commands.MoveCurve(document, journey.curves[0].id, 0))
    for command in nothing:
        document.push(command)
        assert document.undo_stack.count() == 0, command.text()
    assert not document.is_modified()
    document.push(commands.MoveStage(document, stage.id, 0))  # a real change still counts
    assert document.undo_stack.count() == 1
    assert document.map.stages[0].id == stage.id


def test_a_field_edit_is_validated_once(document: JourneyDocument,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    validated = document_module._validated

    def counting(model: type[Any], *args: Any, **kwargs: Any) -> Any:
        calls.append(model.__name__)
        return validated(model, *args, **kwargs)

    monkeypatch.setattr(document_module, "_validated", counting)
    card = document.map.cards[0]
    document.push(commands.SetFields(document, "card", card.id, {"title": "Once"}))
    assert document.card(card.id).title == "Once"
    assert calls == ["Card"]
    calls.clear()
    stage = document.map.stages[0]
    document.push(commands.SetFields(document, "stage", stage.id, {"name": "Renamed"}))
    assert calls == ["Stage"]
    calls.clear()
    document.undo_stack.undo()  # undo and redo apply values again: checked again, once each
    document.undo_stack.redo()
    assert calls == ["Stage", "Stage"]
    calls.clear()
    curve_id = document.map.curves[0].id
    document.push(commands.SetCardEmotion(document, card.id, curve_id,
                                          EmotionValue(value=2.0, word="thrilled")))
    assert document.card(card.id).emotions[curve_id].word == "thrilled"
    assert calls == ["Card"]
    with pytest.raises(ValueError):
        commands.SetFields(document, "card", card.id, {"title": "x" * 10_000})
    assert document.card(card.id).title == "Once"
