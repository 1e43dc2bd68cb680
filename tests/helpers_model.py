"""Moved to tests/helpers/maps.py; this name stays for tests written before the move."""

from tests.helpers.maps import *  # noqa: F403
from tests.helpers.maps import FIXED_TIME, journey_maps, rich_map  # noqa: F401
