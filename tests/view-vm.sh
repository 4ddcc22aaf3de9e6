#!/bin/bash
# tests/view-vm.sh - the live view under cangen load in the vcan VM, with
# -w and -W, against candump (one boot running tests/view-vm-in.sh)
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/vmlib.sh"
need tmux

vm_run "the live view under load in the VM (tests/view-vm-in.sh)" \
	view-vm-in.sh 300 --mem 1G
tap_done
