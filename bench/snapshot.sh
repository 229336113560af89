#!/usr/bin/env bash
# Benchmark: the registry snapshot (GET /v1/registry/snapshot) of a release
# build on 100,000 synthetic agencies, while wrk keeps asking licence checks;
# the reference server of ../shared/perf-baseline answers the same wrk load
# in the same run, for the ratio.
#
# Targets (issue 9): the snapshot streams in under 5 s, the process grows by
# under 20 MB while it does, and licence checks keep answering meanwhile.
#
# Usage: bench/snapshot.sh       (ROUNDS=3 C=16 AGENCIES=100000 to change)
# Needs: PostgreSQL at 127.0.0.1:5432 (trust auth), wrk (installed when missing).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROUNDS=${ROUNDS:-3}; C=${C:-16}; AGENCIES=${AGENCIES:-100000}
export AGENCIES
REG_ADDR=127.0.0.1:18083; BASE_ADDR=127.0.0.1:18084
build_servers

echo "== seeding $AGENCIES synthetic agencies"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS agency_registry_bench_snapshot WITH (FORCE)" \
  -c "CREATE DATABASE agency_registry_bench_snapshot"
export DATABASE_URL=$PG/agency_registry_bench_snapshot
./target/release/agency-registry keys create-kek "$work/kek" 2>/dev/null
export KEY_ENCRYPTION_KEY_FILE=$work/kek TRUSTED_PROXIES=127.0.0.1 RATE_LIMIT_PUBLIC_PER_MIN=10000000
start=$(date +%s.%N)
./target/release/agency-registry seed --synthetic "$AGENCIES" 2>/dev/null
printf 'seeded in %.1f s (with their %d change-feed entries)\n' "$(echo "$(date +%s.%N) - $start" | bc)" \
  "$(psql "$DATABASE_URL" -Atc 'SELECT count(*) FROM changes')"
psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
PG_SERVER=$PG bash "$work/perf-baseline/bench/setup.sh" >/dev/null

RUST_LOG=warn LISTEN_ADDR=$REG_ADDR ./target/release/agency-registry serve >"$out_dir/snapshot-registry.log" 2>&1 &
reg=$!
DATABASE_URL=$PG/perf_baseline BIND=$BASE_ADDR RECYCLE=fast "$work/perf-baseline/target/release/pg_deadpool" \
  >"$out_dir/snapshot-baseline.log" 2>&1 &
base=$!
trap 'stop $reg $base' EXIT
wait_http "http://$REG_ADDR/health/ready"; wait_http "http://$BASE_ADDR/lookup/1"

rss_mb() { awk '/VmRSS/{printf "%.1f", $2/1024}' "/proc/$reg/status"; }
# wrk for D seconds; prints "p50_ms p99_ms req/s non2xx".
checks() {
  local out; out=$(wrk -t1 -c"$C" -d"$2s" --latency -s "$3" "$1" 2>&1)
  printf '%s %s %s %s\n' "$(to_ms "$(awk '$1=="50%"{print $2}' <<<"$out")")" \
    "$(to_ms "$(awk '$1=="99%"{print $2}' <<<"$out")")" "$(awk '/Requests\/sec/{print $2}' <<<"$out")" \
    "$(awk '/Non-2xx/{print $5}' <<<"$out" | grep . || echo 0)"
}

# Warm up both servers, then the licence check alone, beside the baseline.
checks "http://$REG_ADDR" 5 "$here/bench/license.lua" >/dev/null
checks "http://$BASE_ADDR" 5 "$BASELINE_SRC/bench/lookup.lua" >/dev/null
read -r q50 q99 qrps qerr < <(checks "http://$REG_ADDR" 10 "$here/bench/license.lua")
read -r b50 b99 brps berr < <(checks "http://$BASE_ADDR" 10 "$BASELINE_SRC/bench/lookup.lua")
printf '\n%-34s %9s %9s %9s %7s\n' "" p50_ms p99_ms req/s non2xx
printf '%-34s %9s %9s %9s %7s\n' "baseline lookup" "$b50" "$b99" "$brps" "$berr"
printf '%-34s %9s %9s %9s %7s\n' "licence check, quiet" "$q50" "$q99" "$qrps" "$qerr"

printf '\n%-6s %-8s %9s %11s %9s %10s %12s\n' round encoding seconds bytes lines rss_grow_mb check_p99_ms
for round in $(seq 1 "$ROUNDS"); do
  for encoding in gzip identity; do
    before=$(rss_mb); peak=$before
    checks "http://$REG_ADDR" 8 "$here/bench/license.lua" > "$work/during" &
    load=$!
    sleep 1
    curl -fsS -H "Accept-Encoding: $encoding" -o "$work/snapshot" -w '%{time_total}\n' \
      "http://$REG_ADDR/v1/registry/snapshot" > "$work/time" &
    fetch=$!
    while kill -0 "$fetch" 2>/dev/null; do
      now=$(rss_mb); peak=$(echo "if ($now > $peak) $now else $peak" | bc); sleep 0.05
    done
    wait "$fetch"; wait "$load"
    if [ "$encoding" = gzip ]; then lines=$(gzip -dc "$work/snapshot" | wc -l); else lines=$(wc -l < "$work/snapshot"); fi
    read -r _ d99 _ _ < "$work/during"
    printf '%-6s %-8s %9.2f %11d %9d %10.1f %12s\n' "$round" "$encoding" "$(cat "$work/time")" \
      "$(stat -c %s "$work/snapshot")" "$lines" "$(echo "$peak - $before" | bc)" "$d99" | tee -a "$work/rounds"
  done
done

echo
awk -v q99="$q99" -v b99="$b99" '
  { if ($3 > t) t = $3; if ($6 > g) g = $6; if ($7 > d) d = $7 }
  END {
    printf "snapshot, slowest round: %.2f s (target < 5)\n", t
    printf "process growth while streaming, largest: %.1f MB (target < 20)\n", g
    printf "licence check p99 while a snapshot streams: %.1f ms, quiet %.1f ms, baseline %.1f ms (%.1fx baseline)\n", d, q99, b99, d / b99
  }' "$work/rounds"
