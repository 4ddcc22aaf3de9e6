#!/bin/bash
# tests/link-hw.sh - --link, state changes, bit timing and bus load on
# real controller drivers: two emulated SJA1000s in the VM (one boot of
# ../shared/vcan-vm/run-in-vm --can-hw 2 running tests/link-hw-vm.sh)
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/vmlib.sh"

vm_run "link status on emulated controllers (tests/link-hw-vm.sh)" \
	link-hw-vm.sh 300 --can-hw 2
tap_done
