"""JourneyMap Desktop: an offline editor for customer journey maps."""

__version__ = "0.1.0"
APP_NAME = "JourneyMap"
ORGANIZATION = "JourneyMap Desktop"

# Load the model (and with it every lazily-imported part of pydantic) before any submodule
# imports PySide6: PySide6's import hook inspects modules imported after it, and doing so on a
# half-loaded pydantic raises a circular ImportError ("import journeymap_desktop.document").
from journeymap_desktop.model import map as _model  # noqa: E402, F401
