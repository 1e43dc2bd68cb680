"""Readers and writers of other tools' files (design note to follow)."""
