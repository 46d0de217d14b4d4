#!/usr/bin/env bash
# The main job: the regression of transfer vectors. Installs what is missing, builds pl08x-run
# and runs every vector under vectors/ on all CPUs; pl08x-run prints the failures, the summary
# table and where the JSON and JUnit reports are. Exits with pl08x-run's status: 0 all passed,
# 1 a vector failed, 2 bad input (malformed vector, ...).
#   BUILD_DIR  build directory (default build); the reports go to $BUILD_DIR/reports
set -euo pipefail

case "${1:-}" in
-h | --help)
	echo "usage: scripts/run.sh"
	echo "  Installs missing packages, builds pl08x-run in \${BUILD_DIR:-build} and runs every"
	echo "  vector under vectors/ (pl08x-run -j \$(nproc)); reports in \${BUILD_DIR:-build}/reports."
	echo "  Exit status: 0 all vectors passed, 1 a vector failed, 2 bad input."
	echo "usage: scripts/run.sh --profile [SWEEP.yaml] [pl08x-prof options]"
	echo "  Instead: the burst-configuration profile (scripts/profile.sh; default sweep"
	echo "  prof/default.yaml), CSV, summary.md and SVG plots in \${BUILD_DIR:-build}/prof/."
	exit 0
	;;
--profile)
	shift
	exec "$(dirname "${BASH_SOURCE[0]}")/profile.sh" "$@"
	;;
"") ;;
*)
	echo "run.sh: unknown argument '$1' (try --help)" >&2
	exit 2
	;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${BUILD_DIR:-build}
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

scripts/setup.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target pl08x-run -j2

status=0
"$build/bin/pl08x-run" -j "$(nproc)" --report-dir "$build/reports" vectors/ || status=$?
case $status in
0) echo "run.sh: every vector passed" ;;
1) echo "run.sh: vectors failed (details above and in $build/reports)" ;;
*) echo "run.sh: pl08x-run stopped on bad input or usage (exit $status)" ;;
esac
exit "$status"
