#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/instr.sh - instructions per frame, this tree against an earlier
# commit (not a test).  Instruction counts (valgrind's callgrind) do not
# depend on the machine's load, unlike the times of bench/run.sh.
#
#   bench/instr.sh [BASE_COMMIT]    default 77a4e7f (before the reshape)
#                  env: BENCH_DIR (default /tmp/cosniff-bench),
#                  SHARED_DIR (default ../shared), FRAMES (200000)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-77a4e7f}
SHARED_DIR=${SHARED_DIR:-$top/../shared}
BENCH_DIR=${BENCH_DIR:-/tmp/cosniff-bench}
FRAMES=${FRAMES:-200000}
command -v valgrind >/dev/null || { echo "needs valgrind" >&2; exit 2; }
mkdir -p "$BENCH_DIR" || exit 2
trace=$BENCH_DIR/instr$FRAMES.log
if [ ! -s "$trace" ]; then
	python3 "$SHARED_DIR/oracle/gen_big.py" -n "$FRAMES" -o "$trace" ||
		exit 2
fi
bdir=$BENCH_DIR/base-$base
if [ ! -x "$bdir/src/cosniff" ]; then
	echo "building $base in $bdir" >&2
	rm -rf "$bdir" && git -C "$top" worktree add -f --detach "$bdir" \
		"$base" >/dev/null 2>&1 &&
	(cd "$bdir" && autoreconf -fi && ./configure -q && make -j2) \
		>"$BENCH_DIR/base.log" 2>&1 ||
		{ echo "build of $base failed: $BENCH_DIR/base.log" >&2; exit 2; }
fi
instr() {       # instr BINARY ARGS...: instructions of one run
	bin=$1
	shift
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" \
		-r "$trace" "$@" 2>&1 >/dev/null |
		sed -n 's/.*refs: *//p' | tr -d ,
}
printf '%-16s %12s %12s %8s\n' mode "$base/frame" "now/frame" change
for m in "" --json "-q --stats"; do
	# shellcheck disable=SC2086
	a=$(instr "$bdir/src/cosniff" $m)
	# shellcheck disable=SC2086
	b=$(instr "$top/src/cosniff" $m)
	awk -v m="${m:-text}" -v a="$a" -v b="$b" -v n="$FRAMES" 'BEGIN {
		printf "%-16s %12.0f %12.0f %+7.1f%%\n", m, a / n, b / n,
			(b - a) * 100 / a }'
done
