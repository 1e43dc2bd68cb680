"""The canvas's modes: what the mouse and drops do in each (as gaphor installs a tool set per
mode).

A `Mode` is data: an ordered tuple of gesture classes (canvas/interactions.py), the drop
handlers it takes (canvas/drops.py), and whether it lets the user change the map. The view
(`JourneyView.set_mode`) offers every mouse press and double click to the gestures in order,
and every drag that enters to the drop handlers in order; the first that takes it wins. The
window reads `edits_map` to enable or disable its editing actions (ui/actions.py) and shows
each mode its own way (ui/modes.py: Present is full screen with only the map).

    Edit     everything: drag cards and headers, edit in place, drop kinds, cards and files
    Present  navigation and selection only: a click selects, a drag moves the view, files
             dropped still open; nothing changes the map
    Workshop voting and capture (canvas/workshop_gestures.py): a click gives the current
             participant a dot, keys vote on the selected card; the map's layout and text
             stay as they are; undo and redo stay on (every vote is an undo step)

Adding a mode: a new `Mode(...)` in `MODES`, listing existing gestures and drop handlers and
any new ones (and its keys); then its entry in ui/modes.py for how the window looks in it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QKeyEvent

from journeymap_desktop.canvas.drops import (
    CardKindDrop,
    CardsDrop,
    DropHandler,
    FileDrop,
)
from journeymap_desktop.canvas.interactions import (
    CardDrag,
    ContextClick,
    EditInPlace,
    Interaction,
    LaneDrag,
    Pan,
    RubberBand,
    SelectAndPan,
    StageDrag,
)
from journeymap_desktop.canvas.workshop_gestures import VoteClick, workshop_keys

if TYPE_CHECKING:
    from journeymap_desktop.canvas.view import JourneyView

KeyHandler = Callable[["JourneyView", QKeyEvent], bool]


@dataclass(frozen=True)
class Mode:
    name: str  # "edit", "present": stable, for code and settings
    title: str  # for menus: "Edit", "Present"
    gestures: tuple[type[Interaction], ...]  # offered each press / double click, in order
    drops: tuple[DropHandler, ...]  # asked about each drag that enters, in order
    edits_map: bool  # False: no action, gesture, drop or in-place editor changes the map
    # Keys the mode handles itself before the view's own (True: taken), and the editing
    # actions (ui/actions ids) it keeps on although it does not edit the map (undo, redo).
    keys: KeyHandler | None = None
    keeps_actions: frozenset[str] = frozenset()
    context_menu: bool = True  # False: a right click is the gestures' alone
    # How large the frozen headers may grow on screen as the view zooms in (layout.far:
    # 1 = their size at 100 %); a map shown to a room lets them grow with its cards.
    headers_most: float = 1.0

    def drop_handler(self, data: QMimeData) -> DropHandler | None:
        """The first of this mode's drop handlers that takes `data`."""
        return next((h for h in self.drops if h.accepts(data)), None)


_FILES = FileDrop()
ROOM_HEADERS_MOST = 1.5  # stage and lane names a room reads beside cards zoomed for it

EDIT = Mode(
    "edit", "Edit",
    gestures=(Pan, ContextClick, CardDrag, StageDrag, LaneDrag, RubberBand, EditInPlace),
    drops=(CardKindDrop(), CardsDrop(), _FILES),
    edits_map=True,
)

PRESENT = Mode(
    "present", "Present",
    gestures=(Pan, ContextClick, SelectAndPan, RubberBand),
    drops=(_FILES,),
    edits_map=False,
    headers_most=ROOM_HEADERS_MOST,
)

WORKSHOP = Mode(
    "workshop", "Workshop",
    gestures=(Pan, VoteClick),
    drops=(),
    edits_map=False,
    keys=workshop_keys,
    keeps_actions=frozenset({"undo", "redo"}),
    context_menu=False,
    headers_most=ROOM_HEADERS_MOST,
)

# A projector's view: the map shown to the room, driven from the laptop, never touched.
PROJECTOR = Mode("projector", "Projector", gestures=(), drops=(), edits_map=False,
                 context_menu=False, headers_most=ROOM_HEADERS_MOST)

MODES: dict[str, Mode] = {mode.name: mode for mode in (EDIT, PRESENT, WORKSHOP)}
