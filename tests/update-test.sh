#!/bin/sh
# tests/update-test.sh NAME... - regenerate expected output of TESTLIST
# entries (review the diff before committing!).  Needs a built src/cosniff.
top=$(cd "$(dirname "$0")/.." && pwd)
COSNIFF=${COSNIFF:-$top/src/cosniff}
export TZ=UTC0 LC_ALL=C
cd "$top/tests" || exit 1
[ $# -gt 0 ] || { echo "usage: $0 NAME... | --all" >&2; exit 2; }
while read -r name input expected options; do
	case "$name" in '' | '#'*) continue ;; esac
	if [ "$1" != --all ]; then
		hit=0; for n in "$@"; do [ "$n" = "$name" ] && hit=1; done
		[ $hit -eq 1 ] || continue
	fi
	# shellcheck disable=SC2086
	case "$input" in   # "<FILE": read logs/FILE as standard input
	'<'*) "$COSNIFF" -r - $options <"logs/${input#<}" >"expected/$expected" 2>"expected/$expected.err" ;;
	*) "$COSNIFF" -r "logs/$input" $options >"expected/$expected" 2>"expected/$expected.err" ;;
	esac
	rc=$?
	[ "$rc" -ne 0 ] && echo "exit status $rc" >>"expected/$expected.err"
	[ -s "expected/$expected.err" ] || rm -f "expected/$expected.err"
	echo "updated $name"
done <TESTLIST
