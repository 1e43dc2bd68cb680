"""The window's side of the canvas modes (canvas/modes.py): switching, the mode actions, and
how the window looks in each mode.

The canvas decides what the mouse and drops do (`JourneyView.set_mode`); the window decides
what it shows: in Present, full screen with only the map, its panels put back as they were on
leaving; in Workshop, the facilitator's panel and the projector window (ui/workshop/look.py).
Editing actions follow `Mode.edits_map` (ui/actions.py; a mode may keep some, as Workshop
keeps undo and redo), and the panels (inspector, palette, history) are disabled in a mode
that does not edit.

Adding a mode's look: a `WindowLook` subclass with `enter` / `leave`, in `_looks()` under the
mode's name (a mode without one keeps the window as it is), and its action in `MODE_ACTIONS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer

from journeymap_desktop.canvas.modes import EDIT, MODES

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow


class WindowLook:
    def enter(self, window: MainWindow) -> None: ...

    def leave(self, window: MainWindow) -> None: ...


class PresentLook(WindowLook):
    """Full screen with only the map (and the menus): for a projector in a workshop."""

    def __init__(self) -> None:
        self.state: QByteArray | None = None
        self.was_maximized = False

    def enter(self, window: MainWindow) -> None:
        self.state = window.saveState()
        self.was_maximized = window.isMaximized()
        for dock in window.docks():
            dock.hide()
        window.toolbar.hide()
        window.statusBar().hide()
        window.showFullScreen()
        # Fit once the window has its full-screen size (the resize arrives later).
        QTimer.singleShot(150, window.view.fit_to_window)

    def leave(self, window: MainWindow) -> None:
        if self.was_maximized:
            window.showMaximized()
        else:
            window.showNormal()
        window.statusBar().show()
        if self.state is not None:
            window.restoreState(self.state)
        window.toolbar.show()


# Each mode's checkable action in the View menu (ui/actions.py).
MODE_ACTIONS = {"edit": "editMode", "present": "presentation", "workshop": "workshopMode"}


def _looks() -> dict[str, WindowLook]:
    from journeymap_desktop.ui.workshop.look import WorkshopLook  # needs WindowLook above

    return {"present": PresentLook(), "workshop": WorkshopLook()}


class ModeSwitcher:
    """Which mode a window is in, kept in step across the canvas, the actions and the look."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.looks = _looks()  # per window: a look remembers what it changed
        window.view.leave_mode_requested.connect(self._leave_requested)

    @property
    def current(self) -> str:
        return self.window.view.mode.name

    def switch_to(self, name: str) -> None:
        window = self.window
        old = window.view.mode
        new = MODES[name]
        if new is not old:
            if not new.edits_map:
                window.flush_edits()  # text typed in the inspector belongs to the map
            old_look = self.looks.get(old.name)
            if old_look is not None:
                old_look.leave(window)
            window.view.set_mode(new)
            new_look = self.looks.get(new.name)
            if new_look is not None:
                new_look.enter(window)
            # The panels that edit (the history panel undoes when clicked), also when
            # shown from the View menu.
            for panel in window.docks():
                panel.setEnabled(new.edits_map)
        self._check_actions()
        window.update_actions()

    def toggle(self, name: str) -> None:
        """Into mode `name`, or back to Edit if the window is in it (F11)."""
        self.switch_to(EDIT.name if self.current == name else name)

    def _check_actions(self) -> None:
        actions = self.window.action_map
        for mode_name, action_id in MODE_ACTIONS.items():
            actions[action_id].setChecked(self.current == mode_name)

    def _leave_requested(self) -> None:
        if self.current != EDIT.name:
            self.switch_to(EDIT.name)
