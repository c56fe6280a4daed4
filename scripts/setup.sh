#!/usr/bin/env bash
# Set up a fresh Debian 12 machine for Roadmap Planner: system libraries, a CJK font, and a
# virtual environment in .venv with the app installed. Idempotent: re-running is quick.
#   scripts/setup.sh          runtime only (Qt's X11 libraries, font)
#   scripts/setup.sh --test   plus what the test suite uses (Xvfb, LibreOffice Calc, poppler, Java for MPXJ,
#                             PostgreSQL for the server tests)
#   scripts/setup.sh --dev    plus benchmarks and packaging (TaskJuggler, PyInstaller)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-}"

apt_pkgs="libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 fonts-wqy-microhei"
extras=""
case "$mode" in
  --test) apt_pkgs="$apt_pkgs xvfb xauth libreoffice-calc poppler-utils strace default-jre-headless postgresql"; extras="[test]" ;;
  --dev)  apt_pkgs="$apt_pkgs xvfb xauth libreoffice-calc poppler-utils strace default-jre-headless postgresql tj3 binutils dpkg-dev"; extras="[test,bench,build]" ;;
esac

if command -v apt-get >/dev/null 2>&1; then
  missing=""
  for p in $apt_pkgs; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo_cmd apt-get -o DPkg::Lock::Timeout=900 update -qq
    $sudo_cmd apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends $missing
    rm -rf "${HOME}/.cache/matplotlib"  # the font list must be rebuilt after fonts change
  fi
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}"
