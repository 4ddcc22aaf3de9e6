#!/bin/bash
# tests/live-vm.sh - live capture checks; runs INSIDE the vcan VM as root
# (tests/live.sh starts it through ../shared/vcan-vm/run-in-vm).  Prints
# TAP lines numbered from $TAP_START and ends with "#tapstate N FAILED".
. "${top_srcdir:-$(dirname "$0")/..}/tests/vmguest.sh"

# start NAME ARGS... : run cosniff in the background, stdout/err in NAME.*,
# its pid in $pid
start() { bg "$1" "$C" "${@:2}"; eval "pid=\$pid_$1"; }
# wait_lines FILE N: until FILE has N lines (at most 10 s)
wait_lines() {
	for _ in $(seq 50); do
		[ -f "$1" ] && [ "$(wc -l <"$1")" -ge "$2" ] && return 0
		sleep 0.2
	done
	return 1
}
# stop [SIGNAL]: end the capture started last; its exit status in $rc
stop() { kill -"${1:-TERM}" "$pid"; wait "$pid"; rc=$?; }
lines() { wc -l <"$1" | tr -d ' '; }
# the (timestamp) iface token [T|R] lines of a candump log, sorted
norm() { grep '^(' "$1" | LC_ALL=C sort; }

# ---- 1. same traffic as candump -L -x, on two interfaces at once ----
test_vs_candump() {
	b=$(rcvlists)
	# line-buffered, so that wait_lines sees when candump caught up
	stdbuf -oL candump -L -x -r 8388608 vcan0,0:0,#FFFFFFFF \
		vcan1,0:0,#FFFFFFFF >cd.log 2>cd.err &
	cpid=$!
	wait_bound "$b"
	start cmp -q --log-rxtx -W co.log -w co.pcap --rcvbuf 8388608 \
		vcan0 vcan1
	cangen vcan0 -m -n 400 -g 1 &
	g0=$!
	cangen vcan1 -m -n 400 -g 1 -e &
	g1=$!
	cansend vcan0 123#1122334455667788
	cansend vcan0 123##31122334455667788990011
	cansend vcan1 1ABCDEF0#R
	cansend vcan1 701#R1
	cansend vcan0 12345678##1AABB
	cansend vcan0 20000004#0004000000000000
	wait $g0 $g1
	wait_lines cd.log 806
	wait_lines co.log 806
	stop; kill $cpid; wait $cpid
	[ "$rc" -eq 0 ]
	res $? "capture on vcan0+vcan1 exits 0 on SIGTERM" "rc=$rc" \
		"$(cat cmp.err)"
	n=$(lines co.log)
	[ "$n" -eq 806 ] && diff <(norm cd.log) <(norm co.log) >cmp.diff
	res $? "--log-rxtx -W log equals candump -L -x frame for frame, timestamps too" \
		"cosniff $n, candump $(lines cd.log) lines" \
		"$(head -20 cmp.diff)"
	# kernels >= 5.x add CANFD_FDF (4) to the flags: BRS|ESI -> 7
	grep -Eq ' 123##[37]112233445566778899001100 T$' co.log &&
		grep -q ' 701#R1 T$' co.log &&
		grep -q '^([0-9.]*) vcan1 1ABCDEF0#R' co.log &&
		grep -q ' 20000004#0004000000000000 T$' co.log
	res $? "log has FD+BRS+ESI, RTR, 29-bit and error frames" "$(head co.log)"
	# merged in timestamp order, up to the kernel's stamp-to-queue
	# latency (ms under TCG): two senders on two CPUs may even get their
	# frames queued out of stamp order on one interface (candump shows
	# that too), so no order is exact; nothing may be late by more
	awk '{ t = substr($1, 2, length($1) - 2) + 0
		if (t < max - 0.02)
			printf "%d: %s is %.6f s behind\n", NR, $0, max - t
		if (t > max) max = t }' co.log >inv.txt
	[ ! -s inv.txt ] && ok "interfaces merged in timestamp order" ||
		not_ok "interfaces merged in timestamp order" "$(head inv.txt)"
	grep -q 'vcan0' co.log && grep -q 'vcan1' co.log
	res $? "both interface names in the log"
	n=$(tshark -r co.pcap -Y 'can || canfd' 2>tshark.err | wc -l)
	[ "$n" -eq 806 ]
	res $? "tshark decodes all 806 pcap frames as CAN/CAN FD" "$n" \
		"$(cat tshark.err)"
	# LINKTYPE_CAN_SOCKETCAN carries neither interface nor direction
	"$C" -q -r co.pcap -W back.log 2>back.err
	if diff <(sed 's/ [TR]$//; s/) [^ ]* /) /' co.log) \
		<(sed 's/) [^ ]* /) /' back.log) >back.diff; then
		ok "pcap read back equals the log (but interface and direction)"
	else
		not_ok "pcap read back equals the log" "$(head back.diff)"
	fi
}

# ---- 2. live text/JSON output is what -r prints for the same frames ----
test_text_as_replay() {
	# --log-rxtx: the log keeps which frames were sent here ([sent])
	start txt --log-rxtx -W txt.log vcan0
	cangen vcan0 -n 200 -g 1 -I i -L 8 -D i
	cansend vcan0 000#0105
	cansend vcan0 705#7F
	cansend vcan0 585#4318100123010000
	sleep 0.4; stop
	"$C" -r txt.log >replay.out 2>/dev/null
	# 203 frames, plus what the model derives (same in both)
	if [ "$(lines txt.log)" -eq 203 ] && [ "$(lines txt.out)" -ge 203 ] &&
		diff txt.out replay.out >txt.diff; then
		ok "live text lines equal -r of the written log"
	else
		not_ok "live text lines equal -r of the written log" \
			"$(head txt.diff)"
	fi
	start js --json --log-rxtx -W js.log vcan1
	cansend vcan1 181#0102; cansend vcan1 080#
	sleep 0.4; stop
	"$C" --json -r js.log >js.replay 2>/dev/null
	[ "$(lines js.out)" -eq 2 ] && diff js.out js.replay >/dev/null
	res $? "live --json equals -r --json" "$(cat js.out js.replay)"
}

# ---- 2b. model deadlines run on the clock while the bus is silent ----
test_hb_live() {
	start hb --hb-timeout 5=300 vcan0
	cansend vcan0 705#05; sleep 0.1; cansend vcan0 705#05
	wait_lines hb.out 4
	sleep 0.3; stop
	grep -q 'HB-LOST node=5 heartbeat lost: silent for 300 ms' hb.out &&
		ok "heartbeat loss reported live with no frame after it" ||
		not_ok "heartbeat loss reported live" "$(cat hb.out hb.err)"
}

# ---- 2b'. --stats after a live capture (virtual link: no bitrate) ----
test_stats_live() {
	start st -q --stats vcan0
	cansend vcan0 705#05; cansend vcan0 605#4018100100000000
	cansend vcan0 585#4318100123010000
	sleep 0.3; stop
	grep -q '^frames 3 ' st.out && grep -q '^bus load: n/a' st.out &&
		grep -Eq '^ +5 operational' st.out &&
		ok "--stats printed after SIGTERM; vcan gives no bitrate" ||
		not_ok "--stats after live capture" "$(cat st.out st.err)"
}

# ---- 2c. a terminal gets lines at once; a closed pipe ends the capture ----
test_tty_pipe() {
	b=$(rcvlists)
	script -qfc "$C --text vcan0" tty.out >/dev/null 2>&1 &
	pid=$!
	wait_bound "$b"
	cansend vcan0 181#0102
	wait_lines tty.out 1 && grep -q 'vcan0 181 PDO' tty.out &&
		ok "on a terminal: decoded lines printed" ||
		not_ok "on a terminal: decoded lines printed" "$(cat tty.out)"
	kill "$pid"; wait "$pid" 2>/dev/null
	b=$(rcvlists)
	( "$C" vcan0 2>pp.err; echo "rc=$?" >pp.rc ) | head -n 1 >pp.out &
	wait_bound "$b"
	cansend vcan0 181#01; sleep 0.5; cansend vcan0 181#02
	for _ in $(seq 25); do [ -f pp.rc ] && break; sleep 0.2; done
	[ -f pp.rc ] && [ "$(lines pp.out)" -eq 1 ] &&
		ok "stdout closed (| head -1): capture ends ($(cat pp.rc))" ||
		not_ok "stdout closed: capture ends" "$(cat pp.out pp.err)"
}

# ---- 3. interface down/up and removal while capturing ----
test_down_up() {
	resumed='interface up again; capture resumed'
	back='interface (is back|up again); capture resumed'
	start du -W du.log vcan0 vcan1
	cansend vcan0 100#01
	ip link set vcan0 down; sleep 1.5; ip link set vcan0 up; sleep 1.3
	cansend vcan0 100#02
	ip link del vcan1; sleep 1.2
	ip link add vcan1 type vcan; ip link set vcan1 mtu 72 up; sleep 2.3
	cansend vcan1 101#03
	sleep 0.3; stop
	grep -q 'vcan0: interface down; waiting' du.err &&
		grep -Eq "vcan0: $resumed \\(gap [0-9.]+ s\\)" du.err
	res $? "down/up reported with the gap" "$(cat du.err)"
	[ "$(grep -c 'vcan0: interface down' du.err)" -eq 1 ] &&
		ok "down said once" || not_ok "down said once" "$(cat du.err)"
	grep -q ' - - NOTE vcan0: interface down; waiting' du.out &&
		grep -Eq " - - NOTE vcan0: $resumed \\(gap" du.out
	res $? "down/up are NOTE lines in the decoded stream too" \
		"$(grep -v ' 10[01] ' du.out)"
	# back and up at once, or first back (still down) then up again
	grep -q 'vcan1: interface removed' du.err &&
		grep -Eq "vcan1: $back \\(gap" du.err
	res $? "ip link del/add: capture resumes" "$(cat du.err)"
	[ "$(grep -c '#0[123]$' du.log)" -eq 3 ]
	res $? "frames before, between and after captured" "$(cat du.log)"
	ip link set vcan1 down
	start dd -W dd.log vcan1
	sleep 1; ip link set vcan1 up; sleep 1.3
	cansend vcan1 101#04
	sleep 0.3; stop
	[ "$(grep -c 'vcan1: interface down; waiting' dd.err)" -eq 1 ] &&
		grep -q 'vcan1: interface up again; capture resumed' dd.err &&
		grep -q '101#04' dd.log &&
		ok "down at start: said once, capture starts when up" ||
		not_ok "down at start" "$(cat dd.err dd.log)"
}

# ---- 4. flood into a tiny receive buffer: every frame seen or counted ----
test_drops() {
	start fl -q --rcvbuf 1 vcan0
	cangen vcan0 -n 20000 -g 0 -i
	sleep 0.5; stop
	re='^cosniff: \([0-9]*\) frames captured, \([0-9]*\) dropped.*'
	got=$(sed -n "s/$re/\\1 \\2/p" fl.err)
	set -- $got
	if [ -n "$2" ] && [ "$2" -gt 0 ] && [ $(($1 + $2)) -eq 20000 ]; then
		ok "flood: $1 captured + $2 dropped = 20000 sent"
	else
		not_ok "flood: captured + dropped = sent" "$(cat fl.err)"
	fi
	grep -q 'dropped by the kernel (receive buffer full' fl.err
	res $? "drops reported while capturing" "$(head fl.err)"
	start fl2 --rcvbuf 1 vcan0
	cangen vcan0 -n 5000 -g 0 -i
	sleep 0.5; stop
	grep -q ' vcan0 - DROP ' fl2.out && ok "drops appear in the text output" ||
		not_ok "drops appear in the text output" \
			"$(grep -v CAN fl2.out | head)"
}

# ---- 4b. default options: a 30,000-frame cangen burst is taken whole,
# as candump with an 8 MiB buffer takes it (the default receive buffer) ----
test_burst() {
	b=$(rcvlists)
	candump -L -r 8388608 vcan0 >bcd.log 2>bcd.err &
	cpid=$!
	wait_bound "$b"
	start burst vcan0
	cangen vcan0 -g 0 -n 30000
	wait_lines bcd.log 30000
	# until the decoder has caught up: its output stops growing
	last=-1
	for _ in $(seq 100); do
		now=$(wc -c <burst.out)
		[ "$now" -eq "$last" ] && break
		last=$now; sleep 0.3
	done
	stop; kill $cpid; wait $cpid
	re='^cosniff: \([0-9]*\) frames captured, \([0-9]*\) dropped.*'
	got=$(sed -n "s/$re/\\1 \\2/p" burst.err)
	want="$(lines bcd.log) 0"
	[ "$got" = "30000 0" ] && [ "$want" = "30000 0" ]
	res $? "default options: 30000-frame burst taken whole, as candump -r 8388608" \
		"cosniff: $got (captured dropped), candump: $want" \
		"$(cat burst.err)"
}

# ---- 4c. SIGKILL while logging: both files are valid (whole lines and
# records) and hold every frame older than 200 ms (+100 ms for TCG) ----
test_kill() {
	b=$(rcvlists)
	candump -L vcan0 >kcd.log 2>kcd.err &
	cpid=$!
	wait_bound "$b"
	start kill -q -W k.log -w k.pcap vcan0
	cangen vcan0 -g 4 -n 600 &
	g=$!
	sleep 1.3
	t=$(date +%s.%N)
	kill -KILL "$pid"; wait "$pid" 2>/dev/null
	wait $g; sleep 0.2; kill $cpid; wait $cpid
	"$C" -q -r k.log 2>kr.err && [ "$(tail -c1 k.log | od -An -tx1)" = " 0a" ]
	res $? "SIGKILL: the candump log reads back, whole lines" \
		"$(cat kr.err)" "$(tail -c 100 k.log)"
	# (a pcap has no interface names)
	"$C" -q -r k.pcap -W kp.log 2>kp.err &&
		diff <(cut -d' ' -f1,3 k.log) <(cut -d' ' -f1,3 kp.log) >/dev/null
	res $? "SIGKILL: the pcap reads back, the same frames" \
		"$(cat kp.err)" "log $(lines k.log), pcap $(lines kp.log)"
	old=$(awk -v t="$t" '{ s = substr($1, 2, 17) + 0 } s < t - 0.3' kcd.log)
	n=$(printf '%s\n' "$old" | grep -c .)
	printf '%s\n' "$old" | head -n "$n" >kold.log
	head -n "$n" k.log | cmp -s - kold.log && [ "$n" -gt 20 ]
	res $? "SIGKILL: every frame older than 300 ms is in the log ($n)" \
		"log $(lines k.log) lines, candump $(lines kcd.log), $n old"
}

# ---- 5. SIGTERM/SIGINT and the 200 ms flush timer ----
test_flush() {
	start fx -q -W fx.log -w fx.pcap --rcvbuf 8388608 vcan0
	cangen vcan0 -n 3000 -g 0
	# 3000 lines are ~100 kB: without the timer they would sit in the
	# writer's 256 kB buffer until exit
	wait_lines fx.log 3000
	n1=$(lines fx.log)
	[ "$n1" -eq 3000 ] && ok "200 ms timer: log complete while running" ||
		not_ok "200 ms timer: log complete while running" "$n1 lines"
	cangen vcan0 -n 2000 -g 0
	stop TERM
	n=$(lines fx.log)
	p=$("$C" -q -r fx.pcap -W - 2>/dev/null | wc -l)
	[ "$n" -eq 5000 ] && [ "$p" -eq 5000 ]
	res $? "SIGTERM right after a burst: log and pcap hold all 5000" \
		"log $n pcap $p" "$(cat fx.err)"
	start fi -q -W fi.log --rcvbuf 8388608 vcan0
	cangen vcan0 -n 1000 -g 0
	stop INT
	[ "$(lines fi.log)" -eq 1000 ] && [ "$rc" -eq 0 ] &&
		grep -q '^cosniff: 1000 frames captured, 0 dropped' fi.err
	res $? "SIGINT: clean exit, summary" "rc=$rc" "$(cat fi.err)"
}

# ---- 6. disk full: reported once, capture and decoding go on ----
test_disk_full() {
	mkdir -p full && mount -t tmpfs -o size=16k tmpfs full
	start df -W full/x.log --rcvbuf 8388608 vcan0
	cangen vcan0 -n 2000 -g 0 -L 8
	sleep 0.5; stop
	[ "$(grep -c 'write failed\|No space' df.err)" -eq 1 ]
	res $? "disk full reported once" "$(cat df.err)"
	werr='by the kernel, [0-9]* write error'
	[ "$(lines df.out)" -ge 2000 ] && [ "$rc" -eq 1 ] &&
		grep -q "^cosniff: 2000 frames captured, 0 dropped $werr" df.err
	res $? "capture goes on after disk full; exit 1, errors counted" \
		"rc=$rc $(lines df.out)" "$(cat df.err)"
	umount full
}

# ---- 7. rotation while live ----
test_rotate() {
	start ro -q -W ro.log --rotate-size 20k --rcvbuf 8388608 vcan0
	cangen vcan0 -n 3000 -g 0 -L 8
	sleep 0.5; stop
	total=$(cat ro.log ro.log.* | wc -l)
	nf=$(ls ro.log ro.log.* | wc -l)
	big=$(find . -name 'ro.log*' -size +24k | wc -l)
	[ "$total" -eq 3000 ] && [ "$nf" -ge 4 ] && [ "$big" -eq 0 ]
	res $? "--rotate-size 20k: $nf files, none past 24k, all 3000 frames" \
		"total $total files $nf big $big" "$(ls -l ro.log*)"
	start rr -q -w rr.pcap --rotate-size 20k --rotate-files 2 \
		--rcvbuf 8388608 vcan0
	cangen vcan0 -n 3000 -g 0 -L 8
	sleep 0.5; stop
	[ "$(ls rr.pcap* | wc -l)" -eq 2 ] &&
		tshark -r rr.pcap.1 >/dev/null 2>&1
	res $? "--rotate-files 2 keeps a ring of two pcaps" "$(ls -l rr.pcap*)"
}

# ---- 8. kernel filters in candump syntax, 'any' ----
test_filters() {
	start f1 -W f1.log 'vcan0,123:7FF' 'vcan1,123~7FF,#0'
	for d in vcan0 vcan1; do
		cansend $d 123#01; cansend $d 124#02; cansend $d 00000123#03
		cansend $d 20000004#0004000000000000
	done
	sleep 0.3; stop
	got=$(sed 's/^([0-9.]*) //' f1.log | tr '\n' ' ')
	# 123~7FF drops the 29-bit 00000123 too: the mask leaves out the
	# EFF bit (candump semantics)
	want="vcan0 123#01 vcan0 00000123#03"
	want="$want vcan0 20000004#0004000000000000 vcan1 124#02 "
	[ "$got" = "$want" ]
	res $? "filters: id:mask, id~mask, #0 (no errors)" "got  $got" \
		"want $want"
	start f2 -W f2.log 'vcan0,12345678:1FFFFFFF' 'vcan1,100:700,0:1,j'
	cansend vcan0 12345678#01; cansend vcan0 678#02
	cansend vcan1 102#03; cansend vcan1 103#04; cansend vcan1 202#05
	sleep 0.3; stop
	got=$(sed 's/^([0-9.]*) //' f2.log | tr '\n' ' ')
	want="vcan0 12345678#01 vcan1 102#03 "
	[ "$got" = "$want" ]
	res $? "filters: 8-digit id is 29-bit; j joins" "got  $got" "want $want"
	start an -W an.log any
	cansend vcan0 001#01; cansend vcan1 002#02
	sleep 0.3; stop
	grep -q ' vcan0 001#01' an.log && grep -q ' vcan1 002#02' an.log
	res $? "'any' captures every CAN interface with its name" \
		"$(cat an.log an.err)"
}

# ---- 9. errors and permissions ----
test_errors() {
	"$C" lo >/dev/null 2>e1; r1=$?
	grep -q '^cosniff: lo: not a CAN interface' e1 && [ $r1 -eq 2 ]
	res $? "lo: not a CAN interface, exit 2" "$(cat e1)"
	"$C" nosuch0 >/dev/null 2>e2; r2=$?
	grep -q '^cosniff: nosuch0: no such device' e2 && [ $r2 -eq 2 ]
	res $? "missing interface: no such device, exit 2" "$(cat e2)"
	chmod 777 .
	b=$(rcvlists)
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$C" --rcvbuf 4000000 -W nb.log vcan0 >nb.out 2>nb.err &
	pid=$!
	wait_bound "$b"
	cansend vcan0 100#01; sleep 0.3; stop
	grep -q 'receive buffer is .* not the 4000000 asked for' nb.err &&
		[ "$(lines nb.log)" -eq 1 ]
	res $? "non-root: capture works (no privilege), rcvbuf capped, said" \
		"$(cat nb.err)"
	start ln --link -q vcan0
	stop
	grep -q 'link at start: vcan0: virtual (vcan), no controller, up' ln.err
	res $? "--link: vcan shown as virtual" "$(cat ln.err)"
	start lj --link --json vcan0
	stop
	j='"kind":"link","node":0,"iface":"vcan0","when":'
	v='"up":true,"virtual":true,"rx_dropped":0,.*"text":"vcan0: virtual'
	grep -q "${j}\"start\",$v" lj.out &&
		grep -q "${j}\"end\"" lj.out && grep -q 'link at end' lj.err
	res $? "--link --json: link events at start and end, also on stderr" \
		"$(cat lj.out lj.err)"
}

# ---- 1b. default -W: what plain candump -L writes, byte for byte ----
test_plain_log() {
	b=$(rcvlists)
	candump -L vcan0,0:0,#FFFFFFFF >pcd.log 2>pcd.err &
	cpid=$!
	wait_bound "$b"
	start plain -q -W pco.log vcan0
	cansend vcan0 123#1122334455667788
	cansend vcan0 701#R1
	cansend vcan0 12345678##1AABB
	cansend vcan0 20000004#0004000000000000
	cangen vcan0 -m -n 50 -g 1
	sleep 0.5
	stop; kill $cpid; wait $cpid
	[ "$(lines pco.log)" -eq 54 ] && cmp pcd.log pco.log >plain.diff 2>&1
	res $? "default -W log equals plain candump -L byte for byte (no R/T)" \
		"cosniff $(lines pco.log), candump $(lines pcd.log) lines" \
		"$(cat plain.diff)" "$(diff pcd.log pco.log | head -10)"
}

all="vs_candump plain_log text_as_replay hb_live stats_live tty_pipe down_up drops
	burst kill flush disk_full rotate filters errors"
for t in ${LIVE_TESTS:-$all}; do
	"test_$t"
done
vm_done
