"""PDF/X-4 for print shops (`--pdfx`): each clause of the standard checked on the produced file
with pikepdf, the colours against littleCMS, the text with pdfminer.six (tests/pdf_probe).

The CMYK output profile: a system one if the machine has it (Debian's Ghostscript profiles from
libgs-common, AGPL: used here, never bundled), else a synthetic one the tests write themselves
(tests/icc_maker.py), so the clauses are checked on every machine, CI included.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pikepdf
import pytest

from journeymap_desktop.cli import main
from journeymap_desktop.export import OptionsError, PdfOptions, export_pdf
from journeymap_desktop.export.colours import SMALL_TEXT_PT
from journeymap_desktop.export.icc import is_cmyk_output_profile, load_profile
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.storage import load_map, save_map
from tests.icc_maker import make_cmyk_profile
from tests.pdf_probe import paint_ops, text_sizes

SYSTEM_ICC = Path("/usr/share/color/icc")
XMP_NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
          "pdf": "http://ns.adobe.com/pdf/1.3/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
          "pdfxid": "http://www.npes.org/pdfx/ns/id/"}


def _system_profile() -> Path | None:
    if not SYSTEM_ICC.is_dir():
        return None
    found = sorted(p for p in SYSTEM_ICC.rglob("*.icc") if is_cmyk_output_profile(p))
    preferred = [p for p in found if p.name == "default_cmyk.icc"]
    return (preferred or found or [None])[0]


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _system_profile() or make_cmyk_profile(
        tmp_path_factory.mktemp("icc") / "test-press.icc")


@pytest.fixture(scope="module")
def grocery(examples_dir_module: Path) -> JourneyMap:
    return load_map(examples_dir_module / "grocery-delivery.journeymap")


@pytest.fixture(scope="module")
def examples_dir_module() -> Path:
    from journeymap_desktop.resources import examples_dir

    return examples_dir()


@pytest.fixture(scope="module")
def pdfx_file(tmp_path_factory: pytest.TempPathFactory, grocery: JourneyMap,
              profile: Path) -> Path:
    out = tmp_path_factory.mktemp("pdfx") / "grocery-x4.pdf"
    export_pdf(grocery, out, PdfOptions(paper="A2", bleed_mm=3, crop_marks=True, pdfx=True,
                                        icc=str(profile)))
    return out


@pytest.fixture(scope="module")
def opened(pdfx_file: Path) -> pikepdf.Pdf:
    return pikepdf.open(pdfx_file)


def _xmp(pdf: pikepdf.Pdf) -> str:
    return pdf.Root.Metadata.read_bytes().decode("utf-8")


def _xmp_value(xmp: str, name: str) -> str:
    found = re.search(rf"<{name}>(.*?)</{name}>", xmp, re.S)
    assert found, f"{name} missing from the XMP"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


# ----- one test per clause ---------------------------------------------------------------------
def test_pdf_version_is_1_6(pdfx_file: Path, opened: pikepdf.Pdf) -> None:
    assert pdfx_file.read_bytes().startswith(b"%PDF-1.6")
    assert opened.pdf_version == "1.6"


def test_output_intent_embeds_the_shops_cmyk_profile(opened: pikepdf.Pdf, profile: Path) -> None:
    intents = opened.Root.OutputIntents
    assert len(intents) == 1
    intent = intents[0]
    assert intent.Type == "/OutputIntent"
    assert intent.S == "/GTS_PDFX"
    assert str(intent.OutputConditionIdentifier)
    embedded = intent.DestOutputProfile
    assert int(embedded.N) == 4
    assert embedded.read_bytes() == profile.read_bytes()


def test_xmp_names_pdfx4_and_matches_the_info_dictionary(opened: pikepdf.Pdf,
                                                         grocery: JourneyMap) -> None:
    xmp = _xmp(opened)
    info = opened.trailer.Info
    assert _xmp_value(xmp, "pdfxid:GTS_PDFXVersion") == "PDF/X-4"
    assert _xmp_value(xmp, "dc:title") == str(info.Title) == grocery.title
    assert _xmp_value(xmp, "pdf:Producer") == str(info.Producer)
    assert _xmp_value(xmp, "xmp:CreatorTool") == str(info.Creator)


def test_dates_match_between_xmp_and_info(opened: pikepdf.Pdf) -> None:
    xmp = _xmp(opened)
    info = opened.trailer.Info

    def from_info(value: object) -> datetime:
        return datetime.strptime(str(value)[2:16], "%Y%m%d%H%M%S")

    def from_xmp(value: str) -> datetime:
        return datetime.strptime(value[:19], "%Y-%m-%dT%H:%M:%S")

    assert from_xmp(_xmp_value(xmp, "xmp:CreateDate")) == from_info(info.CreationDate)
    assert from_xmp(_xmp_value(xmp, "xmp:ModifyDate")) == from_info(info.ModDate)


def test_document_and_instance_ids(opened: pikepdf.Pdf) -> None:
    xmp = _xmp(opened)
    uuid = r"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    document = _xmp_value(xmp, "xmpMM:DocumentID")
    instance = _xmp_value(xmp, "xmpMM:InstanceID")
    assert re.fullmatch(uuid, document)
    assert re.fullmatch(uuid, instance)
    assert document != instance
    assert len(opened.trailer.ID) == 2


def test_trapped_flag_matches(opened: pikepdf.Pdf) -> None:
    assert opened.trailer.Info.Trapped == "/False"
    assert _xmp_value(_xmp(opened), "pdf:Trapped") == "False"


def test_trim_and_bleed_box_on_every_page(opened: pikepdf.Pdf) -> None:
    for page in opened.pages:
        media = [float(v) for v in page.MediaBox]
        bleed = [float(v) for v in page.BleedBox]
        trim = [float(v) for v in page.TrimBox]
        assert media[0] <= bleed[0] <= trim[0] and media[1] <= bleed[1] <= trim[1]
        assert trim[2] <= bleed[2] <= media[2] and trim[3] <= bleed[3] <= media[3]
        assert trim[0] - bleed[0] == pytest.approx(3 * 72 / 25.4, abs=0.01)


def test_every_font_is_embedded_with_a_unique_subset_tag(opened: pikepdf.Pdf) -> None:
    fonts = [obj for obj in opened.objects
             if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"]
    assert fonts
    tags = []
    for font in fonts:
        descriptor = font.FontDescriptor
        assert "/FontFile2" in descriptor, f"{font.BaseFont} is not embedded"
        tag, _, name = str(font.BaseFont)[1:].partition("+")
        assert re.fullmatch("[A-Z]{6}", tag) and name
        assert str(descriptor.FontName) == str(font.BaseFont)
        tags.append(tag)
    assert len(set(tags)) == len(tags)
    assert "AAAAAA" not in tags


def test_subset_tags_differ_between_files(pdfx_file: Path, tmp_path: Path,
                                          small_map: JourneyMap) -> None:
    other = tmp_path / "other.pdf"
    export_pdf(small_map, other, PdfOptions(paper="A3"))

    def tags(path: Path) -> set[str]:
        with pikepdf.open(path) as pdf:
            return {str(o.BaseFont)[1:7] for o in pdf.objects
                    if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font"}

    assert tags(pdfx_file).isdisjoint(tags(other))


def test_not_encrypted(opened: pikepdf.Pdf) -> None:
    assert not opened.is_encrypted
    assert "/Encrypt" not in opened.trailer


def test_no_device_rgb_anywhere(pdfx_file: Path, opened: pikepdf.Pdf) -> None:
    for obj in opened.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") != "/XML" \
                and "/N" not in obj:
            assert b"DeviceRGB" not in obj.read_bytes()
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            assert "/DeviceRGB" not in repr(obj.get("/ColorSpace", ""))
    kinds = {paint.colour[0] for paint in paint_ops(pdfx_file)}
    assert kinds == {"cmyk"}


def test_colours_are_separated_through_the_profile(pdfx_file: Path, profile: Path) -> None:
    """The touchpoint blue as littleCMS separates it for this press (relative colorimetric,
    black-point compensation), not as a formula would."""
    from PIL import Image, ImageCms

    srgb = ImageCms.createProfile("sRGB")
    press = ImageCms.getOpenProfile(str(profile))
    transform = ImageCms.buildTransform(srgb, press, "RGB", "CMYK",
                                        ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    expected = ImageCms.applyTransform(Image.new("RGB", (1, 1), (0x00, 0x72, 0xB2)),
                                       transform).getpixel((0, 0))
    expected = tuple(v / 255 for v in expected)
    naive = (1.0, 0.36, 0.0, 0.3)  # what the device formula gives for #0072B2
    fills = {paint.colour[1] for paint in paint_ops(pdfx_file) if paint.kind == "fill"}
    assert any(all(abs(a - b) < 0.003 for a, b in zip(f, expected, strict=True))
               for f in fills)
    assert not any(all(abs(a - b) < 0.01 for a, b in zip(f, naive, strict=True))
                   for f in fills)


def test_small_text_prints_solid_black_and_overprints(pdfx_file: Path) -> None:
    texts = [p for p in paint_ops(pdfx_file) if p.kind == "text"]
    small = [p for p in texts if p.size <= SMALL_TEXT_PT + 1e-6]
    assert len(small) >= 10
    for paint in small:
        assert paint.colour == ("cmyk", (0.0, 0.0, 0.0, 1.0))
        assert paint.overprint
        assert paint.overprint_mode == 1


def test_rich_black_only_on_large_areas_and_ink_within_the_limit(pdfx_file: Path,
                                                                  profile: Path) -> None:
    limit = load_profile(profile).ink_limit
    for paint in paint_ops(pdfx_file):
        values = paint.colour[1]
        if paint.kind == "stroke" and values == (1.0, 1.0, 1.0, 1.0):
            continue  # registration colour: the crop marks outside the trim, on every plate
        assert sum(values) <= limit + 0.01, paint
        if paint.kind == "text":
            c, m, y, k = values
            assert c + m + y == 0 or k < 0.5, "text never mixes a rich black"


def test_crop_marks_are_the_only_registration_colour(pdfx_file: Path) -> None:
    registration = [p for p in paint_ops(pdfx_file) if p.colour[1] == (1.0, 1.0, 1.0, 1.0)]
    assert registration
    assert {p.kind for p in registration} == {"stroke"}


def test_text_inside_the_trim_is_at_least_the_minimum(pdfx_file: Path) -> None:
    sizes = [t.size for t in text_sizes(pdfx_file) if t.inside_trim]
    assert min(sizes) >= 9.0 - 0.01


# ----- getting a profile -------------------------------------------------------------------------
def test_without_a_profile_pdfx_is_a_one_line_error(tmp_path: Path, small_map: JourneyMap,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from journeymap_desktop.export import icc

    monkeypatch.setattr(icc, "colour_folders", lambda: [tmp_path / "none"])
    path = tmp_path / "map.journeymap"
    save_map(small_map, path, keep_backup=False)
    out = tmp_path / "x.pdf"
    assert main(["export", str(path), "-o", str(out), "--pdfx"]) == 1
    error = capsys.readouterr().err.strip()
    assert "\n" not in error
    assert "--icc" in error and "print shop" in error and "eci.org" in error
    assert not out.exists()


def test_a_profile_found_on_the_system_is_used_and_named(tmp_path: Path, profile: Path,
                                                        small_map: JourneyMap,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from journeymap_desktop.export import icc

    monkeypatch.setattr(icc, "colour_folders", lambda: [profile.parent])
    result = export_pdf(small_map, tmp_path / "x.pdf", PdfOptions(pdfx=True))
    assert any(str(profile.parent) in note for note in result.notes)


@pytest.mark.parametrize("content", [b"", b"not a profile at all" * 10])
def test_a_file_that_is_no_cmyk_output_profile_is_refused(tmp_path: Path, content: bytes,
                                                          small_map: JourneyMap) -> None:
    bad = tmp_path / "bad.icc"
    bad.write_bytes(content)
    with pytest.raises(OptionsError, match="not a CMYK output"):
        export_pdf(small_map, tmp_path / "x.pdf", PdfOptions(pdfx=True, icc=str(bad)))
    assert not (tmp_path / "x.pdf").exists()


def test_pdfx_is_for_single_page_posters() -> None:
    with pytest.raises(OptionsError, match="single-page posters"):
        PdfOptions(pdfx=True, handout=True)
    with pytest.raises(OptionsError, match="single-page posters"):
        PdfOptions(pdfx=True, tile="A4")
