#!/bin/bash
# tests/ui-live.sh - the view live, inside the vcan VM with two emulated
# SJA1000 controllers (tests/ui-live-vm.sh, one boot): link state and
# bitrate per interface in the header, -w/-W under the view equal to
# candump's log
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
vm=$SHARED_DIR/vcan-vm/run-in-vm
need tmux
need_shared "the live view in the vcan VM (tests/ui-live-vm.sh)" \
	vcan-vm/run-in-vm || { tap_done; exit; }
"$vm" --can-hw 2 --timeout 600 -- \
	"TAP_START=$tap_n bash '$top_srcdir/tests/ui-live-vm.sh'" \
	>"$tmpd/vm.out" 2>"$tmpd/vm.err"
vrc=$?
grep -v '^#tapstate' "$tmpd/vm.out"
state=$(sed -n 's/^#tapstate //p' "$tmpd/vm.out")
if [ -n "$state" ]; then
	set -- $state
	tap_n=$1
	tap_fail=$((tap_fail + $2))
else
	not_ok "VM run finished (run-in-vm exit $vrc)" \
		"$(tail -20 "$tmpd/vm.err")"
fi
tap_done
