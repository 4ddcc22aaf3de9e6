#!/bin/sh
# tests/demo.sh - the README's quick start: the bundled capture decodes
# cleanly (every frame a line, nothing short/invalid/unknown, exit 0) and
# --stats reports every node of the bus; plus documentation consistency:
# every long option in main.c is in --help and in the man page.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
demo=$top_srcdir/examples/demo.log

"$COSNIFF" -r "$demo" --stats >"$tmpd/out" 2>"$tmpd/err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmpd/err" ] && ok "demo decodes with exit 0, silent stderr" ||
	not_ok "demo decodes with exit 0, silent stderr" "rc=$rc" "$(head "$tmpd/err")"
frames=$(grep -c . "$demo")
# frame lines carry the frame's COB-ID; derived events follow their frame
# with the same time/iface/id, so count frame tags only
got=$(awk '$2 == "can0" && $4 !~ /-/ { n++ } END { print n + 0 }' "$tmpd/out")
[ "$got" -eq "$frames" ] && ok "one line per frame ($frames)" ||
	not_ok "one line per frame" "frames $frames, lines $got"
bad=$(grep -E '\(invalid|\[\|short| CAN  ' "$tmpd/out" | head -5)
[ -z "$bad" ] && ok "no frame of the demo is short, invalid or unknown" ||
	not_ok "no frame of the demo is short, invalid or unknown" "$bad"
n=$(awk '/^node state/ { on = 1; next } on && $1 ~ /^[0-9]+$/ && $2 == "operational" { n++ } /cob-id/ { on = 0 } END { print n + 0 }' "$tmpd/out")
[ "$n" -eq 4 ] && ok "--stats shows the demo's 4 nodes operational" ||
	not_ok "--stats shows the demo's 4 nodes operational" "$(grep -A6 '^node state' "$tmpd/out")"

# the story of the capture (scripts/gen_demo.py), decoded with its EDS files
"$COSNIFF" -r "$demo" --eds-dir "$top_srcdir/examples" >"$tmpd/eds" 2>"$tmpd/err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmpd/err" ] && ok "demo with its EDS files: exit 0, silent stderr" ||
	not_ok "demo with its EDS files: exit 0, silent stderr" "rc=$rc" "$(head "$tmpd/err")"
bad=$(grep -E '\(invalid|\[\|| CAN  |unknown object|raw, mapping' "$tmpd/eds" | head -5)
[ -z "$bad" ] && ok "with EDS: nothing short, invalid, unknown or unmapped" ||
	not_ok "with EDS: nothing short, invalid, unknown or unmapped" "$bad"
# grep pattern, expected count, what it proves
while IFS=';' read -r pat want what; do
	n=$(grep -cE "$pat" "$tmpd/eds")
	[ "$n" -eq "$want" ] && ok "demo: $what" ||
		not_ok "demo: $what" "'$pat': $n lines, want $want"
done <<'EOF2'
 BOOT node=;5;five boot-ups (4 nodes, node 10 twice)
OD-CONFIG node=(5|10) 1017:00 heartbeat producer time 0 -> ;2;master sets heartbeats of 5 and 10
TPDO1 mapping: 6041:00/16 606C:00/32;1;node 5 TPDO1 remapped over SDO
segmented ok;3;three segmented transfers (two uploads, one download)
block ok 40 bytes .* crc ok;1;one block download, CRC verified
SDO-XFER .* aborted 06090011;1;one SDO abort
guarding time 0 -> 200 ms;1;node 20 guarding configured
GUARD node=20 request;149;the master guards node 20 every 200 ms
GUARD node=20 operational;149;node 20 answers every guarding request
EMCY node=5 2310;1;EMCY raised
EMCY node=5 0000;1;EMCY cleared
HB-LOST node=10;1;node 10 drops out (the only loss)
HB-BACK node=10;1;and comes back
HB-LOST node=(1|5|20) ;0;no other node is ever lost
Statusword=0x0637 Velocity actual value=;1275;SYNC-driven TPDO decoded with the new mapping
Statusword=0x0608 Velocity actual value=;150;and shows the fault while the EMCY is active
EOF2

# the first quick-start command where stdout is not a terminal: lines
"$COSNIFF" -r "$demo" --eds-dir "$top_srcdir/examples" --ui >"$tmpd/ui" 2>"$tmpd/err" </dev/null
rc=$?
[ $rc -eq 0 ] && cmp -s "$tmpd/ui" "$tmpd/eds" && grep -q 'needs a terminal' "$tmpd/err" &&
	ok "--ui without a terminal: the same lines, a note on stderr" ||
	not_ok "--ui without a terminal: the same lines, a note on stderr" "rc=$rc" "$(cat "$tmpd/err")"

"$COSNIFF" --help >"$tmpd/help" 2>&1
opts=$(sed -n 's/^[[:space:]]*{ "\([a-z][a-z0-9-]*\)", .*/\1/p' "$top_srcdir/src/main.c" | sort -u)
[ -n "$opts" ] || not_ok "long options found in src/main.c"
miss_help="" miss_man=""
for o in $opts; do
	grep -q -- "--$o" "$tmpd/help" || miss_help="$miss_help --$o"
	grep -q -- "\\\\-\\\\-$(echo "$o" | sed 's/-/\\\\-/g')" "$top_srcdir/man/cosniff.1" ||
		miss_man="$miss_man --$o"
done
[ -z "$miss_help" ] && ok "every long option is in --help" ||
	not_ok "every long option is in --help" "missing:$miss_help"
[ -z "$miss_man" ] && ok "every long option is in the man page" ||
	not_ok "every long option is in the man page" "missing:$miss_man"
# a bad value names its option; nothing starts
for bad in "--reorder-ms 2000" "--rcvbuf x" "--rotate-files 0"; do
	# shellcheck disable=SC2086 # option and value are two words
	"$COSNIFF" $bad vcan0 >/dev/null 2>"$tmpd/err"; rc=$?
	[ $rc -eq 2 ] && grep -q "^cosniff: bad value '${bad#* }' for ${bad% *}$" "$tmpd/err" &&
		ok "$bad: a message naming the option, exit 2" ||
		not_ok "$bad: a message naming the option, exit 2" "rc=$rc" "$(cat "$tmpd/err")"
done
tap_done
