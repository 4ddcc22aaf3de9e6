#!/bin/sh
# tests/ui-content.sh - what the view's panes show beyond the basics, in a
# real terminal (tmux): the header with logging files and their sizes,
# nodes expected (1016h) but never seen, --no-color.  Golden screens at
# 80x24 and 160x48; a screen never wraps at 80 columns.
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
# --no-color: no colour escape anywhere, meaning by attributes
demo="$COSNIFF -r examples/demo.log --eds-dir examples --bitrate 500k --ui --speed 0"
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
tap_done
