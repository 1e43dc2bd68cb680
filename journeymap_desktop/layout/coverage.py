"""Characters no bundled font can draw (emoji, scripts the fonts lack), found before export so
the user hears which cards print a box instead, by name."""

from __future__ import annotations

from dataclasses import dataclass

from journeymap_desktop.layout.textruns import missing_characters
from journeymap_desktop.model.map import JourneyMap

SHOWN = 5  # places named in a warning; the rest are counted


@dataclass(frozen=True)
class Undrawable:
    where: str  # 'card "Pays with Apple Pay"', 'stage "Checkout"', "the map's title"
    characters: str  # each missing character once, in order of appearance


def _missing(texts: list[str]) -> str:
    found: list[str] = []
    for text in texts:
        if text.isascii():
            continue
        for ch in missing_characters(text):
            if ch not in found:
                found.append(ch)
    return "".join(found)


def undrawable(journey: JourneyMap) -> list[Undrawable]:
    """Every place in the map with characters that would print as a replacement box."""
    places: list[tuple[str, list[str]]] = [
        ("the map's title and description", [journey.title, journey.description]),
    ]
    places += [(f'persona "{p.name}"', [p.name, p.role, p.quote]) for p in journey.personas]
    places += [(f'stage "{s.name}"', [s.name, s.description]) for s in journey.stages]
    places += [(f'lane "{lane.name}"', [lane.name]) for lane in journey.lanes]
    places += [(f'card "{card.title or card.id}"',
                [card.title, card.body, card.owner, *card.tags,
                 *(value.word for value in card.emotions.values())])
               for card in journey.cards]
    out = []
    for where, texts in places:
        missing = _missing(texts)
        if missing:
            out.append(Undrawable(where, missing))
    return out


def describe(found: list[Undrawable]) -> str:
    """One line naming the places (the first few) and the characters, or ""."""
    if not found:
        return ""
    shown = [f"{place.where} ({' '.join(place.characters)})" for place in found[:SHOWN]]
    more = f" and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    return (f"characters no bundled font can draw print as boxes in {', '.join(shown)}{more}")
