"""Text from a map, a draft, a file name or the clipboard on screen: always plain text.

Qt guesses: a QLabel, a QMessageBox or a tooltip whose text *looks* like HTML (a known tag, or
`&lt;`, anywhere in its first line) is rendered as rich text, so a stage named
`<img src="/dev/zero">` reads that file, `<h1>` rewrites a message and `<a href>` becomes a
link. Every widget that shows such text is set up here:

- `plain_label()` / `make_plain()`: labels that never interpret markup;
- `tooltip()`: tooltips have no format setting, so the text is escaped inside rich text;
- `window_title()`: one line, and Qt's `[*]` modified-marker placeholder kept literal;
- `menu_text()`: one line, and `&` kept literal (it would make a keyboard mnemonic).

List items, combo boxes, line edits, the undo history and the status bar draw plain text by
themselves; the widget walk in tests/test_untrusted_text.py checks all of them.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from journeymap_desktop.safe_text import one_line, shown

PLAIN = Qt.TextFormat.PlainText


def make_plain(label: QLabel) -> QLabel:
    """Show `label`'s text as it is, whatever it looks like."""
    label.setTextFormat(PLAIN)
    label.setOpenExternalLinks(False)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = make_plain(QLabel(parent))  # plain before any text arrives
    label.setText(text)
    return label


def tooltip(text: str, limit: int = 400) -> str:
    """A tooltip that shows `text` literally (one line, bounded): escaped inside a
    paragraph, so Qt's rich-text guess meets only our own markup."""
    return f"<p style='white-space:pre-wrap'>{html.escape(one_line(text, limit))}</p>"


def window_title(text: str, limit: int = 120) -> str:
    """A window title from a file or map name: one line, bounded, and `[*]` in the name
    shown as such (Qt replaces `[*]` with the unsaved marker, `[*][*]` with `[*]`)."""
    return shown(text, limit, middle=True).replace("[*]", "[*][*]")


def menu_text(text: str, limit: int = 80) -> str:
    """A menu entry from a file name: one line, bounded, `&` literal."""
    return shown(text, limit, middle=True).replace("&", "&&")

