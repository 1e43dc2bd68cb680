"""Moved to tests/helpers/pdf.py (reading PDFs) and tests/helpers/maps.py (the sample maps);
this name stays for tests written before the move. No tests in here."""

from tests.helpers.maps import (  # noqa: F401
    RTL_TITLES,
    SYMBOL_TITLES,
    UNICODE_TITLES,
    long_text_map,
    unicode_map,
)
from tests.helpers.pdf import *  # noqa: F403
from tests.helpers.pdf import MM, all_text, box, fonts, normalised, operators, page_texts  # noqa: F401
