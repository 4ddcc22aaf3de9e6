#!/bin/bash
# tests/live.sh - live SocketCAN capture: the no-AF_CAN case on this host,
# then everything else inside the vcan VM (tests/live-vm.sh, one boot)
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
vm=$SHARED_DIR/vcan-vm/run-in-vm
need python3

# The host kernel of the development and CI machines has no SocketCAN.
py='import socket as s; s.socket(s.AF_CAN, s.SOCK_RAW, s.CAN_RAW)'
if python3 -c "$py" 2>/dev/null; then
	ok "host has AF_CAN: the missing-module message is not exercised"
else
	"$COSNIFF" vcan0 >/dev/null 2>"$tmpd/e"; rc=$?
	msg='no SocketCAN support.*can and can_raw modules are missing'
	if [ $rc -eq 2 ] && grep -q "$msg" "$tmpd/e"; then
		ok "host without AF_CAN: can/can_raw modules missing, exit 2"
	else
		not_ok "host without AF_CAN message" "rc=$rc" "$(cat "$tmpd/e")"
	fi
fi

need_shared "live capture in the vcan VM (tests/live-vm.sh)" \
	vcan-vm/run-in-vm || { tap_done; exit; }
"$vm" --timeout 500 -- \
	"TAP_START=$tap_n bash '$top_srcdir/tests/live-vm.sh'" \
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
