#!/bin/sh
# tests/tables-registered.sh - every co_tok / co_range table defined in
# src/ or dissectors/ is listed in a co_table_ref registry of its file, so
# the table invariant unit test (test_tables) really walks every table.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
n=0
for f in src/*.c src/*/*.c dissectors/*.c; do
	for t in $(sed -n 's/^\(static \)\{0,1\}const struct co_\(tok\|range\) \([a-z_0-9]*\)\[\] = {.*/\3/p' "$f"); do
		n=$((n + 1))
		if grep -q "^	{ \"[^\"]*\", \(NULL, \)\{0,1\}$t\(, NULL\)\{0,1\} }," "$f"; then
			ok "$f: $t is registered"
		else
			not_ok "$f: $t is registered" \
				"add { \"$t\", ... } to the file's co_table_ref list"
		fi
	done
done
[ "$n" -ge 20 ] && ok "found $n tables" || not_ok "found $n tables (expected >= 20)"
tap_done
