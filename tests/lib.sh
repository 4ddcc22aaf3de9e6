# tests/lib.sh - TAP helpers for shell tests (sourced)
# ok NAME / not_ok NAME [DETAIL...] / skip NAME REASON / tap_done;
# need TOOL... / need_shared WHAT PATH; COSNIFF, top_srcdir, SHARED_DIR
# come from the Makefile's test environment.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${COSNIFF:=$top_builddir/src/cosniff}"
: "${SHARED_DIR:=$top_srcdir/../shared}"
export TZ=UTC0 LC_ALL=C
tap_n=0
tap_fail=0
ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
not_ok() {
	tap_n=$((tap_n + 1)); tap_fail=$((tap_fail + 1))
	echo "not ok $tap_n - $1"; shift
	for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done
}
# check NAME COMMAND...: ok when the command succeeds, else its output as diagnostics
check() {
	name=$1; shift
	if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi
}
# skip NAME REASON: a TAP "# SKIP" result (counted as skipped, with REASON)
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; }
tap_done() { echo "1..$tap_n"; [ "$tap_fail" -eq 0 ]; }
# A scratch directory removed on exit.
tmpd=$(mktemp -d "${TMPDIR:-/tmp}/cosniff-test.XXXXXX")
trap 'rm -rf "$tmpd"' EXIT
# need TOOL... : fail (not skip) when a tool the test relies on is missing
need() {
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 && continue
		not_ok "tool $t is installed (scripts/deps.sh --test installs it)"
		tap_done; exit 1
	done
}
# need_shared WHAT PATH: true when $SHARED_DIR/PATH (the team's oracle,
# EDS corpus or VM) exists, so the caller runs WHAT.  When it does not:
# a skip with the reason on a fresh clone, but a failure where skipping
# would hide a broken setup: under CI=true, or when $SHARED_DIR exists
# without PATH.  Returns 1 then; the caller leaves WHAT out.
need_shared() {
	ns_p=$SHARED_DIR/$2
	[ -e "$ns_p" ] && return 0
	if [ "${CI:-}" = true ]; then
		not_ok "$1: $ns_p is present (CI=true: shared resources required)"
	elif [ -d "$SHARED_DIR" ]; then
		not_ok "$1: $ns_p is present ($SHARED_DIR exists without it)"
	else
		skip "$1" "$SHARED_DIR/${2%%/*} absent (shared test resources)"
	fi
	return 1
}
