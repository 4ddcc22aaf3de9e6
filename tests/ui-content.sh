#!/bin/sh
# tests/ui-content.sh - what the view's panes show beyond the basics, in a
# real terminal (tmux): the header with logging files and their sizes,
# nodes expected (1016h, --expect) but never seen, PDO signals (changed
# values highlighted, raw lines without a mapping), 'c' clearing the
# counters across panes, --no-color.  Golden screens at 80x24 and 160x48;
# a screen never wraps at 80 columns.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/uilib.sh"

end='END  max  00:'
# no line of a capture is wider than the terminal (tmux would wrap it)
fits() {
	awk -v w="$2" 'length($0) > w { bad = 1 } END { exit bad }' "$1"
}

# logging files in the header: run where relative names stay the same
ln -s "$top_srcdir/examples" "$tmpd/examples"
logrun="cd $tmpd && $COSNIFF -r examples/demo.log --eds-dir examples --bitrate 500k --ui --speed 0 -w out.pcap -W out.log"
for size in 80x24 160x48; do
	ui_start "${size%x*}" "${size#*x}" "$logrun"
	ui_golden "logs-$size" "$end"
	fits "$tmpd/logs-$size.txt" "${size%x*}" &&
		ok "header with two logs fits $size" ||
		not_ok "header with two logs fits $size" "$(head -2 "$tmpd/logs-$size.txt")"
	ui_keys q
	ui_wait "EXIT=0" || not_ok "q quits ($size)" "$(cat "$tmpd/uw.cur")"
done
# the sizes shown are the files' sizes after the run
pc=$(wc -c <"$tmpd/out.pcap") lg=$(wc -c <"$tmpd/out.log")
sz() { awk -v b="$1" 'BEGIN { if (b < 1000000) printf "%.1fk", b / 1e3;
	else printf "%.1fM", b / 1e6 }'; }
grep -q -- "-w out.pcap $(sz "$pc")" "$tmpd/logs-160x48.txt" &&
   grep -q -- "-W out.log $(sz "$lg")" "$tmpd/logs-160x48.txt" &&
	ok "header: log sizes are the files' sizes ($pc, $lg bytes)" ||
	not_ok "header: log sizes are the files' sizes" "$pc $lg" \
		"$(head -2 "$tmpd/logs-160x48.txt")"

# a node another node's 1016h consumes, never seen: listed, not created
miss="$COSNIFF -r tests/logs/diag-missing-1016.log --ui --speed 0"
for size in 80x24 160x48; do
	ui_start "${size%x*}" "${size#*x}" "$miss"
	ui_golden "never-$size" "$end"
	fits "$tmpd/never-$size.txt" "${size%x*}" &&
		ok "never-seen screen fits $size" ||
		not_ok "never-seen screen fits $size" "$(cat "$tmpd/never-$size.txt")"
	ui_keys q
	ui_wait "EXIT=0" || not_ok "q quits ($size)" "$(cat "$tmpd/uw.cur")"
done
# two interfaces on a narrow screen: one compact piece each, then the
# frames, drops and the error frames of all
i=0
while [ $i -lt 200 ]; do
	printf '(1700000000.%06d) can0 185#%02X\n(1700000000.%06d) can1 701#05\n' \
		$((i * 12000)) $((i % 256)) $((i * 12000 + 6000))
	i=$((i + 1))
done >"$tmpd/two.log"
echo "(1700000002.500000) can1 20000080#0000000000000000" >>"$tmpd/two.log"
ui_start 80 24 "$COSNIFF -r $tmpd/two.log --ui --speed 0 --bitrate 125k"
ui_wait "$end"
sed -n 2p "$tmpd/uw.cur" | grep -q "^can0 125k [0-9.]*% [0-9]*/s  can1 125k [0-9.]*% [0-9]*/s  frames 401  drop 0  errfr 1 *$" &&
   fits "$tmpd/uw.cur" 80 &&
	ok "80 columns, two interfaces: compact, with frames, drops, error frames" ||
	not_ok "80 columns, two interfaces: compact" "$(head -3 "$tmpd/uw.cur")"
ui_keys q
ui_wait "EXIT=0"
# frames lost on can1 (candump -d DROPCOUNT): counted on can1's piece
sed '100a\
DROPCOUNT: dropped 3 CAN frames on '"'can1'"' socket (total drops 3)' \
	"$tmpd/two.log" >"$tmpd/twod.log"
ui_start 80 24 "$COSNIFF -r $tmpd/twod.log --ui --speed 0 --bitrate 125k"
ui_wait "$end"
sed -n 2p "$tmpd/uw.cur" | grep -q "^can0 125k [0-9.]*% [0-9]*/s  can1 125k [0-9.]*% [0-9]*/s drop 3  frames 401  drop 3  errfr 1 *$" &&
	ok "two interfaces: the drops are counted on the one that lost them" ||
	not_ok "drops per interface" "$(head -3 "$tmpd/uw.cur")"
ui_keys q
ui_wait "EXIT=0"

# --expect'ed node that never appears
ui_start 80 24 "$COSNIFF -r examples/demo.log --eds-dir examples --ui --speed 0 --expect 42"
ui_wait "$end"
grep -q "^ 42 .* NEVER .*never seen, --expect" "$tmpd/uw.cur" &&
	ok "--expect 42: listed as never seen" ||
	not_ok "--expect 42: listed as never seen" "$(cat "$tmpd/uw.cur")"
ui_keys q
ui_wait "EXIT=0"

# PDOs without a mapping keep a raw line
ui_start 80 24 "$COSNIFF -r tests/logs/diag-pdo-unmapped.log --ui --speed 0"
ui_wait "$end"
ui_keys 4
ui_golden "pdo-raw-80x24" "[4PDO]"
ui_keys q
ui_wait "EXIT=0"

demo="$COSNIFF -r examples/demo.log --eds-dir examples --bitrate 500k --ui --speed 0"
# c: counters start again in the header and the node table; what is
# state (NMT, heartbeat, EMCY active) stays
ui_start 80 24 "$demo"
ui_wait "$end"
ui_keys c
ui_golden "clear-80x24" "frames 0 "
ui_keys Down Enter
ui_wait "Node 5" && grep -q "ok 0 failed 0 aborted 0" "$tmpd/uw.cur" &&
	grep -q "EMCY  0 total" "$tmpd/uw.cur" &&
	ok "c: the drill-down counts from the clear too" ||
	not_ok "c: the drill-down counts from the clear too" "$(cat "$tmpd/uw.cur")"
ui_keys q
ui_wait "EXIT=0"

# a PDO value that changed within the last second is highlighted (here:
# without colour, bold), a steady one is not
ui_start 80 24 "NO_COLOR=1 $demo"
ui_wait "$end"
ui_keys 4
ui_wait "[4PDO]"
ui_t capture-pane -p -e >"$tmpd/pdoattr"
esc=$(printf '\033')
grep "Velocity actual value" "$tmpd/pdoattr" | grep -q "${esc}\[1m *1120" &&
   ! grep "Statusword" "$tmpd/pdoattr" | grep -q "${esc}\[1m" &&
	ok "PDO: changed value bold, steady value plain" ||
	not_ok "PDO: changed value bold, steady value plain" \
		"$(grep -e Velocity -e Statusword "$tmpd/pdoattr" | cat -v)"
ui_keys q
ui_wait "EXIT=0"

# --no-color: no colour escape anywhere, meaning by attributes
ui_start 80 24 "$demo --no-color"
ui_wait "$end"
ui_keys 7
ui_wait "[7Diag]"
ui_t capture-pane -p -e >"$tmpd/nocolor"
esc=$(printf '\033')
! grep -q "${esc}\[[0-9;]*3[0-7][;m]" "$tmpd/nocolor" &&
   grep "E .*heartbeat lost" "$tmpd/nocolor" | grep -q "${esc}\[[0-9;]*7m" &&
	ok "--no-color: no colours, errors in reverse video" ||
	not_ok "--no-color: no colours, errors in reverse video" \
		"$(cat -v "$tmpd/nocolor")"
ui_keys q
ui_wait "EXIT=0"
wide=
for f in "$top_srcdir"/tests/ui/*-80x24.txt; do
	fits "$f" 80 || wide="$wide $(basename "$f")"
done
[ -z "$wide" ] && ok "no 80x24 golden screen is wider than 80 columns" ||
	not_ok "no 80x24 golden screen is wider than 80 columns" "$wide"
tap_done
