"""Every command of a window as one table: id, text, shortcut, what it does, when it is
enabled. The menus, the toolbar and the card's context menu are built from it.

    ActionSpec("save", "&Save", lambda w: w.files.save(), _std.Save, attr="act_save")

- `id` is the QAction's objectName and its key in `window.action_map`.
- `slot` receives the window (`MainWindow`) and does the work.
- `when` (a function of the window) is re-checked whenever the selection, the mode or the
  history changes; `edits=True` marks an action that changes the map: it is off in a mode that
  does not edit (Present, Workshop), whatever `when` says, unless the mode keeps it
  (`Mode.keeps_actions`: Workshop keeps undo and redo).
- `canvas=True`: a plain-key shortcut (1-5, N, Delete) that acts on the canvas only, so the
  same keys still type in text fields.
- `attr`: the window attribute the action is also known by (`window.act_undo`).

Adding a command: one `ActionSpec` in `_specs()`, then its id in `MENUS`, `TOOLBAR` or
`CARD_MENU`. Dynamic menu parts (recent files, the docks) are "@name" entries the window
fills itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from journeymap_desktop.canvas.items.card import CardItem
from journeymap_desktop.layout import theme
from journeymap_desktop.model.map import CARD_KINDS, CardKind
from journeymap_desktop.model.queries import KIND_LABELS
from journeymap_desktop.model.scales import (
    ANCHOR_NAMES,
    ANCHOR_WORDS,
    ANCHORS,
    default_word,
    key_value,
    level_name,
    position,
)
from journeymap_desktop.model.templates import TEMPLATES, Template
from journeymap_desktop.ui.icons import face_icon, kind_icon, star_icon
from journeymap_desktop.ui.plain_text import menu_text, tooltip

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow

Shortcut: TypeAlias = (str | QKeySequence.StandardKey
                       | tuple[str | QKeySequence.StandardKey, ...] | None)
Condition = Callable[["MainWindow"], bool]
_std = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    id: str  # the QAction's objectName and its key in `window.action_map`
    text: str
    slot: Callable[[MainWindow], object]
    shortcut: Shortcut = None
    when: Condition | None = None
    edits: bool = False
    canvas: bool = False
    checkable: bool = False
    group: str | None = None  # checkable actions of one group exclude each other
    icon: Callable[[], QIcon] | None = None
    attr: str | None = None


# ----- conditions ------------------------------------------------------------------------------
def has_cards(window: MainWindow) -> bool:
    # Not selected_card_ids(): that sorts in journey order, a walk over every card.
    return any(isinstance(item, CardItem) for item in window.scene.selectedItems())


def has_selection(window: MainWindow) -> bool:
    return bool(window.scene.selectedItems())


def one_selected(window: MainWindow) -> bool:
    return len(window.scene.selectedItems()) == 1


def has_rounds(window: MainWindow) -> bool:
    return bool(window.document.map.workshop.rounds)


def can_undo(window: MainWindow) -> bool:
    return window.document.undo_stack.canUndo()


def can_redo(window: MainWindow) -> bool:
    return window.document.undo_stack.canRedo()


# ----- slots that take a value -----------------------------------------------------------------
def _set_emotion(key: int | None) -> Callable[[MainWindow], object]:
    """Keys 1-5 on the active curve, spread over the map's scale (scales.key_value)."""
    def slot(window: MainWindow) -> None:
        window.edits.set_emotion(key)
    return slot


def _set_kind(kind: CardKind) -> Callable[[MainWindow], object]:
    def slot(window: MainWindow) -> None:
        window.edits.set_kind(kind)
    return slot


def _toggle_matrix(window: MainWindow) -> None:
    from journeymap_desktop.ui.matrix_window import toggle_matrix

    toggle_matrix(window)


def _manage_views(window: MainWindow) -> None:
    from journeymap_desktop.ui.views_dialog import manage_views

    manage_views(window)
def _export_votes(window: MainWindow) -> None:
    from journeymap_desktop.ui.workshop.files import export_votes

    export_votes(window)


def _new_from(template: Template) -> Callable[[MainWindow], object]:
    def slot(window: MainWindow) -> None:
        window.manager.new_from_template(template, window)
    return slot


# ----- the table ---------------------------------------------------------------------------------
def _specs() -> list[ActionSpec]:
    specs = [
        # File
        ActionSpec("newWindow", "New Window", lambda w: w.manager.new_window(
            TEMPLATES[0].build()), "Ctrl+Shift+N", attr="act_new_window"),
        ActionSpec("open", "&Open…", lambda w: w.files.open_dialog(), _std.Open,
                   attr="act_open"),
        ActionSpec("save", "&Save", lambda w: w.files.save(), _std.Save, attr="act_save"),
        ActionSpec("saveAs", "Save &As…", lambda w: w.files.save_as(), _std.SaveAs,
                   attr="act_save_as"),
        ActionSpec("import", "&Import…", lambda w: w.files.import_dialog(), "Ctrl+I",
                   attr="act_import"),
        ActionSpec("exportPdf", "&Export…", lambda w: w.files.export(), "Ctrl+Shift+E",
                   attr="act_export"),
        ActionSpec("closeWindow", "&Close Window", lambda w: w.close(), _std.Close,
                   attr="act_close"),
        ActionSpec("quit", "&Quit", lambda w: w.manager.quit(), _std.Quit, attr="act_quit"),
        # Edit
        ActionSpec("undo", "&Undo", lambda w: w.undo(), _std.Undo, when=can_undo, edits=True,
                   attr="act_undo"),
        ActionSpec("redo", "&Redo", lambda w: w.redo(), _std.Redo, when=can_redo, edits=True,
                   attr="act_redo"),
        ActionSpec("cut", "Cu&t", lambda w: w.edits.cut(), _std.Cut, when=has_cards,
                   edits=True, canvas=True, attr="act_cut"),
        ActionSpec("copy", "&Copy", lambda w: w.edits.copy(), _std.Copy, when=has_cards,
                   canvas=True, attr="act_copy"),
        ActionSpec("paste", "&Paste", lambda w: w.edits.paste(), _std.Paste, edits=True,
                   canvas=True, attr="act_paste"),
        ActionSpec("duplicate", "&Duplicate", lambda w: w.edits.duplicate(), "Ctrl+D",
                   when=has_selection, edits=True, canvas=True, attr="act_duplicate"),
        # Not the platform's Delete bindings: on X11 they include Ctrl+D, which is Duplicate.
        ActionSpec("delete", "De&lete", lambda w: w.edits.delete_selection(),
                   ("Del", "Backspace"), when=has_selection, edits=True, canvas=True,
                   attr="act_delete"),
        ActionSpec("selectAll", "Select &All Cards", lambda w: w.select_all(), _std.SelectAll,
                   canvas=True, attr="act_select_all"),
        ActionSpec("rename", "&Edit Title", lambda w: w.view.edit_selected(), "F2",
                   when=one_selected, edits=True, canvas=True, attr="act_rename"),
        ActionSpec("find", "&Find…", lambda w: w.find_bar.open_bar(), _std.Find,
                   attr="act_find"),
        # Card
        ActionSpec("addCard", "Add &Card", lambda w: w.add_card(), "N", edits=True,
                   canvas=True, attr="act_add_card"),
        ActionSpec("momentOfTruth", "&Moment of Truth",
                   lambda w: w.edits.toggle_moment_of_truth(), "M", when=has_cards,
                   edits=True, canvas=True, icon=star_icon, attr="act_moment"),
        ActionSpec("vote", "Add &Vote", lambda w: w.edits.add_vote(1), "+", when=has_cards,
                   edits=True, canvas=True, attr="act_vote"),
        ActionSpec("unvote", "Remove Vote", lambda w: w.edits.add_vote(-1), "-",
                   when=has_cards, edits=True, canvas=True, attr="act_unvote"),
        # Map
        ActionSpec("addStage", "Add &Stage", lambda w: w.add_stage(), edits=True,
                   attr="act_add_stage"),
        ActionSpec("addLane", "Add &Lane", lambda w: w.add_lane(), edits=True,
                   attr="act_add_lane"),
        ActionSpec("renameHeader", "Rename Selected Stage or Lane",
                   lambda w: w.view.edit_selected(), edits=True),
        ActionSpec("duplicateHeader", "Duplicate Selected Stage or Lane",
                   lambda w: w.edits.duplicate(), edits=True),
        ActionSpec("deleteHeaders", "Delete Selected Stage or Lane…",
                   lambda w: w.edits.delete_headers(), edits=True),
        # View
        ActionSpec("zoomIn", "Zoom &In", lambda w: w.view.zoom_in(), (_std.ZoomIn, "Ctrl+="),
                   attr="act_zoom_in"),
        ActionSpec("zoomOut", "Zoom &Out", lambda w: w.view.zoom_out(), _std.ZoomOut,
                   attr="act_zoom_out"),
        ActionSpec("zoomReset", "&Actual Size", lambda w: w.view.zoom_reset(), "Ctrl+0",
                   attr="act_zoom_reset"),
        ActionSpec("fitToWindow", "&Fit to Window", lambda w: w.view.fit_to_window(),
                   "Ctrl+Shift+H", attr="act_fit"),
        ActionSpec("editMode", "&Edit Mode", lambda w: w.modes.switch_to("edit"),
                   checkable=True, group="mode", attr="act_edit_mode"),
        ActionSpec("presentation", "&Presentation Mode",
                   lambda w: w.modes.toggle("present"), "F11", checkable=True, group="mode",
                   attr="act_present"),
        # Journey depth: the prioritisation matrix and saved views (ui/matrix_window.py,
        # ui/views.py, ui/views_dialog.py)
        ActionSpec("matrix", "Prioritisation &Matrix", _toggle_matrix, "Ctrl+Shift+M",
                   checkable=True, attr="act_matrix"),
        ActionSpec("manageViews", "&Manage Saved Views…", _manage_views, edits=True,
                   attr="act_manage_views"),
        ActionSpec("workshopMode", "&Workshop", lambda w: w.modes.toggle("workshop"), "F5",
                   checkable=True, group="mode", attr="act_workshop"),
        ActionSpec("exportVotes", "Export &Votes as CSV…", _export_votes, when=has_rounds,
                   attr="act_export_votes"),
    ]
    for key, (label, word) in enumerate(zip(ANCHOR_NAMES, ANCHOR_WORDS, strict=True),
                                        start=1):
        specs.append(ActionSpec(
            f"emotion{key}", f"{label} ({word})", _set_emotion(key), str(key), when=has_cards,
            edits=True, canvas=True,
            icon=partial(face_icon, theme.face_tone((key - 1) / (ANCHORS - 1)))))
    specs.append(ActionSpec("emotion0", "No Emotion", _set_emotion(None), "0", when=has_cards,
                            edits=True, canvas=True, attr="act_no_emotion"))
    for kind in CARD_KINDS:
        specs.append(ActionSpec(f"kind_{kind}", KIND_LABELS[kind], _set_kind(kind),
                                when=has_cards, edits=True, icon=partial(kind_icon, kind)))
    for index, template in enumerate(TEMPLATES):
        specs.append(ActionSpec(f"template_{template.key}", template.label,
                                _new_from(template), _std.New if index == 0 else None))
    return specs


ACTIONS: tuple[ActionSpec, ...] = tuple(_specs())

# A menu entry: an action id, None for a separator, ("Title", entries, object name) for a
# sub-menu, or "@name" for a part the window fills (see MainWindow.menu_part).
MenuEntry: TypeAlias = "str | tuple[str, tuple[MenuEntry, ...], str] | None"

EMOTION_MENU: MenuEntry = ("&Emotion", ("emotion1", "emotion2", "emotion3", "emotion4",
                                        "emotion5", "emotion0"), "emotionMenu")
KIND_MENU: MenuEntry = ("&Kind", tuple(f"kind_{kind}" for kind in CARD_KINDS), "kindMenu")
CARD_ACTIONS: tuple[MenuEntry, ...] = (EMOTION_MENU, KIND_MENU, "momentOfTruth", "vote")

MENUS: tuple[tuple[str, tuple[MenuEntry, ...]], ...] = (
    ("&File", (("&New from Template", tuple(f"template_{t.key}" for t in TEMPLATES),
                "newFromTemplate"),
               "newWindow", "open", "@recent", None, "save", "saveAs", "import", "exportPdf",
               "exportVotes", None, "closeWindow", "quit")),
    ("&Edit", ("undo", "redo", None, "cut", "copy", "paste", "duplicate", "delete", None,
               "selectAll", "rename", "find")),
    ("&Card", ("addCard", *CARD_ACTIONS, "unvote")),
    ("&Map", ("addStage", "addLane", None, "renameHeader", "duplicateHeader",
              "deleteHeaders")),
    ("&View", ("zoomIn", "zoomOut", "zoomReset", "fitToWindow", None, "editMode",
               "presentation", "workshopMode", None, "matrix", "@views", "@curves", None,
               "@docks")),
)

TOOLBAR: tuple[str | None, ...] = (
    "open", "save", None, "undo", "redo", None, "addCard", "addStage", "addLane", None,
    "zoomOut", "zoomIn", "fitToWindow", None, "find", "exportPdf")

# A card's right-click menu (Edit mode).
CARD_MENU: tuple[MenuEntry, ...] = (*CARD_ACTIONS, None, "rename", "cut", "copy", "paste",
                                    "duplicate", "delete")


# ----- building ----------------------------------------------------------------------------------
def _shortcuts(shortcut: Shortcut) -> list[QKeySequence]:
    if shortcut is None:
        return []
    parts = shortcut if isinstance(shortcut, tuple) else (shortcut,)
    sequences: list[QKeySequence] = []
    for part in parts:
        if isinstance(part, QKeySequence.StandardKey):
            # Every platform binding, e.g. Ctrl+Y and Ctrl+Shift+Z for Redo.
            sequences.extend(QKeySequence.keyBindings(part))
        else:
            sequences.append(QKeySequence(part))
    return sequences


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """The window's QActions, by id; canvas-only ones are added to the view."""
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, window)
        action.setObjectName(spec.id)
        action.setShortcuts(_shortcuts(spec.shortcut))
        if spec.icon is not None:
            action.setIcon(spec.icon())
        if spec.checkable:
            action.setCheckable(True)
        if spec.group is not None:
            group = groups.get(spec.group)
            if group is None:
                group = groups[spec.group] = QActionGroup(window)
                group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
            group.addAction(action)
        if spec.canvas:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            window.view.addAction(action)
        action.triggered.connect(_Runner(window, spec))
        actions[spec.id] = action
        if spec.attr is not None:
            setattr(window, spec.attr, action)
    # The keys 1-5 are named after the levels they set on the map's scale.
    document = window.document
    for signal in (document.scale_changed, document.reset):
        signal.connect(partial(name_emotion_actions, window, actions))
    name_emotion_actions(window, actions)
    return actions


def name_emotion_actions(window: MainWindow, actions: dict[str, QAction]) -> None:
    """Name the keys 1-5's actions (Card > Emotion, the card's menu) after the level each
    sets on the map's scale, e.g. "Very negative (frustrated)" on -2..+2, or a custom scale's
    own level names; the face is that level's."""
    scale = window.document.map.scale
    for key in range(1, ANCHORS + 1):
        level = key_value(scale, key)
        if level is None:
            continue
        name, word = level_name(scale, level), default_word(scale, level)
        action = actions[f"emotion{key}"]
        said = name if word == name.lower() else f"{name} ({word})"
        action.setText(menu_text(said, 60))
        # Qt would show the text as the tooltip, guessing at markup: the names are the map's.
        action.setToolTip(tooltip(f"{said} — key {key}"))
        action.setIcon(face_icon(theme.face_tone(position(scale, level))))


class _Runner:
    """The slot of one action: a callable object rather than a lambda, so what it holds (the
    window) is plain to see."""

    def __init__(self, window: MainWindow, spec: ActionSpec) -> None:
        self.window = window
        self.spec = spec

    def __call__(self, _checked: bool = False) -> None:
        self.spec.slot(self.window)


def update_enabled(window: MainWindow, actions: dict[str, QAction]) -> None:
    """Enable each action as its spec says, for the window's selection, mode and history."""
    mode = window.view.mode
    edits_map = mode.edits_map
    answers: dict[Condition, bool] = {}  # each condition asked once per update
    for spec in ACTIONS:
        enabled = edits_map or not spec.edits or spec.id in mode.keeps_actions
        if enabled and spec.when is not None:
            if spec.when not in answers:
                answers[spec.when] = spec.when(window)
            enabled = answers[spec.when]
        action = actions[spec.id]
        if action.isEnabled() != enabled:
            action.setEnabled(enabled)


def fill_menu(menu: QMenu, entries: tuple[MenuEntry, ...], window: MainWindow) -> None:
    """Add `entries` (see MenuEntry) to `menu`."""
    for entry in entries:
        if entry is None:
            menu.addSeparator()
        elif isinstance(entry, tuple):
            title, children, name = entry
            sub = menu.addMenu(title)
            sub.setObjectName(name)
            fill_menu(sub, children, window)
        elif entry.startswith("@"):
            window.menu_part(entry[1:], menu)
        else:
            menu.addAction(window.action_map[entry])


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    for title, entries in MENUS:
        fill_menu(bar.addMenu(title), entries, window)


def build_toolbar(window: MainWindow, parent: QWidget) -> QToolBar:
    toolbar = QToolBar("Main", parent)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    for entry in TOOLBAR:
        if entry is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(window.action_map[entry])
    return toolbar
