"""Autosave: unsaved work goes to a recovery draft in the user's data folder every 30 s.

The window never waits for it. On the GUI thread the autosave only takes a snapshot of the map
(about a millisecond for 100,000 cards: the document never changes its objects in place, so new
lists of the same objects are a lasting picture); serialising and writing happen on a worker
thread, a few hundred cards at a time with the interpreter handed back in between, so the GUI
thread never waits more than a few milliseconds for Python. Benchmarked by
benchmarks/bench_autosave.py.
"""

from __future__ import annotations

import concurrent.futures
import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.safe_text import one_line
from journeymap_desktop.storage.recovery import DraftSnapshot, RecoveryStore

AUTOSAVE_INTERVAL_MS = 30_000
_POLL_MS = 50
log = logging.getLogger(__name__)

# One writer for every window: drafts are written one after the other, off the GUI thread.
# Python joins its thread at exit, so a draft being written when the app quits is finished.
_WRITER = concurrent.futures.ThreadPoolExecutor(max_workers=1,
                                                thread_name_prefix="journeymap-autosave")


def _let_the_gui_thread_run() -> None:
    # A zero sleep releases the interpreter lock: a GUI thread waiting for it gets it now,
    # not after the next 5 ms switch interval.
    time.sleep(0)


class Autosaver(QObject):
    """Writes the document's draft when it has changed since the last draft; removes the
    draft once the work is saved (or deliberately discarded)."""

    def __init__(self, document: JourneyDocument, store: RecoveryStore,
                 interval_ms: int = AUTOSAVE_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.store = store
        self._pending = False
        self._job: concurrent.futures.Future[Path] | None = None
        self._discard_when_written = False
        self.last_error: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.write_now)
        self.timer.start()
        self._poll = QTimer(self)
        self._poll.setInterval(_POLL_MS)
        self._poll.timeout.connect(self._collect)
        document.edited.connect(self._on_edited)
        document.modified_changed.connect(self._on_modified_changed)

    def _on_edited(self) -> None:
        self._pending = True

    def _on_modified_changed(self, modified: bool) -> None:
        if not modified:
            # Saved (or undone back to the saved state): the file holds everything.
            self._pending = False
            self._discard_drafts()

    def is_writing(self) -> bool:
        return self._job is not None

    def _snapshot(self) -> DraftSnapshot:
        doc = self.document
        return DraftSnapshot(doc.recovery_key, doc.snapshot(), doc.path, doc.stamp)

    def write_now(self) -> bool:
        """Start writing the draft in the background if there is unsaved work not yet in a
        draft; True if a write started. `wait()` waits for it."""
        if self._job is not None or not self._pending or not self.document.is_modified():
            return False
        snapshot = self._snapshot()
        self._pending = False
        self._discard_when_written = False
        self._job = _WRITER.submit(self.store.write_snapshot, snapshot,
                                   _let_the_gui_thread_run)
        self._poll.start()
        return True

    def wait(self) -> bool:
        """Wait for a draft being written; True when the last draft was written fine."""
        if self._job is not None:
            concurrent.futures.wait([self._job])
            self._collect()
        return self.last_error is None

    def _collect(self) -> None:
        job = self._job
        if job is None or not job.done():
            return
        self._job = None
        self._poll.stop()
        try:
            job.result()
        except Exception as error:
            # Keep trying at the next tick; the window shows the problem in its status bar.
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self.last_error = one_line(f"Autosave failed: {reason}")
            log.warning(self.last_error)
            self._pending = True
        else:
            self.last_error = None
        if self._discard_when_written:
            self._discard_when_written = False
            self.store.discard(self.document.recovery_key)

    def keep_now(self) -> bool:
        """Write the draft now and wait for it, even if nothing changed since the last tick
        (a restored draft must be kept under this document's own key before the old one
        goes)."""
        self.wait()
        self._pending = True
        return self.write_now() and self.wait()

    def _discard_drafts(self) -> None:
        # Only this document's own draft: others belong to other sessions or to a crash.
        if self._job is not None:
            self._discard_when_written = True  # the write under way would bring it back
        else:
            self.store.discard(self.document.recovery_key)

    def discard(self) -> None:
        """The window closes without unsaved work (saved, or discarded on purpose)."""
        self.timer.stop()
        self.wait()
        self._discard_drafts()
