#!/bin/sh
# tests/golden.sh - tcpdump-style golden tests: every TESTLIST line runs
#   cosniff -r logs/INPUT OPTIONS (INPUT "<FILE": -r - <logs/FILE) and compares stdout with expected/OUTPUT
# and stderr (plus "exit status N" when not 0) with expected/OUTPUT.err
# (which must then exist; no .err file means: silent and exit 0).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir/tests" || exit 1
while read -r name input expected options; do
	case "$name" in '' | '#'*) continue ;; esac
	# shellcheck disable=SC2086 # options are words by design
	case "$input" in   # "<FILE": read logs/FILE as standard input
	'<'*) "$COSNIFF" -r - $options <"logs/${input#<}" >"$tmpd/out" 2>"$tmpd/err" ;;
	*) "$COSNIFF" -r "logs/$input" $options >"$tmpd/out" 2>"$tmpd/err" ;;
	esac
	rc=$?
	[ "$rc" -ne 0 ] && echo "exit status $rc" >>"$tmpd/err"
	d1=$(diff -u "expected/$expected" "$tmpd/out" 2>&1) ; r1=$?
	if [ -f "expected/$expected.err" ]; then
		d2=$(diff -u "expected/$expected.err" "$tmpd/err" 2>&1); r2=$?
	elif [ -s "$tmpd/err" ]; then
		d2="unexpected stderr: $(cat "$tmpd/err")"; r2=1
	else
		d2=""; r2=0
	fi
	if [ $r1 -eq 0 ] && [ $r2 -eq 0 ]; then
		ok "$name"
	else
		not_ok "$name" "$d1" "$d2"
	fi
done <TESTLIST
tap_done
