"""Dragging data onto a window as another program (or the palette, or another window) does:
real drag-enter, drag-move and drop events with MIME data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

_COPY = Qt.DropAction.CopyAction
_LEFT = Qt.MouseButton.LeftButton
_NONE = Qt.KeyboardModifier.NoModifier


@dataclass
class DropOutcome:
    entered: bool  # the drag was taken on entering
    hovered: bool  # a drop at the point would be taken
    dropped: bool  # the drop was taken


def files_mime(*paths: Path) -> QMimeData:
    """What a file manager drags: the files' URLs."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return data


def drop_mime(target: QWidget, data: QMimeData, at: QPoint, *, drop: bool = True) -> DropOutcome:
    """Drag `data` into `target` (a view's viewport, or a window) at `at` (its coordinates),
    move over that point, and drop there unless `drop` is False (then the drag leaves)."""
    enter = QDragEnterEvent(at, _COPY, data, _LEFT, _NONE)
    QApplication.sendEvent(target, enter)
    move = QDragMoveEvent(at, _COPY, data, _LEFT, _NONE)
    QApplication.sendEvent(target, move)
    dropped = False
    if drop:
        event = QDropEvent(QPointF(at), _COPY, data, _LEFT, _NONE)
        QApplication.sendEvent(target, event)
        dropped = event.isAccepted()
    else:
        from PySide6.QtGui import QDragLeaveEvent

        QApplication.sendEvent(target, QDragLeaveEvent())
    return DropOutcome(enter.isAccepted(), move.isAccepted(), dropped)
