#!/usr/bin/env bash
# The burst-configuration profile: builds pl08x-prof and runs a sweep (default
# prof/default.yaml), writing prof.csv, summary.md and the SVG plots into build/prof/.
#   BUILD_DIR  build directory (default build)
#   Any further argument goes to pl08x-prof (e.g. -j 1, -o DIR, --no-plots; see --help).
set -euo pipefail

sweep=prof/default.yaml
case "${1:-}" in
-h | --help)
	echo "usage: scripts/profile.sh [SWEEP.yaml] [pl08x-prof options]"
	echo "  Installs missing packages, builds pl08x-prof in \${BUILD_DIR:-build} and runs SWEEP"
	echo "  (default prof/default.yaml) into \${BUILD_DIR:-build}/prof/ (CSV, summary.md, SVG plots)."
	echo "  docs/profiling.md explains the outputs; pl08x-prof --help lists the options."
	exit 0
	;;
*.yaml | *.yml)
	sweep=$1
	shift
	;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${BUILD_DIR:-build}

scripts/setup.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target pl08x-prof -j2
"$build/bin/pl08x-prof" "$sweep" -o "$build/prof" "$@"
echo "profile.sh: $build/prof/summary.md, $build/prof/prof.csv and $build/prof/*.svg"
