#!/usr/bin/env bash
# Builds the Linux packages of sociscope: a jlink-trimmed Java runtime (JDK + JavaFX modules) and jpackage around it.
#   installers/build.sh [app-image|deb|all]        (default: all)
# Writes to installers/target/:
#   sociscope-<version>-linux-<arch>.tar.gz   the app image (unpack, run sociscope/bin/sociscope)
#   sociscope_<version>_<arch>.deb            installs /opt/sociscope, /usr/bin/sociscope and a menu entry
# Needs JDK 17 (jdeps, jlink, jpackage), Maven, and for the .deb fakeroot and dpkg-deb.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-all}
case "$what" in
  app-image | deb | all) ;;
  *)
    echo "usage: installers/build.sh [app-image|deb|all]" >&2
    exit 2
    ;;
esac

JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
for tool in jdeps jlink jpackage jar; do
  [ -x "$JAVA_HOME/bin/$tool" ] || { echo "build.sh: $JAVA_HOME/bin/$tool is missing; set JAVA_HOME to a full JDK 17" >&2; exit 1; }
done
[ -f "$JAVA_HOME/jmods/java.base.jmod" ] || { echo "build.sh: $JAVA_HOME/jmods is missing (Debian: openjdk-17-jdk-headless)" >&2; exit 1; }
target=installers/target
jar=app/target/sociscope.jar
log() { echo "build.sh: [${SECONDS}s] $*"; }

# 1. The app jar and its libraries (app/target/lib), rebuilt when a source or pom is newer than the jar.
if [ ! -f "$jar" ] || [ -n "$(find pom.xml core/pom.xml app/pom.xml core/src/main app/src/main -newer "$jar" -type f | head -1)" ]; then
  log "mvn -q -B -DskipTests package"
  mvn -q -B -DskipTests package
fi

# jpackage wants a purely numeric version: 0.1.0-SNAPSHOT -> 0.1.0.
pom_version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
version=$(echo "$pom_version" | grep -o '^[0-9]\+\(\.[0-9]\+\)*')
log "version $version (pom $pom_version)"

# 2. The jpackage input: the jar and its non-JavaFX libraries in lib/ (the jar's Class-Path points there). JavaFX
# goes into the runtime as modules instead, which JavaFX supports (on the class path it warns at every start).
rm -rf "$target/input" "$target/runtime" "$target/app-image" "$target/linux-resources"
mkdir -p "$target/input/lib"
cp "$jar" "$target/input/"
fx_jars=()
for lib in app/target/lib/*.jar; do
  case "$(basename "$lib")" in
    javafx-*-linux.jar) fx_jars+=("$lib") ;; # the platform jar holds classes and native libraries
    javafx-*) ;;                              # the jar without classifier is an empty placeholder
    *) cp "$lib" "$target/input/lib/" ;;
  esac
done
fx_path=$(IFS=:; echo "${fx_jars[*]}")
fx_modules=$(for lib in "${fx_jars[@]}"; do basename "$lib" | sed 's/^javafx-\([a-z]*\)-.*/javafx.\1/'; done | paste -sd, -)

# 3. The JDK modules the code uses (jdeps), plus what it reaches only by reflection or service lookup:
#    jdk.crypto.ec  elliptic-curve TLS cipher suites (registries over HTTPS fail without it on JDK 17)
#    jdk.unsupported sun.misc.Unsafe for okio/kotlin and JavaFX
#    jdk.zipfs      zip/jar file systems
jdk_modules=$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
  --module-path "$target/input/lib:$fx_path" "$target/input/sociscope.jar" "$target"/input/lib/*.jar 2>/dev/null \
  | tail -1 | tr , '\n' | grep -v '^javafx\.' | paste -sd, -)
modules="$jdk_modules,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,$fx_modules"
log "runtime modules: $modules"

# 4. The trimmed runtime. JavaFX's Maven jars carry their native libraries as resources, which JavaFX would extract
# into ~/.openjfx/cache on first start; moving them to the runtime's lib/ (where jmods put them) loads them in place.
fx_graphics=$(printf '%s\n' "${fx_jars[@]}" | grep /javafx-graphics-)
"$JAVA_HOME/bin/jlink" --module-path "$JAVA_HOME/jmods:$fx_path" --add-modules "$modules" \
  --exclude-resources 'glob:/javafx.graphics/*.so,glob:/javafx.graphics/*.jar' \
  --strip-debug --no-header-files --no-man-pages --strip-native-commands --compress=2 \
  --output "$target/runtime"
natives=$(mktemp -d)
(cd "$natives" && "$JAVA_HOME/bin/jar" xf "$OLDPWD/$fx_graphics")
cp "$natives"/*.so "$target/runtime/lib/"
rm -rf "$natives"
log "runtime: $(du -sh "$target/runtime" | cut -f1)"

common=(@installers/common/args-base.txt @installers/linux/args-linux.txt
  --app-version "$version" --input "$target/input" --runtime-image "$target/runtime")
if [ -f LICENSE ]; then
  common+=(--license-file LICENSE)
fi
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)

# 5. The app image, as a tarball.
if [ "$what" != deb ]; then
  "$JAVA_HOME/bin/jpackage" --type app-image "${common[@]}" --dest "$target/app-image"
  tarball="$target/sociscope-$version-linux-$arch.tar.gz"
  tar -C "$target/app-image" -czf "$tarball" sociscope
  log "app image: $tarball ($(du -h "$tarball" | cut -f1))"
fi

# 6. The Debian package. Its resource dir holds postinst/prerm (link /usr/bin/sociscope) and the desktop entry,
# made from resources/linux/sociscope.desktop with jpackage's placeholders for the launcher path, icon and types.
if [ "$what" != app-image ]; then
  mkdir -p "$target/linux-resources"
  cp installers/linux/resources/postinst installers/linux/resources/prerm "$target/linux-resources/"
  sed -e 's|^Exec=.*|Exec=APPLICATION_LAUNCHER %f|' -e 's|^Icon=.*|Icon=APPLICATION_ICON|' \
    resources/linux/sociscope.desktop >"$target/linux-resources/sociscope.desktop"
  rm -f "$target"/sociscope_*.deb
  "$JAVA_HOME/bin/jpackage" --type deb "${common[@]}" @installers/linux/args-deb.txt --dest "$target"
  log "deb: $(ls "$target"/sociscope_*.deb) ($(du -h "$target"/sociscope_*.deb | cut -f1))"
fi
