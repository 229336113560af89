# Shared by the benchmark scripts (sourced, not run): the settings, the release
# build of the registry and of the reference server of ../shared/perf-baseline,
# and small helpers.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
here=$(pwd)
PG=${PG_SERVER:-postgres://postgres@127.0.0.1:5432}
BASELINE_SRC=${BASELINE_SRC:-$here/../shared/perf-baseline}
out_dir=$here/bench/results; mkdir -p "$out_dir"
# Where QR codes point; `serve` requires it with a DATABASE_URL of its own.
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-https://registry.example.uz}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

# Builds both servers; the baseline is copied to a writable place ($work).
build_servers() {
  echo "== building (release)"
  cargo build --release --locked --quiet
  work=$(mktemp -d)
  cp -r "$BASELINE_SRC" "$work/perf-baseline"
  (cd "$work/perf-baseline" && cargo build --release --quiet --bin pg_deadpool)
}

# wrk's latency ("812.00us", "4.27ms", "1.62s") in milliseconds.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else {sub(/s/,"",v); print v*1000}}' <<<"$1"; }

# check NAME URL SCRIPT: D seconds of wrk at 16 connections; prints
# "rps p99_ms errors" (errors: non-2xx answers and socket errors).
check() {
  local out; out=$(wrk -t1 -c16 -d"${D}s" --latency -s "$3" "$2" 2>&1)
  echo "$out" > "$out_dir/$1.txt"
  local non2xx socket
  non2xx=$(awk '/Non-2xx/{print $5}' <<<"$out"); socket=$(awk '/Socket errors/{print $4+$6+$8+$10}' <<<"$out")
  echo "$(awk '/Requests\/sec/{print $2}' <<<"$out") $(to_ms "$(awk '$1=="99%"{print $2}' <<<"$out")") $(( ${non2xx:-0} + ${socket:-0} ))"
}

wait_http() { for _ in $(seq 1 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1"; exit 1; }

# BIN: the registry's binary (./target/release/agency-registry).
# seed_db NAME AGENCIES: a fresh database NAME with AGENCIES synthetic agencies;
# exports DATABASE_URL and KEY_ENCRYPTION_KEY_FILE (in $work) for the servers.
seed_db() {
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
  export DATABASE_URL=$PG/$1
  "${BIN:-./target/release/agency-registry}" keys create-kek "$work/kek" 2>/dev/null || true
  export KEY_ENCRYPTION_KEY_FILE=$work/kek
  local start; start=$(date +%s.%N)
  "${BIN:-./target/release/agency-registry}" seed --synthetic "$2" 2>/dev/null
  printf 'seeded %s agencies in %.1f s\n' "$2" "$(echo "$(date +%s.%N) - $start" | bc)"
  psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
}

# client_token ADDR ROLE [ORGANIZATION]: a new API client's access token (15 minutes).
client_token() {
  local creds id secret
  creds=$("${BIN:-./target/release/agency-registry}" clients create --name "bench $2" --role "$2" ${3:+--organization "$3"} 2>/dev/null)
  id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["client_id"])' "$creds")
  secret=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["client_secret"])' "$creds")
  curl -fs "http://$1/v1/auth/token" -d grant_type=client_credentials -d "client_id=$id" -d "client_secret=$secret" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

# stop PID...: ends the servers (TERM, then KILL after 15 s), so none outlives
# its run and answers on the next run's port.
stop() {
  kill "$@" 2>/dev/null || true
  for _ in $(seq 1 150); do
    local alive=0; for p in "$@"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && return 0
    sleep 0.1
  done
  kill -9 "$@" 2>/dev/null || true
}

# serve_registry ADDR LOG: starts the registry ($BIN) on ADDR, stopped when the
# script exits; sets $reg to its pid and waits until it is ready.
serve_registry() {
  RUST_LOG=warn LISTEN_ADDR=$1 "${BIN:-./target/release/agency-registry}" serve >"$2" 2>&1 &
  reg=$!
  trap 'stop $reg' EXIT
  for _ in $(seq 1 600); do curl -fs -o /dev/null "http://$1/health/ready" && return 0; sleep 0.1; done
  echo "the registry on $1 never became ready (see $2)"; exit 1
}

# writer_tokens ADDR ORGANIZATION: exports the tokens bench/mixed.lua writes
# with (NGO_TOKEN of ORGANIZATION's client, MINISTRY_TOKEN).
writer_tokens() {
  export NGO_TOKEN MINISTRY_TOKEN
  NGO_TOKEN=$(client_token "$1" ngo "$2")
  MINISTRY_TOKEN=$(client_token "$1" ministry)
}
