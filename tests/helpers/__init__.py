"""The helpers the tests share, in one package:

    tests.helpers.canvas    click, drag, select_card (real mouse events); centre, card_centre,
                            cell_centre, lane_id (where things are)
    tests.helpers.keyboard  type_text, pause_typing (the inspector's typing pause, at once)
    tests.helpers.drops     drop_mime, files_mime (drag-enter / move / drop with MIME data)
    tests.helpers.dialogs   answer_next_message_box, close_next_notes_dialog
    tests.helpers.maps      journey_maps (hypothesis), rich_map, unicode_map, long_text_map
    tests.helpers.pdf       page_texts, all_text, box, fonts, operators (reading PDFs)
    tests.helpers.formats   OUTLINE, TEXT_POSTER: an import and an export format to register

The GUI helpers are also importable from here (`from tests.helpers import click`). They load
on first use, so a model test that imports `tests.helpers.maps` loads no Qt.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "viewport_point": "canvas",
    "centre": "canvas",
    "card_centre": "canvas",
    "drag": "canvas",
    "click": "canvas",
    "select_card": "canvas",
    "cell_centre": "canvas",
    "lane_id": "canvas",
    "type_text": "keyboard",
    "pause_typing": "keyboard",
    "answer_next_message_box": "dialogs",
    "close_next_notes_dialog": "dialogs",
    "drop_mime": "drops",
    "files_mime": "drops",
    "DropOutcome": "drops",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'tests.helpers' has no attribute {name!r}")
    return getattr(import_module(f"tests.helpers.{module}"), name)


__all__ = sorted(_WHERE)
