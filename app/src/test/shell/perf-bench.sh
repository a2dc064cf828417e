#!/usr/bin/env bash
# Start-up and lazy-read benchmark of issue 15, as a user runs it: a real docker-registry on loopback, a five-layer
# image made of real files of this machine, a SOCI index pushed by sociscope, then wall-clock medians (hyperfine)
# of --version, inspect, ztoc info and a warm get, java -jar with its class-data archive (as a second run finds it)
# and without one (SOCISCOPE_CDS=off).
#   app/src/test/shell/perf-bench.sh [JAR]     (default app/target/sociscope.jar; needs docker-registry, skopeo,
#                                               hyperfine, python3)
# Leaves the registry running only while it runs; everything is made under one temporary folder.
set -euo pipefail
jar=$(readlink -f "${1:-app/target/sociscope.jar}")
before=${BEFORE_JAR:+$(readlink -f "$BEFORE_JAR")}  # optional: the jar of an older build, measured alongside
work=$(mktemp -d /tmp/sociscope-perf-XXXXXX)
export XDG_CACHE_HOME="$work/cache"
export SOCISCOPE_CDS=off  # the set-up's runs make no archive in the background; the measured ones turn it on
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/registry.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry=$!
trap 'kill $registry 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.2; done

# The large image: five layers of real files (about 22k paths).
python3 - "$work/layout" <<'PY'
import hashlib, json, os, subprocess, sys
out = sys.argv[1]
blobs = os.path.join(out, "blobs", "sha256"); os.makedirs(blobs)
def put(data):
    d = hashlib.sha256(data).hexdigest(); open(os.path.join(blobs, d), "wb").write(data); return d, len(data)
layers, diffs = [], []
for dirs in (["usr/share/perl"], ["usr/share/zoneinfo", "etc"], ["usr/lib/python3.11"], ["usr/share/doc"],
             ["usr/share/locale"]):
    tar = subprocess.run(["tar", "--sort=name", "-C", "/", "-cf", "-"] + [d for d in dirs if os.path.exists("/" + d)],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    gz = subprocess.run(["gzip", "-n", "-6"], input=tar, stdout=subprocess.PIPE).stdout
    d, n = put(gz)
    layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:" + d, "size": n})
    diffs.append("sha256:" + hashlib.sha256(tar).hexdigest())
cfg = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": diffs},
                  "config": {}}).encode()
cd, cn = put(cfg)
man = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                  "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:" + cd,
                             "size": cn}, "layers": layers}).encode()
md, mn = put(man)
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
           "digest": "sha256:" + md, "size": mn, "annotations": {"org.opencontainers.image.ref.name": "1"}}]},
          open(os.path.join(out, "index.json"), "w"))
open(os.path.join(out, "oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
PY
ref=127.0.0.1:$port/big:1
skopeo copy -q --dest-tls-verify=false "oci:$work/layout:1" "docker://$ref"
java -jar "$jar" create --push "$ref" >/dev/null
small=/usr/share/doc/gzip/copyright
# the zTOC whose entry count is nearest 5,000 (issue 15's "ztoc info of a 5k-entry zTOC")
big_ztoc=$(for f in "$XDG_CACHE_HOME"/sociscope/store/blobs/sha256/*; do
  n=$(java -jar "$jar" ztoc info "$f" 2>/dev/null | sed -n 's/^Files: *\([0-9,]*\).*/\1/p' | tr -d ,)
  if [ -n "$n" ]; then echo "$(( n > 5000 ? n - 5000 : 5000 - n )) $n $f"; fi
done | sort -n | head -1)
big_ztoc=${big_ztoc#* }
echo "zTOC for 'ztoc info': ${big_ztoc%% *} entries"
big_ztoc=${big_ztoc#* }
echo "image $ref: $(du -sh "$work/registry" | cut -f1) in the registry"
java -jar "$jar" get --stats "$ref" "$small" >/dev/null  # warms the zTOC cache
java -jar "$jar" cds >/dev/null  # the archive java -jar runs find by themselves (JarClassData); made once per build
auto="env SOCISCOPE_CDS=on java -jar $jar"  # java -jar as a user runs it, once the archive is made
plain="java -jar $jar"  # SOCISCOPE_CDS=off: no archive, every class loaded and verified from the jars
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cpus"
old=()
if [ -n "$before" ]; then
  old=(-n "version (old build)" "java -jar $before --version" -n "inspect (old build)" "java -jar $before inspect $ref"
    -n "ztoc info (old build)" "java -jar $before ztoc info $big_ztoc"
    -n "warm get (old build)" "java -jar $before get $ref $small")
fi
hyperfine -N -w 2 -r "${RUNS:-10}" --export-markdown "$work/startup.md" "${old[@]}" \
  -n "version (java -jar)" "$auto --version" \
  -n "inspect (java -jar)" "$auto inspect $ref" \
  -n "inspect (no archive)" "$plain inspect $ref" \
  -n "ztoc info (java -jar)" "$auto ztoc info $big_ztoc" \
  -n "ztoc info (no archive)" "$plain ztoc info $big_ztoc" \
  -n "warm get (java -jar)" "$auto get $ref $small" \
  -n "warm get (no archive)" "$plain get $ref $small" >/dev/null
cat "$work/startup.md"
# issue 15 item 5: a full pull against a lazy read of the small file, on loopback and on a 100 Mbit/s, 20 ms link
java -jar "$jar" get --stats "$ref" "$small" 2>&1 >/dev/null
java -jar "$jar" bench --remote "$ref" "$small"
java -jar "$jar" bench --remote "$ref" "$small" --link 100Mbit/20ms
