"""Scene items, one module per kind. Items read their data from the document by id."""

# USER_TYPE: the first item type free for applications (missing from PySide6's
# type stubs, so spelled out here).
USER_TYPE = 65536
