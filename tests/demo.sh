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
tap_done
