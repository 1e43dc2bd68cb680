"""What a card rests on, in the file format: quotes, survey figures, metrics and links to files
kept beside the map. Any card may carry any number of them (`card.evidence`), each with an id
unique on its card; the confidence a reader may have in the card is computed from them
(`confidence.py`).

A link names a file by a path relative to the map's folder, written with `/`: never absolute,
never climbing out with `..`, no drive letters or URL schemes. What it points to is opened
only through `storage.links`, which refuses anything that resolves outside the map's folder
(symbolic links included).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from journeymap_desktop.model.fields import (
    MAX_PATH,
    MAX_SAMPLE,
    MAX_TEXT,
    Figure,
    Id,
    ShortText,
    SourceKey,
    StrictModel,
    Text,
)

QuoteText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]
LinkPath = Annotated[str, StringConstraints(min_length=1, max_length=MAX_PATH)]
EvidenceType = Literal["quote", "survey", "metric", "file"]
EVIDENCE_TYPES: tuple[EvidenceType, ...] = ("quote", "survey", "metric", "file")


def check_link_path(path: str) -> str:
    """A path relative to the map's folder, `/`-separated, that stays inside that folder on
    every system. Raises ValueError saying what is wrong."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in path):
        raise ValueError("a file path has no control characters")
    if "\\" in path:
        raise ValueError('write the path with "/" between folders, not "\\"')
    if ":" in path:
        raise ValueError("a path relative to the map's folder has no drive letter, "
                         "URL scheme or colon")
    if path.startswith("/"):
        raise ValueError("the path must be relative to the map's folder, not absolute")
    parts = path.split("/")
    if ".." in parts:
        raise ValueError('the path must stay inside the map\'s folder (no "..")')
    if any(part in ("", ".") for part in parts):
        raise ValueError('the path has an empty or "." part')
    return path


class QuoteEvidence(StrictModel):
    """Something a customer said: the words, who said it, and where it was heard."""

    type: Literal["quote"] = "quote"
    id: Id
    text: QuoteText
    who: ShortText = ""
    source: ShortText = ""
    source_key: SourceKey | None = None


class SurveyFigure(StrictModel):
    """A survey result: the question, how many answered, and the figure (with its unit,
    e.g. 4.1 of 5, or 68 %)."""

    type: Literal["survey"] = "survey"
    id: Id
    question: Text
    n: int = Field(ge=1, le=MAX_SAMPLE)
    value: Figure
    unit: ShortText = ""
    source: ShortText = ""
    source_key: SourceKey | None = None


class MetricEvidence(StrictModel):
    """A measured figure: what it measures, the value and unit, where it comes from and the
    day it was taken. A card in a metric lane shows its first metric."""

    type: Literal["metric"] = "metric"
    id: Id
    label: ShortText = ""
    value: Figure
    unit: ShortText = ""
    source: ShortText = ""
    date: dt.date | None = Field(default=None, strict=False)
    source_key: SourceKey | None = None


class FileLink(StrictModel):
    """A file kept beside the map (a transcript, a recording, a spreadsheet), by its path
    relative to the map's folder."""

    type: Literal["file"] = "file"
    id: Id
    path: LinkPath
    label: ShortText = ""
    source_key: SourceKey | None = None

    @field_validator("path")
    @classmethod
    def _inside_the_folder(cls, value: str) -> str:
        return check_link_path(value)


Evidence = Annotated[QuoteEvidence | SurveyFigure | MetricEvidence | FileLink,
                     Field(discriminator="type")]
