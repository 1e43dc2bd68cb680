"""Starting the app: QApplication, the bundled font, crash recovery, the first window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from journeymap_desktop import APP_NAME, ORGANIZATION, __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def create_application(qt_args: list[str] | None = None) -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from journeymap_desktop.canvas.fonts import ensure_fonts_loaded
    from journeymap_desktop.resources import resources_dir

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        [sys.argv[0], *(qt_args or [])])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("journeymap")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "journeymap.svg")))
    ensure_fonts_loaded()
    return app


def run(file: Path | None, qt_args: list[str] | None = None) -> int:
    """Open FILE (or a bundled example) in a window and run until the last window closes."""
    logging.basicConfig(level=logging.WARNING, format="journeymap: %(message)s")
    app = create_application(qt_args)

    from journeymap_desktop.resources import default_example
    from journeymap_desktop.ui.window_manager import WindowManager

    manager = WindowManager()
    restored = manager.offer_recovery()  # never raises: a damaged draft cannot stop a start
    opened = None
    if file is not None:
        # A file that cannot be opened gets its message; then the app starts as usual.
        opened = manager.open_path(file)
    if opened is None and not restored:
        opened = manager.open_path(default_example())
    if opened is None and not restored:
        from journeymap_desktop.model.templates import service_journey

        manager.new_window(service_journey())
    app.setQuitOnLastWindowClosed(True)
    from journeymap_desktop.ui.first_paint import (
        QuitAfterFirstPaint,
        quit_after_first_paint_requested,
    )

    if quit_after_first_paint_requested():
        QuitAfterFirstPaint(manager)  # a child of the manager, which keeps it alive
    return int(app.exec())
