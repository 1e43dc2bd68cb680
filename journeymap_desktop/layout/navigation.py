"""Keyboard navigation between cards: which card is left/right/above/below another."""

from __future__ import annotations

from typing import Literal

from journeymap_desktop.layout.geometry import CardBox, MapLayout

Direction = Literal["left", "right", "up", "down"]


def neighbour_card(layout: MapLayout, card_id: str, direction: Direction) -> str | None:
    """The nearest card in that direction: up/down within the stage column (crossing lanes),
    left/right in the nearest stage column that has cards, at the closest height."""
    box = layout.cards.get(card_id)
    if box is None:
        return None
    column_of = {}
    for (stage_id, _lane_id), ids in layout.cells.items():
        for cid in ids:
            column_of[cid] = stage_id
    stage_index = {s.stage_id: s.index for s in layout.stages}
    here = stage_index[column_of[card_id]]
    centre_y = box.rect.y + box.rect.h / 2

    def same_column(index: int) -> list[CardBox]:
        return [layout.cards[cid] for cid, sid in column_of.items()
                if stage_index[sid] == index]

    if direction in ("up", "down"):
        column = same_column(here)
        if direction == "up":
            above = [b for b in column if b.rect.y < box.rect.y]
            return max(above, key=lambda b: b.rect.y).card_id if above else None
        below = [b for b in column if b.rect.y > box.rect.y]
        return min(below, key=lambda b: b.rect.y).card_id if below else None

    step = -1 if direction == "left" else 1
    index = here + step
    while 0 <= index < len(layout.stages):
        column = same_column(index)
        if column:
            nearest = min(column, key=lambda b: abs(b.rect.y + b.rect.h / 2 - centre_y))
            return nearest.card_id
        index += step
    return None
