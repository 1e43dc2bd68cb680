"""Opening a big map: a progress bar and a Cancel button instead of a frozen window.

Three stages, all of them cancellable:

1. reading, parsing and checking the file, on a worker thread (the window keeps painting);
2. laying out the cards, on the GUI thread, reporting from
   the text measurer every few hundred measurements;
3. making the canvas items, reporting every few hundred cards.

Between reports the event loop runs, so the dialog repaints and Cancel is heard within about
50 ms. A cancelled open leaves nothing behind: no window, no document, no recent-files entry.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QGraphicsScene, QProgressDialog, QWidget

from journeymap_desktop.canvas.items.card import CardItem
from journeymap_desktop.canvas.scene import JourneyScene
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.safe_text import file_name
from journeymap_desktop.storage import FileStamp, load_map_with_stamp
from journeymap_desktop.storage.files import LoadCancelled
from journeymap_desktop.ui.plain_text import plain_label

_PUMP_SECONDS = 0.04
# Where each stage ends on the bar (measured shares of a 100,000-card open).
_LOADED, _LAID_OUT = 0.2, 0.75
_MEASURES_PER_CARD = 3.0  # about how often the layout measures new text per card


class OpenCancelled(Exception):  # noqa: N818 - reads as what happened
    """The user pressed Cancel while a map was opening."""


class OpenProgress:
    """The dialog, and the one place the long stages report to."""

    def __init__(self, parent: QWidget | None, path: Path) -> None:
        dialog = self.dialog = QProgressDialog(parent)
        dialog.setObjectName("openProgress")
        dialog.setWindowTitle("Opening map")
        dialog.setLabel(plain_label(f"Opening {file_name(path, 80)}…"))
        dialog.setCancelButtonText("Cancel")
        dialog.setRange(0, 1000)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setValue(0)
        dialog.show()
        self._start, self._end = 0.0, 1.0
        self._last_pump = 0.0
        self.pump(force=True)

    def stage(self, text: str, start: float, end: float) -> None:
        self.dialog.setLabelText(text)
        self._start, self._end = start, end
        self.report(0.0, force=True)

    def report(self, fraction: float, force: bool = False) -> None:
        """Show how far the current stage has come; raises OpenCancelled after Cancel."""
        now = time.monotonic()
        if not force and now - self._last_pump < _PUMP_SECONDS:
            return
        value = self._start + (self._end - self._start) * max(0.0, min(fraction, 1.0))
        self.dialog.setValue(round(value * 1000))
        self.pump(force=True)

    def pump(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last_pump >= _PUMP_SECONDS:
            self._last_pump = now
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if self.dialog.wasCanceled():
            raise OpenCancelled()

    def close(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()


class _LoadJob:
    """Reading and checking the file on a worker thread; the GUI thread polls it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fraction = 0.0
        self.cancelled = threading.Event()
        self.result: tuple[object, FileStamp] | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="journeymap-open", daemon=True)

    def _run(self) -> None:
        try:
            self.result = load_map_with_stamp(self.path, self._progress)
        except BaseException as error:
            self.error = error

    def _progress(self, fraction: float) -> bool:
        self.fraction = fraction
        return not self.cancelled.is_set()


def load_document(path: Path, progress: OpenProgress) -> JourneyDocument:
    """Stage 1 on a worker thread. Raises LoadError, or OpenCancelled (the worker then stops
    at its next step and its result is dropped)."""
    job = _LoadJob(path)
    progress.stage(f"Reading {file_name(path, 80)}…", 0.0, _LOADED)
    job.thread.start()
    try:
        while job.thread.is_alive():
            job.thread.join(0.02)
            progress.report(job.fraction)
    except OpenCancelled:
        job.cancelled.set()
        raise
    if isinstance(job.error, LoadCancelled):
        raise OpenCancelled() from None
    if job.error is not None:
        raise job.error
    assert job.result is not None
    journey, stamp = job.result
    document = JourneyDocument(journey, path)  # type: ignore[arg-type]
    document.stamp = stamp
    return document


class _ReportingMeasurer:
    """The shared text measurer, reporting to the progress dialog while a scene is first laid out
    (the layout measures each new piece of text once)."""

    def __init__(self, progress: OpenProgress, expected: int) -> None:
        self.inner = FontMeasurer()
        self.progress: OpenProgress | None = progress
        self.expected = max(expected, 1)
        self.count = 0

    def width(self, text: str, role: FontRole) -> float:
        if self.progress is not None:
            self.count += 1
            if not self.count & 0xFF:
                self.progress.report(self.count / self.expected)
        return self.inner.width(text, role)

    def ascent(self, role: FontRole) -> float:
        return self.inner.ascent(role)

    def descent(self, role: FontRole) -> float:
        return self.inner.descent(role)


class ProgressScene(JourneyScene):
    """The journey scene, built with reports to an OpenProgress (and cancellable): from the
    text measurer while the cards are laid out, then per card as items are made and
    placed."""

    def __init__(self, document: JourneyDocument, progress: OpenProgress) -> None:
        cards = len(document.map.cards)
        self._progress: OpenProgress | None = progress
        self._made = 0
        self._placed = 0
        self._total = max(cards, 1)
        measurer = _ReportingMeasurer(progress, int(cards * _MEASURES_PER_CARD) + 50)
        progress.stage(f"Laying out {cards:,} cards…", _LOADED, _LAID_OUT)
        super().__init__(document, measurer)
        measurer.progress = None
        self._progress = None
        for item in self.card_items.values():
            item.__dict__.pop("set_box", None)  # back to the class's own method

    def rebuild(self) -> None:
        if self._progress is None:
            super().rebuild()
            return
        # Events run between batches of new items (to repaint the dialog, hear Cancel); with
        # the scene's index live, Qt would then index the items batch by batch and re-index
        # each one again when the layout places it: 3x slower. Index them once, at the end.
        method = self.itemIndexMethod()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        try:
            super().rebuild()
        finally:
            self.setItemIndexMethod(method)

    def _add_card_item(self, card_id: str) -> CardItem:
        progress = self._progress
        if progress is None:
            return super()._add_card_item(card_id)
        if self._made == 0:
            progress.stage(f"Drawing {self._total:,} cards…", _LAID_OUT, 1.0)
        self._made += 1
        if not self._made & 0xFF:
            progress.report(0.4 * self._made / self._total)
        item = super()._add_card_item(card_id)
        # Placing the items is the other long part: report from it while the scene is new.
        item.set_box = functools.partial(self._place, item, type(item).set_box)  # type: ignore[method-assign]
        return item

    def _place(self, item: CardItem, place: Callable[..., None], *args: Any) -> None:
        place(item, *args)
        progress = self._progress
        if progress is not None:
            self._placed += 1
            if not self._placed & 0xFF:
                progress.report(0.4 + 0.6 * self._placed / self._total)
