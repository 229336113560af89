#!/usr/bin/env bash
# Benchmark: can one anonymous address take the service down through the token
# endpoint? One address sends TOKEN_REQUESTS (2,000) wrong-credential token
# requests at 64 connections while the licence check is loaded from other
# addresses; the check's p99 and errors, the flood's statuses and the
# service's peak RSS are reported, side by side with the reference server of
# ../shared/perf-baseline (one indexed lookup) loaded the same way in the same run.
#
# Targets (issue 7): licence check p99 < 50 ms with 0 errors during the flood;
# peak RSS < 150 MB.
#
# Usage: bench/token_flood.sh   (AGENCIES=10000 TOKEN_REQUESTS=2000 D=10 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
PG=${PG_SERVER:-postgres://postgres@127.0.0.1:5432}
AGENCIES=${AGENCIES:-10000}; TOKEN_REQUESTS=${TOKEN_REQUESTS:-2000}; D=${D:-10}
export AGENCIES TOKEN_REQUESTS THREADS=2
BASELINE_SRC=${BASELINE_SRC:-$here/../shared/perf-baseline}
REG_ADDR=127.0.0.1:18091; BASE_ADDR=127.0.0.1:18090
DB=agency_registry_flood
out_dir=$here/bench/results; mkdir -p "$out_dir"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

echo "== building (release)"
cargo build --release --locked --quiet
work=$(mktemp -d)
cp -r "$BASELINE_SRC" "$work/perf-baseline"
(cd "$work/perf-baseline" && cargo build --release --quiet --bin pg_deadpool)

echo "== database: owner migrates, the runtime role serves; $AGENCIES agencies"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export MIGRATION_DATABASE_URL=$PG/$DB
./target/release/agency-registry migrate 2>/dev/null
psql "$MIGRATION_DATABASE_URL" -qc "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'agency_registry_bench') THEN
    CREATE ROLE agency_registry_bench LOGIN; END IF; END \$\$;
  GRANT agency_registry_runtime TO agency_registry_bench"
export DATABASE_URL="${PG/postgres@/agency_registry_bench@}/$DB"
rm -f "$work/kek"; ./target/release/agency-registry keys create-kek "$work/kek" 2>/dev/null
export KEY_ENCRYPTION_KEY_FILE=$work/kek
./target/release/agency-registry seed --synthetic "$AGENCIES" 2>/dev/null
PG_SERVER=$PG bash "$work/perf-baseline/bench/setup.sh" >/dev/null
known=$(./target/release/agency-registry clients create --name "bench" --role ministry 2>/dev/null |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["client_id"])')
export KNOWN_CLIENT_ID=$known

wait_http() { for _ in $(seq 1 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1"; exit 1; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else {sub(/s/,"",v); print v*1000}}' <<<"$1"; }
# check NAME URL SCRIPT: D seconds at 16 connections; prints "rps p99_ms errors".
check() {
  local out; out=$(wrk -t1 -c16 -d"${D}s" --latency -s "$3" "$2" 2>&1)
  echo "$out" > "$out_dir/$1.txt"
  local non2xx socket
  non2xx=$(awk '/Non-2xx/{print $5}' <<<"$out"); socket=$(awk '/Socket errors/{print $4+$6+$8+$10}' <<<"$out")
  echo "$(awk '/Requests\/sec/{print $2}' <<<"$out") $(to_ms "$(awk '$1=="99%"{print $2}' <<<"$out")") $(( ${non2xx:-0} + ${socket:-0} ))"
}

# Default limits, the bench's loopback as the trusted proxy: the flood comes
# from 203.0.113.66, the checks from many other addresses.
TRUSTED_PROXIES=127.0.0.1 RUST_LOG=warn LISTEN_ADDR=$REG_ADDR \
  ./target/release/agency-registry serve >"$out_dir/flood-registry.log" 2>&1 &
reg=$!
DATABASE_URL=$PG/perf_baseline BIND=$BASE_ADDR RECYCLE=fast "$work/perf-baseline/target/release/pg_deadpool" \
  >"$out_dir/flood-baseline.log" 2>&1 &
base=$!
trap 'kill $reg $base 2>/dev/null || true' EXIT
wait_http "http://$REG_ADDR/health/ready"; wait_http "http://$BASE_ADDR/lookup/1"
wrk -t1 -c16 -d3s -s bench/license.lua "http://$REG_ADDR" >/dev/null 2>&1
rss_before=$(awk '/VmRSS/{print $2}' "/proc/$reg/status")

read -r b_rps b99 b_err < <(check flood-baseline "http://$BASE_ADDR" "$BASELINE_SRC/bench/lookup.lua")
read -r q_rps q99 q_err < <(check flood-quiet "http://$REG_ADDR" "$here/bench/license.lua")

wrk -t2 -c64 -d60s -s bench/token.lua "http://$REG_ADDR" > "$out_dir/flood-token.txt" 2>&1 &
flood=$!

read -r f_rps f99 f_err < <(check flood-check "http://$REG_ADDR" "$here/bench/license.lua")
wait $flood
flood_secs=$(awk '/requests in/{sub(/,/,"",$4); print $4}' "$out_dir/flood-token.txt")
rss_peak=$(awk '/VmHWM/{print $2}' "/proc/$reg/status")

printf '\n%-34s %10s %9s %7s\n' run req/s p99_ms errors
printf '%-34s %10s %9s %7s\n' "baseline lookup (pg_deadpool)" "$b_rps" "$b99" "$b_err"
printf '%-34s %10s %9s %7s\n' "licence check, quiet" "$q_rps" "$q99" "$q_err"
printf '%-34s %10s %9s %7s\n' "licence check, during the flood" "$f_rps" "$f99" "$f_err"
echo
echo "flood: $(grep -o 'token statuses.*' "$out_dir/flood-token.txt") in ${flood_secs:-?} ($(awk '/requests in/{print $1}' "$out_dir/flood-token.txt") requests)"
awk -v b99="$b99" -v q99="$q99" -v f99="$f99" -v f_err="$f_err" -v peak="$rss_peak" -v before="$rss_before" 'BEGIN {
  printf "licence check p99 during the flood: %.1f ms (target < 50), %d errors (target 0)\n", f99, f_err
  printf "p99 ratios: during the flood / quiet %.2f, during the flood / baseline %.2f\n", f99/q99, f99/b99
  printf "registry RSS: %.1f MB before, peak %.1f MB (target < 150)\n", before/1024, peak/1024
}'
