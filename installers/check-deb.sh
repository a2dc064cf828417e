#!/usr/bin/env bash
# Checks the Debian package end to end, as root on Debian/Ubuntu (.ci/run runs it after the tests):
#   builds installers/target/sociscope_*.deb, installs it with apt-get, checks /usr/share/doc/sociscope/copyright is the
#   Apache-2.0 LICENSE, runs `sociscope --version` from PATH,
#   starts the installed GUI headless (xvfb-run) until its first window is rendered, measures start-up time of the
#   installed app and of `java -jar app/target/sociscope.jar`, then uninstalls and checks nothing is left.
#   installers/check-deb.sh           (SOCISCOPE_STARTUP_RUNS=N sets the runs per measurement; default 3)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${SOCISCOPE_STARTUP_RUNS:-3}
cli_times=()
version_times=()
fail() {
  echo "check-deb: FAIL: $*" >&2
  exit 1
}
log() { echo "check-deb: [${SECONDS}s] $*"; }
export DEBIAN_FRONTEND=noninteractive

[ "$(id -u)" = 0 ] || fail "run as root (it installs and removes a package)"
for tool in apt-get dpkg-deb fakeroot xvfb-run xauth; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install fakeroot xvfb xauth)"
done

# gzip instead of dpkg-deb's default xz: the package is 7% larger and builds about five times faster (for the check
# only; release builds keep xz).
DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-gzip} installers/build.sh deb
deb=$(ls installers/target/sociscope_*.deb)
log "package $deb: $(du -h "$deb" | cut -f1); runtime $(du -sh installers/target/runtime | cut -f1)"

# A leftover install from an interrupted run would hide problems of this build.
if dpkg-query -W -f='${Status}' sociscope 2>/dev/null | grep -q "ok installed"; then
  apt-get purge -y -qq sociscope >/dev/null
fi
uninstall() { dpkg-query -W sociscope >/dev/null 2>&1 && apt-get purge -y -qq sociscope >/dev/null 2>&1 || true; }
trap uninstall EXIT

# Its dependencies (GTK, xdg-utils...) come from the archive; fetch the package lists if they are missing or stale.
if ! apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null
fi
log "installed"

# The license: Debian's place for it is /usr/share/doc/<package>/copyright, owned by the package; it must be the
# project's Apache-2.0 LICENSE, not jpackage's generic file.
copyright=/usr/share/doc/sociscope/copyright
[ -f "$copyright" ] || fail "$copyright is missing"
[ "$(dpkg-query -S "$copyright" 2>/dev/null)" = "sociscope: $copyright" ] || fail "$copyright is not the package's"
grep -q '^License: Apache-2.0$' "$copyright" || fail "$copyright names no 'License: Apache-2.0'"
grep -q '^ *Apache License$' "$copyright" || fail "$copyright lacks the Apache License text"
grep -q 'TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION' "$copyright" \
  || fail "$copyright lacks the Apache License's terms"
grep -q "^Copyright: $(sed -n 's/^Copyright //p' NOTICE | head -1)\$" "$copyright" \
  || fail "$copyright lacks NOTICE's copyright line"
# The stand-alone License paragraph (the second "License: Apache-2.0") is LICENSE, indented one space, blank lines
# as " ." (Debian's copyright format).
awk 'text { print } /^License: Apache-2.0$/ && ++seen == 2 { text = 1 }' "$copyright" \
  | sed -e 's/^ //' -e 's/^\.$//' | cmp -s - LICENSE \
  || fail "the License text in $copyright differs from LICENSE"
[ ! -e /opt/sociscope/share/doc/copyright ] || fail "jpackage's /opt/sociscope/share/doc/copyright is still installed"
log "license: $copyright is the Apache-2.0 LICENSE"

# The CLI from PATH.
[ "$(command -v sociscope)" = /usr/bin/sociscope ] || fail "sociscope is not on PATH as /usr/bin/sociscope"
version=$(sociscope --version) || fail "sociscope --version exited $?"
echo "$version" | grep -Eq '^sociscope [0-9]+\.[0-9]+' || fail "sociscope --version printed '$version'"
log "sociscope --version: $version"
# /usr/bin/sociscope is postinst's script that starts the runtime directly; jpackage's launcher gives the same answer.
grep -q "written by the sociscope package" /usr/bin/sociscope || fail "/usr/bin/sociscope is not postinst's script"
[ "$(/opt/sociscope/bin/sociscope --version)" = "$version" ] || fail "the jpackage launcher's --version differs"
grep -q "^Exec=/usr/bin/sociscope %f$" /usr/share/applications/*sociscope*.desktop \
  || fail "the menu entry does not run /usr/bin/sociscope"
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  sociscope --version >/dev/null
  version_times+=("$((($(date +%s%N) - start) / 1000000))")
done
log "sociscope --version: ${version_times[*]} ms"
# The class-data archive postinst makes (issue 15), used by the launcher: a run maps it (-Xshare:on fails otherwise).
[ -s /opt/sociscope/lib/app/sociscope.jsa ] || fail "postinst made no class-data archive"
_JAVA_OPTIONS=-Xshare:on sociscope ztoc --help >/dev/null 2>&1 || fail "the installed launcher cannot map its class-data archive"
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  sociscope ztoc --help >/dev/null
  cli_times+=("$((($(date +%s%N) - start) / 1000000))")
done
log "CLI start-up (sociscope ztoc --help): ${cli_times[*]} ms"
set +e
sociscope no-such-command >/dev/null 2>&1
usage_exit=$?
set -e
[ "$usage_exit" = 2 ] || fail "a bad command should exit 2 (usage), got $usage_exit"

# Start-up: launch to first rendered window (the app's smoke-test mode prints the time since JVM start and exits 0).
# "wall" is measured here and also includes starting Xvfb and the JVM's exit.
measure() {
  local label=$1
  shift
  local i out start wall times=() walls=()
  for i in $(seq "$runs"); do
    start=$(date +%s%N)
    out=$(SOCISCOPE_SMOKE_TEST=1 timeout 60 xvfb-run -a "$@" 2>&1) || fail "$label: GUI did not start and exit 0: $out"
    wall=$((($(date +%s%N) - start) / 1000000))
    ms=$(echo "$out" | sed -n 's/^first window shown after \([0-9]*\) ms$/\1/p')
    [ -n "$ms" ] || fail "$label: no 'first window shown' line in: $out"
    times+=("$ms")
    walls+=("$wall")
  done
  log "start-up $label: first window after ${times[*]} ms from JVM start (wall incl. Xvfb: ${walls[*]} ms)"
}
measure "installed app" sociscope
measure "java -jar" java -jar app/target/sociscope.jar

apt-get purge -y -qq sociscope >/dev/null
trap - EXIT
[ ! -e /usr/bin/sociscope ] || fail "/usr/bin/sociscope is left after removal"
[ ! -e /opt/sociscope/bin/sociscope ] || fail "/opt/sociscope is left after removal"
[ ! -e /usr/share/doc/sociscope ] || fail "/usr/share/doc/sociscope is left after removal"
log "removed; OK"
