#!/bin/sh
# tests/wireshark.sh - agreement with Wireshark: decode every tests/logs/*.log
# with tshark 4.0's CANopen dissector ($SHARED_DIR/oracle/tshark-canopen.sh,
# run live) and with cosniff --json -v, then compare frame by frame every
# field tshark decodes (tests/ws_compare.py).  Differences must be listed in
# tests/wireshark-expected.txt (known Wireshark bugs, deliberate choices).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3 tshark
oracle=$SHARED_DIR/oracle/tshark-canopen.sh
need_shared "agreement with tshark's CANopen dissector" \
	oracle/tshark-canopen.sh || { tap_done; exit; }
cmp=$top_srcdir/tests/ws_compare.py
exp=$top_srcdir/tests/wireshark-expected.txt

# The comparison must be able to fail: a wrong SDO index is caught.
log=$top_srcdir/tests/logs/sample.log
"$oracle" "$log" >"$tmpd/ws" 2>"$tmpd/ws.err"
"$COSNIFF" -r "$log" --json -v >"$tmpd/ours" 2>&1
sed 's/"index":"1000"/"index":"1001"/' "$tmpd/ours" >"$tmpd/bad"
if python3 "$cmp" sample.log "$tmpd/ws" "$tmpd/bad" "$exp" >/dev/null; then
	not_ok "a changed field makes the comparison fail"
else
	ok "a changed field makes the comparison fail"
fi

# The CANopen logs: the shared oracle traces and the per-service logs
# (the reader's dialect tests are not CANopen and not all tshark-readable).
logs="sample edge_cases nmt nmt-short nmt-invalid sync sync-invalid time
time-short time-invalid emcy emcy-short emcy-invalid hb hb-short hb-invalid
sdo sdo-frames sdo-short sdo-invalid pdo lss lss-short lss-invalid"
for name in $logs; do
	name=$name.log
	log=$top_srcdir/tests/logs/$name
	if ! "$oracle" "$log" >"$tmpd/ws" 2>"$tmpd/ws.err"; then
		not_ok "$name: tshark-canopen.sh ran" "$(cat "$tmpd/ws.err")"
		continue
	fi
	"$COSNIFF" -r "$log" --json -v >"$tmpd/ours" 2>"$tmpd/ours.err"
	python3 "$cmp" "$name" "$tmpd/ws" "$tmpd/ours" "$exp" >"$tmpd/tap"
	rc=$?
	bad=$(grep -c '^not ok' "$tmpd/tap")
	n=$(grep -c '^ok\|^not ok' "$tmpd/tap")
	if [ $rc -eq 0 ] && [ "$n" -gt 0 ]; then
		ok "$name: $n frames agree with tshark (listed differences aside)"
		grep '^# note' "$tmpd/tap"
	else
		not_ok "$name: $bad of $n frames differ from tshark" \
			"$(grep -v '^ok' "$tmpd/tap")"
	fi
done
tap_done
