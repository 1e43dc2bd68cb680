"""The display list drawn with a QPainter: canvas items and PNG files (QtGui only, no widgets).

Imported by the canvas, and by the PNG export only when a PNG is written, so the command line's
PDF and SVG exports never load Qt.
"""
