"""How the window looks in workshop mode (ui/modes.py calls `enter` and `leave`).

Entering: the editing panels and the toolbar go, the facilitator's panel comes, the projector
window opens on another screen (with one screen, this window goes full screen and becomes the
room's view), and the capture line takes the keyboard. Leaving (Esc, F5, View > Edit Mode):
all of it undone, and the map's zoom and scroll given back as they were before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QTransform

from journeymap_desktop.ui.modes import WindowLook
from journeymap_desktop.ui.workshop.controller import WorkshopController

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow


class WorkshopLook(WindowLook):
    def __init__(self) -> None:
        self.controller: WorkshopController | None = None
        self.state: QByteArray | None = None
        self.was_maximized = False
        self.was_full_screen = False
        self.toolbar_shown = True
        self.transform = QTransform()
        self.scroll = (0, 0)

    def enter(self, window: MainWindow) -> None:
        view = window.view
        self.state = window.saveState()
        self.was_maximized = window.isMaximized()
        self.was_full_screen = window.isFullScreen()
        self.toolbar_shown = window.toolbar.isVisible()
        self.transform = view.transform()
        self.scroll = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        for dock in window.docks():
            dock.hide()
        window.toolbar.hide()
        if self.controller is None:
            self.controller = WorkshopController(window)
        self.controller.start()

    def leave(self, window: MainWindow) -> None:
        if self.controller is not None:
            self.controller.show_results(None)
            self.controller.stop()
        if window.isFullScreen() and not self.was_full_screen:
            if self.was_maximized:
                window.showMaximized()
            else:
                window.showNormal()
        if self.state is not None:
            window.restoreState(self.state)
        window.toolbar.setVisible(self.toolbar_shown)
        self.restore_view(window)
        # The window takes its old size only when the window system says so: once more then.
        QTimer.singleShot(0, lambda: self.restore_view(window))

    def restore_view(self, window: MainWindow) -> None:
        view = window.view
        if view.mode.name == "workshop":
            return  # entered again meanwhile
        view.setTransform(self.transform)
        view.horizontalScrollBar().setValue(self.scroll[0])
        view.verticalScrollBar().setValue(self.scroll[1])
        view.pin_headers()
        view.zoom_changed.emit(view.zoom)


def workshop_of(window: MainWindow) -> WorkshopController | None:
    """The window's workshop controller (made the first time it enters workshop mode)."""
    look = window.modes.looks.get("workshop")
    return look.controller if isinstance(look, WorkshopLook) else None
