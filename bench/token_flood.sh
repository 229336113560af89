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
source "$(dirname "$0")/lib.sh"
AGENCIES=${AGENCIES:-10000}; TOKEN_REQUESTS=${TOKEN_REQUESTS:-2000}; D=${D:-10}
export AGENCIES TOKEN_REQUESTS THREADS=2
REG_ADDR=127.0.0.1:18091; BASE_ADDR=127.0.0.1:18090
DB=agency_registry_flood
build_servers

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


# Default limits, the bench's loopback as the trusted proxy: the flood comes
# from 203.0.113.66, the checks from many other addresses.
TRUSTED_PROXIES=127.0.0.1 RUST_LOG=warn LISTEN_ADDR=$REG_ADDR \
  ./target/release/agency-registry serve >"$out_dir/flood-registry.log" 2>&1 &
reg=$!
DATABASE_URL=$PG/perf_baseline BIND=$BASE_ADDR RECYCLE=fast "$work/perf-baseline/target/release/pg_deadpool" \
  >"$out_dir/flood-baseline.log" 2>&1 &
base=$!
trap 'stop $reg $base' EXIT
wait_http "http://$REG_ADDR/health/ready"; wait_http "http://$BASE_ADDR/lookup/1"
wrk -t1 -c16 -d3s -s bench/license.lua "http://$REG_ADDR" >/dev/null 2>&1
rss_before=$(awk '/VmRSS/{print $2}' "/proc/$reg/status")

read -r b_rps b99 b_err < <(check flood-baseline "http://$BASE_ADDR" "$BASELINE_SRC/bench/lookup.lua")
read -r q_rps q99 q_err < <(check flood-quiet "http://$REG_ADDR" "$here/bench/license.lua")

# wrk keeps its threads until -d ends even after token.lua stopped them at
# TOKEN_REQUESTS: the flood is sent as fast as it is answered, inside the window.
wrk -t2 -c64 -d"${D}s" -s bench/token.lua "http://$REG_ADDR" > "$out_dir/flood-token.txt" 2>&1 &
flood=$!

read -r f_rps f99 f_err < <(check flood-check "http://$REG_ADDR" "$here/bench/license.lua")
wait $flood
rss_peak=$(awk '/VmHWM/{print $2}' "/proc/$reg/status")

printf '\n%-34s %10s %9s %7s\n' run req/s p99_ms errors
printf '%-34s %10s %9s %7s\n' "baseline lookup (pg_deadpool)" "$b_rps" "$b99" "$b_err"
printf '%-34s %10s %9s %7s\n' "licence check, quiet" "$q_rps" "$q99" "$q_err"
printf '%-34s %10s %9s %7s\n' "licence check, during the flood" "$f_rps" "$f99" "$f_err"
echo
echo "flood: $(awk '/requests in/{print $1}' "$out_dir/flood-token.txt") requests, $(grep -o 'token statuses.*' "$out_dir/flood-token.txt"), within the ${D} s window"
awk -v b99="$b99" -v q99="$q99" -v f99="$f99" -v f_err="$f_err" -v peak="$rss_peak" -v before="$rss_before" 'BEGIN {
  printf "licence check p99 during the flood: %.1f ms (target < 50), %d errors (target 0)\n", f99, f_err
  printf "p99 ratios: during the flood / quiet %.2f, during the flood / baseline %.2f\n", f99/q99, f99/b99
  printf "registry RSS: %.1f MB before, peak %.1f MB (target < 150)\n", before/1024, peak/1024
}'
