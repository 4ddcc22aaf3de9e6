#!/bin/sh
# tests/diag-clean.sh - no false alarms: --diagnose on every bundled and
# test capture (tests/logs, examples, the shared oracle samples).  A
# capture made to contain faults lists the error/warning codes it must
# give (judged one by one below); every other capture must give none.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

# FILE: the error and warning codes its deliberate faults explain
expected() {
	case "$1" in
	cd-bad-bin.log | cd-bad.log | cd-xl.log | pc-bad.pcap | pc-sll.pcap |\
	asc-fd.asc | trc-v13.trc)
		echo "FILE_MALFORMED" ;;        # malformed-input tests
	# PCAN-View and Vector readers: error and status records on purpose
	asc-classic.asc) echo "BUS_ERROR_FRAMES FILE_MALFORMED" ;;
	trc-v10.trc) echo "BUS_ERROR_FRAMES" ;;
	trc-v11.trc) echo "BUS_ERROR_FRAMES BUS_ERROR_PASSIVE BUS_OFF" ;;
	trc-v20.trc | trc-v21.trc) echo "BUS_ERROR_FRAMES BUS_ERROR_PASSIVE" ;;
	trc-err-v20.trc) echo "BUS_ERROR_FRAMES" ;;   # the spec's sample
	trc-err-v13.trc) echo "BUS_ERROR_FRAMES BUS_ERROR_PASSIVE" ;;
	trc-err-v10.trc) echo "BUS_ERROR_FRAMES FILE_MALFORMED" ;;
	trc-err-v21.trc)       # also a bus-off status and an unknown type
		echo "BUS_ERROR_FRAMES BUS_ERROR_PASSIVE BUS_OFF FILE_MALFORMED" ;;
	cd-drop.log) echo "BUS_DROPS" ;;            # DROPCOUNT lines
	cd-err.log) echo "BUS_ERROR_FRAMES BUS_OFF" ;;
	cd-screen.log)   # one ERRORFRAME line; absolute then -td timestamps
		echo "BUS_ERROR_FRAMES FILE_TS_BACKWARDS" ;;
	edge_cases.log)        # oracle edge cases: error frames, SDO oddities
		echo "BUS_ERROR_FRAMES BUS_RESTART SDO_INTERRUPTED SDO_PROTOCOL" ;;
	emcy.log | odint-dcf.log) echo "EMCY_ACTIVE" ;;
	sample.log) echo "EMCY_ACTIVE" ;;     # EMCY 8130 never reset
	errframes.log)
		echo "BUS_ERROR_FRAMES BUS_ERROR_PASSIVE BUS_OFF BUS_RESTART" ;;
	sinks-roundtrip.log)   # error frames, and a guarding RTR unanswered
		echo "BUS_ERROR_FRAMES BUS_ERROR_PASSIVE BUS_OFF BUS_RESTART" \
		     "GUARD_LOST" ;;
	guarding.log) echo "GUARD_LOST GUARD_TOGGLE" ;;
	hb-invalid.log) echo "GUARD_LOST" ;;  # guarding RTR, invalid answer
	hb-learn.log | hb-timeout.log | odint-upload.log) echo "HB_LOST" ;;
	nmt.log | nmt-scan.log) echo "NMT_NO_NODE" ;;  # to absent nodes
	hb-burst.log) echo "HB_LOST" ;;       # start-up burst, then one loss
	odint-remap.log) echo "EMCY_ACTIVE SDO_ABORT" ;;
	pc-classic-ns.pcap | pc-sll2.pcap | real-candump-pad.log |\
	real-pycan.log | real-screen-e.txt) echo "BUS_ERROR_FRAMES" ;;
	pc-multi.pcapng) echo "BUS_NOT_CANOPEN" ;;   # raw ids 0x101...
	sdo-errors.log) echo "SDO_ABORT SDO_CRC SDO_SEG_LOST SDO_SEG_REPEAT" \
			     "SDO_SIZE SDO_TIMEOUT SDO_TOGGLE" ;;
	sdo-frames.log) echo "SDO_INTERRUPTED SDO_PROTOCOL" ;;
	sdo-invalid.log) echo "SDO_PROTOCOL" ;;
	sdo.log) echo "SDO_ABORT" ;;
	demo.log) echo "HB_LOST NODE_REBOOT" ;;  # node 10 drops out, boots again
	sync.log) echo "SYNC_COUNTER" ;;
	time.log) echo "TIME_JUMP" ;;
	diag-healthy*) echo "" ;;
	diag-*) echo "SKIP" ;;                 # the fault corpus: TESTLIST
	*) echo "" ;;
	esac
}

# Sorted error/warning codes of one capture.
codes() {
	"$COSNIFF" -q --diagnose -r "$1" 2>/dev/null |
		awk '/^(error|warning) /{print $2}' | sort -u | tr '\n' ' ' |
		sed 's/ $//'
}

judge() {
	want=$(for c in $(expected "$(basename "$1")"); do echo "$c"; done |
		sort -u | tr '\n' ' ' | sed 's/ $//')
	[ "$want" = SKIP ] && return
	got=$(codes "$1")
	if [ "$got" = "$want" ]; then
		ok "diagnose $(basename "$1"): ${want:-no error or warning}"
	else
		not_ok "diagnose $(basename "$1")" "expected: '$want'" \
			"got:      '$got'"
	fi
}

# every finding code is documented with its severity in the man page
codes_src=$(sed -n 's/^\t\[DG_[A-Z_]*\] = { "\([A-Z_]*\)", \([EWN]\),.*/\1 \2/p' \
	"$top_srcdir/src/model/diag.c")
undoc=""
n=0
for code_sev in $(echo "$codes_src" | tr ' ' ':'); do
	code=${code_sev%%:*}
	case ${code_sev##*:} in E) sev=error ;; W) sev=warning ;; *) sev=note ;; esac
	n=$((n + 1))
	grep -q "^\.BR $code \" ($sev)\"" "$top_srcdir/man/cosniff.1" ||
		undoc="$undoc $code($sev)"
done
if [ "$n" -ge 40 ] && [ -z "$undoc" ]; then
	ok "all $n finding codes in the man page with their severity"
else
	not_ok "all finding codes in the man page" "found $n; missing:$undoc"
fi

for f in "$top_srcdir"/tests/logs/* "$top_srcdir"/examples/*.log; do
	judge "$f"
done
if need_shared "oracle samples diagnosed" oracle/sample.log; then
	for f in "$SHARED_DIR"/oracle/*.log; do
		judge "$f"
	done
fi
tap_done
