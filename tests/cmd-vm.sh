#!/bin/bash
# tests/cmd-vm.sh - active commands against the simulator; runs INSIDE the
# VM as root with --can-hw 2 (tests/cmd.sh starts it).  Prints TAP lines
# numbered from $TAP_START and ends with "#tapstate N FAILED".
. "${top_srcdir:-$(dirname "$0")/..}/tests/vmguest.sh"
. "$top_srcdir/tests/uilib.sh"
EDS=$top_srcdir/tests/sim-drive.eds
PASSIVE_S=${PASSIVE_S:-120}
# Every process of the tests on CPU 0 (children inherit it): with two
# CPUs, the kernel's per-CPU receive backlogs can hand a socket a
# simulated node's answer before the request that caused it (timestamps
# in order, arrival not).  Live capture puts such frames back in order
# (--reorder-ms; test_reorder runs on both CPUs); the other tests are
# about SDO, not about that.  The ENOBUFS flood and test_reorder use
# CPU 1.
taskset -pc 0 $$ >/dev/null

cmd() { "$C" cmd vcan0 --trace "$@" 2>>trace.txt; }
xfer() { grep -o 'SDO-XFER.*' "$@" | sed 's/ \[sent\]$//'; }

# ---- passive capture on vcan1 for minutes: cosniff never sends ----
passive_start() {
	bg pcd candump -L -r 8388608 vcan1
	bg pco "$C" --rcvbuf 8388608 vcan1
	bg pcj "$C" --json vcan1
	# random traffic that an active tool would answer: SDO requests,
	# guarding RTRs, NMT, SYNC among it
	( for i in $(seq 20); do
		cansend vcan1 605#4000100000000000
		cansend vcan1 705#R
		cansend vcan1 000#0100
		cansend vcan1 080#
	  done
	  cangen vcan1 -g $((PASSIVE_S * 1000 / 3000)) -n 3000 ) &
	pid_gen=$!
	passive_n=$((20 * 4 + 3000))
}
passive_check() {
	wait "$pid_gen"
	sleep 0.5
	# -r of a log never transmits either
	"$C" -r "$top_srcdir/tests/logs/cd-log.log" >/dev/null 2>&1
	sleep 0.3
	kill "$pid_pco" "$pid_pcj"; wait "$pid_pco" "$pid_pcj"
	kill "$pid_pcd"; wait "$pid_pcd" 2>/dev/null
	n=$(grep -c '^(' pcd.out)
	[ "$n" -eq "$passive_n" ]
	res $? "passive capture for ${PASSIVE_S} s: the bus carried exactly the $passive_n frames of the generators (cosniff sent none)" \
		"candump saw $n" "$(tail -3 pco.err)"
	grep -q "$passive_n frames captured" pco.err
	res $? "the passive cosniff saw all $passive_n frames" "$(cat pco.err)"
}

# ---- the simulated network on vcan0, a passive cosniff beside it ----
sim_start() {
	bg p0 "$C" --rcvbuf 8388608 vcan0
	bg sim "$C" sim vcan0 --node 5="$EDS" --node 6="$EDS" \
		--node 7="$EDS" --sync 50 --fault 7:silent@1500 \
		--fault 6:emcy@1000:8130
	sleep 1.6        # node 7 goes silent at 1.5 s
	grep -q 'vcan0 705 BOOT node=5 boot-up' p0.out &&
		grep -q 'vcan0 706 BOOT node=6 boot-up' p0.out &&
		grep -q 'vcan0 707 BOOT node=7 boot-up' p0.out
	res $? "sim: nodes 5, 6, 7 sent boot-up" "$(head -5 p0.out)" \
		"$(cat sim.err)"
	grep -q 'vcan0 086 EMCY node=6 8130' p0.out
	res $? "sim fault: node 6 sent EMCY 8130 at 1 s" \
		"$(grep EMCY p0.out)"
}

# kind MODE SIZE: how the transfer of SIZE bytes in MODE is made
kind() {
	case $1 in
	block) echo block ;;
	exp) echo expedited ;;
	seg) echo segmented ;;
	*) if [ "$2" -ge 1 ] && [ "$2" -le 4 ]; then echo expedited
	   else echo segmented; fi ;;
	esac
}

# Each mode both ways at the segment and sub-block boundaries.
test_sizes() {
	for m in auto exp seg block; do
		for n in 0 1 4 5 7 8 889 890; do
			[ $m = exp ] && { [ $n -lt 1 ] || [ $n -gt 4 ]; } &&
				continue
			head -c $n /dev/urandom >"f$n"
			: >one.txt
			"$C" cmd vcan0 -n 5 --mode $m --trace \
				"w 0x2000 0 d @f$n" "r 0x2000 0 d @b$n" \
				>ans.txt 2>one.txt
			cat one.txt >>trace.txt
			k=$(kind $m $n)
			# an upload's mode is the server's choice: up to 4
			# bytes it answers expedited, whatever was asked
			ku=$k
			[ $m = seg ] && [ $n -ge 1 ] && [ $n -le 4 ] &&
				ku=expedited
			[ "$(cat ans.txt)" = "$(printf 'OK\nOK')" ] &&
				cmp -s "f$n" "b$n" &&
				xfer one.txt | grep -q "download 2000:00 $k ok $n bytes" &&
				xfer one.txt | grep -q "upload 2000:00 $ku ok $n bytes"
			res $? "$m download and upload of $n bytes ($k)" \
				"$(cat ans.txt)" "$(xfer one.txt)"
		done
	done
	[ "$(xfer trace.txt | grep ' block ok ' | grep -c 'crc ok')" -eq 16 ]
	res $? "every block transfer used and verified the CRC" \
		"$(xfer trace.txt | grep ' block ')"
	: >one.txt
	"$C" cmd vcan0 -n 5 --mode block --no-crc --trace \
		"r 0x2000 0 d" >ans.txt 2>one.txt
	cat one.txt >>trace.txt
	xfer one.txt | grep -q 'block ok 890 bytes' &&
		! xfer one.txt | grep -q crc
	res $? "block upload without CRC" "$(xfer one.txt)"
}

test_fallback() {
	bg sim8 "$C" sim vcan0 --node 8="$EDS" --no-block -q
	head -c 100 /dev/urandom >f100
	: >one.txt
	"$C" cmd vcan0 -n 8 --mode block --trace "w 0x2000 0 d @f100" \
		"r 0x2000 0 d @b100" >ans.txt 2>one.txt
	cat one.txt >>trace.txt
	[ "$(cat ans.txt)" = "$(printf 'OK\nOK')" ] && cmp -s f100 b100 &&
		[ "$(grep -c 'abort 2000:00 05040001' one.txt)" -eq 2 ] &&
		[ "$(xfer one.txt | grep -c '2000:00 segmented ok 100 bytes')" \
			-eq 2 ]
	res $? "server declines block: the client falls back to segmented" \
		"$(cat ans.txt)" "$(grep -v seg one.txt)"
}

# Aborts with the right codes, in every mode.
test_aborts() {
	for m in auto seg block; do
		"$C" cmd vcan0 -n 5 --mode $m '[1] r 0x3000 0 u8' \
			'[2] w 0x1000 0 u32 1' '[3] w 0x2003 0 u32 1' \
			'[4] r 0x1018 9 u32' '[5] w 0x2003 0 u8 1' \
			>ab.txt 2>>trace.txt
		rc=$?
		cat >ab.want <<-'X'
		[1] ERROR:0x06020000 #object does not exist in the object dictionary
		[2] ERROR:0x06010002 #attempt to write a read only object
		[3] ERROR:0x06070012 #data type does not match, length of service parameter too high
		[4] ERROR:0x06090011 #sub-index does not exist
		[5] ERROR:0x06070013 #data type does not match, length of service parameter too low
		X
		[ $rc -eq 1 ] && diff ab.want ab.txt >ab.diff
		res $? "$m: missing object, read-only, too long, no sub, too short abort (exit 1)" \
			"rc=$rc" "$(cat ab.diff)"
	done
}

test_timeout() {
	t0=$(now)
	"$C" cmd vcan0 --timeout 300 '7 r 0x1000 0' >to.txt 2>>trace.txt
	rc=$?
	dt=$(calc "$(now) - $t0")
	[ $rc -eq 1 ] &&
		[ "$(cat to.txt)" = 'ERROR:0x05040000 #SDO protocol timed out' ] &&
		is "$dt >= 0.3 && $dt < 2"
	res $? "silent node 7: timeout after 300 ms ($dt s), abort 05040000" \
		"rc=$rc" "$(cat to.txt)"
	grep -q '607 SDO  node=7 c->s abort 1000:00.*05040000' p0.out
	res $? "the client's abort frame is on the bus" "$(grep 607 p0.out)"
}

# CiA 309-3 answers, types, names from the EDS, commands from stdin.
test_values() {
	printf '%s\n' '[1] 5 r 0x1000 0 u32' '[2] 5 w 0x2006 0 i16 -123' \
		'[3] 5 r 0x2006 0 i16' '[4] 5 r 0x2005 0 r32' \
		'[5] 5 w 0x2002 0 vs "hello world"' '[6] 5 r 0x2002 0 vs' \
		'[7] 5 r 0x1018 1 x32' '[8] 5 r 0x1018 4' \
		'[9] 5 r Producer_heartbeat_time 0' '[10] 5 bogus' \
		'# a comment' '' '[11] set node 6' '[12] r 0x1008 0' \
		'[13] 1 6 r 0x2001 0 u32' '[14] 2 6 r 0x2001 0 u32' |
		"$C" cmd vcan0 --eds 5="$EDS" -f - >val.txt 2>>trace.txt
	cat >val.want <<-'X'
	[1] 131474
	[2] OK
	[3] -123
	[4] 21.5
	[5] OK
	[6] "hello world"
	[7] 0x0000ABCD
	[8] 20485
	[9] 200
	[10] ERROR:101 #Syntax error
	[11] OK
	[12] 636f736e6966662d73696d
	[13] 287454020
	[14] ERROR:106 #Unsupported net
	X
	diff val.want val.txt >val.diff
	res $? "309-3 answers: values by type, names and types from the EDS, errors, set node, net" \
		"$(cat val.diff)"
}

# NMT with --wait for the heartbeat (200 ms) or boot-up.
test_nmt() {
	"$C" cmd vcan0 --wait '[1] 5 start' '[2] 6 start' '[3] 5 stop' \
		'[4] 5 preop' '[5] 6 reset comm' '[6] 5 reset node' \
		>nmt.txt 2>>trace.txt
	printf '[%d] OK\n' 1 2 3 4 5 6 >nmt.want
	diff nmt.want nmt.txt >nmt.diff
	res $? "NMT start/stop/preop/reset comm/reset node, each confirmed" \
		"$(cat nmt.diff)"
	t0=$(now)
	"$C" cmd vcan0 --wait=500 '9 start' >nmt9.txt 2>>trace.txt
	dt=$(calc "$(now) - $t0")
	[ "$(cat nmt9.txt)" = 'ERROR:103 #Time-out' ] &&
		is "$dt >= 0.5"
	res $? "NMT --wait=500 to absent node 9: time-out after $dt s" \
		"$(cat nmt9.txt)"
	"$C" cmd vcan0 --wait '0 start' >nmt0.txt 2>nmt0.err
	[ "$(cat nmt0.txt)" = OK ] &&
		grep -q 'confirmed by node 5 6 8$' nmt0.err
	res $? "NMT start to all: confirmed by the live nodes 5 6 8" \
		"$(cat nmt0.txt nmt0.err)"
	grep -q 'NMT-STATE node=5 .*-> operational' p0.out &&
		grep -q 'NMT-STATE node=5 .*-> stopped' p0.out
	res $? "the passive cosniff saw the state changes" \
		"$(grep 'NMT-STATE node=5' p0.out)"
}

# Operational: TPDO1 on every SYNC, TPDO2 by its 100 ms event timer,
# RPDO1 written into 6200:01 and 2003:00.
test_pdo() {
	sleep 0.5
	grep -q 'vcan0 185 PDO  node=5 TPDO1' p0.out &&
		grep -q 'vcan0 285 PDO  node=5 TPDO2' p0.out
	res $? "TPDO1 on SYNC and TPDO2 by event timer" \
		"$(grep -c 'vcan0 185' p0.out) $(grep -c 'vcan0 285' p0.out)"
	cansend vcan0 205#AA3412
	"$C" cmd vcan0 -n 5 'r 0x6200 1 u8' 'r 0x2003 0 u16' >rp.txt \
		2>>trace.txt
	[ "$(cat rp.txt)" = "$(printf '170\n4660')" ]
	res $? "RPDO1 205#AA3412 written into the dictionary" "$(cat rp.txt)"
}

test_scan() {
	"$C" scan vcan0 --timeout 300 --trace >scan.txt 2>>trace.txt
	tail -1 scan.txt | grep -qx '3 nodes answered in 1..127: 5 6 8' &&
		grep -Eq '^   5 0x00020192 0x0000ABCD 0x00001234 0x00010002 0x00005005 "cosniff-sim" "hw-1.0" "sw-2.3"$' scan.txt
	res $? "scan 1..127 finds exactly the answering nodes 5 6 8 (7 silent)" \
		"$(cat scan.txt)"
}

test_guard() {
	"$C" cmd vcan0 -n 5 'w 0x1017 0 u16 0' >/dev/null 2>>trace.txt
	# 250 ms: a VM on a loaded host stalls for 100 ms now and then
	"$C" guard vcan0 --node 5,9 --guard-time 250 --life-factor 3 \
		--time 3200 >gd.txt 2>gd.err
	rc=$?
	[ $rc -eq 1 ] &&
		grep -q '^[0-9.]* node 5: guarding started, operational$' gd.txt &&
		! grep -q 'node 5: \(toggle\|no answer\|guarding lost\)' gd.txt &&
		grep -q 'node 9: guarding lost: no answer for the life time (750 ms)' gd.txt
	res $? "guarding: node 5 answers with alternating toggle, node 9 lost" \
		"rc=$rc" "$(cat gd.txt gd.err)"
	[ "$(grep -c '705 GUARD' p0.out)" -ge 10 ]
	res $? "the passive cosniff decoded the guarding exchange" \
		"$(grep 705 p0.out | tail -3)"
}

# What the client traced and what the passive cosniff saw agree.
test_same_xfers() {
	sleep 0.3
	# the decode must agree; durations come from each socket's own
	# timestamps of the frames
	xfer trace.txt | sed 's/ in [0-9.]* ms//' | sort >x.client
	xfer p0.out | sed 's/ in [0-9.]* ms//' | sort >x.passive
	n=$(wc -l <x.client)
	# every transfer the client traced, the passive cosniff decoded the
	# same (it also saw the commands run without --trace)
	comm -23 x.client x.passive >x.diff
	[ "$n" -ge 50 ] && [ ! -s x.diff ]
	res $? "the passive cosniff decoded the client's $n SDO-XFER lines alike" \
		"$(head -20 x.diff)" "passive, same objects:" \
		"$(grep -F "$(head -1 x.diff | cut -d' ' -f2-4)" x.passive |
			cut -c1-100)" "$(grep -B4 -A2 'SDO-XFER.* failed' p0.out |
			cut -c1-120 | head -40)"
	grep -q '605 SDO  node=5 c->s init-upload 1000:00.* \[sent\]$' \
		trace.txt
	res $? "the client's trace marks its own frames [sent]" \
		"$(grep 605 trace.txt | head -3)"
	"$C" cmd vcan0 --json -W own.log --log-rxtx '5 r 0x1000 0' \
		>/dev/null 2>own.json
	grep -q '"sent":true' own.json &&
		grep -q 'vcan0 605#4000100000000000 T$' own.log &&
		grep -q 'vcan0 585#4300100092010200 R$' own.log
	res $? "own frames: \"sent\":true in JSON, T in --log-rxtx logs" \
		"$(cat own.log)" "$(head -2 own.json)"
}

# Frame order on both CPUs: the simulated node answers from CPU 1, the
# client asks from CPU 0 (with --trace), two passive cosniffs run on
# either.  The kernel may hand them an answer before its request (per-CPU
# queues); held for --reorder-ms every transfer decodes, and
# the -W log is in stamp order.  The client's trace decodes them all as
# well (its own socket has had its request back before any answer in
# every run so far, so it does not hold frames).  The one with --reorder-ms 0 shows how often the arrival
# order was wrong in this run (a figure, not a check).
test_reorder() {
	ip link add vcan3 type vcan && ip link set vcan3 up
	# a 50 ms hold: the VM on a loaded host can keep a frame back longer
	# than the 10 ms default
	bg ro taskset -c 0,1 "$C" --text --reorder-ms 50 -W ro.log vcan3
	bg r0 taskset -c 0,1 "$C" --text --reorder-ms 0 vcan3
	bg rs taskset -c 1 "$C" sim vcan3 --node 5="$EDS" -q
	for _ in $(seq 400); do echo '5 r 0x1000 0 u32'; done >ro.cmds
	taskset -c 0 "$C" cmd vcan3 --trace -f ro.cmds >ro.ans 2>ro.cerr
	sleep 0.3
	kill "$pid_ro" "$pid_r0" "$pid_rs"
	wait "$pid_ro" "$pid_r0" "$pid_rs" 2>/dev/null
	ip link del vcan3
	okx=$(grep -c 'SDO-XFER node=5 upload 1000:00 .*expedited ok' ro.out)
	bad=$(grep -c 'SDO-XFER.*failed' ro.out)
	bad0=$(grep -c 'SDO-XFER.*failed' r0.out)
	okc=$(grep -c 'SDO-XFER node=5 upload 1000:00 .*expedited ok' ro.cerr)
	[ "$(grep -cx 131474 ro.ans)" -eq 400 ] && [ "$okx" -eq 400 ] &&
		[ "$bad" -eq 0 ] && [ "$okc" -eq 400 ] &&
		! grep -q 'SDO-XFER.*failed' ro.cerr &&
		grep '^(' ro.log | cut -d' ' -f1 | tr -d '()' | sort -c -n
	res $? "both CPUs: 400 reads, each decoded by the passive cosniff and the client's --trace, the log in stamp order" \
		"ok=$okx failed=$bad answers=$(grep -cx 131474 ro.ans) trace ok=$okc" \
		"$(grep -B3 'SDO-XFER.*failed' ro.out | head -20)" \
		"the -W log there:" "$(t=$(grep -m1 -B1 'SDO-XFER.*failed' ro.out |
			head -1 | cut -d' ' -f1); grep -F -A4 "($t)" ro.log)" \
		"$(cat ro.err)"
	echo "# arrival order on both CPUs: $bad0 of 400 transfers broken with" \
		"--reorder-ms 0; $(grep 'put back' ro.err || echo 'nothing put back') with the default"
}

# --sdo-cob: another channel's COB-IDs (here node 5's, for node 9)
test_sdo_cob() {
	"$C" cmd vcan0 --sdo-cob 0x605,0x585 '9 r 0x1018 4 u32' >cob.txt \
		2>>trace.txt
	[ "$(cat cob.txt)" = 20485 ]
	res $? "--sdo-cob 0x605,0x585: the request goes where it says" \
		"$(cat cob.txt)"
}

# Figures for the README: latency and throughput against the simulator.
test_perf() {
	for _ in $(seq 100); do echo '5 r 0x1000 0 u32'; done >reads.txt
	t0=$(now)
	"$C" cmd vcan0 -f reads.txt >perf.txt 2>/dev/null
	dt=$(calc "$(now) - $t0")
	[ "$(grep -c '^131474$' perf.txt)" -eq 100 ]
	res $? "100 SDO reads answered" "$(sort perf.txt | uniq -c)"
	echo "# perf: SDO expedited read: $(calc "$dt * 1000 / 100") ms per read (100 reads, process start included)"
	head -c 8192 /dev/urandom >f8k
	for m in seg block; do
		t0=$(now)
		"$C" cmd vcan0 -n 5 --mode $m --timeout 5000 \
			"w 0x2000 0 d @f8k" >p.txt 2>p.err
		dt=$(calc "$(now) - $t0")
		[ "$(cat p.txt)" = OK ]
		res $? "8 KiB $m download" "$(cat p.txt p.err)"
		echo "# perf: $m download 8192 bytes: $dt s = $(calc "8192 / $dt / 1000") kB/s"
	done
}

# qdisc_drops IFACE: frames the root qdisc dropped so far
qdisc_drops() {
	tc -s qdisc show dev "$1" |
		awk '/dropped/ { sub(",", "", $7); print $7 + 0; exit }'
}
# ENOBUFS: a full transmit queue is waited out, not an error.  Whether a
# flood alone fills a queue is timing (the emulated SJA1000 completes a
# frame before its sender's next one), so the full queue is made on
# purpose: a pfifo qdisc of limit 0 cannot be bypassed and refuses every
# frame with ENOBUFS.  It stays until the client's first frame has been
# refused, then the default qdisc comes back (the client may wait 20 s:
# a loaded host takes its time to see the refusal and restore).
# full_queue_xfer IFACE FLOOD: block write and read back of 890 bytes to
# node 5 on IFACE through such a queue; FLOOD=1: cangen floods IFACE from
# then on
full_queue_xfer() {
	tc qdisc replace dev "$1" root pfifo limit 0
	"$C" cmd "$1" -n 5 --mode block --timeout 3000 --tx-wait 20000 \
		"w 0x2000 0 d @f890" "r 0x2000 0 d @hw890" >hw.txt 2>hw.err &
	c=$!
	for _ in $(seq 2000); do
		[ "$(qdisc_drops "$1")" -gt 0 ] && break
	done
	refused=$(qdisc_drops "$1")
	g=
	if [ "$2" = 1 ]; then
		taskset -c 1 cangen "$1" -I 123 -L 8 -D i -g 0 -i \
			-n 400000 >/dev/null 2>&1 &
		g=$!
	fi
	tc qdisc del dev "$1" root
	wait $c
	rc=$?
	[ -n "$g" ] && { kill $g 2>/dev/null; wait $g 2>/dev/null; }
	# backed off, sent again, and no send failed
	[ "$refused" -gt 0 ] && [ $rc -le 1 ] &&
		grep -Eq "$1: transmit queue full [1-9][0-9]* times; waited and sent again" hw.err &&
		! grep -q 'bus-off\|interface is down\|No buffer\|stayed full' hw.err
}
test_enobufs() {
	# on a vcan of its own (nothing is lost there): the data gets through
	ip link add vcan2 type vcan && ip link set vcan2 up
	bg v2 "$C" sim vcan2 --node 5="$EDS"
	# no heartbeat: the client's frames are the only ones to be refused
	"$C" cmd vcan2 -n 5 'w 0x1017 0 u16 0' >/dev/null
	full_queue_xfer vcan2 0 && [ $rc -eq 0 ] &&
		[ "$(cat hw.txt)" = "$(printf 'OK\nOK')" ] && cmp -s f890 hw890
	res $? "a full queue: ENOBUFS backed off, the block transfers carry the data" \
		"rc=$rc refused=$refused" "$(cat hw.txt hw.err)"
	# a queue that never drains: an error after the back-off, no hang;
	# the node's heartbeat meets it too, for longer than its back-off
	"$C" cmd vcan2 -n 5 'w 0x1017 0 u16 100' >/dev/null
	tc qdisc replace dev vcan2 root pfifo limit 0
	t0=$(now)
	"$C" cmd vcan2 -n 5 'r 0x1000 0' >qf.txt 2>qf.err
	rc=$?
	t1=$(now)
	sleep 1.5
	tc qdisc del dev vcan2 root
	[ $rc -eq 1 ] || [ $rc -eq 2 ]
	r=$?
	[ $r -eq 0 ] && grep -q 'transmit queue stayed full' qf.err &&
		grep -q '^ERROR:303 #CAN buffer overflow$' qf.txt &&
		is "$t1 - $t0 >= 1 && $t1 - $t0 < 5"
	res $? "a queue that stays full: a clear error after the back-off" \
		"rc=$rc in $(calc "$t1 - $t0") s" "$(cat qf.txt qf.err)"
	# the simulated node lost its answers meanwhile, and goes on
	"$C" cmd vcan2 -n 5 'r 0x1000 0 u32' >qs.txt 2>&1
	kill "$pid_v2"; wait "$pid_v2" 2>/dev/null
	grep -Eq '^[0-9]+$' qs.txt &&
		grep -q 'sim: transmit queue stayed full .*: frames are lost until it drains' v2.err &&
		grep -Eq ' [1-9][0-9]* lost \(queue stayed full\)' v2.err
	res $? "sim: a queue that stayed full loses frames, the node goes on" \
		"$(cat qs.txt v2.err)"
	ip link del vcan2
	# on the emulated SJA1000s, under a flood: whether the transfer gets
	# through depends on the receiving controller, whose FIFO overruns
	# (the driver reports rx-overflow, frames are lost): an SDO abort
	# (a timeout, or the server's 05040001 after a lost segment) is
	# allowed, a failed send (CiA 309-3 error 301/303) is not
	ip link set can0 up type can bitrate 1000000 &&
		ip link set can1 up type can bitrate 1000000
	bg hw "$C" sim can1 --node 5="$EDS" -q
	full_queue_xfer can0 1 && ! grep -Eqv '^(OK|ERROR:0x[0-9A-F]{8} #.*)$' hw.txt
	res $? "a full queue, then a flood on can0: ENOBUFS backed off, no send failed" \
		"rc=$rc refused=$refused" "$(cat hw.txt hw.err)"
	kill "$pid_hw"; wait "$pid_hw" 2>/dev/null
	ip link set can0 down
	"$C" cmd can0 -n 5 'r 0x1000 0' >dn.txt 2>dn.err
	rc=$?
	[ $rc -eq 2 ] && grep -q 'can0: interface is down' dn.err
	res $? "interface down: a clear error, exit 2" "rc=$rc" "$(cat dn.err)"
}

# ---- the view with --active: actions on node 6, each confirmed ----
# vsee TEXT [S]: the view shows TEXT within S s (the screen moves with
# the bus all the time: no waiting for a still one)
vsee() {
	for _ in $(seq $(( ${2:-10} * 5 ))); do
		ui_t capture-pane -p >"$tmpd/uw.cur" 2>/dev/null
		grep -qF -- "$1" "$tmpd/uw.cur" && return 0
		sleep 0.2
	done
	return 1
}
# vwait TEXT [S]: the same, a failure with the screen when not
vwait() {
	vsee "$@" && return 0
	not_ok "the view shows '$1'" "$(cat "$tmpd/uw.cur")"
	return 1
}
# frames ERE: how many frames candump logged with an id#data matching
frames() { grep -cE " ($1)\$" cdv.out; }
# until_frame ERE: wait up to 3 s for such a frame in candump's log
until_frame() {
	for _ in $(seq 30); do
		[ "$(frames "$1")" -gt 0 ] && return 0
		sleep 0.1
	done
	return 1
}
# The menu names the node the cursor is on: move down to node 6.
view_select6() {
	for _ in 1 2 3 4 5 6; do
		ui_keys a
		vsee "on vcan0: s start" 5 || return 1
		grep -q 'node 6 on vcan0' "$tmpd/uw.cur" && return 0
		ui_keys Escape
		vsee "menu cancelled: nothing sent" 5
		ui_keys Down
	done
	return 1
}
# act KEYS... then WORDS (or -) then the confirmation TEXT expected
act_confirm() {
	ui_keys a "$1"
	[ "$2" = - ] || { vsee "INDEX SUB" 5; ui_keys -l "$2"; ui_keys Enter; }
	vwait "$3"
}

view_cancel() {
	view_select6
	res $? "the action menu opens on the node under the cursor (6)" \
		"$(cat "$tmpd/uw.cur")"
	ui_keys o
	vwait 'send on vcan0 to node 6 "sim-drive": NMT stop: 000#0206' &&
		ui_keys n && vwait "node 6: NMT stop cancelled: nothing sent"
	act_confirm r "0x1018 1 x32" \
		"SDO read 1018:01 x32: 606#4018100100000000" &&
		ui_keys Escape &&
		vwait "node 6: SDO read 1018:01 x32 cancelled: nothing sent"
	act_confirm w "0x2006 0 77" \
		"SDO write 2006:00 i16 77: 606#2B0620004D000000" &&
		ui_keys q &&
		vwait "node 6: SDO write 2006:00 i16 77 cancelled: nothing sent"
	sleep 0.5
	[ "$(frames '000#[0-9A-F]*|606#[0-9A-F]*')" -eq 0 ] &&
		! grep -q EXIT= "$tmpd/uw.cur"
	res $? "view: three confirmations cancelled (n, Esc, q): candump saw no NMT and no SDO request, the view runs on" \
		"$(grep -E ' (000|606)#' cdv.out)" "$(cat "$tmpd/uw.cur")"
}

view_nmt() {
	act_confirm o - "NMT stop: 000#0206" && ui_keys y &&
		vwait "node 6: NMT stop -> OK"
	until_frame '000#0206' && until_frame '706#04'
	res $? "view: NMT stop confirmed with y: 000#0206 sent, node 6 heartbeats 'stopped'" \
		"$(grep -E ' (000|706)#' cdv.out | tail -5)"
	act_confirm s - "NMT start: 000#0106" && ui_keys Enter &&
		vwait "node 6: NMT start -> OK"
	until_frame '000#0106' && until_frame '706#05'
	res $? "view: NMT start confirmed with Enter: node 6 operational again" \
		"$(grep -E ' (000|706)#' cdv.out | tail -5)"
}

view_sdo() {
	act_confirm w "0x2006 0 -321" \
		"SDO write 2006:00 i16 -321: 606#2B062000BFFE0000" &&
		ui_keys y && vwait "node 6: SDO write 2006:00 i16 -321 -> OK"
	[ "$("$C" cmd vcan0 '6 r 0x2006 0 i16' 2>/dev/null)" = -321 ]
	res $? "view: SDO write (type i16 from the EDS) reached the node: cmd reads -321 back" \
		"$(grep ' 606#' cdv.out)"
	want=$("$C" cmd vcan0 '6 r 0x1017 0 u16' 2>/dev/null)
	act_confirm r "Producer_heartbeat_time 0" \
		"SDO read 1017:00 u16: 606#4017100000000000" && ui_keys y &&
		vwait "node 6: SDO read 1017:00 u16 -> $want"
	res $? "view: SDO read by object name: $want, as cmd reads it"
	act_confirm r "0x3000 0 u8" "SDO read 3000:00 u8" && ui_keys y &&
		vwait "node 6: SDO read 3000:00 u8 -> ERROR:0x06020000 #object does not exist"
	res $? "view: an abort is shown with its code and text"
	ui_keys 2 f && ui_keys -l ACT && ui_keys Enter
	vwait "ACT  node=6 SDO read 1017:00 u16 -> $want" &&
		grep -q 'ACT  node=6 NMT stop -> OK' "$tmpd/uw.cur" &&
		grep -q 'ACT  node=6 SDO write 2006:00 i16 -321 -> OK' \
			"$tmpd/uw.cur"
	res $? "view: the trace has an ACT line per result" \
		"$(cat "$tmpd/uw.cur")"
	ui_keys f BSpace BSpace BSpace && ui_keys -l id=606 &&
		ui_keys Enter
	vwait "606 SDO  node=6 c->s init-upload 1017:00" &&
		grep -q '606 SDO  node=6 c->s init-download 2006:00.*\[sent\]' \
			"$tmpd/uw.cur"
	res $? "view: its own SDO requests are in the trace, marked [sent]" \
		"$(cat "$tmpd/uw.cur")"
}

# Without --active the action keys send nothing and the view says so.
view_passive() {
	ui_start 120 40 "$C vcan0"
	vwait "OPER" 15
	n=$(frames '000#[0-9A-F]*|60[0-9A-F]#[0-9A-F]*')
	ui_keys a
	vwait "read-only view: nothing sent"
	res $? "without --active: 'a' says the view is read-only"
	ui_keys s o p n c r w y Enter Escape a y Enter q
	vwait "EXIT=0"
	sleep 0.5
	[ "$(frames '000#[0-9A-F]*|60[0-9A-F]#[0-9A-F]*')" -eq "$n" ]
	res $? "without --active: action keys sent nothing (candump)" \
		"$(tail -5 cdv.out)"
}

test_view() {
	bg cdv candump -L -r 8388608 vcan0
	ui_start 120 40 "$C vcan0 --active --eds 6=$EDS"
	if vwait "sim-drive" 15; then
		view_cancel
		view_nmt
		view_sdo
		ui_keys Escape q
		vwait "EXIT=0"
		res $? "view --active: q quits with 0" "$(cat "$tmpd/uw.cur")"
	fi
	view_passive
	ui_t kill-server 2>/dev/null
	kill "$pid_cdv"; wait "$pid_cdv" 2>/dev/null
}

# The simulator's TPDO inhibit time (1801h sub 3) and heartbeat consumer
# (1016h), set over SDO.
test_sim_more() {
	bg tp candump -L -r 8388608 vcan0,285:7FF,088:7FF
	"$C" cmd vcan0 -n 5 'w 0x1801 3 u16 5000' >/dev/null 2>&1
	t0=$(now)
	sleep 3
	t1=$(now)
	"$C" cmd vcan0 -n 5 'w 0x1801 3 u16 0' >/dev/null 2>&1
	awk -F'[()]' -v a="$t0" -v b="$t1" '/ 285#/ && $2 > a + 0.15 &&
		$2 < b' tp.out >tp.log
	n=$(grep -c . tp.log)
	gmin=$(awk -F'[()]' 'NR > 1 { g = $2 - p; if (m == "" || g < m) m = g }
		{ p = $2 } END { print m + 0 }' tp.log)
	[ "$n" -ge 3 ] && is "$gmin >= 0.45"
	res $? "sim: TPDO2 (event timer 100 ms) with inhibit 500 ms: $n in 3 s, gaps >= $gmin s (not 0.1)" \
		"$(cat tp.log)"
	[ "$(grep -c ' 088#' tp.out)" -eq 0 ]
	res $? "sim: node 8's heartbeat consumer quiet while 1016h is unused" \
		"$(grep ' 088#' tp.out)"
	"$C" cmd vcan0 -n 8 'w 0x1016 1 u32 393716' >/dev/null 2>&1
	sleep 1
	"$C" cmd vcan0 -n 6 'w 0x1017 0 u16 0' >/dev/null 2>&1
	for _ in $(seq 30); do
		grep -q ' 088#3081' tp.out && break
		sleep 0.2
	done
	"$C" cmd vcan0 -n 6 'w 0x1017 0 u16 200' >/dev/null 2>&1
	"$C" cmd vcan0 -n 8 'w 0x1016 1 u32 0' >/dev/null 2>&1
	sleep 0.3
	kill "$pid_tp"; wait "$pid_tp" 2>/dev/null
	# (more than one when, under load, node 6's restarted heartbeat is
	# itself late: each loss is reported once, tests/unit/test_sim_node)
	[ "$(grep -c ' 088#3081' tp.out)" -ge 1 ]
	res $? "sim: node 8's heartbeat consumer (1016h: node 6, 500 ms) raised EMCY 8130 when node 6 fell silent" \
		"$(grep ' 088#' tp.out)"
}

if [ -n "${REORDER_ONLY:-}" ]; then       # development: frame order alone
	test_reorder
	vm_done
	exit 0
fi
if [ -n "${ENOBUFS_ONLY:-}" ]; then       # development: ENOBUFS alone
	head -c 890 /dev/urandom >f890
	test_enobufs
	vm_done
	exit 0
fi
if [ -n "${VIEW_ONLY:-}" ]; then          # development: the view alone
	sim_start
	test_view
	bg sim8 "$C" sim vcan0 --node 8="$EDS" --no-block -q
	"$C" cmd vcan0 '0 start' >/dev/null
	test_sim_more
	kill "$pid_sim" "$pid_sim8" "$pid_p0" 2>/dev/null
	vm_done
	exit 0
fi
passive_start
sim_start
test_sizes
test_fallback
test_aborts
test_timeout
test_values
test_nmt
test_pdo
test_scan
test_guard
test_sdo_cob
test_perf
test_same_xfers
test_reorder
test_view
test_sim_more
test_enobufs
kill "$pid_sim" "$pid_sim8" "$pid_p0" 2>/dev/null
wait "$pid_sim" 2>/dev/null
grep -q 'frames sent, 0 send back-offs' sim.err
res $? "sim ends on SIGTERM with its summary" "$(cat sim.err)"
passive_check
vm_done
