#!/usr/bin/env bash
# Renders the app icon from resources/icon/sociscope.svg into every PNG size, the Windows .ico, the macOS .icns and
# the copies the app loads at run time. The outputs are checked in; run this after changing the SVG.
#   resources/render-icons.sh          regenerate the files
#   resources/render-icons.sh --check  fail if the checked-in files differ from a fresh rendering
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=(16 32 48 64 128 256 512)
SVG=resources/icon/sociscope.svg
APP_ICONS=app/src/main/resources/dev/sociscope/app/icons

if ! command -v rsvg-convert >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends librsvg2-bin >/dev/null
  else
    echo "render-icons: rsvg-convert is missing; install Debian's librsvg2-bin" >&2
    exit 1
  fi
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/png" "$out/app"
for size in "${SIZES[@]}"; do
  rsvg-convert --width "$size" --height "$size" --format png "$SVG" --output "$out/png/sociscope-$size.png"
done
java resources/tools/PackIcons.java "$out/png" "$out/sociscope.ico" "$out/sociscope.icns"
# The window needs the small sizes only; the desktop shells take theirs from the packages.
for size in 16 32 48 64 128 256; do
  cp "$out/png/sociscope-$size.png" "$out/app/"
done

if [ "${1:-}" = "--check" ]; then
  diff -r "$out/png" resources/icon/png
  cmp "$out/sociscope.ico" resources/icon/sociscope.ico
  cmp "$out/sociscope.icns" resources/icon/sociscope.icns
  diff -r "$out/app" "$APP_ICONS"
  echo "render-icons: checked-in icons match $SVG"
  exit 0
fi

rm -rf resources/icon/png "$APP_ICONS"
mkdir -p resources/icon/png "$APP_ICONS"
cp "$out"/png/*.png resources/icon/png/
cp "$out/sociscope.ico" "$out/sociscope.icns" resources/icon/
cp "$out"/app/*.png "$APP_ICONS/"
echo "render-icons: wrote resources/icon/png, resources/icon/sociscope.{ico,icns} and $APP_ICONS"
