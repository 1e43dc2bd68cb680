"""Built-in starting points for a new map."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.map import JourneyMap, Lane, LaneKind, Stage

# Okabe-Ito, colour-blind safe; the canvas and the PDF tint these for backgrounds.
STAGE_PALETTE = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442")
COLOUR_NAMES = {
    "#56B4E9": "Sky blue", "#E69F00": "Orange", "#009E73": "Bluish green",
    "#CC79A7": "Reddish purple", "#0072B2": "Blue", "#D55E00": "Vermilion",
    "#F0E442": "Yellow",
}

USUAL_LANES: tuple[tuple[str, LaneKind], ...] = (
    ("Customer actions", "customer_actions"),
    ("Touchpoints", "touchpoints"),
    ("Emotions", "emotions"),
    ("Pain points", "pain_points"),
    ("Opportunities", "opportunities"),
)


def _map(title: str, description: str, stage_names: list[str],
         lanes: tuple[tuple[str, LaneKind], ...]) -> JourneyMap:
    stages = [
        Stage(id=new_id("stage"), name=name, colour=STAGE_PALETTE[i % len(STAGE_PALETTE)])
        for i, name in enumerate(stage_names)
    ]
    return JourneyMap(
        title=title,
        description=description,
        stages=stages,
        lanes=[Lane(id=new_id("lane"), name=name, kind=kind) for name, kind in lanes],
    )


def service_journey() -> JourneyMap:
    return _map(
        "Service journey",
        "From first hearing of the service to giving feedback.",
        ["Awareness", "Consideration", "Purchase", "Usage", "Feedback"],
        USUAL_LANES,
    )


def customer_lifecycle() -> JourneyMap:
    return _map(
        "Customer lifecycle",
        "The whole relationship, from first contact to recommending us.",
        ["Awareness", "Consideration", "Purchase", "Onboarding", "Usage", "Retention", "Advocacy"],
        (*USUAL_LANES, ("Backstage", "backstage")),
    )


def service_blueprint() -> JourneyMap:
    """A service blueprint: what the customer sees and does, what staff do in front of them,
    what happens behind the scenes, and the systems that support it, layer by layer."""
    return _map(
        "Service blueprint",
        "What the customer does and sees at each step, what staff do in front of them and "
        "behind the scenes, and the systems and partners that support them.",
        ["Learn", "Request", "Wait", "Receive", "Follow up"],
        (("Emotions", "emotions"), ("Physical evidence", "touchpoints"),
         ("Customer actions", "customer_actions"), ("Frontstage", "frontstage"),
         ("Backstage", "backstage"), ("Support processes", "support_processes")),
    )


def blank() -> JourneyMap:
    return _map(
        "Untitled journey",
        "",
        ["Stage 1", "Stage 2", "Stage 3"],
        (("Touchpoints", "touchpoints"), ("Emotions", "emotions")),
    )


@dataclass(frozen=True)
class Template:
    key: str
    label: str
    build: Callable[[], JourneyMap]


TEMPLATES: tuple[Template, ...] = (
    Template("service", "Service journey", service_journey),
    Template("lifecycle", "Customer lifecycle", customer_lifecycle),
    Template("blueprint", "Service blueprint", service_blueprint),
    Template("blank", "Blank", blank),
)


def template_by_key(key: str) -> Template:
    wanted = key.strip().casefold().replace(" ", "-")
    for template in TEMPLATES:
        if wanted in (template.key, template.label.casefold().replace(" ", "-")):
            return template
    names = ", ".join(t.key for t in TEMPLATES)
    raise KeyError(f'unknown template "{key}" (choose one of: {names})')
