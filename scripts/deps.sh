#!/bin/sh
# scripts/deps.sh [--test] - install the Debian packages cosniff needs to
# build (and, with --test, to run its test suite); as root or with sudo.
# Installs only what is missing, so it is quick on a prepared machine.
set -e
build="build-essential autoconf automake pkgconf libncurses-dev libpcap-dev libsocketcan-dev"
# tshark: Wireshark oracle; can-utils: log2asc/candump/cangen; python3-can:
# third-party log reader; qemu-system-x86: the SocketCAN VM
# (../shared/vcan-vm installs the rest itself); time: bench/ peak RSS;
# clang, libclang-rt-14-dev: make fuzz (libFuzzer); tmux: the full-screen
# view tested in a real terminal (tests/ui*.sh).
test_pkgs="tshark can-utils python3-can qemu-system-x86 time clang libclang-rt-14-dev tmux"
pkgs=$build
[ "${1:-}" = --test ] && pkgs="$pkgs $test_pkgs"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "scripts/deps.sh: installing$missing" >&2
$SUDO apt-get update -qq
# tshark asks whether non-root users may capture; the noninteractive
# frontend answers no, which is all the tests need.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
