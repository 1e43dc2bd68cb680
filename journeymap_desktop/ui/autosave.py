"""Autosave: unsaved work goes to a recovery draft in the user's data folder every 30 s."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.storage.recovery import RecoveryStore

AUTOSAVE_INTERVAL_MS = 30_000
log = logging.getLogger(__name__)


class Autosaver(QObject):
    """Writes the document's draft when it has changed since the last draft; removes the
    draft once the work is saved (or deliberately discarded)."""

    def __init__(self, document: JourneyDocument, store: RecoveryStore,
                 interval_ms: int = AUTOSAVE_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.store = store
        self._pending = False
        self.last_error: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.write_now)
        self.timer.start()
        document.edited.connect(self._on_edited)
        document.modified_changed.connect(self._on_modified_changed)

    def _on_edited(self) -> None:
        self._pending = True

    def _on_modified_changed(self, modified: bool) -> None:
        if not modified:
            # Saved (or undone back to the saved state): the file holds everything.
            self._pending = False
            self._discard_drafts()

    def keep_now(self) -> bool:
        """Write the draft at once, even if nothing changed since the last tick (a restored
        draft must be kept under this document's own key before the old one goes)."""
        self._pending = True
        return self.write_now()

    def write_now(self) -> bool:
        """Write the draft if there is unsaved work not yet in a draft; True if written."""
        if not self._pending or not self.document.is_modified():
            return False
        try:
            self.store.write(self.document.recovery_key, self.document.map, self.document.path,
                             self.document.stamp)
        except OSError as error:
            # Keep trying at the next tick; the window shows the problem in its status bar.
            self.last_error = f"Autosave failed: {error.strerror or error}"
            log.warning(self.last_error)
            return False
        self.last_error = None
        self._pending = False
        return True

    def _discard_drafts(self) -> None:
        # Only this document's own draft: others belong to other sessions or to a crash.
        self.store.discard(self.document.recovery_key)

    def discard(self) -> None:
        """The window closes without unsaved work (saved, or discarded on purpose)."""
        self.timer.stop()
        self._discard_drafts()
