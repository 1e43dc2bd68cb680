"""Entry point of the frozen app (PyInstaller): the same as the `journeymap` command."""

import os
import sys


def _coerce_c_locale() -> None:
    """Do what CPython's own `python` program does in the C locale (PEP 538) and a frozen app
    skips: use C.UTF-8 for character types. Qt needs a UTF-8 locale and otherwise switches by
    itself with a warning on stderr (seen when started from a bare environment, `env -i`)."""
    if os.environ.get("LC_ALL"):
        return  # chosen explicitly: leave it, as CPython does
    ctype = os.environ.get("LC_CTYPE") or os.environ.get("LANG") or "C"
    if ctype in ("C", "POSIX"):
        os.environ["LC_CTYPE"] = "C.UTF-8"


if __name__ == "__main__":
    _coerce_c_locale()
    from journeymap_desktop.cli import main

    sys.exit(main())
