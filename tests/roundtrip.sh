#!/bin/sh
# tests/roundtrip.sh - the frame sinks checked through real tools:
#   -W candump log: byte for byte what candump -L writes (cmp), read by
#      python-can's CanutilsLogReader and can-utils' log2asc
#   -w pcap: decoded by tshark (Wireshark 4.0) into the same frames as the
#      input log, and the same as the oracle converter candump2pcap.py
#   pcap -> log -> pcap is lossless; write failures (/dev/full) are
#   reported, exit status 1, and reading goes on
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need tshark log2asc cmp
PY=/usr/bin/python3            # Debian's python3 with python3-can
rt() { "$PY" "$top_srcdir/tests/rtcheck.py" "$@"; }
logs="$top_srcdir/tests/logs"
conv="$SHARED_DIR/oracle/candump2pcap.py"
if ! "$PY" -c 'import can' 2>/dev/null; then
	not_ok "python3-can is installed (scripts/deps.sh --test)"
	tap_done; exit 1
fi

# same NAME FILE1 FILE2: ok when the files are equal, else the diff
same() {
	if d=$(diff -u "$2" "$3" 2>&1); then ok "$1"; else not_ok "$1" "$d"; fi
}

# run NAME FILE CMD...: ok when CMD exits 0 (stdout to FILE)
run() {
	n=$1; o=$2; shift 2
	"$@" >"$o" 2>"$tmpd/run.err"
	rc=$?
	[ $rc -eq 0 ] && return 0
	not_ok "$n" "exit status $rc: $*" "$(cat "$tmpd/run.err")"
	return 1
}

# Frames without the raw DLC suffix (_N), which python-can 4.1 cannot parse
no_raw_dlc() { grep -v '#[^ ]*_[0-9A-Fa-f]' "$1"; }

# oracle logs, our edge cases, and real candump -L -x (can-utils 2020.11 on
# vcan0, kernel FD flags with FDF) and python-can 4.1 output
for lg in sample edge_cases sinks-roundtrip real-candump-xL real-pycan; do
	in="$logs/$lg.log"
	t="$tmpd/$lg"

	# 1. candump log -> candump log: byte for byte
	if run "$lg: -W log" "$t.out" "$COSNIFF" -q -r "$in" \
	    -W "$t.log"; then
		check "$lg: -W reproduces the candump -L log (cmp)" \
			cmp "$in" "$t.log"
	fi
	"$COSNIFF" -q -r "$in" -W - >"$t.stdout.log" 2>&1
	check "$lg: -W - writes the same log to stdout" \
		cmp "$in" "$t.stdout.log"

	# 2. candump log -> pcap, decoded by tshark
	run "$lg: -w pcap" "$t.out" "$COSNIFF" -q -r "$in" -w "$t.pcap" &&
	run "$lg: reference frames" "$t.ref" rt ref "$in" &&
	run "$lg: tshark on our pcap" "$t.ts" rt tshark "$t.pcap" &&
		same "$lg: tshark reads -w pcap as the log's frames" \
			"$t.ref" "$t.ts"
	if need_shared "$lg: tshark agrees with candump2pcap.py" \
	    oracle/candump2pcap.py &&
	    run "$lg: candump2pcap.py" "$t.out" "$PY" "$conv" -q "$in" \
	    "$t.oracle.pcap" &&
	    run "$lg: tshark on oracle pcap" "$t.ots" rt tshark \
	    "$t.oracle.pcap"; then
		same "$lg: tshark agrees with the candump2pcap.py conversion" \
			"$t.ots" "$t.ts"
	fi
	"$COSNIFF" -q -r "$in" -w - >"$t.stdout.pcap" 2>&1
	check "$lg: -w - writes the same pcap to stdout" \
		cmp "$t.pcap" "$t.stdout.pcap"

	# 3. python-can reads our log frame for frame
	no_raw_dlc "$t.log" >"$t.py.log"
	run "$lg: python-can reference" "$t.pyref" rt ref-pycan \
		"$t.py.log" &&
	run "$lg: python-can reads -W log" "$t.pyout" rt pycan \
		"$t.py.log" &&
		same "$lg: python-can CanutilsLogReader reads -W log" \
			"$t.pyref" "$t.pyout"

	# Wireshark's own candump reader (it stops at _N and at R/T markers)
	no_raw_dlc "$t.log" | sed 's/ [RT]$//' >"$t.ws.log"
	run "$lg: reference, no raw DLC" "$t.wsref" rt ref "$t.ws.log" &&
	run "$lg: tshark reads -W log" "$t.wsout" rt tshark "$t.ws.log" &&
		same "$lg: tshark's candump reader reads -W log" \
			"$t.wsref" "$t.wsout"

	# 4. log2asc converts our log: same frames, ids, lengths, data
	ifaces=$(awk '{ print $2 }' "$t.log" | sort -u)
	# shellcheck disable=SC2086 # one word per interface
	run "$lg: log2asc" "$t.out" log2asc -I "$t.log" -O "$t.asc" \
		$ifaces &&
	run "$lg: asc frames" "$t.ascf" rt asc "$t.asc" &&
	run "$lg: asc reference" "$t.ascref" rt ref-asc "$in" &&
		same "$lg: log2asc keeps every frame of -W log" \
			"$t.ascref" "$t.ascf"

	# 5. pcap -> log -> pcap
	run "$lg: pcap -> log" "$t.out" "$COSNIFF" -q -r "$t.pcap" \
		-W "$t.p.log" &&
	run "$lg: log -> pcap" "$t.out" "$COSNIFF" -q -r "$t.p.log" \
		-w "$t.p.pcap" &&
		check "$lg: pcap -> log -> pcap is lossless (cmp)" \
			cmp "$t.pcap" "$t.p.pcap"
done

# pcaps from other writers (libpcap ns/us, Linux cooked v2 with direction)
# written again with -w decode the same in tshark
for p in pc-classic-ns.pcap pc-classic-us.pcap pc-sll2.pcap; do
	t="$tmpd/$p"
	run "$p: -w" "$t.out" "$COSNIFF" -q -r "$logs/$p" -w "$t.pcap" &&
	run "$p: tshark on the input" "$t.a" rt tshark "$logs/$p" &&
	run "$p: tshark on -w output" "$t.b" rt tshark "$t.pcap" &&
		same "$p: -w output decodes in tshark as the input" \
			"$t.a" "$t.b"
done

# 6. a write failure: reported, exit status 1, the reader and the other
# sinks go on (30000 frames fill the 256 KiB buffers several times)
big="$tmpd/big.log"
awk 'BEGIN { for (i = 0; i < 30000; i++)
	printf("(%010d.%06d) can0 181#%016X\n", 1700000000 + i / 1000,
	       (i % 1000) * 1000, i) }' >"$big"
for opt in -W -w; do
	"$COSNIFF" -r "$big" $opt /dev/full -W "$tmpd/ok.log" \
		>"$tmpd/full.out" 2>"$tmpd/full.err"
	rc=$?
	lines=$(wc -l <"$tmpd/full.out")
	what="$opt /dev/full: reported once, exit 1, all frames read"
	if [ $rc -eq 1 ] && [ "$lines" -eq 30000 ] &&
	    grep -q '^cosniff: /dev/full: No space left on device$' \
	    "$tmpd/full.err" &&
	    grep -q '^cosniff: /dev/full: 30000 frames not written$' \
	    "$tmpd/full.err" && cmp -s "$big" "$tmpd/ok.log"; then
		ok "$what"
	else
		not_ok "$what" "exit status $rc, $lines lines" \
			"$(cat "$tmpd/full.err")"
	fi
	n=$(grep -c 'No space left' "$tmpd/full.err")
	if [ "$n" -eq 1 ]; then
		ok "$opt /dev/full: the reason is printed once"
	else
		not_ok "$opt /dev/full: the reason is printed once" \
			"$(cat "$tmpd/full.err")"
	fi
done

# 7. an output that cannot be opened is fatal before reading
"$COSNIFF" -q -r "$logs/sample.log" -w "$tmpd/no/such/dir.pcap" \
	>"$tmpd/o" 2>"$tmpd/e"
rc=$?
if [ $rc -eq 2 ] && grep -q 'dir.pcap: No such file or directory' \
    "$tmpd/e"; then
	ok "-w into a missing directory: exit 2 with the reason"
else
	not_ok "-w into a missing directory: exit 2 with the reason" \
		"exit status $rc" "$(cat "$tmpd/e")"
fi

# 8. writing over the input file is refused before it is emptied
cp "$logs/sample.log" "$tmpd/in.log"
"$COSNIFF" -q -r "$tmpd/in.log" -W "$tmpd/in.log" >"$tmpd/o" 2>"$tmpd/e"
rc=$?
if [ $rc -eq 2 ] && cmp -s "$logs/sample.log" "$tmpd/in.log" &&
    grep -q 'in.log: output file is the input file' "$tmpd/e"; then
	ok "-W onto the input file: refused, input intact, exit 2"
else
	not_ok "-W onto the input file: refused, input intact, exit 2" \
		"exit status $rc" "$(cat "$tmpd/e")"
fi
tap_done
