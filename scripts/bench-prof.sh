#!/usr/bin/env bash
# Profiler speed: builds pl08x-prof in Release (-O2), times the 1,000-point sweep
# prof/bench1000.yaml with -j 1 and with -j $(nproc), and writes the figures into
# docs/results.md between <!-- bench:prof:begin --> and <!-- bench:prof:end --> (the rest of
# the file is kept). Called by scripts/bench.sh; runs alone too.
#   BENCH_BUILD_DIR  build directory (default build-bench)
set -euo pipefail

case "${1:-}" in
-h | --help)
	echo "usage: scripts/bench-prof.sh"
	echo "  Times the 1,000-point sweep prof/bench1000.yaml (target: under 60 s) and records it"
	echo "  in docs/results.md."
	exit 0
	;;
"") ;;
*)
	echo "bench-prof.sh: unknown argument '$1' (try --help)" >&2
	exit 2
	;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/lib/results.sh
build=${BENCH_BUILD_DIR:-build-bench}
results=docs/results.md
begin='<!-- bench:prof:begin -->'
end='<!-- bench:prof:end -->'
sweep=prof/bench1000.yaml
jobs=$(nproc)

scripts/setup.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
	-DPL08X_TESTS=OFF -DPL08X_SANITIZE=OFF -DPL08X_DEBUG_ASSERT=OFF \
	-DPL08X_SYSTEMC=OFF -DPL08X_VERILATOR=OFF >/dev/null
cmake --build "$build" --target pl08x-prof -j2

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The whole run as a user sees it (expansion, simulation, CSV, summary, SVG plots), wall clock
run() {
	local j=$1 t0 t1 log
	t0=$(date +%s.%N)
	log=$("$build/bin/pl08x-prof" "$sweep" -j "$j" --no-progress -o "$out/j$j" 2>&1)
	t1=$(date +%s.%N)
	echo "$log" >&2
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
	echo " $(grep -o '[0-9.]* M simulated cycles/s' <<<"$log" | head -n1)"
}
read -r s1 m1 _ < <(run 1)
read -r sn mn _ < <(run "$jobs")
points=$(($(wc -l <"$out/j1/prof.csv") - 1))

cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "none")
[ -n "$(git status --porcelain -- model harness prof 2>/dev/null)" ] && commit="$commit (with local changes)"

section=$(cat <<MD
$begin
## Profiler speed (pl08x-prof)

Measured by \`scripts/bench-prof.sh\` (from \`scripts/bench.sh\`): the $points-point sweep
\`$sweep\` (4 KB word copies on 1 to 8 channels, every burst size, 0 to 4 wait states per
side), the whole run with CSV, summary and SVG plots, wall clock, Release build (-O2).
Target: under 60 s on this 2-core machine.

| threads | seconds | simulated cycles/s | target |
|---:|---:|---:|---:|
| 1 | $s1 | $m1 M | |
| $jobs | $sn | $mn M | 60 s |

- machine: ${cpu:-unknown CPU}, $(nproc) CPUs
- date: $(date -u +%Y-%m-%d); commit: $commit
$end
MD
)

results_replace_section "$results" "$begin" "$end" "$section"
echo "bench-prof.sh: $points points in $s1 s (-j 1) and $sn s (-j $jobs), recorded in $results"
