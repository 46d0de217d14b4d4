#!/usr/bin/env bash
# Installs the Debian packages the project needs (Debian 12). Quiet when all are present;
# otherwise runs apt-get update once and installs only what is missing (with sudo unless root).
set -euo pipefail

packages=(
	build-essential cmake pkg-config python3 zlib1g-dev   # build
	libcriterion-dev                                       # unit tests
	libsystemc-dev verilator                               # SystemC and Verilator wrappers
	gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm  # bare-metal driver target
	gnuplot-nox                                            # profiler plots
	libfyaml-dev                                           # vector files (YAML)
)

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "setup.sh: apt-get not found; install these by hand: ${missing[*]}" >&2
	exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "setup.sh: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
	sudo=(sudo)
fi

echo "setup.sh: installing ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
