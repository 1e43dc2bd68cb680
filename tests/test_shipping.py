"""Smoke test of what ships: the frozen one-folder app and the Debian package.

These tests build the app with packaging/build.sh (a few minutes), so they only run when asked:

    JOURNEYMAP_SHIP_TESTS=1 python -m pytest -m ships          build, then test (CI does this)
    JOURNEYMAP_SHIP_TESTS=prebuilt python -m pytest -m ships   test dist/ as it is

The frozen app runs in a bare environment (`env -i`, a minimal PATH, a fresh HOME): no Python,
no virtual environment, none of the developer's settings.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeymap_desktop import __version__

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "dist"
SHIP_TESTS_ENV = "JOURNEYMAP_SHIP_TESTS"
MINIMAL_PATH = "/usr/bin:/bin"
UNPACKED_LIMIT_MB = 150
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# What the app may take from the system rather than carry: libc, OpenGL/EGL (the user's
# driver), Wayland's client libraries and libxcb (the user's display server).
SYSTEM_PACKAGES = {"libc6", "libegl1", "libgl1", "libglvnd0", "libglx0", "libwayland-client0",
                   "libwayland-cursor0", "libwayland-egl1", "libxcb1"}

pytestmark = [
    pytest.mark.ships,
    pytest.mark.skipif(os.environ.get(SHIP_TESTS_ENV, "") in ("", "0"),
                       reason=f"builds the frozen app and the .deb (minutes); set "
                              f"{SHIP_TESTS_ENV}=1 to run (CI does), or =prebuilt to test dist/"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux build only"),
]


@dataclass(frozen=True)
class Shipped:
    app: Path
    executable: Path
    deb: Path
    tarball: Path
    build_seconds: float | None


@pytest.fixture(scope="session")
def shipped(request: pytest.FixtureRequest) -> Shipped:
    build_seconds = None
    if os.environ.get(SHIP_TESTS_ENV) != "prebuilt":
        env = {name: value for name, value in os.environ.items()
               if not name.startswith(("QT_", "PYTEST", "JOURNEYMAP_"))}
        # The interpreter under this virtual environment: the build makes its own environment.
        env["PYTHON"] = getattr(sys, "_base_executable", sys.executable)
        started = time.monotonic()
        result = subprocess.run(["bash", str(REPO / "packaging" / "build.sh"),
                                 "--with-test-tools"], cwd=REPO, env=env, capture_output=True,
                                text=True, timeout=1800, check=False)
        build_seconds = time.monotonic() - started
        if result.returncode != 0:
            pytest.fail(f"packaging/build.sh failed ({result.returncode}):\n"
                        f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
        # How long the build takes matters to CI's time budget: show it in the log.
        capture = request.config.pluginmanager.getplugin("capturemanager")
        with capture.global_and_fixture_disabled():
            print(f"\nship tests: packaging/build.sh took {build_seconds:.0f} s\n"
                  + "\n".join(line for line in result.stdout.splitlines()
                              if line.startswith("build.sh:")))
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    app = DIST / "journeymap"
    shipped = Shipped(app=app, executable=app / "journeymap",
                      deb=DIST / f"journeymap_{__version__}_{arch}.deb",
                      tarball=DIST / f"journeymap-{__version__}-linux-{os.uname().machine}.tar.gz",
                      build_seconds=build_seconds)
    for path in (shipped.executable, shipped.deb, shipped.tarball):
        assert path.is_file(), f"the build did not make {path}"
    return shipped


@pytest.fixture
def bare_home(tmp_path: Path) -> Path:
    home = tmp_path / "fresh-home"
    home.mkdir()
    return home


def run_bare(shipped: Shipped, home: Path, *args: str, extra_env: dict[str, str] | None = None,
             timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The frozen app in a bare environment: `env -i PATH=/usr/bin:/bin HOME=<fresh>`."""
    env = ["env", "-i", f"PATH={MINIMAL_PATH}", f"HOME={home}",
           *(f"{key}={value}" for key, value in (extra_env or {}).items())]
    return subprocess.run([*env, str(shipped.executable), *args], cwd=home,
                          capture_output=True, text=True, timeout=timeout, check=False)


def bundled_examples(shipped: Shipped) -> list[Path]:
    """The example maps inside the frozen app, where resources.py finds them."""
    examples = sorted((shipped.app / "_internal" / "journeymap_desktop" / "resources"
                       / "examples").glob("*.journeymap"))
    in_the_repo = sorted(path.name for path in (REPO / "resources" / "examples").glob(
        "*.journeymap"))
    assert [path.name for path in examples] == in_the_repo, examples
    return examples


# ----- the frozen app ----------------------------------------------------------------------------
def test_prints_its_version(shipped: Shipped, bare_home: Path) -> None:
    result = run_bare(shipped, bare_home, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"journeymap {__version__}"
    assert result.stderr == ""


def test_version_loads_its_own_python_and_no_qt(shipped: Shipped, bare_home: Path) -> None:
    """`--version` is a light command in the frozen app too: the dynamic loader's own log
    (LD_DEBUG=libs) shows the bundled libpython and no Qt library at all."""
    result = run_bare(shipped, bare_home, "--version", extra_env={"LD_DEBUG": "libs"})
    assert result.returncode == 0
    assert result.stdout.strip() == f"journeymap {__version__}"
    loaded = re.findall(r"calling init: (\S+)", result.stderr)
    pythons = [path for path in loaded if "libpython" in path]
    assert pythons and all(Path(path).is_relative_to(shipped.app) for path in pythons), pythons
    assert not [path for path in loaded if "libQt6" in path or "pyside" in path.lower()]


def test_validates_every_bundled_example(shipped: Shipped, bare_home: Path) -> None:
    examples = bundled_examples(shipped)
    result = run_bare(shipped, bare_home, "validate", *map(str, examples))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(examples)
    for example, line in zip(examples, lines, strict=True):
        assert line.startswith(f"{example}: OK ("), line
    assert result.stderr == ""


def test_validate_refuses_a_damaged_map(shipped: Shipped, bare_home: Path) -> None:
    damaged = bare_home / "damaged.journeymap"
    damaged.write_text('{"format": "journeymap", "version": 1, "title": ')
    result = run_bare(shipped, bare_home, "validate", str(damaged))
    assert result.returncode == 1
    assert "damaged.journeymap" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def _pdf_text(path: Path) -> tuple[int, str, set[str]]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    fonts: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        for font in (font_dict.get_object().values() if font_dict else []):
            fonts.add(str(font.get_object().get("/BaseFont")))
    return len(reader.pages), text, fonts


def _title(example: Path) -> str:
    import json

    return str(json.loads(example.read_text(encoding="utf-8"))["title"])


def test_exports_a_poster(shipped: Shipped, bare_home: Path) -> None:
    example = bundled_examples(shipped)[0]
    out = bare_home / "poster.pdf"
    result = run_bare(shipped, bare_home, "export", str(example), "-o", str(out),
                      "--paper", "A1", "--bleed", "3", "--crop-marks")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: A1"), result.stdout
    pages, text, fonts = _pdf_text(out)
    assert pages == 1
    assert _title(example).split(":")[0] in text
    # The bundled font, embedded (subset names look like ABCDEF+NotoSans-Regular).
    assert any("NotoSans" in font for font in fonts), fonts


def test_exports_a_handout(shipped: Shipped, bare_home: Path) -> None:
    example = bundled_examples(shipped)[1]
    out = bare_home / "handout.pdf"
    result = run_bare(shipped, bare_home, "export", str(example), "-o", str(out), "--handout")
    assert result.returncode == 0, result.stderr
    pages, text, fonts = _pdf_text(out)
    assert pages >= 4, pages
    assert _title(example).split(":")[0] in text
    assert any("NotoSans" in font for font in fonts), fonts


def test_exports_an_svg_once_the_cli_offers_it(shipped: Shipped, bare_home: Path) -> None:
    """SVG export is being added alongside; this check starts to run as soon as the frozen
    app's `export --help` mentions SVG, and from then on must pass."""
    usage = run_bare(shipped, bare_home, "export", "--help")
    assert usage.returncode == 0, usage.stderr
    if "svg" not in usage.stdout.lower():
        pytest.skip("this build's `journeymap export` has no SVG output yet")
    example = bundled_examples(shipped)[0]
    out = bare_home / "poster.svg"
    result = run_bare(shipped, bare_home, "export", str(example), "-o", str(out))
    assert result.returncode == 0, result.stderr
    root = ET.parse(out).getroot()
    assert root.tag in ("svg", "{http://www.w3.org/2000/svg}svg"), root.tag
    words = _title(example).split(":")[0].split()
    svg_text = " ".join(" ".join(element.itertext()) for element in root.iter())
    assert all(word in svg_text for word in words), words


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    """A virtual X screen of its own (Xvfb picks a free display number)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.fail("Xvfb is missing (packaging/build.sh --with-test-tools installs it as root)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0",
                               "1600x1000x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_opens_a_window_and_quits_cleanly(shipped: Shipped, bare_home: Path,
                                          xvfb_display: str) -> None:
    """A real X11 window on an example: the canvas paints, the app closes its window and
    exits 0, and prints nothing on stderr (no Qt warning, no traceback, no crash)."""
    example = bundled_examples(shipped)[1]
    started = time.time()
    result = run_bare(shipped, bare_home, str(example), timeout=90, extra_env={
        "DISPLAY": xvfb_display, "JOURNEYMAP_QUIT_AFTER_FIRST_PAINT": "1"})
    assert result.returncode == 0, f"exit status {result.returncode}: {result.stderr}"
    assert result.stderr == ""
    match = re.search(r"first-paint-epoch=([\d.]+)", result.stdout)
    assert match, result.stdout
    assert started < float(match.group(1)) < time.time()
    # It closed like a user closing an untouched map: no recovery draft left behind.
    drafts = list(bare_home.rglob("recovery/*"))
    assert drafts == [], drafts


def test_is_lean_and_needs_no_python(shipped: Shipped) -> None:
    internal = shipped.app / "_internal"
    names = {path.name for path in internal.rglob("*")}
    for unwanted in ("QtWebEngineCore", "QtQml", "QtQuick", "QtNetwork", "QtPdf", "libqgtk3",
                     "tkinter", "_tkinter"):
        assert not any(unwanted in name for name in names), unwanted
    assert not any(internal.rglob("translations")), "Qt's translations are not needed"
    plugins = {path.parent.name for path in (internal / "PySide6").rglob("plugins/*/*")}
    assert plugins <= {"platforms", "platforminputcontexts", "iconengines", "imageformats",
                       "xcbglintegrations", "wayland-shell-integration",
                       "wayland-decoration-client", "wayland-graphics-integration-client"}
    assert {"platforms", "iconengines", "imageformats"} <= plugins
    fonts = {path.name for path in internal.rglob("journeymap_desktop/resources/fonts/*.ttf")}
    assert {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"} <= fonts
    size_mb = sum(p.stat().st_size for p in shipped.app.rglob("*")
                  if p.is_file() and not p.is_symlink()) / 1e6
    assert size_mb < UNPACKED_LIMIT_MB, f"{size_mb:.0f} MB unpacked"
    # Everything it loads comes from the folder, but for the display and graphics libraries.
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import make_deb
    finally:
        sys.path.remove(str(REPO / "packaging"))
    outside = make_deb.external_libraries(shipped.app)
    assert not any("python" in lib.name for lib in outside), outside
    assert {make_deb.package_of(lib) for lib in outside} <= SYSTEM_PACKAGES, outside


def test_tarball_holds_the_app_folder(shipped: Shipped) -> None:
    with tarfile.open(shipped.tarball) as archive:
        members = {member.name: member for member in archive.getmembers()}
    executable = members["journeymap/journeymap"]
    assert executable.mode & 0o111 and executable.uid == 0
    expected = {str(p.relative_to(shipped.app.parent)) for p in shipped.app.rglob("*")}
    assert expected <= set(members)


# ----- the Debian package ------------------------------------------------------------------------
def _deb(*args: str) -> str:
    return subprocess.run(["dpkg-deb", *args], capture_output=True, text=True,
                          check=True).stdout


def test_deb_metadata(shipped: Shipped) -> None:
    info = _deb("--info", str(shipped.deb))
    fields = dict(re.findall(r"^ ([A-Z][\w-]+): (.*)$", info, flags=re.MULTILINE))
    assert fields["Package"] == "journeymap"
    assert fields["Version"] == __version__
    assert fields["Architecture"] == subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    depends = {item.split()[0] for item in fields["Depends"].split(", ")}
    assert "libc6" in depends and depends <= SYSTEM_PACKAGES, depends
    assert re.match(r"libc6 \(>= 2\.\d+\)", fields["Depends"]), fields["Depends"]
    assert int(fields["Installed-Size"]) > 50_000  # KiB: the whole app is in there
    assert "shared-mime-info" in fields["Recommends"]
    # No maintainer scripts: dpkg's triggers refresh the MIME, desktop and icon caches.
    assert not re.search(r"\b(postinst|postrm|preinst|prerm)\b", info)


def test_deb_contents(shipped: Shipped) -> None:
    listing = _deb("--contents", str(shipped.deb)).splitlines()
    entries = {}
    for line in listing:
        mode, owner, _size, _date, _time, path, *link = line.split(maxsplit=6)
        entries[path.removeprefix(".")] = (mode, owner, link)
    assert all(owner == "root/root" for _mode, owner, _link in entries.values())
    assert all(path.startswith(("/opt/journeymap", "/usr/")) or path in ("/", "/opt/")
               for path in entries), sorted(entries)[:5]
    assert entries["/opt/journeymap/journeymap"][0] == "-rwxr-xr-x"
    assert entries["/usr/bin/journeymap"][2] == ["-> /opt/journeymap/journeymap"]
    share = "/usr/share"
    for path in (f"{share}/applications/journeymap.desktop",
                 f"{share}/mime/packages/journeymap.xml",
                 f"{share}/icons/hicolor/scalable/apps/journeymap.svg",
                 f"{share}/icons/hicolor/scalable/mimetypes/application-x-journeymap.svg",
                 f"{share}/doc/journeymap/copyright", f"{share}/doc/journeymap/changelog.gz",
                 f"{share}/man/man1/journeymap.1.gz", f"{share}/lintian/overrides/journeymap"):
        assert entries[path][0] == "-rw-r--r--", path
    for size in ICON_SIZES:
        for kind, name in (("apps", "journeymap"), ("mimetypes", "application-x-journeymap")):
            assert f"{share}/icons/hicolor/{size}x{size}/{kind}/{name}.png" in entries
    # The app folder inside is the one the tests above ran.
    inside = {path.removeprefix("/opt/journeymap/") for path in entries
              if path.startswith("/opt/journeymap/") and not path.endswith("/")}
    built = {str(p.relative_to(shipped.app)) for p in shipped.app.rglob("*") if not p.is_dir()}
    assert inside == built


def test_deb_file_association(shipped: Shipped, tmp_path: Path) -> None:
    subprocess.run(["dpkg-deb", "-x", str(shipped.deb), str(tmp_path)], check=True)
    share = tmp_path / "usr" / "share"
    desktop = (share / "applications" / "journeymap.desktop").read_text()
    assert "\nExec=journeymap %f\n" in desktop
    assert "\nMimeType=application/x-journeymap;\n" in desktop
    assert "\nIcon=journeymap\n" in desktop
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate",
                                str(share / "applications" / "journeymap.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(share / "mime" / "packages" / "journeymap.xml").getroot()
    mime = root.find("m:mime-type", ns)
    assert mime is not None and mime.get("type") == "application/x-journeymap"
    globs = [glob.get("pattern") for glob in mime.findall("m:glob", ns)]
    assert globs == ["*.journeymap"]
    png = share / "icons" / "hicolor" / "48x48" / "mimetypes" / "application-x-journeymap.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.read_bytes()[16:24] == (48).to_bytes(4, "big") * 2  # IHDR width, height
