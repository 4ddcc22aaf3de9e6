#!/bin/bash
# tests/cmd.sh - active commands and the simulator: on this host the
# missing-SocketCAN case, the rest inside the VM (tests/cmd-vm.sh, one
# boot with two emulated SJA1000 cards for the ENOBUFS case)
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
vm=$SHARED_DIR/vcan-vm/run-in-vm
need python3

py='import socket as s; s.socket(s.AF_CAN, s.SOCK_RAW, s.CAN_RAW)'
if python3 -c "$py" 2>/dev/null; then
	ok "host has AF_CAN: the missing-module message is not exercised"
else
	"$COSNIFF" cmd vcan0 '5 r 0x1000 0' >/dev/null 2>"$tmpd/e"; rc=$?
	[ $rc -eq 2 ] && grep -q 'no SocketCAN support' "$tmpd/e" &&
		ok "cmd on a host without AF_CAN: clear error, exit 2" ||
		not_ok "cmd without AF_CAN" "rc=$rc" "$(cat "$tmpd/e")"
fi
"$COSNIFF" cmd 2>/dev/null; rc=$?
[ $rc -eq 2 ] && ok "cmd without an interface: exit 2" ||
	not_ok "cmd without an interface: exit 2" "rc=$rc"
"$COSNIFF" sim vcan0 --node 0=x.eds 2>"$tmpd/e"; rc=$?
[ $rc -eq 2 ] && grep -q "bad value '0=x.eds'" "$tmpd/e" &&
	ok "sim --node 0=...: bad value, exit 2" ||
	not_ok "sim --node 0" "rc=$rc" "$(cat "$tmpd/e")"

if [ ! -d "$SHARED_DIR" ]; then
	echo "ok $((tap_n + 1)) # SKIP $SHARED_DIR absent: no VM"
	tap_n=$((tap_n + 1)); tap_done; exit 0
fi
if [ ! -x "$vm" ]; then
	not_ok "run-in-vm found at $vm"
	tap_done; exit 1
fi
"$vm" --can-hw 2 --timeout 900 -- \
	"TAP_START=$tap_n PASSIVE_S=${PASSIVE_S:-120} bash '$top_srcdir/tests/cmd-vm.sh'" \
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
