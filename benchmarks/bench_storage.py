"""Opening and saving a big map, each against its floor measured in the same run.

    python benchmarks/bench_storage.py [--cards 5000] [--repeat 5] [--seed 7]

Issue 13's targets (a 5,000-card map of format version 2, made by benchmarks/make_map.py):
- load: opening the file (`load_map_with_stamp`: read, parse, check, and the content stamp
  the app keeps to notice outside changes) within 1.5x `JourneyMap.model_validate_json` on the
  same bytes (the floor: the least any pydantic-based loader can do);
- save: `save_map` (the check before writing, the text, a temporary file written and
  fsynced, the previous file kept as NAME.bak, the swap, the folder fsynced) within 2x the
  floor of `model_dump_json(indent=2)` plus writing and fsyncing those bytes to a file.

Each step is timed in turns with its floor (floor, step, floor, step, ...) so both see the
same machine; the figures are medians of --repeat runs, printed as one JSON object per line
with the load average beside them, e.g.
{"metric": "load_ratio", "cards": 5000, "value": 1.21, "load_average": [1.5, 1.2, 1.1]}.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _emit(metric: str, cards: int, value: float, **extra: Any) -> None:
    print(json.dumps({"metric": metric, "cards": cards, "value": round(value, 4),
                      "load_average": [round(x, 2) for x in os.getloadavg()], **extra}),
          flush=True)


def _make_map(cards: int, seed: int) -> Any:
    spec = importlib.util.spec_from_file_location("make_map", HERE / "make_map.py")
    if spec is None or spec.loader is None:
        raise ImportError("benchmarks/make_map.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_map(cards, seed=seed)


def _timed(action: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _in_turns(repeat: int, **actions: Callable[[], object]) -> dict[str, float]:
    """Median seconds of each action, the actions run in turns `repeat` times."""
    for action in actions.values():
        action()  # warm up: imports, caches, the page cache
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            times[name].append(_timed(action))
    return {name: statistics.median(values) for name, values in times.items()}


def run(cards: int, repeat: int, seed: int) -> dict[str, float]:
    from journeymap_desktop.model.map import JourneyMap
    from journeymap_desktop.storage import encode_map, load_map_with_stamp, save_map
    from journeymap_desktop.storage.codec import decode_map

    journey = _make_map(cards, seed)
    raw = encode_map(journey)
    folder = Path(tempfile.mkdtemp(prefix="bench-storage-"))
    path = folder / "map.journeymap"
    path.write_bytes(raw)
    floor_path = folder / "floor.bin"

    def write_floor() -> None:
        data = journey.model_dump_json(indent=2).encode("utf-8")
        with floor_path.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    loads = _in_turns(repeat,
                      load_floor=lambda: JourneyMap.model_validate_json(raw),
                      load=lambda: load_map_with_stamp(path),
                      decode=lambda: decode_map(raw))
    saves = _in_turns(repeat, save_floor=write_floor, save=lambda: save_map(journey, path))
    assert load_map_with_stamp(path)[0] == journey, "the saved map reads back the same"
    for leftover in folder.iterdir():
        leftover.unlink()
    folder.rmdir()

    figures = {**loads, **saves}
    size = len(raw) / 1e6
    _emit("file_mb", cards, size)
    for name in ("load_floor", "load", "decode", "save_floor", "save"):
        _emit(f"{name}_ms", cards, figures[name] * 1000)
    _emit("load_ratio", cards, figures["load"] / figures["load_floor"], target=1.5)
    _emit("decode_ratio", cards, figures["decode"] / figures["load_floor"])
    _emit("save_ratio", cards, figures["save"] / figures["save_floor"], target=2.0)
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    run(args.cards, max(1, args.repeat), args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
