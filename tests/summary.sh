#!/bin/sh
# tests/summary.sh BUILDDIR - sum the automake TAP results of the last
# `make check` into one line "N passed, N failed" (XFAIL counts as passed,
# XPASS and ERROR as failed, SKIP is reported separately).
dir=${1:-.}
find "$dir" -name '*.trs' -exec cat {} + 2>/dev/null | awk '
/^:test-result: (PASS|XFAIL)/ { p++ }
/^:test-result: (FAIL|XPASS|ERROR)/ { f++ }
/^:test-result: SKIP/ { s++ }
END {
	if (s) printf "%d passed, %d failed, %d skipped\n", p, f, s
	else printf "%d passed, %d failed\n", p, f
}'
