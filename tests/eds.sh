#!/bin/sh
# tests/eds.sh - CiA 306 loader: every real EDS/DCF of the shared set
# loads (TAP diagnostics: objects/warnings per file), and golden
# `cosniff eds` output for tests/eds/GOLDEN (stdout in expected/NAME.out,
# stderr plus "exit status N" when not 0 in expected/NAME.err).
# EDS_UPDATE=1 rewrites the expected files (review them by hand).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir/tests" || exit 1

n=0
for f in "$SHARED_DIR"/eds/*.eds "$SHARED_DIR"/eds/*.dcf; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	b=$(basename "$f")
	if out=$("$COSNIFF" eds -q "$f" 2>"$tmpd/err"); then
		ok "loads $b"
		echo "# ${out#"$SHARED_DIR"/eds/}"
	else
		not_ok "loads $b" "$(cat "$tmpd/err")"
	fi
done
if [ "$n" -ge 33 ]; then
	ok "shared EDS set present ($n files)"
else
	not_ok "shared EDS set present: $n files in $SHARED_DIR/eds, want 33"
fi

while read -r name file options; do
	case "$name" in '' | '#'*) continue ;; esac
	# shellcheck disable=SC2086 # options are words by design
	"$COSNIFF" eds $options "eds/$file" >"$tmpd/out" 2>"$tmpd/err"
	rc=$?
	[ "$rc" -ne 0 ] && echo "exit status $rc" >>"$tmpd/err"
	if [ -n "$EDS_UPDATE" ]; then
		cp "$tmpd/out" "eds/expected/$name.out"
		cp "$tmpd/err" "eds/expected/$name.err"
	fi
	d1=$(diff -u "eds/expected/$name.out" "$tmpd/out" 2>&1); r1=$?
	d2=$(diff -u "eds/expected/$name.err" "$tmpd/err" 2>&1); r2=$?
	if [ $r1 -eq 0 ] && [ $r2 -eq 0 ]; then
		ok "golden $name"
	else
		not_ok "golden $name" "$d1" "$d2"
	fi
done <eds/GOLDEN
tap_done
