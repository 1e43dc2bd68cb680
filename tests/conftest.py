"""Shared test set-up: headless Qt, isolated settings/data folders, sample maps."""

from __future__ import annotations

import os

# Before anything imports Qt: GUI tests run without a display, here and in CI alike.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.model.templates import service_journey


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings, recovery drafts and recent files go to a temporary home, never the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "run"))
    (home / "run").mkdir(mode=0o700)


@pytest.fixture
def small_map() -> JourneyMap:
    """The service-journey template with a few cards in known cells."""
    journey = service_journey()
    stages = journey.stages
    lanes = {lane.kind: lane for lane in journey.lanes}
    touch = lanes["touchpoints"].id
    pain = lanes["pain_points"].id
    journey.cards = [
        Card(id="ad", stage_id=stages[0].id, lane_id=touch, order=0, title="Sees an ad",
             emotion=1, channel="social"),
        Card(id="friend", stage_id=stages[0].id, lane_id=touch, order=1,
             title="Hears from a friend", emotion=2),
        Card(id="compare", stage_id=stages[1].id, lane_id=touch, order=0,
             title="Compares prices", emotion=0, channel="web"),
        Card(id="checkout", stage_id=stages[2].id, lane_id=touch, order=0,
             title="Checkout", emotion=-1, channel="web"),
        Card(id="fees", stage_id=stages[2].id, lane_id=pain, order=0, kind="pain_point",
             title="Hidden delivery fees", votes=4),
    ]
    return journey


@pytest.fixture
def examples_dir() -> Path:
    from journeymap_desktop.resources import examples_dir

    return examples_dir()
