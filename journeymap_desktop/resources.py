"""Where the bundled fonts, icons and example maps are, installed or running from a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The resources folder: inside the package in a wheel, at the repo top in a checkout."""
    bundled = _PACKAGE_DIR / "resources"
    if bundled.is_dir():
        return bundled
    return _PACKAGE_DIR.parent / "resources"


def font_path(name: str) -> Path:
    return resources_dir() / "fonts" / name


def examples_dir() -> Path:
    return resources_dir() / "examples"


def example_maps() -> list[Path]:
    return sorted(examples_dir().glob("*.journeymap"))


def default_example() -> Path:
    """The map the app opens when started with no file."""
    preferred = examples_dir() / "grocery-delivery.journeymap"
    if preferred.is_file():
        return preferred
    maps = example_maps()
    if not maps:
        raise FileNotFoundError(f"no example maps in {examples_dir()}")
    return maps[0]
