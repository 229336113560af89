#!/usr/bin/env bash
# Where the time goes: flame graphs of the release build (with line tables,
# the same optimisation) under load, one per kind of request, written to
# bench/flamegraphs/*.svg (committed). For each kind wrk loads the server for
# D seconds while `perf record` samples the server's threads at 499 Hz with
# DWARF call graphs; `perf script | inferno-collapse-perf | inferno-flamegraph`
# draws it (generic arguments stripped from the names of inlined frames).
#
#   licence.svg  GET /v1/licenses/{number}, random synthetic licences
#   search.svg   GET /v1/agencies, bench/search_queries.py's mix
#   writes.svg   NGO complaint filings (80 %) and ministry registrations (20 %)
#
# Usage: bench/profile.sh      (AGENCIES=100000 D=15 C=16 KINDS="licence search writes" to change)
# Needs: perf (linux-perf), inferno (`cargo install inferno`), wrk; PostgreSQL at
# 127.0.0.1:5432. Run as root or with kernel.perf_event_paranoid <= 1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
AGENCIES=${AGENCIES:-100000}; D=${D:-15}; C=${C:-16}
export AGENCIES
ADDR=127.0.0.1:18084
command -v perf >/dev/null || { echo "perf is missing (apt-get install linux-perf)"; exit 1; }
command -v inferno-flamegraph >/dev/null || cargo install inferno --locked --quiet
svg_dir=$here/bench/flamegraphs; mkdir -p "$svg_dir"

echo "== building (release, with line tables for the profiler)"
export CARGO_TARGET_DIR=$here/target/profiling
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release --locked --quiet
BIN=$CARGO_TARGET_DIR/release/agency-registry
work=$(mktemp -d)
seed_db agency_registry_profile "$AGENCIES"
export TRUSTED_PROXIES=127.0.0.1 COMPLAINTS_PER_HOUR=100000000
export SEARCH_QUERIES=$work/search-queries.txt
python3 "$here/bench/search_queries.py" 20000 "$AGENCIES" > "$SEARCH_QUERIES"

serve_registry "$ADDR" "$out_dir/profile.log"
writer_tokens "$ADDR" "Profile NGO"

# profile NAME SCRIPT [VAR=VALUE...]: wrk for D+4 s, perf for D s after 2 s of warm-up.
profile() {
  local name=$1 script=$2; shift 2
  env "$@" wrk -t2 -c"$C" -d"$((D + 4))s" --latency -s "$script" "http://$ADDR" >"$out_dir/profile-$name.txt" 2>&1 &
  local load=$!
  sleep 2
  perf record -q -F 499 --call-graph dwarf,16384 -p "$reg" -o "$work/$name.data" -- sleep "$D" 2>/dev/null
  wait "$load"
  printf '%-8s %s req/s, p50 %s, p99 %s\n' "$name" "$(awk '/Requests\/sec/{print $2}' "$out_dir/profile-$name.txt")" \
    "$(awk '$1=="50%"{print $2}' "$out_dir/profile-$name.txt")" "$(awk '$1=="99%"{print $2}' "$out_dir/profile-$name.txt")"
  grep '^status' "$out_dir/profile-$name.txt" || true
  # Inlined frames are named with their generic arguments whole (megabytes
  # per stack): Foo<Bar<..>> is written Foo. Frames under 0.05 % are left out.
  perf script -i "$work/$name.data" 2>/dev/null | inferno-collapse-perf \
    | perl -pe 's/(?<=[\w\]\)}])(<(?:[^<>]++|(?1))*>)//g' > "$work/$name.folded"
  inferno-flamegraph --title "agency-registry: $name ($(date -u +%F), $AGENCIES agencies, wrk -c$C)" \
    --width 1600 --minwidth 0.05 < "$work/$name.folded" > "$svg_dir/$name.svg"
  cp "$work/$name.folded" "$out_dir/profile-$name.folded"
}

KINDS=${KINDS:-licence search writes}
[[ " $KINDS " == *" licence "* ]] && profile licence "$here/bench/license.lua"
[[ " $KINDS " == *" search "* ]] && profile search "$here/bench/search.lua"
[[ " $KINDS " == *" writes "* ]] && profile writes "$here/bench/mixed.lua" READ_SHARE=0 FILE_SHARE=80 CHANGE_SHARE=20
echo "flame graphs in $svg_dir; folded stacks in $out_dir/profile-*.folded"
