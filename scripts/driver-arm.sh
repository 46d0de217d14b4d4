#!/usr/bin/env bash
# The freestanding build check of the driver core (issue 5): driver/src/*.c and the bare-metal
# port driver/port/bare compiled with arm-none-eabi-gcc -ffreestanding -O2 -Wall -Wextra -Werror
# for a Cortex-M3, then linked into one relocatable object whose undefined symbols must be none:
# the driver needs no libc (not even memcpy/memset) and nothing but osal.h.
#   OUT_DIR  where the objects go (default: a temporary directory, removed afterwards)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
cc=${ARM_CC:-arm-none-eabi-gcc}
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "driver-arm.sh: $cc not found (scripts/setup.sh installs gcc-arm-none-eabi)" >&2
	exit 1
fi
out=${OUT_DIR:-$(mktemp -d)}
[[ -n ${OUT_DIR:-} ]] || trap 'rm -rf "$out"' EXIT
mkdir -p "$out"

flags=(-std=c11 -ffreestanding -O2 -Wall -Wextra -Werror -mcpu=cortex-m3 -mthumb
	-Idriver/include -Idriver/port/bare)
objs=()
for src in driver/src/*.c driver/port/bare/*.c; do
	obj="$out/$(basename "${src%.c}").o"
	"$cc" "${flags[@]}" -c "$src" -o "$obj"
	objs+=("$obj")
done
"$cc" -mcpu=cortex-m3 -mthumb -nostdlib -r "${objs[@]}" -o "$out/driver.o"
undef=$(arm-none-eabi-nm -u "$out/driver.o" || true)
if [[ -n $undef ]]; then
	echo "driver-arm.sh: the freestanding driver needs symbols nothing provides:" >&2
	echo "$undef" >&2
	exit 1
fi
# No include of the harness or the model may reach the driver core
if grep -nE '#include *[<"](harness|pl08x)/' driver/include/*.h driver/src/*.[ch]; then
	echo "driver-arm.sh: the driver core includes harness or model headers" >&2
	exit 1
fi
echo "driver-arm.sh: driver core builds freestanding for Cortex-M3 ($(arm-none-eabi-size -B "$out/driver.o" | awk 'NR==2 {print $1 " text, " $3 " bss bytes"}'))"
