#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/run.sh - cosniff speed and memory against tshark (not a test).
#
#   bench/run.sh [COSNIFF]      env: BENCH_DIR (default /tmp/cosniff-bench),
#                               SHARED_DIR (default ../shared), RUNS (3),
#                               ONLY=view (just the view's replay figure)
#
# Generates 1k, 1M and 10M frame traces with the team's gen_big.py (once,
# kept in BENCH_DIR), converts the 1M trace to pcap and times
#   tshark -r big.pcap -n -d can.subdissector,canopen     (summary lines)
#   cosniff -r big.{log,pcap}  text / --json / --stats -q
# Frames/s use the best of RUNS runs (the machine is shared); CPU is
# user+sys.  Peak RSS is /usr/bin/time %M for every trace length.
# Last, the view: the 1M log replayed with --ui --speed 0 --exit-at-end
# in a 160x48 tmux terminal against the text decode into /dev/null, each
# run of either in turn, the median of RUNS (at least 3) with the ratio.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
COSNIFF=${1:-$top/src/cosniff}
SHARED_DIR=${SHARED_DIR:-$top/../shared}
BENCH_DIR=${BENCH_DIR:-/tmp/cosniff-bench}
RUNS=${RUNS:-3}
oracle=$SHARED_DIR/oracle
mkdir -p "$BENCH_DIR" || exit 2
export TZ=UTC0 LC_ALL=C

gen() {         # gen N NAME
	[ -s "$BENCH_DIR/$2.log" ] && return 0
	echo "generating $2.log ($1 frames)" >&2
	python3 "$oracle/gen_big.py" -n "$1" -o "$BENCH_DIR/$2.log" || exit 2
}

# one_ui FILE: "wall cpu rss" of one --ui --speed 0 replay in a terminal
# (tmux on a private server; the view leaves by itself at the end)
one_ui() {
	sock=cosniff-bench-$$
	rm -f "$BENCH_DIR/t"
	tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 48 \
		"TERM=xterm-256color /usr/bin/time -f '%e %U %S %M' \
		-o '$BENCH_DIR/t' '$COSNIFF' -r '$1' --ui --speed 0 \
		--exit-at-end 2>/dev/null" || return 1
	while tmux -L "$sock" has-session 2>/dev/null; do
		sleep 0.05
	done
	awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }' "$BENCH_DIR/t"
}

# one_text FILE: "wall cpu rss" of one text decode into /dev/null
one_text() {
	/usr/bin/time -f "%e %U %S %M" -o "$BENCH_DIR/t" "$COSNIFF" -r "$1" \
		>/dev/null 2>&1
	awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }' "$BENCH_DIR/t"
}

# The view's replay against the text decode: medians and ratios.
view_bench() {
	command -v tmux >/dev/null || { echo "view: no tmux, skipped"; return; }
	n=$RUNS
	[ "$n" -lt 3 ] && n=3
	: >"$BENCH_DIR/vt"; : >"$BENCH_DIR/vu"
	i=0
	while [ $i -lt "$n" ]; do
		one_text "$BENCH_DIR/big1m.log" >>"$BENCH_DIR/vt"
		one_ui "$BENCH_DIR/big1m.log" >>"$BENCH_DIR/vu"
		i=$((i + 1))
	done
	echo
	echo "view replay, 1M log, median of $n (load: $(cut -d' ' -f1-3 \
		/proc/loadavg)):"
	printf '%-34s %7s %7s %9s\n' what wall_s cpu_s rss_KiB
	for f in vt vu; do
		for c in 1 2 3; do
			sort -n -k$c "$BENCH_DIR/$f" | awk -v c=$c \
				'{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
		done | tr '\n' ' ' >"$BENCH_DIR/$f.med"
	done
	awk '{ printf "%-34s %7s %7s %9s\n", "cosniff text > /dev/null", \
		$1, $2, $3 }' "$BENCH_DIR/vt.med"
	awk '{ printf "%-34s %7s %7s %9s\n", "cosniff --ui --speed 0 (160x48)", \
		$1, $2, $3 }' "$BENCH_DIR/vu.med"
	paste -d' ' "$BENCH_DIR/vt.med" "$BENCH_DIR/vu.med" | awk '{
		printf "view / text: %.2fx wall, %.2fx cpu\n",
			($1 > 0 ? $4 / $1 : 0), ($2 > 0 ? $5 / $2 : 0) }'
	rm -f "$BENCH_DIR/vt" "$BENCH_DIR/vu" "$BENCH_DIR/vt.med" \
		"$BENCH_DIR/vu.med" "$BENCH_DIR/t"
}

if [ "${ONLY:-}" = view ]; then
	gen 1000000 big1m
	view_bench
	exit 0
fi
gen 1000 big1k
gen 1000000 big1m
gen 10000000 big10m
if [ ! -s "$BENCH_DIR/big1m.pcap" ]; then
	python3 "$oracle/candump2pcap.py" "$BENCH_DIR/big1m.log" \
		"$BENCH_DIR/big1m.pcap" >/dev/null || exit 2
fi

# best RUNS: prints "wall cpu rss" of the fastest run (by CPU time)
measure() {
	best=""
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f "%e %U %S %M" -o "$BENCH_DIR/t" "$@" \
			>/dev/null 2>"$BENCH_DIR/err" || {
			echo "failed: $*" >&2; cat "$BENCH_DIR/err" >&2; }
		r=$(awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }' \
			"$BENCH_DIR/t")
		if [ -z "$best" ] || [ "$(echo "$r $best" |
			awk '{ print ($2 < $5) }')" = 1 ]; then
			best=$r
		fi
		i=$((i + 1))
	done
	echo "$best"
}

N=1000000
printf '%-30s %7s %7s %11s %7s %7s %9s\n' what wall_s cpu_s frames/s_cpu \
	x_cpu x_wall rss_KiB
row() {         # row LABEL "wall cpu rss" [FRAMES]: ratios per frame
	awk -v l="$1" -v n="${3:-$N}" -v N=$N -v tc="$tshark_cpu" \
	    -v tw="$tshark_wall" -v r="$2" 'BEGIN {
		split(r, v, " ")
		x = v[2] > 0 ? (tc / N) / (v[2] / n) : 0
		y = v[1] > 0 ? (tw / N) / (v[1] / n) : 0
		printf "%-30s %7s %7s %11.0f %7.1f %7.1f %9s\n", l, v[1], \
			v[2], (v[2] > 0 ? n / v[2] : 0), x, y, v[3]
	}'
}

t=$(measure tshark -r "$BENCH_DIR/big1m.pcap" -n -d can.subdissector,canopen)
tshark_wall=$(echo "$t" | awk '{ print $1 }')
tshark_cpu=$(echo "$t" | awk '{ print $2 }')
row "tshark canopen summary (pcap)" "$t"
for in in log pcap; do
	row "cosniff text ($in)" \
		"$(measure "$COSNIFF" -r "$BENCH_DIR/big1m.$in")"
	row "cosniff --json ($in)" \
		"$(measure "$COSNIFF" -r "$BENCH_DIR/big1m.$in" --json)"
	row "cosniff --stats -q ($in)" \
		"$(measure "$COSNIFF" -r "$BENCH_DIR/big1m.$in" --stats -q \
			--bitrate 1M)"
done

# the 10M trace: CPU times large enough for a 10 ms clock
for m in "" --json "--stats -q --bitrate 1M"; do
	# shellcheck disable=SC2086
	row "cosniff ${m:-text} (10M log)" \
		"$(measure "$COSNIFF" -r "$BENCH_DIR/big10m.log" $m)" 10000000
done

echo
echo "peak RSS (KiB), candump input:"
printf '%-10s %10s %10s %10s\n' frames text json stats
for n in 1k 1m 10m; do
	r1=$(RUNS=1 measure "$COSNIFF" -r "$BENCH_DIR/big$n.log" |
		awk '{ print $3 }')
	r2=$(RUNS=1 measure "$COSNIFF" -r "$BENCH_DIR/big$n.log" --json |
		awk '{ print $3 }')
	r3=$(RUNS=1 measure "$COSNIFF" -r "$BENCH_DIR/big$n.log" --stats -q \
		--bitrate 1M | awk '{ print $3 }')
	printf '%-10s %10s %10s %10s\n' "$n" "$r1" "$r2" "$r3"
done
rm -f "$BENCH_DIR/t" "$BENCH_DIR/err"
view_bench
