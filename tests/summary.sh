#!/bin/sh
# tests/summary.sh BUILDDIR [MAKE_STATUS] - sum the automake TAP results of
# the last `make check` into one line "N passed, N failed" (XFAIL counts as
# passed, XPASS and ERROR as failed, SKIP is reported separately, after
# one line per distinct skip reason taken from the TAP logs).  When
# make failed but no test result says so (a test program that did not
# compile, a harness error), that failure is counted too, so the line can
# never claim a clean run that was not.
dir=${1:-.}
status=${2:-0}
find "$dir" -name '*.trs' | sed 's/\.trs$/.log/' | tr '\n' '\0' |
	xargs -0 grep -h '^SKIP: ' 2>/dev/null |
	sed -n 's/.* # SKIP *//p' | sort | uniq -c |
	awk '{ n = $1; sub(/^ *[0-9]+ /, ""); print "skipped " n ": " $0 }'
find "$dir" -name '*.trs' -exec cat {} + 2>/dev/null | awk -v st="$status" '
/^:test-result: (PASS|XFAIL)/ { p++ }
/^:test-result: (FAIL|XPASS|ERROR)/ { f++ }
/^:test-result: SKIP/ { s++ }
END {
	if (st != 0 && f == 0) {
		print "make check failed outside the tests (build or harness error): counted as 1 failure"
		f = 1
	}
	if (s) printf "%d passed, %d failed, %d skipped\n", p, f, s
	else printf "%d passed, %d failed\n", p, f
}'
