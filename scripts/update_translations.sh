#!/usr/bin/env bash
# Refresh the Qt Linguist sources from ui/ and build the .qm files the app loads.
#   scripts/update_translations.sh          lupdate (keeps existing translations) + lrelease
#   scripts/update_translations.sh --release  lrelease only (what CI and packaging need)
# The .qm files are committed, so a checkout runs in Chinese without this step; a test checks
# that every committed .qm is up to date with its .ts.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
out=resources/translations
mkdir -p "$out"
if [ "${1:-}" != "--release" ]; then
  mapfile -t sources < <(find ui -name '*.py' -not -path '*/__pycache__/*' | sort)
  "$bin/pyside6-lupdate" -no-obsolete -locations none "${sources[@]}" -ts "$out/planner_zh_CN.ts"
fi
for ts in "$out"/*.ts; do
  "$bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
