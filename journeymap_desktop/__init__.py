"""JourneyMap Desktop: an offline editor for customer journey maps."""

import sys

__version__ = "0.1.0"
APP_NAME = "JourneyMap"
ORGANIZATION = "JourneyMap Desktop"


class _LoadModelBeforeQt:
    """Loads the model (and with it every lazily imported part of pydantic) just before the
    first import of PySide6.

    PySide6's import hook inspects modules imported after it, and doing so on a half-loaded
    pydantic raises a circular ImportError ("import journeymap_desktop.document"). Loading the
    model here, when the package is imported, would cost the light commands (`--version`,
    `--help`) ~0.15-0.3 s of pydantic model building, so it waits for Qt.
    A meta path finder that never finds anything: it only runs once, then steps aside.
    """

    @classmethod
    def find_spec(cls, name: str, path: object = None, target: object = None) -> None:
        if name.partition(".")[0] == "PySide6" and cls in sys.meta_path:
            sys.meta_path.remove(cls)
            import journeymap_desktop.model.map  # noqa: F401


if "PySide6" not in sys.modules:
    sys.meta_path.insert(0, _LoadModelBeforeQt)
