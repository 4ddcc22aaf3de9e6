#!/bin/sh
# tests/src_equiv.sh - the candump and the pcap reader deliver the same
# frames: for the oracle logs and our dialect logs, `cosniff --json` of the
# log and of the pcap candump2pcap.py makes from it must agree in every key
# except what LINKTYPE_CAN_SOCKETCAN cannot carry: "line" (line vs record
# number; "frame", the frame number, must agree), "sent" (no direction)
# and "iface" (no interface name); the same
# files read from standard input must match.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
conv="$SHARED_DIR/oracle/candump2pcap.py"
strip() { sed -e 's/"line":[0-9]*,//' -e 's/"sent":true,//' -e 's/"iface":"[^"]*",//'; }
# (tests/logs/sample.log and edge_cases.log are copies of the oracle's)
logs="sample edge_cases cd-log cd-fd cd-err"
need_shared "log and pcap readers agree on $logs" \
	oracle/candump2pcap.py || logs=""
for log in $logs; do
	log=$top_srcdir/tests/logs/$log.log
	name=$(basename "$log" .log)
	if ! python3 "$conv" -q "$log" "$tmpd/$name.pcap" 2>"$tmpd/conv.err"; then
		not_ok "$name: candump2pcap.py" "$(cat "$tmpd/conv.err")"
		continue
	fi
	"$COSNIFF" --json -r "$log" 2>/dev/null | strip >"$tmpd/a"
	"$COSNIFF" --json -r "$tmpd/$name.pcap" 2>/dev/null | strip >"$tmpd/b"
	n=$(wc -l <"$tmpd/a")
	if [ "$n" -gt 0 ] && d=$(diff -u "$tmpd/a" "$tmpd/b"); then
		ok "$name: $n frames identical from log and pcap"
	else
		not_ok "$name: log and pcap differ ($n frames)" "$d"
	fi
	"$COSNIFF" --json -r - <"$tmpd/$name.pcap" 2>/dev/null | strip >"$tmpd/c"
	check "$name: pcap on stdin" diff -u "$tmpd/b" "$tmpd/c"
	"$COSNIFF" --json -r - <"$log" 2>/dev/null | strip >"$tmpd/d"
	check "$name: log on stdin" diff -u "$tmpd/a" "$tmpd/d"
done
# one capture, two candump formats (can-utils on vcan0): -x -L log and the
# -ta -x -a screen carry exactly the same frames, flags and timestamps
L="$top_srcdir/tests/logs"
"$COSNIFF" --json -r "$L/real-candump-xL.log" >"$tmpd/a" 2>&1
"$COSNIFF" --json -r "$L/real-screen-xta.txt" >"$tmpd/b" 2>&1
check "candump -x -L log == candump -ta -x -a screen" diff -u "$tmpd/a" "$tmpd/b"
# editcap -F pcapng of a pcap: same frames from the pcapng reader
"$COSNIFF" --json -r "$L/pc-classic-us.pcap" >"$tmpd/a" 2>&1
"$COSNIFF" --json -r "$L/real-editcap.pcapng" >"$tmpd/b" 2>&1
check "pcap == editcap -F pcapng of it" diff -u "$tmpd/a" "$tmpd/b"
# a FIFO (as /dev/fd/N of a shell's <(...)) cannot be reopened: the format
# is detected on the one descriptor
for f in cd-log.log pc-fd.pcapng; do
	mkfifo "$tmpd/fifo"
	cat "$L/$f" >"$tmpd/fifo" &
	"$COSNIFF" --json -r "$tmpd/fifo" >"$tmpd/a" 2>&1
	wait
	"$COSNIFF" --json -r "$L/$f" >"$tmpd/b" 2>&1
	rm -f "$tmpd/fifo"
	check "$f through a FIFO" diff -u "$tmpd/b" "$tmpd/a"
done
tap_done
