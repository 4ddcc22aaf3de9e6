#!/bin/bash
# tests/loop.sh - the main loop on files: SIGINT and SIGTERM end an
# offline conversion cleanly, every frame read is in every output file,
# the statistics and the model's end-of-input events still come
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
cd "$tmpd" || exit 1

# 20000 frames in candump -L form (what -W writes back byte for byte)
python3 - >in.log <<'PY'
for i in range(20000):
    t = 1700000000 + i / 1000
    print("(%.6f) can0 %03X#%02X%02X" % (t, 0x181 + i % 3, i & 255, i >> 8))
PY
head -n 5000 in.log >part1
tail -n +5001 in.log >part2
size1=$(wc -c <part1)

# interrupted SIG: feed part1 through a fifo, wait until cosniff has read
# it all and waits for more, send SIG, then let part2 come
interrupted() {
	sig=$1
	rm -f fifo go x.pcap x.log
	mkfifo fifo
	( cat part1; while [ ! -f go ]; do sleep 0.05; done; cat part2 ) \
		>fifo &
	feeder=$!
	"$COSNIFF" -r fifo --stats -q -w x.pcap -W x.log >st.out 2>st.err &
	pid=$!
	for _ in $(seq 200); do
		r=$(sed -n 's/^rchar: //p' "/proc/$pid/io" 2>/dev/null)
		[ -n "$r" ] && [ "$r" -ge "$size1" ] && break
		sleep 0.05
	done
	sleep 0.3
	kill -"$sig" "$pid"
	touch go
	wait "$pid"; rc=$?
	wait "$feeder" 2>/dev/null
	n=$(sed -n 's/.*interrupted after \([0-9]*\) frames*$/\1/p' st.err)
	nl=$(wc -l <x.log)
	np=$("$COSNIFF" -q -r x.pcap -W - 2>/dev/null | wc -l)
	if [ "$rc" -eq 0 ] && [ -n "$n" ] && [ "$n" -ge 1 ] &&
		[ "$n" -lt 20000 ] && [ "$nl" -eq "$n" ] && [ "$np" -eq "$n" ]
	then
		ok "SIG$sig: clean exit 0, $n frames read = log = pcap"
	else
		not_ok "SIG$sig: frames read = log = pcap, exit 0" \
			"rc=$rc read=$n log=$nl pcap=$np" "$(cat st.err)"
	fi
	head -n "$nl" in.log | cmp -s - x.log
	res=$?
	[ "$res" -eq 0 ] && ok "SIG$sig: the log is the input's first $nl lines" ||
		not_ok "SIG$sig: the log is a prefix of the input"
	grep -q "^frames $n " st.out &&
		ok "SIG$sig: statistics of the $n frames printed" ||
		not_ok "SIG$sig: statistics printed" "$(head -5 st.out)"
}
interrupted INT
interrupted TERM

# not interrupted: no note, every frame
"$COSNIFF" -r in.log -q -W all.log 2>all.err; rc=$?
[ "$rc" -eq 0 ] && [ ! -s all.err ] && cmp -s in.log all.log &&
	ok "uninterrupted conversion: silent, exit 0, all 20000 frames" ||
	not_ok "uninterrupted conversion" "rc=$rc" "$(cat all.err)"
tap_done
