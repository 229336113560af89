#!/usr/bin/env bash
# Benchmark: the licence check and the agency search of a release build on
# 100,000 synthetic agencies, answered from the in-memory read model, side by
# side with the reference server of ../shared/perf-baseline (bare actix-web +
# tokio-postgres + deadpool, one indexed lookup per request), with wrk at 16
# connections. Search draws from 20,000 distinct queries (bench/search_queries.py).
# A second instance with READ_MODEL=off shows what Postgres alone answers.
# Absolute figures drift on a shared machine; the ratios hold.
#
# With BEFORE=<git revision>, that revision is built too and served beside
# the current one on the same data, and each round measures both: a change
# shows what it costs in the same run (BEFORE=7a047ad: before issue 25).
#
# Usage: bench/run.sh            (ROUNDS=2 D=20 C=16 AGENCIES=100000 BEFORE= to change)
# Needs: PostgreSQL at 127.0.0.1:5432 (trust auth), wrk (installed when missing).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROUNDS=${ROUNDS:-2}; D=${D:-20}; C=${C:-16}; AGENCIES=${AGENCIES:-100000}
export AGENCIES
REG_ADDR=127.0.0.1:18081; PGONLY_ADDR=127.0.0.1:18082; BASE_ADDR=127.0.0.1:18080; BEFORE_ADDR=127.0.0.1:18083
BEFORE=${BEFORE:-}
build_servers
if [ -n "$BEFORE" ]; then
  echo "== building $BEFORE (release), to measure beside"
  git -C "$here" worktree add --detach "$work/before" "$BEFORE" >/dev/null 2>&1
  (cd "$work/before" && CARGO_TARGET_DIR="$here/target/before" cargo build --release --locked --quiet --bin agency-registry)
  git -C "$here" worktree remove --force "$work/before"
fi

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
export SEARCH_QUERIES=$work/search-queries.txt
python3 "$here/bench/search_queries.py" 20000 "$AGENCIES" > "$SEARCH_QUERIES"

# load NAME URL SCRIPT: 5 s warm-up, then D seconds; prints "rps p50 p99 errors".
load() {
  wrk -t2 -c"$C" -d5s -s "$3" "$2" >/dev/null 2>&1
  local out; out=$(wrk -t2 -c"$C" -d"${D}s" --latency -s "$3" "$2" 2>&1)
  echo "$out" > "$out_dir/$1.txt"
  local rps p50 p99 non2xx socket
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/{print $5}' <<<"$out")
  socket=$(awk -F'[ ,]+' '/Socket errors/{print $4+$6+$8+$10}' <<<"$out")
  echo "$rps $p50 $p99 $(( ${non2xx:-0} + ${socket:-0} ))"
}

started=$(date +%s.%N)
RUST_LOG=warn LISTEN_ADDR=$REG_ADDR ./target/release/agency-registry serve >"$out_dir/registry.log" 2>&1 &
reg=$!
RUST_LOG=warn LISTEN_ADDR=$PGONLY_ADDR READ_MODEL=off ./target/release/agency-registry serve >"$out_dir/registry-pg.log" 2>&1 &
pgonly=$!
DATABASE_URL=$PG/perf_baseline BIND=$BASE_ADDR RECYCLE=fast "$work/perf-baseline/target/release/pg_deadpool" >"$out_dir/baseline.log" 2>&1 &
base=$!
before=
if [ -n "$BEFORE" ]; then
  RUST_LOG=warn LISTEN_ADDR=$BEFORE_ADDR ./target/before/release/agency-registry serve >"$out_dir/registry-before.log" 2>&1 &
  before=$!
fi
trap 'stop $reg $pgonly $base $before' EXIT
for _ in $(seq 1 600); do curl -fs -o /dev/null "http://$REG_ADDR/health/ready" && break; sleep 0.05; done
ready=$(echo "$(date +%s.%N) - $started" | bc)
wait_http "http://$PGONLY_ADDR/health/ready"; wait_http "http://$BASE_ADDR/lookup/1"
[ -n "$BEFORE" ] && wait_http "http://$BEFORE_ADDR/health/ready"
build=$(curl -s "http://$REG_ADDR/health/ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["read_model"]["build_secs"])')
rss_ready=$(awk '/VmRSS/{print $2}' "/proc/$reg/status")
printf 'read model: built in %.2f s (ready %.2f s after start), resident %.1f MB\n' "$build" "$ready" "$(echo "$rss_ready / 1024" | bc -l)"

printf '\n%-24s %10s %9s %9s %7s\n' run req/s p50_ms p99_ms errors
for round in $(seq 1 "$ROUNDS"); do
  read -r b_rps b50 b99 b_err < <(load "baseline-$round" "http://$BASE_ADDR" "$BASELINE_SRC/bench/lookup.lua")
  printf '%-24s %10s %9s %9s %7s\n' "baseline #$round" "$b_rps" "$(to_ms "$b50")" "$(to_ms "$b99")" "$b_err"
  read -r l_rps l50 l99 l_err < <(load "license-$round" "http://$REG_ADDR" "$here/bench/license.lua")
  printf '%-24s %10s %9s %9s %7s\n' "licence check #$round" "$l_rps" "$(to_ms "$l50")" "$(to_ms "$l99")" "$l_err"
  read -r s_rps s50 s99 s_err < <(load "search-$round" "http://$REG_ADDR" "$here/bench/search.lua")
  printf '%-24s %10s %9s %9s %7s\n' "search #$round" "$s_rps" "$(to_ms "$s50")" "$(to_ms "$s99")" "$s_err"
  echo "$b_rps $(to_ms "$b99") $l_rps $(to_ms "$l99") $s_rps $(to_ms "$s99") $s_err" >> "$out_dir/rounds.txt.$$"
  if [ -n "$BEFORE" ]; then
    read -r bl_rps bl50 bl99 bl_err < <(load "license-before-$round" "http://$BEFORE_ADDR" "$here/bench/license.lua")
    printf '%-24s %10s %9s %9s %7s\n' "licence, $BEFORE #$round" "$bl_rps" "$(to_ms "$bl50")" "$(to_ms "$bl99")" "$bl_err"
    read -r bs_rps bs50 bs99 bs_err < <(load "search-before-$round" "http://$BEFORE_ADDR" "$here/bench/search.lua")
    printf '%-24s %10s %9s %9s %7s\n' "search, $BEFORE #$round" "$bs_rps" "$(to_ms "$bs50")" "$(to_ms "$bs99")" "$bs_err"
    echo "$l_rps $bl_rps $s_rps $bs_rps" >> "$out_dir/before.txt.$$"
  fi
done
read -r p_rps p50 p99 p_err < <(load "search-postgres" "http://$PGONLY_ADDR" "$here/bench/search.lua")
printf '%-24s %10s %9s %9s %7s\n' "search, Postgres only" "$p_rps" "$(to_ms "$p50")" "$(to_ms "$p99")" "$p_err"
read -r q_rps q50 q99 q_err < <(load "license-postgres" "http://$PGONLY_ADDR" "$here/bench/license.lua")
printf '%-24s %10s %9s %9s %7s\n' "licence, Postgres only" "$q_rps" "$(to_ms "$q50")" "$(to_ms "$q99")" "$q_err"
rss_kb=$(awk '/VmHWM/{print $2}' "/proc/$reg/status")

echo
awk -v rss="$rss_kb" -v build="$build" '
  { br+=$1; bp+=$2; lr+=$3; lp+=$4; sr+=$5; if ($6>sp) sp=$6; se+=$7; n++ }
  END {
    printf "licence check / baseline: throughput %.2f (target >= 1.0), p99 %.2fx (target <= 1.0)\n", lr/br, (lp/n)/(bp/n)
    printf "search p99 (worst round): %.1f ms (target < 50), errors %d (target 0)\n", sp, se
    printf "search / licence check throughput: %.2f (target >= 0.25)\n", sr/lr
    printf "read model build: %.2f s (target < 15), registry peak RSS: %.1f MB (target < 250)\n", build, rss/1024
  }' "$out_dir/rounds.txt.$$"
rm -f "$out_dir/rounds.txt.$$"
if [ -n "$BEFORE" ]; then
  awk -v rev="$BEFORE" '{ l+=$1; bl+=$2; s+=$3; bs+=$4 }
    END { printf "now / %s: licence check throughput %.2f, search throughput %.2f (target >= 0.95: nothing lost)\n", rev, l/bl, s/bs }' \
    "$out_dir/before.txt.$$"
  rm -f "$out_dir/before.txt.$$"
fi
