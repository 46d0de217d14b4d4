#!/usr/bin/env bash
# Differential test of the model: the working tree's model/ against the model of git revision
# REV, in lockstep on random stimulus (tools/difftest/difftest.c). Proves that a speed change
# changes no behaviour: every output pin every cycle, registers, quiet_cycles.
#
# The reference is taken with `git archive REV model/src model/include` into a temporary
# directory and compiled as one unity file whose global symbols are renamed ref_*; the list
# of symbols is read with `nm` from an object built from that revision, so it follows new
# functions by itself. The working tree's model, the reference and the driver are then
# linked into one program with the system cc. The temporary directory is removed at the end.
#   CC  compiler (default cc)
set -euo pipefail

usage() {
	cat <<'EOF'
usage: scripts/difftest.sh [--san] [REV [FIRST_SEED [NSEEDS [CYCLES]]]]
  Runs the working tree's model against the model of git revision REV (default HEAD)
  in lockstep on random stimulus and compares every output pin every cycle.
  Seeds FIRST_SEED .. FIRST_SEED+NSEEDS-1 (default 1 20), CYCLES steps each (default 100000).
  --san   build with -fsanitize=address,undefined and the model's PL08X_ASSERT checks
  Exit: 0 no difference, 1 a difference (printed with seed, cycle and field) or a
        crash / sanitizer report, 2 bad usage or a build failure.
EOF
}

san=0
args=()
for a in "$@"; do
	case "$a" in
	-h | --help) usage; exit 0 ;;
	--san) san=1 ;;
	-*)
		# a negative number is not a valid seed either
		echo "difftest.sh: unknown option '$a' (try --help)" >&2
		exit 2
		;;
	*) args+=("$a") ;;
	esac
done
if ((${#args[@]} > 4)); then
	echo "difftest.sh: too many arguments (try --help)" >&2
	exit 2
fi
rev=${args[0]:-HEAD}
run_args=("${args[@]:1}")

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
if ! git rev-parse --verify --quiet "$rev^{commit}" >/dev/null; then
	echo "difftest.sh: '$rev' is not a git revision" >&2
	exit 2
fi
for n in "${run_args[@]}"; do
	if ! [[ $n =~ ^[0-9]+$ ]]; then
		echo "difftest.sh: FIRST_SEED, NSEEDS and CYCLES must be numbers, not '$n' (try --help)" >&2
		exit 2
	fi
done

cc=${CC:-cc}
flags=(-std=c11 -Wall -Wextra -Werror -O2 -g)
if ((san)); then
	flags=(-std=c11 -Wall -Wextra -Werror -O1 -g -fno-omit-frame-pointer
		-fsanitize=address,undefined -fno-sanitize-recover=all -DPL08X_DEBUG_ASSERT)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pl08x-difftest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

build() {
	if ! "$cc" "$@"; then
		echo "difftest.sh: build failed: $cc $*" >&2
		exit 2
	fi
}

# The reference sources of REV.
mkdir "$tmp/ref"
git archive "$rev" model/src model/include | tar -x -C "$tmp/ref"
refsrc=("$tmp"/ref/model/src/*.c)

# Its global symbols, from an unrenamed build of the same unity file.
{
	echo "/* model/src of $rev in one translation unit */"
	for f in "${refsrc[@]}"; do echo "#include \"$f\""; done
} >"$tmp/ref_plain.c"
build "${flags[@]}" -I"$tmp/ref/model/include" -I"$tmp/ref/model/src" \
	-c "$tmp/ref_plain.c" -o "$tmp/ref_plain.o"
mapfile -t syms < <(nm -g --defined-only -P "$tmp/ref_plain.o" | awk '{ print $1 }' | sort -u)
if ((${#syms[@]} == 0)); then
	echo "difftest.sh: no global symbols found in the reference build" >&2
	exit 2
fi

# The renaming unity file: every global symbol of the reference becomes ref_<name>.
{
	echo "/* model/src of $rev (git $(git rev-parse --short "$rev")), global symbols renamed ref_* */"
	for s in "${syms[@]}"; do echo "#define $s ref_$s"; done
	for f in "${refsrc[@]}"; do echo "#include \"$f\""; done
} >"$tmp/ref_unity.c"
build "${flags[@]}" -I"$tmp/ref/model/include" -I"$tmp/ref/model/src" \
	-c "$tmp/ref_unity.c" -o "$tmp/ref.o"
if nm -g --defined-only -P "$tmp/ref.o" | awk '{ print $1 }' | grep -v '^ref_' >&2; then
	echo "difftest.sh: the reference still defines the symbols above under their own names" >&2
	exit 2
fi

# The working tree's model, the same way (one translation unit).
{
	echo "/* model/src of the working tree in one translation unit */"
	for f in "$root"/model/src/*.c; do echo "#include \"$f\""; done
} >"$tmp/new_unity.c"
build "${flags[@]}" -I"$root/model/include" -I"$root/model/src" -c "$tmp/new_unity.c" -o "$tmp/new.o"

build "${flags[@]}" -I"$root/model/include" "$root/tools/difftest/difftest.c" \
	"$tmp/ref.o" "$tmp/new.o" -o "$tmp/difftest"

echo "difftest.sh: working tree vs $rev ($(git rev-parse --short "$rev"))$( ((san)) && echo ', sanitizers on')"
set +e
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$tmp/difftest" "${run_args[@]}"
rc=$?
set -e
# 0, 1 and 2 are the driver's answers; anything else (a sanitizer abort, a crash) is a failure.
if ((rc > 2)); then
	echo "difftest.sh: difftest crashed or was stopped by a sanitizer (status $rc)" >&2
	rc=1
fi
exit "$rc"
