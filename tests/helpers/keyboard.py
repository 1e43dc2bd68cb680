"""Typing as a user does, and the inspector's pause in typing without waiting for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow


def type_text(qtbot: QtBot, widget: object, text: str) -> None:
    """Type like a user: plain keys for ASCII, an input-method commit (as a compose key or
    an IME delivers it) for anything else, such as 'ü' or '—'."""
    from PySide6.QtGui import QInputMethodEvent

    run = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            run += ch
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        if ch != "\0":
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def pause_typing(window: MainWindow) -> None:
    """The user stops typing for a while: what is typed in the inspector reaches the map as it
    does after the pause (ui/inspector/base.TYPING_PAUSE_MS), without the test waiting for it."""
    window.inspector.end_typing_pause()
