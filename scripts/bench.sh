#!/usr/bin/env bash
# Simulator speed, in one run, written into docs/results.md between the markers
# <!-- bench:model:begin --> and <!-- bench:model:end --> (the rest of the file is kept):
#   - the bare model (pl08x-bench-model) with 1 and 8 busy channels;
#   - the whole harness (pl08x-bench-harness: hx_sim with bus, checkers, trace hash) with 8
#     busy channels, and idle on a slow peripheral (fast-forward);
#   - vector runs per second of the vectors/ regression (pl08x-run, all CPUs);
# each also as a ratio to the bare model's 8-channel figure of the same run. Release build
# (-O2), no sanitizers, no tests.
#   BENCH_BUILD_DIR  build directory (default build-bench)
#   BENCH_CYCLES     simulated cycles per bare-model run (default 20000000)
#   BENCH_RUNS       vector runs of the regression measurement (default 1000)
#   BENCH_REPEAT     runs of each bare-model load, the median is recorded (default 5)
set -euo pipefail

case "${1:-}" in
-h | --help)
	echo "usage: scripts/bench.sh"
	echo "  Measures simulated cycles/s of the bare model (1 and 8 busy channels), of the"
	echo "  harness (busy, and idle on a slow peripheral) and vector runs/s of vectors/,"
	echo "  and records them in docs/results.md with the machine and date."
	exit 0
	;;
"") ;;
*)
	echo "bench.sh: unknown argument '$1' (try --help)" >&2
	exit 2
	;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/lib/results.sh
build=${BENCH_BUILD_DIR:-build-bench}
cycles=${BENCH_CYCLES:-20000000}
runs_wanted=${BENCH_RUNS:-1000}
results=docs/results.md
begin='<!-- bench:model:begin -->'
end='<!-- bench:model:end -->'

scripts/setup.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
	-DPL08X_TESTS=OFF -DPL08X_SANITIZE=OFF -DPL08X_DEBUG_ASSERT=OFF \
	-DPL08X_SYSTEMC=OFF -DPL08X_VERILATOR=OFF >/dev/null
cmake --build "$build" --target pl08x-bench-model pl08x-bench-harness pl08x-run -j2

declare -A rate summary
# The bare model: the median of $runs runs per load, as a shared or virtual machine varies by
# 10-20% from run to run; the summary line kept is the median run's.
runs=${BENCH_REPEAT:-5}
for n in 1 8; do
	outs=()
	for ((r = 0; r < runs; r++)); do
		out=$("$build/bin/pl08x-bench-model" --channels "$n" --cycles "$cycles")
		echo "$out"
		outs+=("$(awk '/^cycles\/s:/ { print $2 }' <<<"$out") $(grep -v '^cycles/s:' <<<"$out")")
	done
	median=$(printf '%s\n' "${outs[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
	rate[$n]=${median%% *}
	summary[$n]="${median#* } (median of $runs runs)"
done


# The harness: busy (same load as the bare 8-channel run) and idle on a slow FIFO peripheral.
hx_busy_out=$("$build/bin/pl08x-bench-harness" --mode busy --channels 8 --cycles $((cycles / 4)))
echo "$hx_busy_out"
hx_busy=$(awk '/^cycles\/s:/ { print $2 }' <<<"$hx_busy_out")
hx_idle_out=$("$build/bin/pl08x-bench-harness" --mode idle)
echo "$hx_idle_out"
hx_idle=$(awk '/^cycles\/s:/ { print $2 }' <<<"$hx_idle_out")

# The regression: enough seeds of every vector to make at least $runs_wanted runs.
nvec=$(find vectors -name '*.yaml' -o -name '*.yml' | wc -l)
if ((nvec == 0)); then
	echo "bench.sh: no vectors under vectors/" >&2
	exit 1
fi
nseeds=$(((runs_wanted + nvec - 1) / nvec))
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
t0=$(date +%s.%N)
"$build/bin/pl08x-run" -q -j "$(nproc)" --seeds "1..$nseeds" --report-dir "$reports" vectors/ >"$reports/out.txt" || {
	cat "$reports/out.txt"
	echo "bench.sh: the regression failed, no figure recorded" >&2
	exit 1
}
t1=$(date +%s.%N)
read -r vruns vcycles < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
units = r["units"]
print(len(units), sum(u["cycles"] for u in units))' "$reports/report.json")
vsecs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
vrate=$(awk -v n="$vruns" -v s="$vsecs" 'BEGIN { printf "%.0f", n / s }')
vcps=$(awk -v c="$vcycles" -v s="$vsecs" 'BEGIN { printf "%.0f", c / s }')
echo "pl08x-run: $vruns vector runs ($nvec vectors x $nseeds seeds, $vcycles cycles) in $vsecs s with -j $(nproc) = $vrate runs/s"
mcps() { awk -v r="$1" 'BEGIN { if (r >= 1e9) printf "%.1f G", r / 1e9; else printf "%.1f M", r / 1e6 }'; }
ratio() { awk -v a="$1" -v b="${rate[8]}" 'BEGIN { printf "%.3g", a / b }'; }
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1)
cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
ccver="$(basename "$(readlink -f "$cc")"): $("$cc" --version | head -n1)"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "none")
[ -n "$(git status --porcelain -- model harness 2>/dev/null)" ] && commit="$commit (with local changes)"

section=$(cat <<MD
$begin
## Simulator speed

Measured by \`scripts/bench.sh\` in one run, Release build (-O2), one thread per figure except
the regression; each bare-model figure is the median of $runs runs. Ratios are to the bare
model with 8 busy channels of the same run.

| what | figure | ratio to bare model (8 ch) | target |
|---|---:|---:|---:|
| bare model, 1 busy channel (\`pl08x-bench-model\`) | $(mcps "${rate[1]}") cycles/s | $(ratio "${rate[1]}") | |
| bare model, 8 busy channels | $(mcps "${rate[8]}") cycles/s | 1 | 30 M (model issue), 50 M (profiler issue) |
| harness (\`hx_sim\`: bus, checkers, trace hash), 8 busy channels | $(mcps "$hx_busy") cycles/s | $(ratio "$hx_busy") | |
| harness idle on a slow peripheral (fast-forward) | $(mcps "$hx_idle") cycles/s | $(ratio "$hx_idle") | 1 G |
| vector regression, $vruns runs ($nvec vectors x $nseeds seeds), -j $(nproc) | $vrate runs/s ($vsecs s); $(mcps "$vcps") cycles/s | $(ratio "$vcps") | 1,000 runs < 30 s |

The bare-model load: a PL080 with busy channels copying memory to memory (words, bursts of 4,
TransferSize 4095, zero-wait memories, each channel re-armed at its terminal count), $cycles
cycles per run. The harness busy load is the same through \`hx_sim\` ($((cycles / 4)) cycles);
the idle load is one channel waiting on a receiver FIFO of one word per 1,000,000 cycles.

- machine: ${cpu:-unknown CPU}, $(nproc) CPUs
- compiler: $ccver
- date: $(date -u +%Y-%m-%d); commit: $commit
- runs: \`${summary[1]}\`; \`${summary[8]}\`; \`$(grep -v '^cycles/s:' <<<"$hx_busy_out")\`; \`$(grep -v '^cycles/s:' <<<"$hx_idle_out")\`
$end
MD
)

results_replace_section "$results" "$begin" "$end" "$section"
rm -rf "$reports"
trap - EXIT
echo "bench.sh: speed recorded in $results"

# Profiler speed (issue 6): a 1,000-point sweep, in its own section of docs/results.md
BENCH_BUILD_DIR=$build scripts/bench-prof.sh
