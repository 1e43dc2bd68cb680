"""Scene items, one module per kind. Items read their data from the document by id."""
