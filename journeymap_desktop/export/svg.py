"""The SVG renderer of the display list (layout.display): text stays text.

Each line is a <text> element in the bundled fonts, named and embedded (a subset: see
svgfont), so it can be searched and selected. Every word is placed at the x the one measurer
gave it, so a viewer's own text layout (kerning, hinting, a different font if it ignores
@font-face, as librsvg does) can only move letters inside a word: lines break at the same words
and stay inside their cards in every viewer. Lines that contain right-to-left text are already in
visual order (layout.textruns) and drawn with bidi-override, so viewers do not reorder them
again.

Map text is data: it is escaped for XML, never markup, and characters XML cannot hold are left
out.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from journeymap_desktop.export.svgfont import subset_font
from journeymap_desktop.layout import shapes, theme, typeface
from journeymap_desktop.layout.display import (
    Area,
    Bar,
    Box,
    Curve,
    Dots,
    Face,
    Group,
    Item,
    Lines,
    Marker,
    Star,
    Text,
)
from journeymap_desktop.layout.textruns import visual_text
from journeymap_desktop.layout.theme import Role

HAIRLINE = 1.0  # one pixel when the SVG is shown at 100 %, as on the canvas
_WORDS = re.compile(r" +|[^ ]+ *")
# Characters XML 1.0 cannot contain (controls, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def number(value: float) -> str:
    """A coordinate, short: two decimals at most, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _colour(role: str) -> str:
    # Through hex_to_rgb and back: whatever a role resolves to, only #RRGGBB is written.
    return theme.rgb_to_hex(theme.hex_to_rgb(theme.colour(role)))


def xml_text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _family(face: typeface.FontFace) -> str:
    return f"'{face.family}'"


class SvgRenderer:
    """Collects SVG elements for display lists; `document()` wraps them into a file."""

    def __init__(self, embed_fonts: bool = True) -> None:
        self.embed_fonts = embed_fonts
        self.parts: list[str] = []
        self._faces_defined: set[tuple[float, float]] = set()
        self._defs: list[str] = []
        self._used: dict[str, set[int]] = {}  # face name -> code points drawn

    # ----- the list ----------------------------------------------------------------------------
    def draw(self, items: Iterable[Item]) -> None:
        out = self.parts
        for item in items:
            kind = type(item)
            if kind is Text:
                self._text(item)  # type: ignore[arg-type]
            elif kind is Group:
                group: Group = item  # type: ignore[assignment]
                out.append(f'<g transform="translate({number(group.dx)} {number(group.dy)})">')
                self.draw(group.items)
                out.append("</g>")
            elif kind is Box:
                self._box(item)  # type: ignore[arg-type]
            elif kind is Bar:
                self._bar(item)  # type: ignore[arg-type]
            elif kind is Face:
                self._face(item)  # type: ignore[arg-type]
            elif kind is Marker:
                self._marker(item)  # type: ignore[arg-type]
            elif kind is Star:
                star: Star = item  # type: ignore[assignment]
                points = " ".join(f"{number(x)},{number(y)}" for x, y in
                                  shapes.star((star.cx, star.cy), star.radius))
                out.append(f'<polygon points="{points}" fill="{_colour(Role.MOMENT_OF_TRUTH)}" '
                           f'stroke="{_colour(Role.STAR_OUTLINE)}" '
                           f'stroke-width="{number(shapes.STAR_OUTLINE_WIDTH)}" '
                           f'stroke-linejoin="round"/>')
            elif kind is Dots:
                dots: Dots = item  # type: ignore[assignment]
                fill = _colour(dots.colour)
                out += [f'<circle cx="{number(x)}" cy="{number(y)}" r="{number(dots.radius)}" '
                        f'fill="{fill}"/>' for x, y in dots.centres]
            elif kind is Lines:
                self._lines(item)  # type: ignore[arg-type]
            elif kind is Curve:
                self._curve(item)  # type: ignore[arg-type]
            elif kind is Area:
                self._area(item)  # type: ignore[arg-type]

    # ----- shapes ------------------------------------------------------------------------------
    def _box(self, box: Box) -> None:
        attributes = [f'x="{number(box.x)}" y="{number(box.y)}" width="{number(box.w)}" '
                      f'height="{number(box.h)}"']
        if box.radius:
            attributes.append(f'rx="{number(box.radius)}"')
        attributes.append(f'fill="{_colour(box.fill)}"' if box.fill else 'fill="none"')
        if box.stroke is not None:
            attributes.append(f'stroke="{_colour(box.stroke)}" '
                              f'stroke-width="{number(box.stroke_width or HAIRLINE)}"')
        self.parts.append(f"<rect {' '.join(attributes)}/>")

    def _bar(self, bar: Bar) -> None:
        """The left edge of a rounded box, as one path (the rounded corners' arcs cut at the
        bar's width)."""
        x, y, w, h = bar.x, bar.y, bar.bar_width, bar.h
        r = min(bar.radius, bar.w / 2, h / 2)
        if r <= 0:
            d = f"M{number(x)} {number(y)}h{number(w)}v{number(h)}h{number(-w)}z"
        elif w >= r:
            d = (f"M{number(x + r)} {number(y)}H{number(x + w)}V{number(y + h)}"
                 f"H{number(x + r)}A{number(r)} {number(r)} 0 0 1 {number(x)} {number(y + h - r)}"
                 f"V{number(y + r)}A{number(r)} {number(r)} 0 0 1 {number(x + r)} {number(y)}z")
        else:
            cut = r - (r * r - (r - w) ** 2) ** 0.5  # where the corner's arc meets x + w
            d = (f"M{number(x + w)} {number(y + cut)}A{number(r)} {number(r)} 0 0 0 "
                 f"{number(x)} {number(y + r)}V{number(y + h - r)}A{number(r)} {number(r)} 0 0 0 "
                 f"{number(x + w)} {number(y + h - cut)}z")
        self.parts.append(f'<path d="{d}" fill="{_colour(bar.fill)}"/>')

    def _face(self, face: Face) -> None:
        key = (face.tone, face.radius)
        name = f"face{round(face.tone * 100)}r{number(face.radius).replace('.', '_')}"
        if key not in self._faces_defined:
            self._faces_defined.add(key)
            r = face.radius
            geometry = shapes.face(face.tone)
            ink = _colour(Role.INK)
            m = shapes.scaled_cubic(geometry.mouth, (0, 0), r)
            strokes = (f"M{number(m.start[0])} {number(m.start[1])}"
                       f"C{number(m.control1[0])} {number(m.control1[1])} "
                       f"{number(m.control2[0])} {number(m.control2[1])} "
                       f"{number(m.end[0])} {number(m.end[1])}")
            for start, end in geometry.brows:
                strokes += (f"M{number(start[0] * r)} {number(start[1] * r)}"
                            f"L{number(end[0] * r)} {number(end[1] * r)}")
            eyes = "".join(f'<circle cx="{number(ex * r)}" cy="{number(ey * r)}" '
                           f'r="{number(er * r)}" fill="{ink}"/>'
                           for (ex, ey), er in geometry.eyes)
            self._defs.append(
                f'<g id="{name}"><circle r="{number(r)}" '
                f'fill="{_colour(Role.emotion(face.tone))}" stroke="{ink}" '
                f'stroke-width="{number(shapes.face_outline_width(r))}"/>{eyes}'
                f'<path d="{strokes}" fill="none" stroke="{ink}" '
                f'stroke-width="{number(geometry.stroke * r)}" stroke-linecap="round"/></g>')
        self.parts.append(f'<use href="#{name}" x="{number(face.cx)}" y="{number(face.cy)}"/>')

    def _marker(self, marker: Marker) -> None:
        fill = _colour(Role.kind(marker.kind))
        outline = shapes.kind_marker(marker.kind, (marker.cx, marker.cy), marker.radius)
        if outline is None:
            self.parts.append(f'<circle cx="{number(marker.cx)}" cy="{number(marker.cy)}" '
                              f'r="{number(marker.radius)}" fill="{fill}"/>')
        else:
            points = " ".join(f"{number(x)},{number(y)}" for x, y in outline)
            self.parts.append(f'<polygon points="{points}" fill="{fill}"/>')

    def _lines(self, lines: Lines) -> None:
        if not lines.segments:
            return
        width = lines.width or HAIRLINE
        d = "".join(f"M{number(x1)} {number(y1)}L{number(x2)} {number(y2)}"
                    for x1, y1, x2, y2 in lines.segments)
        dash = (f' stroke-dasharray="{number(lines.dash[0] * width)} '
                f'{number(lines.dash[1] * width)}"' if lines.dash else "")
        self.parts.append(f'<path d="{d}" fill="none" stroke="{_colour(lines.colour)}" '
                          f'stroke-width="{number(width)}"{dash}/>')

    def _curve(self, curve: Curve) -> None:
        if not curve.segments:
            return
        first = curve.segments[0].start
        d = [f"M{number(first[0])} {number(first[1])}"]
        for s in curve.segments:
            d.append(f"C{number(s.control1[0])} {number(s.control1[1])} "
                     f"{number(s.control2[0])} {number(s.control2[1])} "
                     f"{number(s.end[0])} {number(s.end[1])}")
        dash = (' stroke-dasharray="' + " ".join(number(v * curve.width) for v in curve.dash)
                + '"' if curve.dash else "")
        self.parts.append(f'<path d="{"".join(d)}" fill="none" stroke="{_colour(curve.colour)}" '
                          f'stroke-width="{number(curve.width)}" stroke-linecap="round" '
                          f'stroke-linejoin="round"{dash}/>')

    def _area(self, area: Area) -> None:
        if not area.outline:
            return
        first = area.outline[0].start
        d = [f"M{number(first[0])} {number(first[1])}"]
        for s in area.outline:
            d.append(f"C{number(s.control1[0])} {number(s.control1[1])} "
                     f"{number(s.control2[0])} {number(s.control2[1])} "
                     f"{number(s.end[0])} {number(s.end[1])}")
        self.parts.append(f'<path d="{"".join(d)}Z" fill="{_colour(area.colour)}" '
                          f'fill-opacity="{number(area.opacity)}"/>')

    # ----- text --------------------------------------------------------------------------------
    def _text(self, line: Text) -> None:
        drawn = visual_text(line.text, line.bold)
        if not drawn.runs:
            return
        x = line.x
        spans = []
        primary = typeface.pair(line.bold).primary
        for run in drawn.runs:
            face = typeface.face(run.font)
            self._used.setdefault(run.font, set()).update(map(ord, run.text))
            family = "" if face is primary else f" font-family={quoteattr(_family(face))}"
            for match in _WORDS.finditer(run.text):
                word = match.group()
                spans.append(f'<tspan x="{number(x)}"{family}>{xml_text(word)}</tspan>')
                x += face.advance(word, line.size)
        weight = ' font-weight="bold"' if line.bold else ""
        attributes = (f'y="{number(line.baseline)}" font-size="{number(line.size)}"{weight} '
                      f'fill="{_colour(line.colour)}"')
        label = (f" aria-label={quoteattr(_NOT_XML.sub('', drawn.actual))}" if drawn.actual
                 else "")
        self.parts.append(f'<text xml:space="preserve" {attributes}{label}>{"".join(spans)}</text>')

    # ----- the file ----------------------------------------------------------------------------
    def _font_faces(self) -> str:
        rules = []
        for name, codes in sorted(self._used.items()):
            face = typeface.face(name)
            data = base64.b64encode(subset_font(face, codes)).decode("ascii")
            rules.append(f"@font-face{{font-family:{_family(face)};"
                         f"font-weight:{700 if face.bold else 400};font-style:normal;"
                         f"src:url(data:font/ttf;base64,{data}) format('truetype')}}")
        return "\n".join(rules)

    def document(self, width: float, height: float, title: str, description: str = "") -> str:
        """The whole SVG file: `width` × `height` layout units, shown as that many pixels."""
        primary = typeface.pair(False).primary
        fallback = typeface.pair(False).fallback
        style = ("text{font-kerning:none;font-variant-ligatures:none;white-space:pre;"
                 "unicode-bidi:bidi-override;direction:ltr;text-rendering:geometricPrecision}")
        fonts = self._font_faces() if self.embed_fonts else ""
        head = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
            f'width="{number(width)}" height="{number(height)}" '
            f'viewBox="0 0 {number(width)} {number(height)}" '
            f"font-family={quoteattr(f'{_family(primary)}, {_family(fallback)}, sans-serif')} "
            'direction="ltr" unicode-bidi="bidi-override">',
            f"<title>{xml_text(title)}</title>",
        ]
        if description:
            head.append(f"<desc>{xml_text(description)}</desc>")
        head.append(f"<style>\n{fonts}\n{style}\n</style>")
        if self._defs:
            head.append(f"<defs>{''.join(self._defs)}</defs>")
        return "\n".join([*head, *self.parts, "</svg>", ""])


def svg_document(items: list[Item], width: float, height: float, title: str,
                 description: str = "", embed_fonts: bool = True) -> str:
    renderer = SvgRenderer(embed_fonts)
    renderer.draw(items)
    return renderer.document(width, height, title, description)
