"""A start-up probe for smoke tests and start-up timing, not a user feature.

With JOURNEYMAP_QUIT_AFTER_FIRST_PAINT=1 in the environment, the app prints the wall-clock time
of its first painted canvas to stdout (`first-paint-epoch=...`), then closes its windows the way
a user would and exits. The shipped app's smoke test (tests/test_shipping.py) and the start-up
measurement (benchmarks/bench_startup.py) use it to open a real window and quit on their own.
Without the variable nothing here runs.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from journeymap_desktop.ui.window_manager import WindowManager

QUIT_AFTER_FIRST_PAINT_ENV = "JOURNEYMAP_QUIT_AFTER_FIRST_PAINT"


def quit_after_first_paint_requested() -> bool:
    return os.environ.get(QUIT_AFTER_FIRST_PAINT_ENV, "") not in ("", "0")


class QuitAfterFirstPaint(QObject):
    """Watches the first window's canvas; once it has painted, reports and closes the windows."""

    def __init__(self, manager: WindowManager) -> None:
        super().__init__(manager)
        self._manager = manager
        self._done = False
        if not manager.windows:
            QTimer.singleShot(0, self._quit)
            return
        manager.windows[0].view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            # The paint event is being delivered now: report once it has been handled.
            QTimer.singleShot(0, self._report_and_quit)
        return False

    def _report_and_quit(self) -> None:
        print(f"first-paint-epoch={time.time():.6f}", flush=True)
        self._quit()

    def _quit(self) -> None:
        self._manager.quit()
