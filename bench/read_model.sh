#!/usr/bin/env bash
# How the read model's cost grows: seeds N synthetic agencies (default
# 1,000,000; AGENCIES=100000 for the issue's figure), starts a release build,
# and reports the model's build time, the time to /health/ready, resident
# memory once built and once settled, and a short licence-check, contact-check and search
# load (wrk, 16 connections, D seconds each) against it, with the contact
# check's throughput and p99 as ratios of the licence check's in the same
# run (each synthetic agency has 3 channels, 5 representatives and 3 job
# orders, one employer per 5 agencies), and the job-order check's and
# search's (20,000 distinct queries) as ratios of the licence check's.
#
# Usage: bench/read_model.sh     (AGENCIES=1000000 D=10 C=16 to change)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
AGENCIES=${AGENCIES:-1000000}; D=${D:-10}; C=${C:-16}
export AGENCIES
ADDR=127.0.0.1:18083
echo "== building (release)"
cargo build --release --locked --quiet
work=$(mktemp -d)
DB=agency_registry_bench_$AGENCIES
export DATABASE_URL=$PG/$DB
if [ "${RESEED:-1}" = 1 ] || ! psql "$DATABASE_URL" -qc "SELECT 1" >/dev/null 2>&1; then
  echo "== seeding $AGENCIES synthetic agencies"
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  ./target/release/agency-registry keys create-kek "$here/bench/results/kek-$AGENCIES" 2>/dev/null || true
  export KEY_ENCRYPTION_KEY_FILE=$here/bench/results/kek-$AGENCIES
  start=$(date +%s.%N)
  ./target/release/agency-registry seed --synthetic "$AGENCIES" 2>/dev/null
  printf 'seeded in %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
  psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
fi
export KEY_ENCRYPTION_KEY_FILE=$here/bench/results/kek-$AGENCIES
export TRUSTED_PROXIES=127.0.0.1
export SEARCH_QUERIES=$work/search-queries.txt
python3 "$here/bench/search_queries.py" 20000 "$AGENCIES" > "$SEARCH_QUERIES"
export JOB_ORDER_QUERIES=$work/job-order-queries.txt
python3 "$here/bench/job_order_queries.py" 20000 "$AGENCIES" > "$JOB_ORDER_QUERIES"

started=$(date +%s.%N)
RUST_LOG=warn LISTEN_ADDR=$ADDR ./target/release/agency-registry serve >"$out_dir/read-model-$AGENCIES.log" 2>&1 &
reg=$!
trap 'stop $reg' EXIT
for _ in $(seq 1 1200); do curl -fs -o /dev/null "http://$ADDR/health/ready" && break; sleep 0.1; done
ready=$(echo "$(date +%s.%N) - $started" | bc)
health=$(curl -s "http://$ADDR/health/ready")
build=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["read_model"]["build_secs"])' "$health")
rss=$(awk '/VmRSS/{print $2}' "/proc/$reg/status")
printf '%s agencies: model built in %.1f s, ready %.1f s after start, resident %.0f MB\n' \
  "$AGENCIES" "$build" "$ready" "$(echo "$rss / 1024" | bc -l)"
# What building left free goes back to the system as the allocator purges
# it (within seconds, or when the pool thread that built retires): the
# footprint the service then keeps.
sleep "${SETTLE:-15}"
printf 'resident %.0f MB %s s later, before any load\n' \
  "$(echo "$(awk '/VmRSS/{print $2}' "/proc/$reg/status") / 1024" | bc -l)" "${SETTLE:-15}"
declare -A rps p99
for what in license contact search job_order job_order_search; do
  out=$(wrk -t2 -c"$C" -d"${D}s" --latency -s "$here/bench/$what.lua" "http://$ADDR" 2>&1)
  rps[$what]=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p99[$what]=$(to_ms "$(awk '$1=="99%"{print $2}' <<<"$out")")
  printf '%-8s %s req/s, p50 %s, p99 %s, non-2xx %s\n' "$what" "${rps[$what]}" \
    "$(awk '$1=="50%"{print $2}' <<<"$out")" "$(awk '$1=="99%"{print $2}' <<<"$out")" "$(awk '/Non-2xx/{print $5}' <<<"$out")"
done
printf 'contact check / licence check: throughput %.2fx (target >= 0.8), p99 %.2fx (target <= 1.5)\n' \
  "$(echo "${rps[contact]} / ${rps[license]}" | bc -l)" "$(echo "${p99[contact]} / ${p99[license]}" | bc -l)"
printf 'job-order check / licence check: throughput %.2fx (target >= 0.8)\n' \
  "$(echo "${rps[job_order]} / ${rps[license]}" | bc -l)"
printf 'job-order search / licence check: throughput %.2fx (target >= 0.25), p99 %s ms (target < 30)\n' \
  "$(echo "${rps[job_order_search]} / ${rps[license]}" | bc -l)" "${p99[job_order_search]}"
printf 'peak resident memory: %.0f MB\n' "$(echo "$(awk '/VmHWM/{print $2}' "/proc/$reg/status") / 1024" | bc -l)"
