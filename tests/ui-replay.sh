#!/bin/sh
# tests/ui-replay.sh - the view's replay controls (pause, step, speed, jump
# forward and back, end of file), freeze (counters keep rising behind a
# frozen screen), a logger under the view, SIGTERM restoring the terminal
# with the usual summary.  In a real terminal (tmux).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/uilib.sh"

cmd="$COSNIFF -r examples/demo.log --eds-dir examples --ui"
# header fields: replay position in ms, frames
pos_ms() {
	sed -n '1s/.*x[0-9.]*  \([0-9][0-9]\):\([0-9][0-9]\)\.\([0-9]*\) .*/\1 \2 \3/p' "$1" |
		awk '{ print ($1 * 60 + $2) * 1000 + $3 }'
}
frames() { sed -n '2s/.*frames \([0-9]*\) .*/\1/p' "$1"; }
# wait_pos NOT_MS: the replay position moved away from NOT_MS and the
# screen is stable; prints the new position
wait_pos() {
	wp_n=0
	while [ $wp_n -lt 200 ]; do
		if ui_wait "PAUSE" 1; then
			wp=$(pos_ms "$tmpd/uw.cur")
			[ -n "$wp" ] && [ "$wp" != "$1" ] && { echo "$wp"; return 0; }
		fi
		sleep 0.05
		wp_n=$((wp_n + 1))
	done
	pos_ms "$tmpd/uw.cur"
}
# wait_for TEXT: the screen shows TEXT (no stability needed)
wait_for() {
	wf_n=0
	while [ $wf_n -lt 200 ]; do
		ui_snap "$tmpd/wf"
		grep -qF -- "$1" "$tmpd/wf" && return 0
		sleep 0.05
		wf_n=$((wf_n + 1))
	done
	return 1
}

ui_start 80 24 "$cmd -W $tmpd/view.log 2>$tmpd/err"
wait_for "PLAY  x1" && ok "replay plays at the recorded pace (x1)" ||
	not_ok "replay plays at the recorded pace (x1)" "$(cat "$tmpd/wf")"
ui_keys p
if ui_wait "PAUSE x1"; then
	ui_snap "$tmpd/a"; sleep 0.4; ui_snap "$tmpd/b"
	cmp -s "$tmpd/a" "$tmpd/b" && ok "p pauses: position and frames stand still" ||
		not_ok "p pauses: position and frames stand still" "$(diff "$tmpd/a" "$tmpd/b")"
else
	not_ok "p pauses" "$(cat "$tmpd/uw.cur")"
fi
n0=$(frames "$tmpd/a")
ui_keys .
ui_wait "frames $((n0 + 1)) " && ok "'.' delivers exactly one frame" ||
	not_ok "'.' delivers exactly one frame" "before $n0" "$(sed -n 2p "$tmpd/uw.cur")"
p0=$(pos_ms "$tmpd/uw.cur")
ui_keys ']'
p1=$(wait_pos "$p0")
[ -n "$p1" ] && [ "$p1" -ge $((p0 + 9900)) ] && [ "$p1" -le $((p0 + 10100)) ] &&
	ok "] jumps 10 s forward ($p0 -> $p1 ms)" ||
	not_ok "] jumps 10 s forward" "$p0 -> $p1" "$(sed -n 1,2p "$tmpd/uw.cur")"
ui_keys '['
p2=$(wait_pos "$p1")
[ -n "$p2" ] && [ "$p2" -le $((p0 + 100)) ] && [ "$p2" -ge $((p0 - 100)) ] &&
	ok "[ jumps 10 s back ($p1 -> $p2 ms)" ||
	not_ok "[ jumps 10 s back" "$p1 -> $p2" "$(sed -n 1,2p "$tmpd/uw.cur")"
ui_keys + +
ui_wait "PAUSE x4" && ok "+ doubles the speed" ||
	not_ok "+ doubles the speed" "$(sed -n 1p "$tmpd/uw.cur")"
ui_keys - - -
ui_wait "PAUSE x0.5" && ok "- halves the speed" ||
	not_ok "- halves the speed" "$(sed -n 1p "$tmpd/uw.cur")"
# freeze while playing: the header's count rises, the body stands
ui_keys + + + p Space
if wait_for "FROZEN +"; then
	sleep 0.5; ui_snap "$tmpd/f1"; sleep 0.5; ui_snap "$tmpd/f2"
	c1=$(sed -n 's/.*FROZEN +\([0-9]*\) fr.*/\1/p' "$tmpd/f1" | head -1)
	c2=$(sed -n 's/.*FROZEN +\([0-9]*\) fr.*/\1/p' "$tmpd/f2" | head -1)
	[ -n "$c1" ] && [ -n "$c2" ] && [ "$c2" -gt "$c1" ] &&
		ok "frozen: frames keep arriving (+$c1, then +$c2)" ||
		not_ok "frozen: frames keep arriving" "$(cat "$tmpd/f2")"
	sed 1,2d "$tmpd/f1" >"$tmpd/b1"; sed 1,2d "$tmpd/f2" >"$tmpd/b2"
	grep -q "Nodes  [0-9]" "$tmpd/b1" && cmp -s "$tmpd/b1" "$tmpd/b2" &&
		ok "frozen: the body stays as it was" ||
		not_ok "frozen: the body stays as it was" "$(cat "$tmpd/f1")" "$(diff "$tmpd/b1" "$tmpd/b2")"
else
	not_ok "space freezes the display" "$(cat "$tmpd/wf")"
fi
ui_keys Space
ui_wait "Nodes  4" && [ "$(frames "$tmpd/uw.cur")" -gt "$n0" ] &&
	ok "space again shows the state that went on" ||
	not_ok "space again shows the state that went on" "$(cat "$tmpd/uw.cur")"
# to the end: the view stays with the final state until q
ui_keys ']' ']' ']'
ui_wait "END " 20 && ok "at the end of the file the view stays" ||
	not_ok "at the end of the file the view stays" "$(sed -n 1p "$tmpd/uw.cur")"
ui_keys q
ui_wait "EXIT=0" && ok "q after the end: exit 0" ||
	not_ok "q after the end: exit 0" "$(cat "$tmpd/uw.cur")"
"$COSNIFF" -r "$top_srcdir/examples/demo.log" -q -W "$tmpd/lines.log"
cmp -s "$tmpd/view.log" "$tmpd/lines.log" &&
	ok "-W under the view (with jumps back) writes what line output writes" ||
	not_ok "-W under the view writes what line output writes" \
		"$(wc -l "$tmpd/view.log" "$tmpd/lines.log")"
[ ! -s "$tmpd/err" ] && ok "nothing on stderr after a clean quit" ||
	not_ok "nothing on stderr after a clean quit" "$(cat "$tmpd/err")"

# --exit-at-end: a replay at full speed leaves by itself, exit 0, and the
# trace (lines kept as records, formatted when drawn) shows the text
# output's last lines; with -v too
for v in "" -v; do
	ui_start 200 28 "$COSNIFF -r examples/demo.log --ui --speed 0 $v \
		--exit-at-end -W $tmpd/end.log 2>$tmpd/err"
	ui_wait "EXIT=" 20 && grep -q "EXIT=0" "$tmpd/uw.cur" &&
		[ ! -s "$tmpd/err" ] &&
		ok "--exit-at-end$v leaves at the end, exit 0" ||
		not_ok "--exit-at-end$v leaves at the end, exit 0" \
			"$(cat "$tmpd/uw.cur" "$tmpd/err")"
	cmp -s "$tmpd/end.log" "$tmpd/lines.log" &&
		ok "--exit-at-end$v: the whole file went through (-W)" ||
		not_ok "--exit-at-end$v: the whole file went through (-W)" \
			"$(wc -l "$tmpd/end.log" "$tmpd/lines.log")"
	ui_start 200 28 "$COSNIFF -r examples/demo.log --ui --speed 0 $v"
	ui_wait "END " 20 || not_ok "replay$v reaches the end" \
		"$(sed -n 1p "$tmpd/uw.cur")"
	ui_keys 2 t
	ui_wait "Trace  " || true
	sed -n '5,/^$/p' "$tmpd/uw.cur" | sed '/^$/d' >"$tmpd/tr.scr"
	# shellcheck disable=SC2086
	"$COSNIFF" -r examples/demo.log $v | cut -c1-200 |
		tail -n "$(wc -l <"$tmpd/tr.scr")" >"$tmpd/tr.txt"
	[ "$(wc -l <"$tmpd/tr.scr")" -ge 20 ] &&
		cmp -s "$tmpd/tr.scr" "$tmpd/tr.txt" &&
		ok "trace$v: the lines the text output prints" ||
		not_ok "trace$v: the lines the text output prints" \
			"$(diff "$tmpd/tr.txt" "$tmpd/tr.scr")"
done

# SIGTERM: terminal restored, the usual summary on stderr
ui_start 80 24 "sh -c 'echo \$\$ >$tmpd/pid; exec $cmd 2>$tmpd/err'"
wait_for "PLAY  x1" || not_ok "view started for SIGTERM" "$(cat "$tmpd/wf")"
kill -TERM "$(cat "$tmpd/pid")"
ui_wait "EXIT=" && ok "SIGTERM ends the view" ||
	not_ok "SIGTERM ends the view" "$(cat "$tmpd/uw.cur")"
alt=$(ui_t display -p '#{alternate_on}')
[ "$alt" = 0 ] && grep -q "interrupted after" "$tmpd/err" &&
	ok "after SIGTERM: terminal restored, summary on stderr" ||
	not_ok "after SIGTERM: terminal restored, summary on stderr" \
		"alternate_on=$alt" "$(cat "$tmpd/err")"
tap_done
