"""The service blueprint's lines: where two adjacent lanes are consecutive blueprint layers
(model.queries.blueprint_lines), a labelled line runs across the grid between them: the line
of interaction (customer actions / frontstage), of visibility (frontstage / backstage) and of
internal interaction (backstage / support processes).

Pure geometry; `layout.picture.blueprint_items` draws it (each line in a stroke of its own, so
they differ in grey and to colour-blind readers as well as by name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.geometry import BlueprintLabel, BlueprintRule, LaneBox, StageBox
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.queries import blueprint_lines

if TYPE_CHECKING:
    from journeymap_desktop.layout.engine import LayoutEngine

LABEL_EVERY = 4  # a label at the start of every 4th stage, so one is in view on screen


def blueprint_rules(engine: LayoutEngine, journey: JourneyMap, lanes: list[LaneBox],
                    stages: list[StageBox], captions: bool) -> list[BlueprintRule]:
    """The lines of `journey`'s blueprint on its laid-out lanes; labels in caption size, or
    at a brief density (no caption-sized text) in the card titles' size."""
    if not stages:
        return []
    by_id = {lane.lane_id: lane for lane in lanes}
    role = FontRole.CAPTION_BOLD if captions else FontRole.CARD_TITLE
    line_h = theme.line_height(role)
    rules = []
    for found in blueprint_lines(journey):
        upper = by_id.get(found.upper_lane_id)
        if upper is None:
            continue
        y = upper.row.bottom
        labels = []
        for index, stage in enumerate(stages):
            if index % LABEL_EVERY:
                continue
            x = stage.column.x + theme.CELL_PAD_X
            room = stage.column.w - 2 * theme.CELL_PAD_X
            line = engine.one_line(found.name, role, x, y - line_h / 2, room)
            labels.append(BlueprintLabel(line, stage.stage_id))
        rules.append(BlueprintRule(found.name, y, stages[0].column.x, stages[-1].column.right,
                                   tuple(labels)))
    return rules
