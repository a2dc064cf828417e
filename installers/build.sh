#!/usr/bin/env bash
# Builds sociscope's native packages with a jlink-trimmed Java runtime (JDK + JavaFX modules) and jpackage.
# jpackage cannot cross-build: each OS packages itself (Windows runs this under Git Bash).
#   installers/build.sh [app-image|deb|msi|dmg|all]    (default: all = app-image + this OS's installer)
# Writes to installers/target/:
#   sociscope-<version>-<os>-<arch>.tar.gz   the app image (Linux: run sociscope/bin/sociscope)
#   sociscope_<version>-1_<arch>.deb         Linux: /opt/sociscope, /usr/bin/sociscope, menu entry, .ztoc type,
#                                            the license in /usr/share/doc/sociscope/copyright
#   sociscope-<version>.msi                  Windows (needs WiX 3 on PATH), see installers/windows/README.md
#   sociscope-<version>.dmg                  macOS, see installers/macos/README.md
# Needs a full JDK 17 (jdeps, jlink, jmods, jpackage) and Maven; the .deb also needs fakeroot and dpkg-deb.
# SOCISCOPE_APP_VERSION overrides the package version (default: the pom's, without -SNAPSHOT).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "build.sh: [${SECONDS}s] $*"; }
die() {
  echo "build.sh: $*" >&2
  exit 1
}

case "$(uname -s)" in
  Linux) os=linux natives_ext=so natives_dir=lib sep=: installer=deb ;;
  Darwin) os=macos natives_ext=dylib natives_dir=lib sep=: installer=dmg ;;
  MINGW* | MSYS* | CYGWIN*) os=windows natives_ext=dll natives_dir=bin sep=';' installer=msi ;;
  *) die "unsupported OS $(uname -s)" ;;
esac
what=${1:-all}
case "$what" in
  app-image | all) ;;
  "$installer") ;;
  deb | msi | dmg) die "$what packages are built on their own OS; this is $os" ;;
  *)
    echo "usage: installers/build.sh [app-image|deb|msi|dmg|all]" >&2
    exit 2
    ;;
esac

JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
exe=""
[ "$os" = windows ] && exe=.exe
for tool in jdeps jlink jpackage jar; do
  [ -x "$JAVA_HOME/bin/$tool$exe" ] || die "$JAVA_HOME/bin/$tool is missing; set JAVA_HOME to a full JDK 17"
done
[ -f "$JAVA_HOME/jmods/java.base.jmod" ] || die "$JAVA_HOME/jmods is missing (Debian: openjdk-17-jdk-headless)"
target=installers/target
jar=app/target/sociscope.jar

# 1. The app jar and its libraries (app/target/lib), rebuilt when a source or pom is newer than the jar.
if [ ! -f "$jar" ] || [ -n "$(find pom.xml core/pom.xml app/pom.xml core/src/main app/src/main -newer "$jar" -type f | head -1)" ]; then
  log "mvn -q -B -DskipTests package"
  mvn -q -B -DskipTests package
fi

# jpackage wants a purely numeric version: 0.1.0-SNAPSHOT -> 0.1.0.
pom_version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
version=${SOCISCOPE_APP_VERSION:-$(echo "$pom_version" | grep -o '^[0-9]\+\(\.[0-9]\+\)*')}
if [ "$os" = macos ] && [ "${version%%.*}" = 0 ]; then
  # jpackage on macOS rejects a version whose first number is 0 (CFBundleVersion rule).
  log "WARNING: macOS needs a first version number above 0; packaging $version as 1.0.0 (set SOCISCOPE_APP_VERSION)"
  version=1.0.0
fi
log "version $version (pom $pom_version), $os"

# 2. The jpackage input: the jar and its non-JavaFX libraries in lib/ (the jar's Class-Path points there). JavaFX
# goes into the runtime as modules instead, which JavaFX supports (on the class path it warns at every start).
rm -rf "$target/input" "$target/runtime" "$target/app-image" "$target/resource-dir" "$target/natives" "$target/deb-root"
mkdir -p "$target/input/lib"
cp "$jar" "$target/input/"
fx_jars=()
for lib in app/target/lib/*.jar; do
  name=$(basename "$lib")
  if [[ "$name" =~ ^javafx-[a-z]+-[0-9.]+-[a-z0-9-]+\.jar$ ]]; then
    fx_jars+=("$lib") # the jar with the OS classifier holds the classes and native libraries
  elif [[ "$name" != javafx-* ]]; then
    cp "$lib" "$target/input/lib/" # (the JavaFX jar without classifier is an empty placeholder)
  fi
done
[ ${#fx_jars[@]} -gt 0 ] || die "no JavaFX jars in app/target/lib"
fx_path=$(IFS="$sep"; echo "${fx_jars[*]}")
fx_modules=$(for lib in "${fx_jars[@]}"; do basename "$lib" | sed 's/^javafx-\([a-z]*\)-.*/javafx.\1/'; done | paste -sd, -)

# 3. The JDK modules the code uses (jdeps), plus what it reaches only by reflection or service lookup:
#    jdk.crypto.ec   elliptic-curve TLS cipher suites (registries over HTTPS can fail without it on JDK 17)
#    jdk.unsupported sun.misc.Unsafe for okio/kotlin and JavaFX
#    jdk.zipfs       zip/jar file systems
jdk_modules=$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
  --module-path "$target/input/lib$sep$fx_path" "$target/input/sociscope.jar" "$target"/input/lib/*.jar 2>/dev/null \
  | tail -1 | tr -d '\r' | tr , '\n' | grep -v '^javafx\.' | paste -sd, -)
[ -n "$jdk_modules" ] || die "jdeps found no modules"
modules="$jdk_modules,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,$fx_modules"
log "runtime modules: $modules"

# 4. The trimmed runtime. JavaFX's Maven jars carry their native libraries as resources, which JavaFX would extract
# into ~/.openjfx/cache on first start; moving them to the runtime's native folder (where jmods put them) loads
# them in place.
"$JAVA_HOME/bin/jlink" --module-path "$JAVA_HOME/jmods$sep$fx_path" --add-modules "$modules" \
  --exclude-resources "glob:/javafx.graphics/*.$natives_ext,glob:/javafx.graphics/*.jar" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive \
  --output "$target/runtime"
# The launcher jpackage adds replaces java and friends (--strip-native-commands would, but it breaks the CDS archive
# generation, which needs bin/java; the archive of JDK classes saves start-up time).
# On Linux bin/java stays (a few KB): /usr/bin/sociscope, which postinst writes, starts it directly.
if [ "$os" = windows ]; then
  rm -f "$target"/runtime/bin/*.exe
elif [ "$os" = linux ]; then
  find "$target/runtime/bin" -mindepth 1 ! -name java -exec rm -rf {} +
else
  rm -rf "$target/runtime/bin"
fi
# The second archive serves heaps over 32 GB only (no compressed oops); it would add 11 MB.
find "$target/runtime" -name classes_nocoops.jsa -delete
fx_graphics=$(printf '%s\n' "${fx_jars[@]}" | grep /javafx-graphics-)
mkdir -p "$target/natives"
(cd "$target/natives" && "$JAVA_HOME/bin/jar" xf "../../../$fx_graphics")
cp "$target"/natives/*."$natives_ext" "$target/runtime/$natives_dir/"
rm -rf "$target/natives"
log "runtime: $(du -sh "$target/runtime" | cut -f1)"

common=(@installers/common/args-base.txt "@installers/$os/args-$os.txt"
  --app-version "$version" --input "$target/input" --runtime-image "$target/runtime")
arch=$(uname -m)
[ "$os" = linux ] && arch=$(dpkg --print-architecture 2>/dev/null || echo "$arch")

# 5. The app image, as a tarball.
if [ "$what" = app-image ] || [ "$what" = all ]; then
  "$JAVA_HOME/bin/jpackage" --type app-image "${common[@]}" --dest "$target/app-image"
  tarball="$target/sociscope-$version-$os-$arch.tar.gz"
  tar -C "$target/app-image" -czf "$tarball" "$(ls "$target/app-image")"
  log "app image: $tarball ($(du -h "$tarball" | cut -f1))"
fi
[ "$what" = app-image ] && exit 0

# 6. This OS's installer, with the Apache-2.0 LICENSE (--license-file: the .msi and .dmg show it; jpackage rejects it
# for app images). On Linux the resource dir holds postinst/prerm (they write and remove /usr/bin/sociscope), the desktop entry,
# made from resources/linux/sociscope.desktop with jpackage's placeholders for launcher and icon, and the Debian
# copyright file (machine-readable format: the copyright line from NOTICE, then LICENSE indented as a License text).
if [ "$os" = linux ]; then
  mkdir -p "$target/resource-dir"
  cp installers/linux/resources/postinst installers/linux/resources/prerm "$target/resource-dir/"
  # The menu entry runs /usr/bin/sociscope, which postinst writes to start the runtime without jpackage's launcher
  # (that one asks rpm and dpkg where its library is on every start).
  sed -e 's|^Exec=.*|Exec=/usr/bin/sociscope %f|' -e 's|^Icon=.*|Icon=APPLICATION_ICON|' \
    resources/linux/sociscope.desktop >"$target/resource-dir/sociscope.desktop"
  copyright=$(sed -n 's/^Copyright //p' NOTICE | head -1)
  [ -n "$copyright" ] || die "NOTICE has no 'Copyright ...' line"
  {
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: sociscope"
    echo "Comment: The Java runtime in /opt/sociscope/lib/runtime (OpenJDK with the OpenJFX modules) and the Java"
    echo " libraries in /opt/sociscope/lib/app/lib are under their own licenses; OpenJDK's are in"
    echo " /opt/sociscope/lib/runtime/legal."
    echo
    echo "Files: *"
    echo "Copyright: $copyright"
    echo "License: Apache-2.0"
    echo
    echo "License: Apache-2.0"
    sed -e 's/^[[:space:]]*$/./' -e 's/^/ /' LICENSE
  } >"$target/resource-dir/copyright"
fi
rm -f "$target"/sociscope[-_]*."$installer"
# The .deb that jpackage builds is unpacked and built again below, so its own dpkg-deb run skips compression (the
# variable means nothing to the Windows and macOS tools).
DPKG_DEB_COMPRESSOR_TYPE=none "$JAVA_HOME/bin/jpackage" --type "$installer" "${common[@]}" --license-file LICENSE \
  "@installers/$os/args-$installer.txt" --dest "$target"
package=$(ls "$target"/sociscope[-_]*."$installer")
if [ "$os" = linux ]; then
  # Debian keeps a package's license in /usr/share/doc/<package>/copyright. jpackage puts it there only when the
  # install dir is under /usr; for /opt/sociscope it writes /opt/sociscope/share/doc/copyright. Move it into place
  # and build the package again (compressed as dpkg-deb's default, xz, or as DPKG_DEB_COMPRESSOR_TYPE says).
  rm -rf "$target/deb-root"
  fakeroot sh -ec '
    dpkg-deb -R "$1" "$2"
    mkdir -p "$2/usr/share/doc/sociscope"
    mv "$2/opt/sociscope/share/doc/copyright" "$2/usr/share/doc/sociscope/copyright"
    rmdir "$2/opt/sociscope/share/doc" "$2/opt/sociscope/share"
    dpkg-deb -b "$2" "$1" >/dev/null' sh "$package" "$target/deb-root"
  rm -rf "$target/deb-root"
fi
log "$installer: $package ($(du -h "$package" | cut -f1))"
