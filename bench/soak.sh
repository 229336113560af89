#!/usr/bin/env bash
# A soak: SOAK_SECS (600) of a campaign day's mix at a steady rate on the
# release build, 100,000 synthetic agencies: 95 % public reads (licence checks,
# searches, the check page, licence histories; each from a random phone
# address), 4 % NGO complaint filings, 1 % ministry registrations
# (bench/mixed.lua; C connections, each pausing DELAY_MS between requests).
# Every 10 s it samples the server's resident memory and its connections in
# pg_stat_activity. At the end it checks:
#   - 0 errors (reads 200, filings and registrations 201; nothing else);
#   - nothing accepted lost: the complaints and agencies stored number the 201s
#     (and at most C more: requests in flight when wrk stops, never answered);
#   - resident memory flat: the last minute's mean within 10 % of the second's;
#   - no connection leak: never more than the pool (DATABASE_POOL_SIZE) plus the
#     listener in pg_stat_activity, and none still in use once idle (the pool's
#     own count, from /metrics);
#   - the audit chain verifies (`agency-registry audit verify`).
# Exits non-zero when a check fails.
#
# Usage: bench/soak.sh     (SOAK_SECS=600 C=16 DELAY_MS=20 AGENCIES=100000 to change)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SOAK_SECS=${SOAK_SECS:-600}; C=${C:-16}; DELAY_MS=${DELAY_MS:-20}; AGENCIES=${AGENCIES:-100000}
POOL=${DATABASE_POOL_SIZE:-16}
[ "$SOAK_SECS" -ge 180 ] || { echo "SOAK_SECS must be at least 180: the memory check compares the second minute with the last"; exit 2; }
export AGENCIES DELAY_MS
ADDR=127.0.0.1:18085
export METRICS_ADDR=127.0.0.1:18086
DB=agency_registry_soak
echo "== building (release)"
cargo build --release --locked --quiet
work=$(mktemp -d)
seed_db "$DB" "$AGENCIES"
export TRUSTED_PROXIES=127.0.0.1 DATABASE_POOL_SIZE=$POOL
# The quota exists for a runaway client; the soak's one NGO client files thousands.
export COMPLAINTS_PER_HOUR=100000000

serve_registry "$ADDR" "$out_dir/soak.log"
writer_tokens "$ADDR" "Soak NGO"
connections() {
  psql "$PG/postgres" -tAc "SELECT count(*) FROM pg_stat_activity WHERE datname = '$DB' AND application_name = 'agency-registry'"
}
before=$(connections)
complaints_before=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM complaints")

samples=$out_dir/soak-samples.txt
echo "secs rss_kb connections" > "$samples"
(
  start=$(date +%s)
  while kill -0 "$reg" 2>/dev/null; do
    echo "$(( $(date +%s) - start )) $(awk '/VmRSS/{print $2}' "/proc/$reg/status") $(connections)" >> "$samples"
    sleep 10
  done
) &
sampler=$!
trap 'stop $reg $sampler' EXIT

echo "== soak: ${SOAK_SECS} s, $C connections pausing ${DELAY_MS} ms"
READ_SHARE=95 FILE_SHARE=4 CHANGE_SHARE=1 wrk -t2 -c"$C" -d"${SOAK_SECS}s" --latency --timeout 10s \
  -s "$here/bench/mixed.lua" "http://$ADDR" > "$out_dir/soak-wrk.txt" 2>&1
sleep 5   # idle: connections back in the pool
after=$(connections)
in_use=$(curl -fs "http://$METRICS_ADDR/metrics" | awk '/^db_pool_connections\{state="in_use"\}/{print $2}')
kill "$sampler" 2>/dev/null || true
cat "$out_dir/soak-wrk.txt"

count() { awk -v k="$1" -v c="$2" '$1=="status" && $2==k && $3==c {n+=$4} END {print n+0}' "$out_dir/soak-wrk.txt"; }
all=$(awk '$1=="status" {n+=$4} END {print n+0}' "$out_dir/soak-wrk.txt")
reads=$(count read 200); filed=$(count file 201); registered=$(count change 201)
socket=$(awk -F'[ ,]+' '/Socket errors/{print $4+$6+$8+$10}' "$out_dir/soak-wrk.txt")
errors=$(( all - reads - filed - registered + ${socket:-0} ))
stored_complaints=$(( $(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM complaints") - complaints_before ))
stored_agencies=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM agencies WHERE taxpayer_id LIKE '7%'")
read -r second last peak_conn < <(awk 'NR>1 { if ($1>=60 && $1<120) {s+=$2; sn++} if ($1>='"$SOAK_SECS"'-60 && $1<'"$SOAK_SECS"') {l+=$2; ln++} if ($3>pc) pc=$3 }
  END { printf "%d %d %d\n", s/(sn?sn:1), l/(ln?ln:1), pc }' "$samples")
if ./target/release/agency-registry audit verify > "$out_dir/soak-audit.txt" 2>&1; then audit=ok; else audit=BROKEN; fi

failed=0
check() { if eval "$2"; then printf '  ok    %s\n' "$1"; else printf '  FAIL  %s\n' "$1"; failed=1; fi; }
echo
printf 'requests %d in %d s (%.0f/s): reads %d, filings %d, registrations %d, errors %d\n' \
  "$all" "$SOAK_SECS" "$(echo "$all / $SOAK_SECS" | bc -l)" "$reads" "$filed" "$registered" "$errors"
printf 'resident memory: second minute %.1f MB, last minute %.1f MB (%+.1f %%), peak %.1f MB\n' \
  "$(echo "$second / 1024" | bc -l)" "$(echo "$last / 1024" | bc -l)" "$(echo "($last - $second) * 100 / $second" | bc -l)" \
  "$(echo "$(awk '/VmHWM/{print $2}' "/proc/$reg/status") / 1024" | bc -l)"
printf 'connections: %d before, at most %d during (pool %d + 1 listener), %d after (%s in use)\n' "$before" "$peak_conn" "$POOL" "$after" "$in_use"
check "0 errors" "[ $errors -eq 0 ]"
check "every accepted filing stored ($filed answered 201, $stored_complaints stored)" \
  "[ $stored_complaints -ge $filed ] && [ $stored_complaints -le $((filed + C)) ]"
check "every accepted registration stored ($registered answered 201, $stored_agencies stored)" \
  "[ $stored_agencies -ge $registered ] && [ $stored_agencies -le $((registered + C)) ]"
check "memory flat (last minute within 10 % of the second)" \
  "[ \$(echo \"($last - $second) * 100 / $second < 10 && ($second - $last) * 100 / $second < 10\" | bc -l) -eq 1 ]"
check "no connection leak" "[ $peak_conn -le $((POOL + 1)) ] && [ $after -le $((POOL + 1)) ] && [ \"$in_use\" = 0 ]"
check "audit chain verifies ($(cat "$out_dir/soak-audit.txt" | tail -1))" "[ $audit = ok ]"
exit $failed
