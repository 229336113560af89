# Shared by the benchmark scripts (sourced, not run): the settings, the release
# build of the registry and of the reference server of ../shared/perf-baseline,
# and small helpers.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
here=$(pwd)
PG=${PG_SERVER:-postgres://postgres@127.0.0.1:5432}
BASELINE_SRC=${BASELINE_SRC:-$here/../shared/perf-baseline}
out_dir=$here/bench/results; mkdir -p "$out_dir"

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

wait_http() { for _ in $(seq 1 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1"; exit 1; }
