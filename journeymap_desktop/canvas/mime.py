"""Clipboard and drag-and-drop formats: cards as JSON, palette kinds, map files."""

from __future__ import annotations

import atexit
import json
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from journeymap_desktop.formats import FORMATS
from journeymap_desktop.model.map import CARD_KINDS, Card, CardKind

CARDS_MIME = "application/x-journeymap-cards"
CARD_KIND_MIME = "application/x-journeymap-card-kind"


def cards_to_mime(cards: list[Card]) -> QMimeData:
    """Cards for the clipboard: our own JSON format, plus plain text for other programs."""
    data = QMimeData()
    payload = {"format": "journeymap-cards", "cards": [c.model_dump(mode="json") for c in cards]}
    data.setData(CARDS_MIME, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    data.setText("\n\n".join(
        card.title + (f"\n{card.body}" if card.body else "") for card in cards))
    return data


def put_cards_on_clipboard(cards: list[Card]) -> None:
    """Copy cards to the system clipboard (our JSON for JourneyMap, text for other apps)."""
    global _clearing_registered
    QGuiApplication.clipboard().setMimeData(cards_to_mime(cards))
    if not _clearing_registered:
        # The clipboard keeps the QMimeData made here until a C++ static destructor runs, after
        # Python has finalized; destroying its Python wrapper then crashes the process at
        # exit. Releasing it while Python is alive avoids that.
        atexit.register(_release_clipboard)
        _clearing_registered = True


_clearing_registered = False


def _release_clipboard() -> None:
    if QGuiApplication.instance() is not None:
        clipboard = QGuiApplication.clipboard()
        if clipboard.ownsClipboard() or clipboard.mimeData() is not None:
            clipboard.clear()


MAX_CLIPBOARD_BYTES = 64 * 1024 * 1024  # far more than any selection of cards


def cards_from_mime(data: QMimeData | None) -> list[Card]:
    """Cards on the clipboard, validated; [] when there are none or they are damaged. The
    clipboard is another program's data: any other answer than cards or [] would reach the
    user as a traceback, so every failure of parsing it ends here."""
    if data is None or not data.hasFormat(CARDS_MIME):
        return []
    raw = bytes(data.data(CARDS_MIME).data())
    if len(raw) > MAX_CLIPBOARD_BYTES:
        return []
    try:
        payload = json.loads(raw.decode("utf-8"))
        cards = payload["cards"]
        if not isinstance(cards, list):
            return []
        return [Card.model_validate(item) for item in cards]
    except (ValueError, KeyError, TypeError, ValidationError, RecursionError, MemoryError):
        # RecursionError: "[[[[...", nested deeper than the parser's recursion limit.
        return []


def kind_to_mime(kind: CardKind) -> QMimeData:
    data = QMimeData()
    data.setData(CARD_KIND_MIME, kind.encode("ascii"))
    return data


def kind_from_mime(data: QMimeData) -> CardKind | None:
    if not data.hasFormat(CARD_KIND_MIME):
        return None
    raw = bytes(data.data(CARD_KIND_MIME).data()).decode("ascii", "replace")
    return next((kind for kind in CARD_KINDS if kind == raw), None)


def local_files_from_mime(data: QMimeData) -> list[Path]:
    """The local files a drag carries (from a file manager), in order; [] for none."""
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


def map_files_from_mime(data: QMimeData) -> list[Path]:
    """The dragged files a format of the registry opens (journeymap_desktop.formats)."""
    return [path for path in local_files_from_mime(data) if FORMATS.for_opening(path)]
