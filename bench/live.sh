#!/bin/bash
# bench/live.sh - live capture throughput: cosniff (decoding to text and
# logging to pcap and candump at once) beside candump -L at the same
# cangen load on vcan0, in the vcan VM.  Not a test: prints figures.
#   bench/live.sh [--ui] [SECONDS] [GAP_MS...]  (defaults: 60, gap 0 = flat
#   out); --ui: cosniff shows the full-screen view (tmux, 160x48) instead
#   of decoding to a file, with default options and both loggers.
# Run from the source tree after `make`; it boots the VM itself.
set -u
ui=
if [ "${1:-}" = --ui ]; then
	ui=--ui
	shift
fi
secs=${1:-60}
shift || true
gaps=${*:-0}
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${VCAN_VM:-}" ]; then
	exec "$top/../shared/vcan-vm/run-in-vm" \
		--timeout $((secs * 3 + 200)) -- \
		"bash '$top/bench/live.sh' $ui $secs $gaps"
fi

C=$top/src/cosniff
d=$(mktemp -d)
hz=$(getconf CLK_TCK)
buf=8388608

# cpu_s PID: user+system seconds used so far
cpu_s() {
	awk -v hz="$hz" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}
tx_packets() { cat /sys/class/net/vcan0/statistics/tx_packets; }
tm() { tmux -L "cosniff-bench-$$" -f /dev/null "$@"; }

# start_cosniff: in the background (pid in co_pid), text to co.txt, or
# with --ui the view in a tmux pane
start_cosniff() {
	if [ -z "$ui" ]; then
		"$C" --rcvbuf $buf -w "$d/co.pcap" -W "$d/co.log" vcan0 \
			>"$d/co.txt" 2>"$d/co.err" &
		co_pid=$!
		return
	fi
	: >"$d/co.txt"
	rm -f "$d/co.pid"
	tm new-session -d -x 160 -y 48 "sh -c 'echo \$\$ >$d/co.pid; \
exec $C vcan0 --ui -w $d/co.pcap -W $d/co.log 2>$d/co.err'"
	while [ ! -s "$d/co.pid" ]; do sleep 0.1; done
	co_pid=$(cat "$d/co.pid")
}

run_one() {
	gap=$1
	candump -L -d -r $buf vcan0 >"$d/cd.log" 2>/dev/null &
	cd_pid=$!
	start_cosniff
	sleep 1
	tx0=$(tx_packets)
	timeout "$secs" cangen vcan0 -g "$gap" -i -L 8 -D i -I i
	sleep 1
	tx=$(( $(tx_packets) - tx0 ))
	cd_cpu=$(cpu_s $cd_pid)
	co_cpu=$(cpu_s $co_pid)
	kill -TERM $cd_pid $co_pid
	wait $cd_pid $co_pid 2>/dev/null
	while [ -n "$ui" ] && kill -0 "$co_pid" 2>/dev/null; do sleep 0.1; done
	[ -n "$ui" ] && tm kill-server 2>/dev/null
	cd_n=$(grep -c '^(' "$d/cd.log")
	cd_drop=$(sed -n 's/.*(total drops \([0-9]*\)).*/\1/p' "$d/cd.log" |
		tail -1)
	co_n=$(sed -n 's/^cosniff: \([0-9]*\) frames\{0,1\} captured.*/\1/p' \
		"$d/co.err")
	co_drop=$(sed -n 's/.* \([0-9]*\) dropped by the kernel.*/\1/p' \
		"$d/co.err" | tail -1)
	co_txt=$(wc -l <"$d/co.txt")
	co_log=$(wc -l <"$d/co.log")
	cd_us=$(echo "$cd_cpu * 1000000 / ($cd_n + 1)" | bc -l)
	co_us=$(echo "$co_cpu * 1000000 / ($co_n + 1)" | bc -l)
	printf "$fmt" "$gap" "$tx" "$(echo "$tx / $secs" | bc -l)" \
		"$cd_n" "${cd_drop:-0}" "$cd_cpu" "$cd_us" \
		"$co_n" "${co_drop:-0}" "$co_cpu" "$co_us" "$co_txt" "$co_log"
}

fmt='%-8s %10s %9.0f | %10s %8s %8.3f %7.2f | %10s %8s %8.3f %7.2f | %s %s\n'
echo "# $secs s per run, vcan0, receive buffers $buf bytes," \
	"$(nproc) vCPU(s), VCAN_VM_ACCEL=${VCAN_VM_ACCEL:-?}"
if [ -n "$ui" ]; then
	echo "# cosniff: the view (tmux 160x48, default options) + -w pcap" \
		"+ -W candump log; candump: -L to a file"
else
	echo "# cosniff: text decode to a file + -w pcap + -W candump log;" \
		"candump: -L to a file"
fi
printf '%-8s %10s %9s | %10s %8s %8s %7s | %10s %8s %8s %7s | %s\n' \
	gap_ms sent frames/s candump drops cpu_s us/frm \
	cosniff drops cpu_s us/frm "text-lines log-lines"
for g in $gaps; do
	run_one "$g"
done
rm -rf "$d"
