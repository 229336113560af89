#!/usr/bin/env bash
# What metrics cost per request, counted in instructions: the release build
# under valgrind's callgrind (which counts every instruction the process runs,
# the same count for the same work whatever else the machine does), once with
# METRICS_ADDR (every request counted and timed) and once without. Each
# instance answers WARMUP licence checks, its counters are zeroed, then it
# answers N more (a keep-alive client, random existing numbers typed as
# people do); instructions / N is what one licence check costs it. Issue 12's
# target: the metered instance loses < 3 % of its throughput, i.e. a licence
# check costs it < 3 % more. (Timed runs on this shared 2-core machine
# scattered by 10-30 % between rounds of the same build: see docs/architecture.md.)
#
# Usage: bench/metrics.sh      (N=3000 WARMUP=300 to change)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
N=${N:-3000}; WARMUP=${WARMUP:-300}
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
echo "== building (release)"
cargo build --release --locked --quiet
work=$(mktemp -d)
DB=agency_registry_bench_metrics
export DATABASE_URL=$PG/$DB
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
./target/release/agency-registry keys create-kek "$work/kek" 2>/dev/null
export KEY_ENCRYPTION_KEY_FILE=$work/kek
./target/release/agency-registry seed --synthetic 1000 2>/dev/null

# requests ADDR COUNT: COUNT licence checks over one keep-alive connection.
requests() {
  python3 - "$1" "$2" <<'PY'
import http.client, random, sys
host, port = sys.argv[1].split(":")
conn = http.client.HTTPConnection(host, int(port), timeout=60)
rng = random.Random(7)
for _ in range(int(sys.argv[2])):
    n = rng.randrange(1000)
    # From many phones through the trusted proxy, as in the other benchmarks.
    xff = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    path = f"/v1/licenses/SY-{n:06d}" if n % 2 else f"/v1/licenses/sy%20{n:06d}"
    conn.request("GET", path, headers={"X-Forwarded-For": xff})
    r = conn.getresponse(); r.read()
    assert r.status == 200, r.status
PY
}

# cost NAME [ENV...]: instructions per licence check of an instance run with ENV.
cost() {
  local name=$1; shift
  local addr=127.0.0.1:18086
  env "$@" TRUSTED_PROXIES=127.0.0.1 WORKERS=1 RUST_LOG=warn LISTEN_ADDR=$addr valgrind --tool=callgrind --collect-atstart=yes \
    --callgrind-out-file="$work/$name.%p" ./target/release/agency-registry serve >"$work/$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do curl -fs -o /dev/null "http://$addr/health/ready" && break; sleep 0.5; done
  requests $addr "$WARMUP"
  callgrind_control --zero $pid >/dev/null
  requests $addr "$N"
  callgrind_control --dump=measured $pid >/dev/null
  # The metered instance really counted them (the other has no listener).
  [ "$name" != metered ] || curl -s "http://127.0.0.1:19086/metrics" |
    awk '/^http_requests_total.*licenses.*status="200"/{print "metered instance counted " $2 " licence checks"}' >&2
  kill $pid; wait $pid 2>/dev/null || true
  local dump; dump=$(grep -l 'measured' "$work/$name".* | head -n 1)
  awk '/^summary:/{print $2}' "$dump"
}

on=$(cost metered METRICS_ADDR=127.0.0.1:19086)
off=$(cost plain)
awk -v on="$on" -v off="$off" -v n="$N" 'BEGIN {
  printf "instructions per licence check: %.0f with metrics, %.0f without\n", on / n, off / n
  printf "cost of metrics: %+.2f %% per request (target < 3 %%)\n", (on / off - 1) * 100 }'
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
echo "callgrind dumps: $work"
