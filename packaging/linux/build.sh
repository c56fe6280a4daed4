#!/usr/bin/env bash
# Build the Linux packages: dist/roadmap-planner/ (onedir), a .tar.gz of it, and a .deb
# that installs into /opt with a desktop entry and the .plan MIME type.
#   bash packaging/linux/build.sh          (needs: scripts/setup.sh --dev)
set -euo pipefail
cd "$(dirname "$0")/../.."
py=.venv/bin/python
version=$($py -c "import planner; print(planner.__version__)")
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
name=roadmap-planner

$py -m PyInstaller --noconfirm --log-level WARN build.spec
# Stripping the whole bundle breaks numpy; libpython alone is safe and saves ~17 MB.
for lib in dist/$name/_internal/libpython3*.so*; do
  [ -f "$lib" ] && strip --strip-unneeded "$lib" || true
done

tar -C dist -czf "dist/$name-$version-linux-$arch.tar.gz" "$name"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/mime/packages"
cp -a "dist/$name" "$root/opt/$name"
ln -s "/opt/$name/$name" "$root/usr/bin/$name"
install -m 644 packaging/linux/$name.desktop "$root/usr/share/applications/$name.desktop"
install -m 644 packaging/linux/$name-mime.xml "$root/usr/share/mime/packages/$name.xml"
for size in 16 32 48 64 128 256; do
  dir="$root/usr/share/icons/hicolor/${size}x${size}"
  install -D -m 644 "resources/icons/app-$size.png" "$dir/apps/$name.png"
  install -D -m 644 "resources/icons/app-$size.png" "$dir/mimetypes/application-x-roadmap-plan.png"
done
installed_kb=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: $name
Version: $version
Section: office
Priority: optional
Architecture: $arch
Installed-Size: $installed_kb
Depends: libc6, libegl1, libgl1, libfontconfig1, libfreetype6, libxkbcommon0, libxkbcommon-x11-0, libx11-xcb1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-randr0, libxcb-render-util0, libxcb-image0, libxcb-xkb1, libdbus-1-3, libglib2.0-0
Maintainer: Roadmap Planner maintainers <maintainers@roadmap-planner.invalid>
Description: Roadmap Planner (路线图规划器)
 Plan staged roadmaps across modules, task matrices with dependencies, RACI
 division of work, OKRs and indicators; Gantt views, Excel templates and
 offline charts. No Python or Java needed.
CONTROL
cat > "$root/DEBIAN/postinst" <<'POST'
#!/bin/sh
set -e
command -v update-mime-database >/dev/null && update-mime-database /usr/share/mime || true
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
exit 0
POST
cp "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
dpkg-deb --root-owner-group --build "$root" "dist/${name}_${version}_${arch}.deb" >/dev/null
ls -la dist/*.tar.gz dist/*.deb
