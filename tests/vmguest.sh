# tests/vmguest.sh - what the test scripts that run INSIDE the vcan VM
# share (sourced first: it sources lib.sh).  TAP numbered on from
# $TAP_START (the host's count, tests/vmlib.sh), cosniff as $C, the work
# in $tmpd; vm_done prints the "#tapstate N FAILED" line the host reads.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
tap_n=${TAP_START:-0}
C=$COSNIFF
cd "$tmpd" || exit 1

vm_done() { echo "#tapstate $tap_n $tap_fail"; }
# res $? NAME [DIAG...]: ok NAME if the previous command succeeded, else
# not_ok NAME with the diagnostics.  The status is passed as $? because
# the DIAG words' command substitutions reset $? before res runs.
res() {
	r=$1; name=$2; shift 2
	if [ "$r" -eq 0 ]; then ok "$name"; else not_ok "$name" "$@"; fi
}
now() { date +%s.%N; }
# calc EXPR: awk arithmetic; is EXPR: its truth as the exit status
calc() { awk "BEGIN { print $* }"; }
is() { awk "BEGIN { exit !($*) }"; }

rcvlists() { cat /proc/net/can/rcvlist_* 2>/dev/null | wc -l; }
# wait_bound BEFORE: until the CAN receive lists have grown past BEFORE
# entries and stayed put for 0.2 s (every socket bound; TCG and ASan are
# slow to start); gives up after $wait_bound_tries polls (100: 20 s)
wait_bound_tries=100
wait_bound() {
	last=$1
	for _ in $(seq "$wait_bound_tries"); do
		sleep 0.2
		now=$(rcvlists)
		[ "$now" -gt "$1" ] && [ "$now" -eq "$last" ] && return 0
		last=$now
	done
	return 1
}
# bg NAME CMD...: start CMD in the background, stdout/err in NAME.out and
# NAME.err, its pid in $pid_NAME; return once its sockets are bound
bg() {
	n=$1; shift
	b=$(rcvlists)
	"$@" >"$n.out" 2>"$n.err" &
	eval "pid_$n=$!"
	wait_bound "$b"
}
