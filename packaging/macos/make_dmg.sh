#!/usr/bin/env bash
# Wrap dist/Roadmap Planner.app (from `pyinstaller build.spec` on macOS) in a compressed .dmg
# with an Applications shortcut. Runs on macOS only (hdiutil).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(python -c "import planner; print(planner.__version__)")
staging=$(mktemp -d)
cp -R "dist/Roadmap Planner.app" "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "Roadmap Planner" -srcfolder "$staging" -ov -format UDZO \
  "dist/RoadmapPlanner-$version-macos.dmg"
rm -rf "$staging"
