#!/bin/sh
# tests/eds-check.sh - CiA 306 loader: every real EDS/DCF of the shared set
# loads (TAP diagnostics: objects/warnings per file), and golden
# `cosniff eds` output for tests/eds/GOLDEN (stdout in expected/NAME.out,
# stderr plus "exit status N" when not 0 in expected/NAME.err).
# EDS_UPDATE=1 rewrites the expected files (review them by hand).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir/tests" || exit 1

corpus() {
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
}
need_shared "the 33 real EDS/DCF files of the shared corpus load" eds && corpus

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

# binding options of the main command: errors stop before any input is read
bind_err() {
	name=$1 want=$2; shift 2
	out=$("$COSNIFF" -r /dev/null "$@" 2>&1); rc=$?
	if [ "$rc" -eq 2 ] && [ "$out" = "$want" ]; then
		ok "$name"
	else
		not_ok "$name" "exit $rc" "got:  $out" "want: $want"
	fi
}
bind_err "--eds node out of range" \
	"cosniff: --eds 200=x.eds: '200' is not a node-ID 1..127 or a range LO-HI" \
	--eds 200=x.eds
bind_err "--eds missing file" \
	"cosniff: eds/nope.eds: No such file or directory (--eds 5=eds/nope.eds)" \
	--eds 5=eds/nope.eds
bind_err "--eds and --dcf on one node" \
	"cosniff: node 10 is bound twice: --eds 10=eds/q-case.eds and --dcf eds/q-dcf.dcf" \
	--eds 10=eds/q-case.eds --dcf eds/q-dcf.dcf
bind_err "--dcf without NodeID" \
	"cosniff: eds/lely-coctl.dcf: no NodeID in [DeviceComissioning]; bind it with --dcf NODE=eds/lely-coctl.dcf" \
	--dcf eds/lely-coctl.dcf
mkdir "$tmpd/d"
printf '3 = a.eds\n3 = b.eds\n' >"$tmpd/d/nodes.conf"
bind_err "--eds-dir nodes.conf conflict" \
	"cosniff: node 3 is bound twice: $tmpd/d/nodes.conf:1 and $tmpd/d/nodes.conf:2" \
	--eds-dir "$tmpd/d"
tap_done
