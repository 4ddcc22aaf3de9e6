#!/bin/sh
# tests/hostile.sh - hostile and odd inputs get one clear message and
# bounded memory: an EDS that is a directory, an EDS from a FIFO or
# <(...), CompactSubObj=254 on tens of thousands of ARRAYs (the expansion
# is bounded and said once), decoding into a full standard output.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
eds=$top_srcdir/tests/eds
logs=$top_srcdir/tests/logs

out=$("$COSNIFF" eds "$eds" 2>&1); rc=$?
[ $rc -ne 0 ] && [ "$out" = "cosniff: $eds: is a directory, not an EDS/DCF file" ] &&
	ok "EDS path that is a directory: said so, exit $rc" ||
	not_ok "EDS path that is a directory" "exit $rc" "$out"

mkfifo "$tmpd/fifo.eds"
cat "$eds/q-case.eds" >"$tmpd/fifo.eds" &
"$COSNIFF" eds "$tmpd/fifo.eds" >"$tmpd/a" 2>&1; rc=$?
wait
"$COSNIFF" eds "$eds/q-case.eds" >"$tmpd/b" 2>&1
sed -i "s|$tmpd/fifo.eds|X|g" "$tmpd/a"; sed -i "s|$eds/q-case.eds|X|g" "$tmpd/b"
[ $rc -eq 0 ] && cmp -s "$tmpd/a" "$tmpd/b" &&
	ok "EDS read from a FIFO: as from the file" ||
	not_ok "EDS read from a FIFO" "exit $rc" "$(diff "$tmpd/b" "$tmpd/a" | head)"
mkfifo "$tmpd/fifo2.eds"
cat "$eds/q-case.eds" >"$tmpd/fifo2.eds" &
"$COSNIFF" -r "$logs/sdo.log" --eds "5=$tmpd/fifo2.eds" >"$tmpd/c" 2>&1; rc=$?
wait
[ $rc -eq 0 ] && grep -q 'Device type' "$tmpd/c" &&
	ok "--eds NODE=FIFO decodes with it" ||
	not_ok "--eds NODE=FIFO" "exit $rc" "$(head -5 "$tmpd/c")"

# 27000 listed ARRAYs of CompactSubObj=254 (3 MB): 6.9 million
# sub-indices (~2 GB) without the bound
awk 'BEGIN { print "[FileInfo]\nFileName=h.eds\n[DeviceInfo]\nVendorName=x"
	printf("[OptionalObjects]\nSupportedObjects=%d\n", 27000)
	for (k = 0; k < 27000; k++) printf("%d=0x%X\n", k + 1, 8192 + k)
	for (k = 0; k < 27000; k++)
		printf("[%X]\nParameterName=A\nObjectType=0x8\nDataType=0x0007\n" \
		       "AccessType=rw\nCompactSubObj=254\n", 8192 + k) }' \
	>"$tmpd/h.eds"
"$COSNIFF" eds -q "$tmpd/h.eds" >"$tmpd/h.out" 2>&1; rc=$?
n=$(grep -c 'sub-indices from CompactSubObj in this file' "$tmpd/h.out")
subs=$(sed -n 's/.* objects, \([0-9]*\) sub-indices.*/\1/p' "$tmpd/h.out")
[ "$n" -eq 1 ] && [ -n "$subs" ] && [ "$subs" -le 160000 ] &&
	ok "CompactSubObj=254 x 27000: expansion bounded ($subs sub-indices), said once" ||
	not_ok "CompactSubObj expansion bounded" "exit $rc, $n messages, $subs subs" \
		"$(tail -3 "$tmpd/h.out")"

for args in "-r $logs/sdo.log" "-r $logs/sdo.log --json" "eds $eds/q-case.eds"; do
	# shellcheck disable=SC2086 # words by design
	"$COSNIFF" $args >/dev/full 2>"$tmpd/e"; rc=$?
	[ $rc -eq 2 ] && grep -q '^cosniff: standard output: .*output is incomplete$' "$tmpd/e" &&
		ok "cosniff $args >/dev/full: said so, exit 2" ||
		not_ok "cosniff $args >/dev/full" "exit $rc" "$(cat "$tmpd/e")"
done
tap_done
