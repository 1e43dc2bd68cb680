"""Build the Debian package from the frozen one-folder app, with dpkg-deb only.

    python3 packaging/make_deb.py --app dist/journeymap --icons build/icons \
        --version 0.1.0 --work build/deb --out dist

writes dist/journeymap_VERSION_ARCH.deb, which installs:

    /opt/journeymap/                       the frozen app (journeymap + _internal/)
    /usr/bin/journeymap                    -> /opt/journeymap/journeymap
    /usr/share/applications/journeymap.desktop
    /usr/share/mime/packages/journeymap.xml            application/x-journeymap, *.journeymap
    /usr/share/icons/hicolor/NxN/{apps,mimetypes}/     the icon at the usual sizes, and as SVG
    /usr/share/doc/journeymap/, /usr/share/man/man1/journeymap.1.gz, lintian overrides

No maintainer scripts: the MIME database, the desktop-file cache and the icon caches are
refreshed by the dpkg file triggers of shared-mime-info, desktop-file-utils and
hicolor-icon-theme, on install and on removal alike, which is how Debian packages do it now.
The Depends line lists the packages of the shared libraries the app needs but does not carry
(found with ldd), and the glibc version its binaries were linked against.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

PACKAGE = "journeymap"
HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
MIME_ICON = "application-x-journeymap"
DESCRIPTION = """\
offline editor for customer journey maps
 JourneyMap Desktop lays out the stages a customer goes through, with
 touchpoint, pain point, opportunity and note cards that are dragged between
 them, and an emotion curve that follows how people feel. Maps are plain
 JSON files ending in .journeymap that open with a double-click, and print as
 print-ready PDF posters (A0 to A3, with bleed and crop marks), tiled posters
 or A4 handouts.
 .
 This package carries its own Python and Qt in /opt/journeymap."""


def _run(command: list[str], **kwargs: object) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True,
                          **kwargs).stdout  # type: ignore[call-overload, no-any-return]


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def elf_files(app: Path) -> list[Path]:
    return sorted(p for p in app.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p))


def external_libraries(app: Path) -> set[Path]:
    """Shared libraries the app's binaries load from the system rather than from the bundle."""
    files = elf_files(app)
    library_dirs = sorted({str(p.parent) for p in files if ".so" in p.name})
    env = dict(os.environ, LD_LIBRARY_PATH=":".join(library_dirs))
    found: set[Path] = set()
    missing: set[str] = set()
    for path in files:
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env,
                                check=False)
        for line in result.stdout.splitlines():
            name, arrow, rest = line.strip().partition(" => ")
            if not arrow:
                continue
            target = rest.split(" (")[0].strip()
            if target == "not found":
                missing.add(f"{path.relative_to(app)} needs {name}")
            elif target and not Path(target).resolve().is_relative_to(app.resolve()):
                found.add(Path(target))
    if missing:
        raise SystemExit("make_deb: libraries missing from the app and the system:\n  "
                         + "\n  ".join(sorted(missing)))
    return found


def package_of(library: Path) -> str:
    """The Debian package that ships a library (usr-merge aware: /lib is /usr/lib)."""
    real = library.resolve()
    candidates = [library, real]
    for path in (library, real):
        text = str(path)
        if text.startswith("/usr/"):
            candidates.append(Path(text[4:]))
        else:
            candidates.append(Path("/usr" + text))
    for candidate in candidates:
        result = subprocess.run(["dpkg-query", "-S", str(candidate)], capture_output=True,
                                text=True, check=False)
        if result.returncode == 0:
            return result.stdout.split(":")[0].strip()
    raise SystemExit(f"make_deb: no Debian package ships {library}")


def glibc_floor(app: Path) -> str | None:
    """The newest GLIBC_x.y symbol version any binary of the app asks for."""
    if shutil.which("objdump") is None:
        return None
    versions: set[tuple[int, ...]] = set()
    for path in elf_files(app):
        result = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True,
                                check=False)
        for match in re.finditer(r"GLIBC_(\d+(?:\.\d+)+)", result.stdout):
            versions.add(tuple(int(part) for part in match.group(1).split(".")))
    return ".".join(map(str, max(versions))) if versions else None


def depends(app: Path) -> str:
    packages = {package_of(lib) for lib in external_libraries(app)}
    packages.discard("libc6")
    floor = glibc_floor(app)
    items = [f"libc6 (>= {floor})" if floor else "libc6", *sorted(packages)]
    return ", ".join(items)


def _gzip_to(source_text: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                   compresslevel=9, mtime=0) as handle:
        handle.write(source_text.encode())


def _install(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def normalise_permissions(root: Path, executables: set[Path]) -> None:
    """Folders 755, the programs 755, everything else (shared libraries too) 644."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path in executables else 0o644)


def stage(app: Path, icons: Path, version: str, root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    opt = root / "opt" / PACKAGE
    shutil.copytree(app, opt, symlinks=True)
    normalise_permissions(root, {opt / PACKAGE})

    bin_link = root / "usr" / "bin" / PACKAGE
    bin_link.parent.mkdir(parents=True)
    bin_link.symlink_to(f"/opt/{PACKAGE}/{PACKAGE}")  # between top-level folders: absolute

    share = root / "usr" / "share"
    _install(HERE / "journeymap.desktop", share / "applications" / f"{PACKAGE}.desktop")
    _install(HERE / "journeymap-mime.xml", share / "mime" / "packages" / f"{PACKAGE}.xml")
    hicolor = share / "icons" / "hicolor"
    svg = REPO / "resources" / "icons" / "journeymap.svg"
    for size in ICON_SIZES:
        png = icons / f"journeymap-{size}.png"
        _install(png, hicolor / f"{size}x{size}" / "apps" / f"{PACKAGE}.png")
        _install(png, hicolor / f"{size}x{size}" / "mimetypes" / f"{MIME_ICON}.png")
    _install(svg, hicolor / "scalable" / "apps" / f"{PACKAGE}.svg")
    _install(svg, hicolor / "scalable" / "mimetypes" / f"{MIME_ICON}.svg")

    doc = share / "doc" / PACKAGE
    _install(HERE / "debian" / "copyright", doc / "copyright")
    _gzip_to((HERE / "debian" / "changelog").read_text(), doc / "changelog.gz")
    _gzip_to((HERE / "debian" / "journeymap.1").read_text(),
             share / "man" / "man1" / f"{PACKAGE}.1.gz")
    _install(HERE / "debian" / "lintian-overrides", share / "lintian" / "overrides" / PACKAGE)
    normalise_permissions(share, set())


def installed_size_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.is_relative_to(root / "DEBIAN"):
            continue
        total += 1 if path.is_symlink() or path.is_dir() else -(-path.stat().st_size // 1024)
    return total


def write_control(root: Path, version: str, arch: str, depends_line: str) -> None:
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    control = (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: JourneyMap Desktop team <journeymap-desktop@example.org>\n"
        f"Installed-Size: {installed_size_kib(root)}\n"
        f"Depends: {depends_line}\n"
        "Recommends: shared-mime-info, desktop-file-utils, hicolor-icon-theme\n"
        "Section: graphics\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n"
    )
    (debian / "control").write_text(control)
    sums = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and not path.is_relative_to(debian):
            digest = hashlib.md5(path.read_bytes()).hexdigest()
            sums.append(f"{digest}  {path.relative_to(root)}\n")
    (debian / "md5sums").write_text("".join(sums))
    for name in ("control", "md5sums"):
        (debian / name).chmod(0o644)


def build(app: Path, icons: Path, version: str, work: Path, out: Path) -> Path:
    arch = _run(["dpkg", "--print-architecture"]).strip()
    root = work / f"{PACKAGE}_{version}_{arch}"
    stage(app, icons, version, root)
    write_control(root, version, arch, depends(app))
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{PACKAGE}_{version}_{arch}.deb"
    os.umask(0o022)
    _run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)])
    return deb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, required=True, help="the one-folder app")
    parser.add_argument("--icons", type=Path, required=True, help="journeymap-N.png icons")
    parser.add_argument("--version", required=True)
    parser.add_argument("--work", type=Path, required=True, help="a scratch folder")
    parser.add_argument("--out", type=Path, required=True, help="where the .deb goes")
    args = parser.parse_args()
    if not (args.app / PACKAGE).is_file():
        raise SystemExit(f"make_deb: no {args.app / PACKAGE}; build the app first")
    print(build(args.app, args.icons, args.version, args.work, args.out))


if __name__ == "__main__":
    main()
