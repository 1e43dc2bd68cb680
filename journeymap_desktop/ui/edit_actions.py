"""Edits the menus, shortcuts and context menus trigger, on one window's document and scene.

Every edit goes through a command pushed to the document's undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication, QWidget

from journeymap_desktop import commands
from journeymap_desktop.canvas import mime
from journeymap_desktop.canvas.scene import JourneyScene
from journeymap_desktop.document import Axis, JourneyDocument
from journeymap_desktop.layout.geometry import DropTarget
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.map import CardKind, Lane, LaneKind, Stage
from journeymap_desktop.model.templates import STAGE_PALETTE
from journeymap_desktop.safe_text import shown
from journeymap_desktop.ui.dialogs import confirm


class EditActions:
    def __init__(self, document: JourneyDocument, scene: JourneyScene,
                 parent: QWidget) -> None:
        self.document = document
        self.scene = scene
        self.parent = parent
        self.context_target: DropTarget | None = None

    # ----- where new cards go ------------------------------------------------------------------
    def insertion_target(self) -> DropTarget | None:
        """After the selected card; else where the context menu was opened; else the first
        cell of the first non-emotion lane."""
        layout = self.scene.layout
        selected = self.scene.selected_card_ids()
        if selected:
            card = self.document.card(selected[-1])
            ids = layout.cells.get((card.stage_id, card.lane_id), [])
            index = ids.index(card.id) + 1 if card.id in ids else len(ids)
            return DropTarget(card.stage_id, card.lane_id, index, (0, 0, 0, 0))
        if self.context_target is not None and self._cell_exists(self.context_target):
            return self.context_target
        stages = self.document.map.stages
        lanes = [lane for lane in self.document.map.lanes if lane.kind != "emotions"]
        lanes = lanes or self.document.map.lanes
        if not stages or not lanes:
            return None
        stage_ids = self.scene.selected_stage_ids()
        lane_ids = self.scene.selected_lane_ids()
        stage_id = stage_ids[0] if stage_ids else stages[0].id
        lane_id = lane_ids[0] if lane_ids else lanes[0].id
        count = len(layout.cells.get((stage_id, lane_id), []))
        return DropTarget(stage_id, lane_id, count, (0, 0, 0, 0))

    def note_press(self, hit: object, scene_pos: QPointF) -> None:
        """A click on an empty cell makes it where Paste and Add Card put cards (until a
        click elsewhere): the cell the user pointed at, not the map's first one."""
        if hit is None:
            self.context_target = self.scene.layout.drop_target(scene_pos.x(), scene_pos.y())
        else:
            self.context_target = None

    def _cell_exists(self, target: DropTarget) -> bool:
        journey = self.document.map
        return (any(s.id == target.stage_id for s in journey.stages)
                and any(lane.id == target.lane_id for lane in journey.lanes))

    # ----- cards -------------------------------------------------------------------------------
    def selected_cards(self) -> list[str]:
        return self.scene.selected_card_ids()

    def copy(self) -> bool:
        ids = self.selected_cards()
        if not ids:
            return False
        mime.put_cards_on_clipboard([self.document.card(cid) for cid in ids])
        return True

    def cut(self) -> bool:
        if not self.copy():
            return False
        ids = self.selected_cards()
        self.document.push(commands.RemoveCards(
            self.document, ids, text=f"Cut {len(ids)} card{'s' if len(ids) != 1 else ''}"))
        return True

    def can_paste(self) -> bool:
        data = QApplication.clipboard().mimeData()
        return data is not None and data.hasFormat(mime.CARDS_MIME)

    def paste(self) -> list[str]:
        cards = mime.cards_from_mime(QApplication.clipboard().mimeData())
        target = self.insertion_target()
        if not cards or target is None:
            return []
        command = commands.PasteCards(self.document, cards, target.stage_id, target.lane_id,
                                      target.index)
        self.document.push(command)
        self.scene.select_cards(command.copy_ids)
        return command.copy_ids

    def duplicate(self) -> list[str]:
        """Duplicate the selected cards, or else the selected stage or lane with its cards."""
        ids = self.selected_cards()
        if not ids:
            for stage_id in self.scene.selected_stage_ids()[:1]:
                self.duplicate_header("stage", stage_id)
            for lane_id in self.scene.selected_lane_ids()[:1]:
                self.duplicate_header("lane", lane_id)
            return []
        command = commands.DuplicateCards(self.document, ids)
        self.document.push(command)
        self.scene.select_cards(command.copy_ids)
        return command.copy_ids

    def delete_selection(self) -> None:
        ids = self.selected_cards()
        if ids:
            self.document.push(commands.RemoveCards(self.document, ids))
            return
        self.delete_headers()

    def delete_headers(self) -> None:
        """Delete the selected stages and lanes (each asks first when it holds cards)."""
        for stage_id in self.scene.selected_stage_ids():
            self.delete_header("stage", stage_id)
        for lane_id in self.scene.selected_lane_ids():
            self.delete_header("lane", lane_id)

    def set_emotion(self, key: int | None) -> None:
        """Keys 1-5 on the active curve (None: clear), mapped onto the map's scale."""
        commands.set_emotion_by_key(self.document, self.selected_cards(), key)

    def set_kind(self, kind: CardKind) -> None:
        self._set_for_selected("kind", kind, "Set kind")

    def toggle_moment_of_truth(self) -> None:
        ids = self.selected_cards()
        if ids:
            turn_on = not all(self.document.card(cid).moment_of_truth for cid in ids)
            self._set_for_selected("moment_of_truth", turn_on, "Moment of truth")

    def add_vote(self, delta: int) -> None:
        doc = self.document
        steps = []
        for cid in self.selected_cards():
            votes = max(0, min(9_999, doc.card(cid).votes + delta))
            if votes != doc.card(cid).votes:
                steps.append(commands.SetFields(doc, "card", cid, {"votes": votes},
                                                mergeable=len(self.selected_cards()) == 1))
        if len(steps) == 1:
            doc.push(steps[0])
        elif steps:
            doc.push(commands.Composite(doc, "Vote" if delta > 0 else "Remove vote", steps))

    def _set_for_selected(self, field: str, value: object, text: str) -> None:
        commands.push_for_cards(self.document, self.selected_cards(), field, value, text)

    # ----- stages and lanes --------------------------------------------------------------------
    def add_stage(self, after: str | None = None, before: str | None = None) -> str:
        doc = self.document
        stages = doc.map.stages
        index = (doc.stage_index(before) if before else
                 doc.stage_index(after) + 1 if after else len(stages))
        stage = Stage(id=new_id("stage"), name=f"Stage {len(stages) + 1}",
                      colour=STAGE_PALETTE[len(stages) % len(STAGE_PALETTE)])
        doc.push(commands.AddStage(doc, stage, index))
        return stage.id

    def add_lane(self, after: str | None = None, kind: LaneKind = "notes",
                 title: str = "New lane", before: str | None = None) -> str:
        doc = self.document
        index = (doc.lane_index(before) if before else
                 doc.lane_index(after) + 1 if after else len(doc.map.lanes))
        lane = Lane(id=new_id("lane"), name=title, kind=kind)
        doc.push(commands.AddLane(doc, lane, index))
        return lane.id

    def delete_header(self, axis: Axis, header_id: str) -> bool:
        """Delete a stage or a lane; asks first when it holds cards."""
        doc = self.document
        count = sum(1 for card in doc.map.cards if getattr(card, f"{axis}_id") == header_id)
        item = doc.header(axis, header_id)
        name = item.name
        if count and not confirm(self.parent, f"Delete {axis}",
                                 f"Delete the {axis} “{shown(name, 80)}” and its {count} "
                                 f"card{'s' if count != 1 else ''}?", "Delete"):
            return False
        doc.push(commands.RemoveHeader(doc, axis, header_id))
        return True

    def duplicate_header(self, axis: Axis, header_id: str) -> None:
        self.document.push(commands.DuplicateHeader(self.document, axis, header_id))

    def move_header_by(self, axis: Axis, header_id: str, step: int) -> None:
        index = self.document.header_index(axis, header_id) + step
        if 0 <= index < len(self.document.headers(axis)):
            self.document.push(commands.MoveHeader(self.document, axis, header_id, index))
