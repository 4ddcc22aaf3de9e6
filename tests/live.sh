#!/bin/bash
# tests/live.sh - live SocketCAN capture: the no-AF_CAN case on this host,
# then everything else inside the vcan VM (tests/live-vm.sh, one boot)
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/vmlib.sh"
need python3

# The host kernel of the development and CI machines has no SocketCAN.
host_no_can "host without AF_CAN: can/can_raw modules missing, exit 2" \
	'no SocketCAN support.*can and can_raw modules are missing' vcan0
vm_run "live capture in the vcan VM (tests/live-vm.sh)" live-vm.sh 500
tap_done
