"""Keyboard navigation between cards: which card is left/right/above/below another."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from journeymap_desktop.layout.geometry import CardBox, MapLayout

Direction = Literal["left", "right", "up", "down"]


def neighbour_card(layout: MapLayout, card_id: str, direction: Direction) -> str | None:
    """The nearest card in that direction. Up/down stay in the stage's column (crossing
    lanes); left/right move along a row of side-by-side cards, then to the nearest stage
    column that has cards, at the closest height."""
    box = layout.cards.get(card_id)
    if box is None:
        return None
    stage_of = {cid: stage_id for (stage_id, _), ids in layout.cells.items() for cid in ids}
    index_of = {s.stage_id: s.index for s in layout.stages}
    here = index_of[stage_of[card_id]]
    rect = box.rect
    cx, cy = rect.centre

    def column(index: int) -> list[CardBox]:
        return [layout.cards[cid] for cid, sid in stage_of.items()
                if index_of[sid] == index and cid != card_id]

    def nearest(candidates: list[CardBox], key: Callable[[CardBox], Any]) -> str | None:
        chosen = min(candidates, key=key, default=None)
        return chosen.card_id if chosen is not None else None

    same = column(here)
    if direction in ("up", "down"):
        if direction == "up":
            candidates = [b for b in same if b.rect.bottom <= rect.y + 0.5]
        else:
            candidates = [b for b in same if b.rect.y >= rect.bottom - 0.5]
        # Where cards sit side by side, stay in the same column of cards if one is there.
        stacked = [b for b in candidates if b.rect.x < rect.right and b.rect.right > rect.x]
        return nearest(stacked or candidates,
                       lambda b: (abs(b.rect.centre[1] - cy), abs(b.rect.centre[0] - cx)))

    step = -1 if direction == "left" else 1
    in_row = [b for b in same if abs(b.rect.y - rect.y) < 0.5
              and (b.rect.x - rect.x) * step > 0]
    if in_row:
        return nearest(in_row, lambda b: abs(b.rect.x - rect.x))
    index = here + step
    while 0 <= index < len(layout.stages):
        candidates = column(index)
        if candidates:
            # Entering a column from the left, land on its leftmost card of that height.
            return nearest(candidates, lambda b: (abs(b.rect.centre[1] - cy),
                                                  b.rect.x * step))
        index += step
    return None
