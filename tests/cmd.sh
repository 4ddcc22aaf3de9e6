#!/bin/bash
# tests/cmd.sh - active commands and the simulator: on this host the
# missing-SocketCAN case, the rest inside the VM (tests/cmd-vm.sh, one
# boot with two emulated SJA1000 cards for the ENOBUFS case)
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/vmlib.sh"
need python3

host_no_can "cmd on a host without AF_CAN: clear error, exit 2" \
	'no SocketCAN support' cmd vcan0 '5 r 0x1000 0'
"$COSNIFF" cmd 2>/dev/null; rc=$?
[ $rc -eq 2 ] && ok "cmd without an interface: exit 2" ||
	not_ok "cmd without an interface: exit 2" "rc=$rc"
"$COSNIFF" sim vcan0 --node 0=x.eds 2>"$tmpd/e"; rc=$?
[ $rc -eq 2 ] && grep -q "bad value '0=x.eds'" "$tmpd/e" &&
	ok "sim --node 0=...: bad value, exit 2" ||
	not_ok "sim --node 0" "rc=$rc" "$(cat "$tmpd/e")"

vm_run "active commands and the simulator in the VM (tests/cmd-vm.sh)" \
	cmd-vm.sh 900 --can-hw 2 -- "PASSIVE_S=${PASSIVE_S:-120}"
tap_done
