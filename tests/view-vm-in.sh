#!/bin/bash
# tests/view-vm-in.sh - the live view under load; runs INSIDE the vcan VM
# as root (tests/view-vm.sh starts it).  cosniff with default options, the
# view open in tmux and both loggers running, beside candump -r 8 MiB, on
# the same cangen burst at the highest rate: no drop, the same frames in
# the same order, CPU per frame of each.  Prints TAP lines numbered from
# $TAP_START and ends with "#tapstate N FAILED".
. "${top_srcdir:-$(dirname "$0")/..}/tests/vmguest.sh"
. "$top_srcdir/tests/uilib.sh"
N=${VIEW_VM_FRAMES:-30000}
hz=$(getconf CLK_TCK)
wait_bound_tries=150     # 30 s: the view under load is slow to bind

# frames FILE: the frame lines of a candump log without their timestamps
frames() { grep '^(' "$1" | cut -d' ' -f2-; }
nframes() { grep -c '^(' "$1" 2>/dev/null; }
# wait_frames FILE N [S]: until FILE holds N frames (at most S s, 60)
wait_frames() {
	for _ in $(seq $(( ${3:-60} * 5 ))); do
		[ "$(nframes "$1")" -ge "$2" ] && return 0
		sleep 0.2
	done
	return 1
}
# cpu_ticks PID: user+system clock ticks used so far
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

b=$(rcvlists)
candump -L -r 8388608 vcan0 >cd.log 2>cd.err &
cdpid=$!
wait_bound "$b"
b=$(rcvlists)
# the pid file: CPU is read from /proc while it runs
ui_start 160 48 "cd '$tmpd' && sh -c 'echo \$\$ >co.pid; exec \"$C\" \
vcan0 --ui -w x.pcap -W x.log 2>co.err'"
wait_bound "$b"
copid=$(cat co.pid)
ui_wait "vcan0" 20
res $? "the view is up on vcan0 (160x48, default options)" \
	"$(ui_t capture-pane -p | head -5)"

co0=$(cpu_ticks "$copid"); cd0=$(cpu_ticks $cdpid)
t0=$(date +%s.%N)
cangen vcan0 -g 0 -n "$N" -I i -L i -D i
t1=$(date +%s.%N)
wait_frames cd.log "$N"
wait_frames x.log "$N"
co1=$(cpu_ticks "$copid"); cd1=$(cpu_ticks $cdpid)
ui_snap view.txt
ui_keys q
for _ in $(seq 100); do
	grep -q 'frames\{0,1\} captured' co.err 2>/dev/null && break
	sleep 0.2
done
kill -TERM $cdpid; wait $cdpid

sum=$(grep 'frames\{0,1\} captured' co.err)
[ "$sum" = "cosniff: $N frames captured, 0 dropped by the kernel" ]
res $? "default options, view and both loggers: all $N frames, no drop" \
	"$(cat co.err)"
[ "$(nframes cd.log)" -eq "$N" ] && ! grep -q 'drop' cd.log
res $? "candump -r 8 MiB took all $N frames too" "$(nframes cd.log)" \
	"$(grep -c drop cd.log)"
frames cd.log >cd.f; frames x.log >x.f
cmp -s cd.f x.f
res $? "the -W log under the view: candump's frames, same order" \
	"$(diff cd.f x.f | head -6)"
# a pcap record has no interface name: compare time and frame
"$C" -r x.pcap -q -W back.log 2>back.err
awk '{ print $1, $3 }' x.log >x.tf
awk '{ print $1, $3 }' back.log >back.tf
[ "$(nframes back.log)" -eq "$N" ] && cmp -s x.tf back.tf
res $? "the -w pcap reads back to the -W log's frames, timestamps too" \
	"$(cat back.err)" "$(diff x.tf back.tf | head -6)"

# SIGTERM with a burst queued: cosniff is stopped (SIGSTOP) while 40,000
# frames queue in its socket, then gets SIGTERM and SIGCONT.  What the
# kernel queued before the stop is still decoded and logged: every frame
# is captured or counted as a kernel drop, none vanishes.
b=$(rcvlists)
"$C" -v -W t.log vcan0 >t.txt 2>t.err &
tpid=$!
wait_bound "$b"
tx0=$(cat /sys/class/net/vcan0/statistics/tx_packets)
kill -STOP $tpid
cangen vcan0 -g 0 -n 40000 -I i -L i -D i
kill -TERM $tpid; kill -CONT $tpid; wait $tpid
trc=$?
tx=$(( $(cat /sys/class/net/vcan0/statistics/tx_packets) - tx0 ))
got=$(sed -n 's/^cosniff: \([0-9]*\) frames captured, \([0-9]*\) dropped.*/\1 \2/p' \
	t.err)
set -- $got
echo "# queued burst of $tx: ${1:-?} taken after SIGTERM, ${2:-?} dropped by the kernel"
[ $trc -eq 0 ] && [ -n "$got" ] && [ $(($1 + $2)) -eq "$tx" ] &&
	[ "$(nframes t.log)" -eq "$1" ]
res $? "SIGTERM with $tx frames queued: each one taken or counted as dropped" \
	"exit $trc, log $(nframes t.log)" "$(cat t.err)"

rate=$(echo "$N / ($t1 - $t0)" | bc)
co_us=$(echo "($co1 - $co0) * 1000000 / $hz / $N" | bc -l)
cd_us=$(echo "($cd1 - $cd0) * 1000000 / $hz / $N" | bc -l)
printf '# perf: %d frames at %d frames/s (cangen -g 0): cosniff --ui -w -W %.1f us/frame, candump -L %.1f us/frame (user+sys)\n' \
	"$N" "$rate" "$co_us" "$cd_us"
vm_done
