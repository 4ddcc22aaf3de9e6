#!/bin/bash
# tests/link-hw.sh - --link, state changes, bit timing and bus load on
# real controller drivers: two emulated SJA1000s in the VM (one boot of
# ../shared/vcan-vm/run-in-vm --can-hw 2 running tests/link-hw-vm.sh)
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
vm=$SHARED_DIR/vcan-vm/run-in-vm

need_shared "link status on emulated controllers (tests/link-hw-vm.sh)" \
	vcan-vm/run-in-vm || { tap_done; exit; }
"$vm" --can-hw 2 --timeout 300 -- \
	"TAP_START=$tap_n bash '$top_srcdir/tests/link-hw-vm.sh'" \
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
