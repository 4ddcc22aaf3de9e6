#!/bin/sh
# tests/fuzz/run.sh CLANG SRCDIR BUILDDIR SECONDS CFLAGS... -- LIBS... --
#     LIBSOURCES... - build the libFuzzer targets (tests/fuzz/fuzz_*.c)
# with clang, ASan and UBSan against the library sources, and run each
# for SECONDS (0: build only) on a corpus seeded from tests/logs,
# tests/eds and tests/fuzz/regress (every crash found is kept there as a
# regression input).  Exit status 1 when a target crashed; the crash
# input is left in BUILDDIR/fuzz/crash-*.  `make fuzz` calls this.
# With FUZZ_TRS=1 (.ci/run) each target's result is also written as an
# automake test result (fuzz/fuzz_T.trs), counted by tests/summary.sh.
set -u
cc=$1 src=$2 out=$3/fuzz secs=$4
shift 4
cflags="" libs="" srcs=""
while [ $# -gt 0 ] && [ "$1" != -- ]; do cflags="$cflags $1"; shift; done
shift
while [ $# -gt 0 ] && [ "$1" != -- ]; do libs="$libs $1"; shift; done
shift
for s in "$@"; do case $s in *.c) srcs="$srcs $src/$s" ;; esac; done
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
mkdir -p "$out/obj" || exit 1

# the library, instrumented for coverage (object per source, make-like)
objs=""
for s in $srcs; do
	o=$out/obj/$(echo "${s#"$src"/}" | tr / _ | sed 's/\.c$/.o/')
	objs="$objs $o"
	[ "$o" -nt "$s" ] && continue
	# shellcheck disable=SC2086 # word lists by design
	$cc -g -O1 -fsanitize=fuzzer-no-link $san $cflags -c "$s" -o "$o" ||
		exit 1
done

# seeds: which inputs suit which target
seed() {
	d=$out/corpus-$1
	mkdir -p "$d"
	shift
	for f in "$@"; do [ -f "$f" ] && cp "$f" "$d/"; done
	return 0
}
L=$src/tests/logs
seed text "$L"/*.log "$L"/*.trc "$L"/*.asc "$L"/*.txt "$src"/tests/fuzz/regress/text-*
seed pcap "$L"/*.pcap "$L"/*.pcapng "$src"/tests/fuzz/regress/pcap-*
seed eds "$src"/tests/eds/*.eds "$src"/tests/eds/*.dcf "$src"/tests/fuzz/regress/eds-*
seed frames "$src"/tests/fuzz/regress/frames-* "$L"/sdo.log "$L"/pdo.log

rc=0
for t in text pcap eds frames; do
	# shellcheck disable=SC2086
	$cc -g -O1 -fsanitize=fuzzer $san $cflags \
		"$src/tests/fuzz/fuzz_$t.c" $objs $libs -o "$out/fuzz_$t" ||
		exit 1
	[ "$secs" -gt 0 ] || continue
	echo "fuzz_$t: $secs s"
	(cd "$out" && ./fuzz_"$t" -max_total_time="$secs" -max_len=65536 \
		-rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
		"corpus-$t" >"fuzz_$t.log" 2>&1)
	r=$?
	grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)' \
		"$out/fuzz_$t.log" | tr '\n' ' '
	echo
	if [ "${FUZZ_TRS:-}" = 1 ]; then
		[ $r -eq 0 ] && res=PASS || res=FAIL
		printf ':test-result: %s\n' "$res" >"$out/fuzz_$t.trs"
	fi
	if [ $r -ne 0 ]; then
		rc=1
		echo "fuzz_$t: FAILED (exit $r); see $out/fuzz_$t.log:"
		grep -A15 '==ERROR\|runtime error\|SUMMARY' "$out/fuzz_$t.log" | head -40
		ls "$out"/crash-* "$out"/timeout-* "$out"/oom-* 2>/dev/null
	fi
done
exit $rc
