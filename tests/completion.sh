#!/bin/bash
# tests/completion.sh - bash completion (completion/cosniff): every option
# of --help is offered, option arguments complete files, directories or
# NODE=FILE, CAN interfaces come from /sys/class/net (type 280) and
# 'any', 'cosniff eds' completes files; and make install puts the file
# where bash-completion loads it.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# shellcheck source=/dev/null
. "$top_srcdir/completion/cosniff"

# comp WORD...: COMPREPLY for the command line "cosniff WORD..." (the
# last word is the one being completed), one per line, sorted
comp() {
	COMP_WORDS=("$COSNIFF" "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_cosniff
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

# the long options of main.c's table (as tests/demo.sh reads them)
sed -n 's/^[[:space:]]*{ "\([a-z][a-z0-9-]*\)", .*/--\1/p' \
	"$top_srcdir/src/main.c" | sort -u >"$tmpd/long"
comp -- >"$tmpd/all"
if [ "$(wc -l <"$tmpd/long")" -gt 20 ] && cmp -s "$tmpd/long" "$tmpd/all"; then
	ok "every long option of main.c is offered ($(wc -l <"$tmpd/all"))"
else
	not_ok "every long option of main.c is offered" "$(diff "$tmpd/long" "$tmpd/all")"
fi
comp - | grep -v -- '^--' >"$tmpd/short"
[ "$(tr '\n' ' ' <"$tmpd/short")" = "-V -W -h -q -r -v -w " ] &&
	ok "short options offered: $(tr '\n' ' ' <"$tmpd/short")" ||
	not_ok "short options offered" "$(cat "$tmpd/short")"
[ "$(comp --st)" = "--stats" ] && ok "--st completes to --stats" ||
	not_ok "--st completes to --stats" "$(comp --st)"

mkdir -p "$tmpd/w/sub" "$tmpd/net/can0" "$tmpd/net/vcan1" "$tmpd/net/eth0"
: >"$tmpd/w/trace.log"; : >"$tmpd/w/drive.eds"
echo 280 >"$tmpd/net/can0/type"; echo 280 >"$tmpd/net/vcan1/type"
echo 1 >"$tmpd/net/eth0/type"
cd "$tmpd/w" || exit 1
[ "$(comp -r tr)" = "trace.log" ] && ok "-r completes files" ||
	not_ok "-r completes files" "$(comp -r tr)"
[ "$(comp --eds 5=dr)" = "5=drive.eds" ] && ok "--eds NODE=FILE completes the file" ||
	not_ok "--eds NODE=FILE completes the file" "$(comp --eds 5=dr)"
[ "$(comp --eds-dir s)" = "sub" ] && ok "--eds-dir completes directories" ||
	not_ok "--eds-dir completes directories" "$(comp --eds-dir s)"
[ -z "$(comp --rcvbuf '')" ] && ok "a value option offers nothing" ||
	not_ok "a value option offers nothing" "$(comp --rcvbuf '')"
want=$(printf '%s\n' any can0 eds vcan1)
got=$(COSNIFF_SYSFS_NET=$tmpd/net comp '')
[ "$got" = "$want" ] && ok "first word: CAN interfaces (type 280), any, eds" ||
	not_ok "first word: CAN interfaces, any, eds" "got: $got"
got=$(COSNIFF_SYSFS_NET=$tmpd/net comp -q vc)
[ "$got" = vcan1 ] && ok "later words: interfaces" || not_ok "later words: interfaces" "$got"
[ "$(comp eds dr)" = "drive.eds" ] && ok "cosniff eds completes files" ||
	not_ok "cosniff eds completes files" "$(comp eds dr)"

# make install puts it where bash-completion looks for 'cosniff'
make -s -C "$top_builddir" install-data DESTDIR="$tmpd/inst" \
	>"$tmpd/inst.out" 2>&1
f=$(find "$tmpd/inst" -path '*bash-completion/completions/cosniff' -type f)
[ -n "$f" ] && cmp -s "$f" "$top_srcdir/completion/cosniff" &&
	ok "make install: share/bash-completion/completions/cosniff" ||
	not_ok "make install installs the completion" "$(cat "$tmpd/inst.out")"
tap_done
