#!/bin/sh
# tests/ui.sh - the full-screen view in a real terminal (tmux): golden
# screens of every pane at 80x24 and 160x48 on the bundled demo replayed to
# its end, help, search, filter, sort, drill-down (scrolled at 80x24),
# resize, NO_COLOR, and q
# restoring the terminal.  Replay is deterministic (ages from frame time).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/uilib.sh"

demo="$COSNIFF -r examples/demo.log --eds-dir examples --bitrate 500k --ui --speed 0"
end='END  max  00:29.980'

for size in 80x24 160x48; do
	w=${size%x*} h=${size#*x}
	ui_start "$w" "$h" "$demo"
	ui_golden "nodes-$size" "$end"
	for p in 2Trace 3SDO 4PDO 5EMCY 6Stats 7Diag; do
		ui_keys "${p%%[A-Z]*}"
		ui_golden "$(echo "${p#?}" | tr A-Z a-z)-$size" "[$p]"
	done
	ui_keys '?'
	ui_golden "help-$size" "Keys  (any key: back)"
	ui_keys Escape 1 Down Enter
	ui_golden "drill-$size" "Node 5  DX-400"
	if [ "$size" = 80x24 ]; then    # the lists go on below: scroll
		ui_keys G
		ui_golden "drill-end-$size" "rows 23-40 of 40"
		ui_keys PageUp
		ui_wait "rows 6-23 of 40" &&
			ok "PgUp scrolls the drill-down back a page" ||
			not_ok "PgUp in the drill-down" "$(cat "$tmpd/uw.cur")"
	fi
	ui_keys Escape
	ui_wait "Nodes  4" && ok "Esc leaves the drill-down ($size)" ||
		not_ok "Esc leaves the drill-down ($size)" "$(cat "$tmpd/uw.cur")"
	ui_keys q
	if ui_wait "EXIT=0"; then
		ok "q quits with status 0 ($size)"
	else
		not_ok "q quits with status 0 ($size)" "$(cat "$tmpd/uw.cur")"
	fi
	alt=$(ui_t display -p '#{alternate_on}')
	[ "$alt" = 0 ] && ok "terminal restored after q ($size)" ||
		not_ok "terminal restored after q ($size)" "alternate_on=$alt"
done

# search, filter, sort at 80x24
ui_start 80 24 "$demo"
ui_wait "$end" || not_ok "demo replay reaches its end" "$(cat "$tmpd/uw.cur")"
ui_keys / a b o r t Enter
ui_golden "search-abort" "[2Trace]"
ui_keys n
ui_golden "search-abort-n" "[2Trace]"
ui_keys End f n o d e = 2 0 Space g u a r d Space r e q Enter
ui_golden "filter-node20" "filter:node=20"
ui_keys f C-u
ui_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace \
	BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace Enter 6 s s
ui_golden "sort-rate" "sort: rate desc"
ui_keys I
ui_golden "sort-rate-asc" "sort: rate asc"
# resize keeps the state (pane, sort) and never wraps
ui_t resize-window -x 100 -y 30
ui_golden "resize-100x30" "sort: rate asc"
ui_t resize-window -x 80 -y 24
ui_golden "sort-rate-asc" "sort: rate asc"
ui_t resize-window -x 30 -y 8
ui_wait "too small" && ok "a tiny terminal says so" ||
	not_ok "a tiny terminal says so" "$(cat "$tmpd/uw.cur")"
ui_t resize-window -x 80 -y 24
ui_golden "sort-rate-asc" "sort: rate asc"
# the diagnosis pane (findings of the diagnosis on the demo's faults):
# Enter opens the whole selected finding: what, when, node, why it
# matters, what to check
ui_keys 7 Enter
ui_golden "diag-open" "What to check"
ui_keys F10
ui_wait "EXIT=0" && ok "F10 quits with status 0" ||
	not_ok "F10 quits with status 0" "$(cat "$tmpd/uw.cur")"

# colour is a second channel: attributes with and without NO_COLOR
for mode in color mono; do
	if [ $mode = mono ]; then
		ui_start 80 24 "NO_COLOR=1 $demo"
	else
		ui_start 80 24 "$demo"
	fi
	ui_wait "$end"
	ui_keys 7
	ui_wait "[7Diag]"
	ui_t capture-pane -p -e >"$tmpd/attr-$mode"
	ui_keys q
	ui_wait "EXIT=0"
done
# the E line of the lost heartbeat: red in colour, reverse video without
esc=$(printf '\033')
if grep "E .*heartbeat lost" "$tmpd/attr-color" | grep -q "${esc}\[3[1-7]m\|${esc}\[[0-9;]*3[1-7][;m]" &&
   ! grep -q "${esc}\[[0-9;]*3[0-7][;m]" "$tmpd/attr-mono" &&
   grep "E .*heartbeat lost" "$tmpd/attr-mono" | grep -q "${esc}\[[0-9;]*7m"; then
	ok "diagnosis errors: colour, or reverse video with NO_COLOR"
else
	not_ok "diagnosis errors: colour, or reverse video with NO_COLOR" \
		"$(grep "heartbeat lost" "$tmpd/attr-color" "$tmpd/attr-mono" | cat -v)"
fi
tap_done
