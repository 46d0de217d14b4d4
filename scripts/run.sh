#!/usr/bin/env bash
# The main job. For now: build the model and run the built-in demonstration (pl08x-demo, a
# three-item LLI memcpy on a PL080 with cycle counts). The harness work replaces this with
# the regression of transfer vectors in vectors/.
#   BUILD_DIR  build directory (default build)
set -euo pipefail

case "${1:-}" in
-h | --help)
	echo "usage: scripts/run.sh"
	echo "  Installs missing packages, builds pl08x-demo in \${BUILD_DIR:-build} and runs it."
	exit 0
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
cmake --build "$build" --target pl08x-demo -j2
"$build/bin/pl08x-demo"
