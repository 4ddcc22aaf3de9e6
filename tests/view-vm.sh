#!/bin/bash
# tests/view-vm.sh - the live view under cangen load in the vcan VM, with
# -w and -W, against candump (one boot running tests/view-vm-in.sh)
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
vm=$SHARED_DIR/vcan-vm/run-in-vm
need tmux

need_shared "the live view under load in the VM (tests/view-vm-in.sh)" \
	vcan-vm/run-in-vm || { tap_done; exit; }
"$vm" --mem 1G --timeout 300 -- \
	"TAP_START=$tap_n bash '$top_srcdir/tests/view-vm-in.sh'" \
	>"$tmpd/vm.out" 2>"$tmpd/vm.err"
vrc=$?
grep -v '^#tapstate' "$tmpd/vm.out"
state=$(sed -n 's/^#tapstate //p' "$tmpd/vm.out")
if [ -n "$state" ]; then
	set -- $state
	tap_n=$1                       # the VM numbered on from ours
	tap_fail=$((tap_fail + $2))
else
	not_ok "VM run finished (run-in-vm exit $vrc)" \
		"$(tail -20 "$tmpd/vm.err")"
fi
tap_done
