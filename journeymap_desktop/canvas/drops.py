"""What can be dropped on a window, as a list of small handlers (in the manner of
orange-canvas-core's DropHandler): a card kind from the palette, cards dragged from another
window, files from the file manager.

A mode lists the handlers it takes (canvas/modes.py). When a drag enters, the view asks each
handler of the active mode in turn whether it `accepts` the dragged data; the first that does
handles the whole drag: `hover` while it moves (show where it would land; False refuses a drop
at that point), `leave` when it goes, `drop` at the end. Drops on the window around the canvas
(docks, toolbar) reach the same handlers with no scene position.

Writing a handler: subclass `DropHandler`, decide in `accepts` from the MIME data alone (it
runs on every drag that enters), and list an instance in the modes that take it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPointF

from journeymap_desktop import commands
from journeymap_desktop.canvas import mime
from journeymap_desktop.formats import FORMATS
from journeymap_desktop.layout.geometry import DropTarget
from journeymap_desktop.safe_text import file_name

if TYPE_CHECKING:
    from journeymap_desktop.canvas.view import JourneyView


@dataclass(frozen=True)
class Drop:
    """One drag over, or one drop on, a window."""

    data: QMimeData
    scene_pos: QPointF | None  # None: over the window around the canvas
    source: object | None = None  # the widget the drag began in, when it is in this app


class DropHandler:
    def accepts(self, data: QMimeData) -> bool:
        raise NotImplementedError

    def hover(self, view: JourneyView, drop: Drop) -> bool:
        """The drag moves over the window: show where it would land. False: not here."""
        return True

    def leave(self, view: JourneyView) -> None:
        view.journey_scene.insertion.hide()

    def drop(self, view: JourneyView, drop: Drop) -> bool:
        """Take the drop; False when it was refused after all."""
        raise NotImplementedError


class _OntoACell(DropHandler):
    """Shared by drops that land in a cell: an insertion line shows where."""

    def target(self, view: JourneyView, drop: Drop) -> DropTarget | None:
        if drop.scene_pos is None:
            return None
        return view.journey_scene.layout.drop_target(drop.scene_pos.x(), drop.scene_pos.y())

    def hover(self, view: JourneyView, drop: Drop) -> bool:
        target = self.target(view, drop)
        if target is None:
            view.journey_scene.insertion.hide()
            return False
        view.journey_scene.insertion.show_line(*target.indicator)
        return True


class CardKindDrop(_OntoACell):
    """A card kind from the palette: a new card of that kind, its title open for typing."""

    def accepts(self, data: QMimeData) -> bool:
        return mime.kind_from_mime(data) is not None

    def drop(self, view: JourneyView, drop: Drop) -> bool:
        kind = mime.kind_from_mime(drop.data)
        target = self.target(view, drop)
        if kind is None or target is None:
            return False
        view.add_card(kind, target, edit=True)
        return True


class CardsDrop(_OntoACell):
    """Cards dragged from another window: copies land in the cell (one undo step). Dragged out
    of this window and back in, they move instead."""

    def accepts(self, data: QMimeData) -> bool:
        return data.hasFormat(mime.CARDS_MIME)

    def drop(self, view: JourneyView, drop: Drop) -> bool:
        target = self.target(view, drop)
        cards = mime.cards_from_mime(drop.data)
        if target is None or not cards:
            return False
        document = view.document
        if drop.source is view.viewport():
            ids = [card.id for card in cards if document.has_card(card.id)]
            if ids and document.move_would_change(ids, target.stage_id, target.lane_id,
                                                  target.index):
                document.push(commands.MoveCards(document, ids, target.stage_id,
                                                 target.lane_id, target.index))
            return bool(ids)
        command = commands.PasteCards(document, cards, target.stage_id, target.lane_id,
                                      target.index)
        count = len(command.copy_ids)
        command.setText(f"Drop {count} card{'s' if count != 1 else ''}")
        document.push(command)
        view.journey_scene.select_cards(command.copy_ids)
        return True


class FileDrop(DropHandler):
    """Files from the file manager: those a format of the registry opens are opened (each in
    its window); any other file gets a message naming what JourneyMap opens."""

    def accepts(self, data: QMimeData) -> bool:
        return bool(mime.local_files_from_mime(data))

    def drop(self, view: JourneyView, drop: Drop) -> bool:
        files = mime.local_files_from_mime(drop.data)
        readable = [path for path in files if FORMATS.for_opening(path) is not None]
        refused = [path for path in files if path not in readable]
        if refused:
            names = ", ".join(f"“{file_name(path)}”" for path in refused[:3])
            more = f" and {len(refused) - 3} more" if len(refused) > 3 else ""
            view.drop_refused.emit(
                f"{names}{more} {'was' if len(refused) == 1 else 'were'} not opened: "
                f"JourneyMap opens {FORMATS.what_opens()}.")
        if readable:
            view.files_dropped.emit(readable)
        return bool(readable)
