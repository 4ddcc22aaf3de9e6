# tests/vmlib.sh - host side of the tests run in the vcan VM (sourced after
# lib.sh): vm_run starts a guest script (tests/*-vm*.sh, which sources
# tests/vmguest.sh) in ../shared/vcan-vm/run-in-vm and takes over its TAP;
# host_no_can checks cosniff where this kernel has no SocketCAN.
vm=$SHARED_DIR/vcan-vm/run-in-vm

# host_has_af_can: true when this kernel opens a raw CAN socket (those of
# the development and CI machines do not)
vm_py='import socket as s; s.socket(s.AF_CAN, s.SOCK_RAW, s.CAN_RAW)'
host_has_af_can() { python3 -c "$vm_py" 2>/dev/null; }

# host_no_can NAME ERE ARG...: on a host without SocketCAN, cosniff ARG...
# exits 2 and says ERE on stderr (ok NAME); on a host with it the case
# cannot be exercised, and that is said instead
host_no_can() {
	hn_name=$1 hn_re=$2; shift 2
	hn_with="host has AF_CAN: the missing-module message is not exercised"
	host_has_af_can && { ok "$hn_with"; return; }
	"$COSNIFF" "$@" >/dev/null 2>"$tmpd/e"; hn_rc=$?
	if [ $hn_rc -eq 2 ] && grep -q "$hn_re" "$tmpd/e"; then
		ok "$hn_name"
	else
		not_ok "$hn_name" "rc=$hn_rc" "$(cat "$tmpd/e")"
	fi
}

# vm_run WHAT SCRIPT TIMEOUT [OPTION...] [-- VAR=VALUE...]: run
# tests/SCRIPT in the VM (run-in-vm --timeout TIMEOUT OPTION...) with
# TAP_START and each VAR=VALUE in its environment.  Its TAP lines are
# copied here, numbered on from ours; its "#tapstate N FAILED" line gives
# our count and failures back.  A VM that did not get that far is a
# failure with run-in-vm's exit status and the end of its stderr.
# Without ../shared: need_shared's skip (a failure under CI=true).
vm_run() {
	vr_what=$1 vr_script=$2 vr_opts=(--timeout "$3"); shift 3
	while [ $# -gt 0 ] && [ "$1" != -- ]; do vr_opts+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	vr_env="TAP_START=$tap_n"
	for v in "$@"; do vr_env="$vr_env $(printf %q "$v")"; done
	need_shared "$vr_what" vcan-vm/run-in-vm || return 0
	if [ ! -x "$vm" ]; then
		not_ok "$vr_what: run-in-vm is executable ($vm)"
		return 1
	fi
	"$vm" "${vr_opts[@]}" -- \
		"$vr_env bash '$top_srcdir/tests/$vr_script'" \
		>"$tmpd/vm.out" 2>"$tmpd/vm.err"
	vr_rc=$?
	grep -v '^#tapstate' "$tmpd/vm.out"
	vr_state=$(sed -n 's/^#tapstate //p' "$tmpd/vm.out")
	if [ -n "$vr_state" ]; then
		set -- $vr_state
		tap_n=$1                       # the VM numbered on from ours
		tap_fail=$((tap_fail + $2))
	else
		not_ok "VM run finished (run-in-vm exit $vr_rc)" \
			"$(tail -20 "$tmpd/vm.err")"
	fi
}
