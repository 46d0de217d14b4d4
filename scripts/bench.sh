#!/usr/bin/env bash
# Model speed: builds pl08x-bench-model in Release (-O2, no sanitizers, no tests), runs it with
# 1 and 8 busy channels, and writes the figures into docs/results.md between the markers
# <!-- bench:model:begin --> and <!-- bench:model:end --> (the rest of the file is kept).
#   BENCH_BUILD_DIR  build directory (default build-bench)
#   BENCH_CYCLES     simulated cycles per run (default 20000000)
set -euo pipefail

case "${1:-}" in
-h | --help)
	echo "usage: scripts/bench.sh"
	echo "  Measures simulated cycles/s of the bare model (1 and 8 busy channels) and"
	echo "  records them in docs/results.md."
	exit 0
	;;
"") ;;
*)
	echo "bench.sh: unknown argument '$1' (try --help)" >&2
	exit 2
	;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${BENCH_BUILD_DIR:-build-bench}
cycles=${BENCH_CYCLES:-20000000}
results=docs/results.md
begin='<!-- bench:model:begin -->'
end='<!-- bench:model:end -->'

scripts/setup.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
	-DPL08X_TESTS=OFF -DPL08X_SANITIZE=OFF -DPL08X_DEBUG_ASSERT=OFF \
	-DPL08X_SYSTEMC=OFF -DPL08X_VERILATOR=OFF >/dev/null
cmake --build "$build" --target pl08x-bench-model -j2

declare -A rate summary
for n in 1 8; do
	out=$("$build/bin/pl08x-bench-model" --channels "$n" --cycles "$cycles")
	echo "$out"
	rate[$n]=$(awk '/^cycles\/s:/ { print $2 }' <<<"$out")
	summary[$n]=$(grep -v '^cycles/s:' <<<"$out")
done

mcps() { awk -v r="$1" 'BEGIN { printf "%.1f M", r / 1e6 }'; }
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1)
cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
ccver="$(basename "$(readlink -f "$cc")"): $("$cc" --version | head -n1)"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "none")
[ -n "$(git status --porcelain -- model harness 2>/dev/null)" ] && commit="$commit (with local changes)"

section=$(cat <<MD
$begin
## Model speed (bare C model)

Measured by \`scripts/bench.sh\` (\`pl08x-bench-model\`): a PL080 with busy channels copying
memory to memory (words, bursts of 4, TransferSize 4095, zero-wait memories, each channel
re-armed at its terminal count), $cycles simulated HCLK cycles per run, one thread, Release
build (-O2). Target: 30 M cycles/s with 8 busy channels.

| busy channels | simulated cycles/s | target |
|---:|---:|---:|
| 1 | $(mcps "${rate[1]}") | |
| 8 | $(mcps "${rate[8]}") | 30 M |

- machine: ${cpu:-unknown CPU}, $(nproc) CPUs
- compiler: $ccver
- date: $(date -u +%Y-%m-%d); commit: $commit
- runs: \`${summary[1]}\`; \`${summary[8]}\`
$end
MD
)

mkdir -p "$(dirname "$results")"
[ -f "$results" ] || printf '# Results\n' >"$results"
tmp=$(mktemp "$results.XXXXXX")
trap 'rm -f "$tmp"' EXIT
if grep -qF "$begin" "$results" && grep -qF "$end" "$results"; then
	# Replace the old section in place; everything outside the markers is copied as is.
	SECTION=$section awk -v b="$begin" -v e="$end" '
		index($0, b) { print ENVIRON["SECTION"]; skip = 1; next }
		index($0, e) { skip = 0; next }
		!skip { print }' "$results" >"$tmp"
else
	{ cat "$results"; printf '\n%s\n' "$section"; } >"$tmp"
fi
chmod 0644 "$tmp" # mktemp made it private
mv "$tmp" "$results"
trap - EXIT
echo "bench.sh: model speed recorded in $results"

# Profiler speed (issue 6): a 1,000-point sweep, in its own section of docs/results.md
BENCH_BUILD_DIR=$build scripts/bench-prof.sh
