#!/usr/bin/env bash
# Benchmark: the licence check and agency search of a release build on 100,000
# synthetic agencies, side by side with the reference server of
# ../shared/perf-baseline (bare actix-web + tokio-postgres + deadpool), with wrk
# at 64 connections. Absolute figures drift on a shared machine; the ratios hold.
#
# Usage: bench/run.sh            (ROUNDS=2 D=20 C=64 AGENCIES=100000 to change)
# Needs: PostgreSQL at 127.0.0.1:5432 (trust auth), wrk (installed when missing).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROUNDS=${ROUNDS:-2}; D=${D:-20}; C=${C:-64}; AGENCIES=${AGENCIES:-100000}
export AGENCIES
REG_ADDR=127.0.0.1:18081; COLD_ADDR=127.0.0.1:18082; BASE_ADDR=127.0.0.1:18080
build_servers

echo "== seeding $AGENCIES synthetic agencies"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS agency_registry_bench WITH (FORCE)" -c "CREATE DATABASE agency_registry_bench"
export DATABASE_URL=$PG/agency_registry_bench
./target/release/agency-registry keys create-kek "$work/kek" 2>/dev/null
export KEY_ENCRYPTION_KEY_FILE=$work/kek
# wrk's requests carry random client addresses (X-Forwarded-For) from the
# loopback "proxy": many phones, as in real traffic, each far below its limit.
export TRUSTED_PROXIES=127.0.0.1
start=$(date +%s.%N)
./target/release/agency-registry seed --synthetic "$AGENCIES" 2>/dev/null
printf 'seeded in %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
PG_SERVER=$PG bash "$work/perf-baseline/bench/setup.sh" >/dev/null

# load NAME URL SCRIPT PID: 5 s warm-up, then D seconds; prints "rps p50 p99".
load() {
  wrk -t2 -c"$C" -d5s -s "$3" "$2" >/dev/null 2>&1
  local out; out=$(wrk -t2 -c"$C" -d"${D}s" --latency -s "$3" "$2" 2>&1)
  echo "$out" > "$out_dir/$1.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  local errors; errors=$(awk '/Non-2xx/{print $5}' <<<"$out")
  echo "$rps $p50 $p99 ${errors:-0}"
}



RUST_LOG=warn LISTEN_ADDR=$REG_ADDR ./target/release/agency-registry serve >"$out_dir/registry.log" 2>&1 &
reg=$!
# The same service with the search cache off: what every search costs the database.
RUST_LOG=warn LISTEN_ADDR=$COLD_ADDR SEARCH_CACHE_TTL_SECS=0 ./target/release/agency-registry serve >"$out_dir/registry-cold.log" 2>&1 &
cold=$!
DATABASE_URL=$PG/perf_baseline BIND=$BASE_ADDR RECYCLE=fast "$work/perf-baseline/target/release/pg_deadpool" >"$out_dir/baseline.log" 2>&1 &
base=$!
trap 'kill $reg $cold $base 2>/dev/null || true' EXIT
wait_http "http://$REG_ADDR/health/ready"; wait_http "http://$COLD_ADDR/health/ready"; wait_http "http://$BASE_ADDR/lookup/1"

printf '\n%-22s %10s %9s %9s %7s\n' run req/s p50_ms p99_ms non2xx
for round in $(seq 1 "$ROUNDS"); do
  read -r b_rps b50 b99 b_err < <(load "baseline-$round" "http://$BASE_ADDR" "$BASELINE_SRC/bench/lookup.lua")
  printf '%-22s %10s %9s %9s %7s\n' "baseline #$round" "$b_rps" "$(to_ms "$b50")" "$(to_ms "$b99")" "$b_err"
  read -r l_rps l50 l99 l_err < <(load "license-$round" "http://$REG_ADDR" "$here/bench/license.lua")
  printf '%-22s %10s %9s %9s %7s\n' "licence check #$round" "$l_rps" "$(to_ms "$l50")" "$(to_ms "$l99")" "$l_err"
  read -r s_rps s50 s99 s_err < <(load "search-$round" "http://$REG_ADDR" "$here/bench/search.lua")
  printf '%-22s %10s %9s %9s %7s\n' "search #$round" "$s_rps" "$(to_ms "$s50")" "$(to_ms "$s99")" "$s_err"
  read -r c_rps c50 c99 c_err < <(load "search-uncached-$round" "http://$COLD_ADDR" "$here/bench/search.lua")
  printf '%-22s %10s %9s %9s %7s\n' "search uncached #$round" "$c_rps" "$(to_ms "$c50")" "$(to_ms "$c99")" "$c_err"
  echo "$b_rps $(to_ms "$b99") $l_rps $(to_ms "$l99") $(to_ms "$s99") $(to_ms "$c99") $c_rps" >> "$out_dir/rounds.txt.$$"
done
rss_kb=$(awk '/VmHWM/{print $2}' "/proc/$reg/status")

echo
awk -v rss="$rss_kb" '
  { br+=$1; bp+=$2; lr+=$3; lp+=$4; if ($5>sp) sp=$5; if ($6>cp) cp=$6; cr+=$7; n++ }
  END {
    printf "licence check / baseline: throughput %.2f (target >= 0.60), p99 %.2fx (target <= 2)\n", lr/br, (lp/n)/(bp/n)
    printf "search p99 (worst round): %.1f ms (target < 50)\n", sp
    printf "search with the cache off: %.0f req/s, p99 %.1f ms (worst round)\n", cr/n, cp
    printf "registry peak RSS: %.1f MB (target < 100)\n", rss/1024
  }' "$out_dir/rounds.txt.$$"
rm -f "$out_dir/rounds.txt.$$"
