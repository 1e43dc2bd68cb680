"""Loading, atomic saving, migrations and recovery drafts of `.journeymap` files. No Qt here."""

from journeymap_desktop.storage.codec import decode_map, dumps_map, encode_map, loads_map
from journeymap_desktop.storage.errors import LoadError, SaveError
from journeymap_desktop.storage.files import (
    FILE_SUFFIX,
    FileStamp,
    changed_on_disk,
    load_map,
    load_map_with_stamp,
    save_map,
)

__all__ = [
    "FILE_SUFFIX",
    "FileStamp",
    "LoadError",
    "SaveError",
    "changed_on_disk",
    "decode_map",
    "dumps_map",
    "encode_map",
    "load_map",
    "load_map_with_stamp",
    "loads_map",
    "save_map",
]
