#!/bin/bash
# tests/ui-live-vm.sh - the live view; runs INSIDE the vcan VM as root with
# --can-hw 2 (tests/ui-live.sh starts it).  can1 sends to can0; the view
# captures can0 and vcan0 in tmux with -w and -W.  Prints TAP lines
# numbered from $TAP_START and ends with "#tapstate N FAILED".
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/uilib.sh"
tap_n=${TAP_START:-0}
norm() { grep '^(' "$1" | awk '{ print $2, $3 }' | LC_ALL=C sort; }
# send ARGS...: cangen, bounded in time; a frame the emulated controller
# could not queue (ENOBUFS) is not sent, candump's log is the reference
send() { timeout 60 cangen "$@" -i; }
# bound N: until the CAN receive lists hold more than N entries (a new
# socket is bound) and stay put for 0.2 s
rcv() { cat /proc/net/can/rcvlist_* 2>/dev/null | wc -l; }
bound() {
	bd_last=$1
	for _ in $(seq 100); do
		sleep 0.2
		bd_now=$(rcv)
		[ "$bd_now" -gt "$1" ] && [ "$bd_now" -eq "$bd_last" ] && return 0
		bd_last=$bd_now
	done
	return 1
}
# settled FILE: candump's line count once it stopped growing
settled() {
	sc_last=-1
	for _ in $(seq 50); do
		sc_now=$(grep -c '^(' "$1")
		[ "$sc_now" -eq "$sc_last" ] && break
		sc_last=$sc_now; sleep 0.3
	done
	echo "$sc_now"
}

# a long transmit queue: under TCG on a busy host the emulated controller
# drains slowly, and cangen stops at ENOBUFS
ip link set can0 up type can bitrate 500000 &&
	ip link set can1 txqueuelen 1000 &&
	ip link set can1 up type can bitrate 500000 ||
	not_ok "can0, can1 up at 500 kbit/s"
cd "$tmpd" || exit 1
# line-buffered: its count tells when everything sent has arrived
b=$(rcv)
stdbuf -oL candump -L -r 8388608 can0 vcan0 >cd.log 2>cd.err &
cpid=$!
bound "$b"
ui_start 160 48 "cd $tmpd && $COSNIFF can0 vcan0 -w v.pcap -W v.log 2>v.err"
if ui_wait "vcan0 UP virtual" 30; then
	ok "live header: vcan0 UP virtual"
else
	not_ok "live header: vcan0 UP virtual" "$(cat "$tmpd/uw.cur")"
fi
grep -q "can0 UP error-active 500k tec 0 rec 0" "$tmpd/uw.cur" &&
	ok "live header: can0 controller state, bitrate, error counters" ||
	not_ok "live header: can0 controller state, bitrate, error counters" \
		"$(head -2 "$tmpd/uw.cur")"
send can1 -g 4 -n 500 -I 185 -L 8
send vcan0 -g 0 -n 3000
want=$(settled cd.log)
if ui_wait "frames $want " 60; then
	ok "the view counted every frame of both interfaces ($want)"
else
	not_ok "the view counted every frame ($want)" "$(head -2 "$tmpd/uw.cur")"
fi
sed -n 2p "$tmpd/uw.cur" | grep -q "can0 UP error-active 500k tec 0 rec 0  load [0-9.]*% " &&
	ok "can0: bus load from the link's bitrate" ||
	not_ok "can0: bus load from the link's bitrate" "$(head -2 "$tmpd/uw.cur")"
cp "$tmpd/uw.cur" screen
ui_keys q
ui_wait "EXIT=0" 20 && ok "q: exit 0" ||
	not_ok "q: exit 0" "$(cat "$tmpd/uw.cur")" "$(cat v.err)"
sleep 0.3
kill $cpid; wait $cpid 2>/dev/null
norm cd.log >a && norm v.log >b &&
	cmp -s a b && ok "-W under the view: candump's frames ($want)" ||
	not_ok "-W under the view: candump's frames" \
		"candump $(wc -l <cd.log), view $(wc -l <v.log)" "$(diff a b | head)"
# pcap keeps no interface name: the frames alone
"$COSNIFF" -r v.pcap -q -W p.log &&
	norm p.log | cut -d' ' -f2 | LC_ALL=C sort >c &&
	cut -d' ' -f2 a | LC_ALL=C sort >a2 && cmp -s a2 c &&
	ok "-w under the view: candump's frames" ||
	not_ok "-w under the view: candump's frames" "$(diff a2 c | head)"
# the sizes the header showed last are the files' sizes
sz() { awk -v b="$1" 'BEGIN { if (b < 1000) print b; else if (b < 1000000)
	printf "%.1fk", b / 1e3; else printf "%.1fM", b / 1e6 }'; }
head -1 screen | grep -q -- "-w v.pcap $(sz "$(wc -c <v.pcap)")" &&
   head -1 screen | grep -q -- "-W v.log $(sz "$(wc -c <v.log)")" &&
	ok "header: log sizes of the live run" ||
	not_ok "header: log sizes of the live run" "$(head -2 screen)" \
		"$(wc -c v.pcap v.log)"
echo "# done: ${SECONDS}s"
echo "#tapstate $tap_n $tap_fail"
