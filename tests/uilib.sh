# tests/uilib.sh - drive the view in a real terminal: tmux on a private
# server (sourced after lib.sh).  ui_start W H CMD; ui_keys KEY...;
# ui_wait MARKER (the screen holds MARKER and two captures in a row are
# equal: no sleeping on a guess); ui_snap FILE; ui_golden NAME (compare with
# tests/ui/NAME.txt; UPDATE=1 writes it); ui_stop.
need tmux
ui_n=0
ui_sock=cosniff-ui-$$-0
ui_t() { tmux -L "$ui_sock" -f /dev/null "$@"; }
trap 'ui_t kill-server 2>/dev/null; rm -rf "$tmpd"' EXIT
# ui_start W H CMD: a fresh session running CMD (in $top_srcdir); after CMD
# ends the pane shows "EXIT=status" and stays.
ui_start() {
	ui_t kill-server 2>/dev/null
	ui_n=$((ui_n + 1))
	ui_sock=cosniff-ui-$$-$ui_n
	ui_t new-session -d -x "$1" -y "$2" -c "$top_srcdir" \
		"$3; echo EXIT=\$?; sleep 600" || return 1
	ui_t set-option -g status off >/dev/null
	ui_t resize-window -x "$1" -y "$2" 2>/dev/null
	return 0
}
ui_keys() { ui_t send-keys "$@"; }
ui_snap() { ui_t capture-pane -p >"$1"; }
# ui_wait MARKER [TIMEOUT_S]: 0 when stable with MARKER, else 1
ui_wait() {
	uw_n=0 uw_max=$(( ${2:-10} * 20 ))
	: >"$tmpd/uw.prev"
	while [ $uw_n -lt $uw_max ]; do
		ui_t capture-pane -p >"$tmpd/uw.cur" 2>/dev/null
		if grep -qF -- "$1" "$tmpd/uw.cur" &&
		   cmp -s "$tmpd/uw.cur" "$tmpd/uw.prev"; then
			return 0
		fi
		cp "$tmpd/uw.cur" "$tmpd/uw.prev"
		sleep 0.05
		uw_n=$((uw_n + 1))
	done
	return 1
}
# ui_golden NAME MARKER: wait for MARKER, compare the screen with the golden
ui_golden() {
	if ! ui_wait "$2"; then
		not_ok "screen $1" "no stable screen with '$2':" \
			"$(cat "$tmpd/uw.cur")"
		return
	fi
	ui_snap "$tmpd/$1.txt"
	if [ -n "${UPDATE:-}" ]; then
		cp "$tmpd/$1.txt" "$top_srcdir/tests/ui/$1.txt"
	fi
	if cmp -s "$tmpd/$1.txt" "$top_srcdir/tests/ui/$1.txt"; then
		ok "screen $1"
	else
		not_ok "screen $1" "$(diff -u "$top_srcdir/tests/ui/$1.txt" \
			"$tmpd/$1.txt" | head -40)"
	fi
}
