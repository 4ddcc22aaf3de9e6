#!/bin/sh
# tests/kill.sh - no frame lost when cosniff is stopped: `cosniff -r FIFO
# -w out.pcap -W out.log` is fed known frames through a FIFO, then
#   SIGINT/SIGTERM (in a pause, or in the middle of the stream): both
#      files hold exactly the frames cosniff read (its "interrupted after
#      N frames"), the first N written; after a pause N is all of them;
#   SIGKILL (after a pause, in the stream or in a pause): both files are
#      read back without an error (a cut last record only noted) and hold
#      a prefix of the frames written, with every frame written more than
#      200 ms before the kill.  On a machine so busy that cosniff did not
#      run for a while, a trial that lost frames written 200 to 400 ms
#      before the kill is said and run once more; it must pass then.
# Files are read back with cosniff, capinfos and tshark (pcap), log2asc.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need tshark capinfos log2asc python3
KILL_TRIALS=${KILL_TRIALS:-15}

# The trials, in one python3 run (it starts slowly on a busy machine):
# each argument SIG:SHAPE gets a directory $tmpd/N with in (the FIFO),
# out.pcap, out.log, cos.err (cosniff's stderr) and sent (per burst:
# its age at the signal in ms, frames written); one line per trial:
# N SIG SHAPE frames-written written-200-ms-before-the-signal status.
# Directories are numbered from $TRIAL0 (1).
trials() {
	python3 - "$COSNIFF" "$tmpd" "$@" <<'PY'
import os, random, signal, subprocess, sys, time
cos, top = sys.argv[1], sys.argv[2]
rnd = random.Random()

def line(k):
    n = 4 + k % 5          # 4..8 bytes: records of several lengths
    data = k.to_bytes(4, "big") + bytes((k + i) & 255 for i in range(n - 4))
    return "(%d.%06d) can0 %03X#%s\n" % (1700000000 + k // 1000000,
        k % 1000000, 0x100 + k % 0x500, data.hex().upper())

class Writer:
    def __init__(self, fd):
        self.fd, self.k, self.sent = fd, 0, []
    def stream(self, secs):
        end = time.monotonic() + secs
        while time.monotonic() < end:
            burst = "".join(line(self.k + i) for i in range(40))
            os.write(self.fd, burst.encode())
            self.k += 40
            self.sent.append((time.monotonic(), self.k))
            time.sleep(0.004)

def trial(n, sig, shape):
    d = os.path.join(top, str(n))
    os.mkdir(d)
    os.mkfifo(d + "/in")
    err = open(d + "/cos.err", "w")
    p = subprocess.Popen([cos, "-q", "-r", d + "/in", "-w", d + "/out.pcap",
                          "-W", d + "/out.log"], stderr=err,
                         stdout=subprocess.DEVNULL)
    w = Writer(os.open(d + "/in", os.O_WRONLY))
    w.stream(rnd.uniform(0.3, 0.6))
    if shape == "pause":
        time.sleep(0.35)
    elif shape == "mixed":
        time.sleep(rnd.uniform(0.25, 0.4))
        w.stream(rnd.uniform(0.0, 0.3))
        if rnd.random() < 0.5:
            time.sleep(rnd.uniform(0.0, 0.3))
    t = time.monotonic()
    p.send_signal(getattr(signal, "SIG" + sig))
    try:
        rc = p.wait(timeout=5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        rc = "hung"
        err.write("did not end within 5 s of the signal\n")
    os.close(w.fd)
    safe = max([k for (ts, k) in w.sent if ts < t - 0.2] or [0])
    with open(d + "/sent", "w") as f:
        for (ts, k) in w.sent:
            f.write("%d %d\n" % ((t - ts) * 1000, k))
    print(n, sig, shape, w.k, safe, rc, flush=True)

for n, arg in enumerate(sys.argv[3:], int(os.environ.get("TRIAL0", "1"))):
    trial(n, *arg.split(":"))
PY
}

# back NAME FILE: the data of the frames cosniff reads from FILE, one
# hex string per line, to $tmpd/NAME.frames; its stderr to NAME.err
back() {
	"$COSNIFF" -q -r "$2" -W - 2>"$tmpd/$1.err" |
		sed 's/^[^#]*#//' >"$tmpd/$1.frames"
}

# expect_prefix NAME N_MIN N_MAX: $tmpd/NAME.frames holds frames 0, 1,
# ... in order, at least N_MIN and at most N_MAX of them; sets got
expect_prefix() {
	got=$(awk -v lo="$2" -v hi="$3" '
		{ k = ("0x" substr($0, 1, 8)) + 0
		  if (k != NR - 1) { print "frame " NR ": " $0; bad = 1; exit } }
		END { if (!bad && (NR < lo || NR > hi))
			print NR " frames, expected " lo ".." hi
		      else if (!bad) print NR }' "$tmpd/$1.frames")
	case $got in *[!0-9]*) return 1 ;; esac
}

# check_files NAME DIR N_MIN N_MAX CUT_OK: both files read back by
# cosniff (a cut last record noted only when CUT_OK is yes); sets
# n_pcap, n_log (frames) and note_pcap, note_log (1: cut)
check_files() {
	name=$1 lo=$3 hi=$4
	n_pcap=x n_log=x note_pcap=0 note_log=0
	for f in pcap log; do
		back "$f" "$2/out.$f"
		note=$(grep -c 'partial' "$tmpd/$f.err")
		others=$(grep -v -e 'partial' "$tmpd/$f.err")
		if [ -n "$others" ]; then
			not_ok "$name: out.$f read back without a complaint" \
				"$others"
		elif [ "$5" = no ] && [ "$note" != 0 ]; then
			not_ok "$name: out.$f ends in a whole record" \
				"$(cat "$tmpd/$f.err")"
		elif ! expect_prefix "$f" "$lo" "$hi"; then
			not_ok "$name: out.$f holds the frames" "$got"
		else
			ok "$name: out.$f holds the first $got of $hi frames (at least $lo)"
			eval "n_$f=\$got note_$f=\$note"
		fi
	done
}

# check_tools NAME DIR: the other readers agree on the count (capinfos
# may say that a cut file is cut); TSHARK=1: tshark decodes it all
check_tools() {
	name=$1 dir=$2
	nci=$(capinfos -c -M "$dir/out.pcap" 2>"$tmpd/ci.err" |
		sed -n 's/^Number of packets: *//p')
	errs=$(cat "$tmpd/ci.err")
	if [ "$note_pcap" != 0 ]; then
		errs=$(printf '%s\n' "$errs" | grep -v -e 'cut short' \
			-e 'error occurred after reading' -e 'will continue')
	fi
	if [ -n "$errs" ] || [ "$nci" != "$n_pcap" ]; then
		not_ok "$name: capinfos reads $n_pcap frames" "it read $nci" \
			"$errs"
	else
		ok "$name: capinfos reads the $nci frames of out.pcap"
	fi
	if [ "${TSHARK:-}" = 1 ]; then
		nts=$(tshark -r "$dir/out.pcap" 2>"$tmpd/ts.err" |
			grep -c ' CAN ')
		errs=$(grep -v 'Running as user' "$tmpd/ts.err")
		if [ -n "$errs" ] || [ "$nts" != "$n_pcap" ]; then
			not_ok "$name: tshark decodes $n_pcap frames" \
				"it decoded $nts" "$errs"
		else
			ok "$name: tshark decodes the $nts frames of out.pcap"
		fi
	fi
	nla=$(log2asc -I "$dir/out.log" can0 | grep -c ' Rx ')
	# a cut last line may be read as a frame with its data cut short
	if [ "$nla" != "$n_log" ] &&
			! { [ "$note_log" != 0 ] && [ "$nla" = $((n_log + 1)) ]; }
	then
		not_ok "$name: log2asc reads $n_log frames" "it read $nla"
	else
		ok "$name: log2asc reads the frames of out.log ($nla)"
	fi
}

# lost_age DIR N: how long before the kill frame N (the first one not in
# the files) was written, in ms
lost_age() {
	awk -v n="$2" '$2 > n { print $1; exit }' "$1/sent"
}

# kill_trial N SHAPE SENT SAFE: readable, a prefix, nothing older than
# 200 ms lost; a loss of frames 200-400 ms old (a starved machine) is
# tried once more
kill_trial() {
	dir=$tmpd/$1 name="SIGKILL $1 ($2)"
	in_log=$(awk 'END { print NR }' "$dir/out.log")
	age=$(lost_age "$dir" "$in_log")
	if [ "$in_log" -lt "$4" ] && [ "${age:-0}" -lt 400 ] &&
			[ -z "${retry:-}" ]; then
		echo "# $name: frame $in_log, written $age ms before the kill," \
			"is not in out.log; the machine is busy: once more"
		retry=1
		TRIAL0=$(($1 + 100)) trials "KILL:$2" >"$tmpd/retry" \
			2>"$tmpd/retry.err" || not_ok "the trial ran" \
			"$(cat "$tmpd/retry.err")"
		read -r n2 _ _ sent2 safe2 _ <"$tmpd/retry"
		kill_trial "$n2" "$2" "$sent2" "$safe2"
		retry=
		return
	fi
	check_files "$name" "$dir" "$4" "$3" yes
	if [ "$in_log" -lt "$4" ]; then
		echo "# frame $in_log was written $age ms before the kill"
	elif [ "$n_pcap" != x ] && [ "$n_log" != x ]; then
		TSHARK= check_tools "$name" "$dir"
	fi
}

set -- INT:pause TERM:stream INT:stream TERM:pause
i=0
while [ $i -lt "$KILL_TRIALS" ]; do
	i=$((i + 1))
	case $((i % 3)) in
	0) set -- "$@" KILL:pause ;;
	1) set -- "$@" KILL:mixed ;;
	*) set -- "$@" KILL:stream ;;
	esac
done
trials "$@" >"$tmpd/trials" 2>"$tmpd/trials.err" ||
	not_ok "the trials ran" "$(cat "$tmpd/trials.err")"

while read -r n sig shape sent safe rc; do
	dir=$tmpd/$n
	name="SIG$sig $n ($shape)"
	if [ "$sig" = KILL ]; then
		kill_trial "$n" "$shape" "$sent" "$safe" </dev/null
		continue
	fi
	# SIGINT/SIGTERM: nothing lost; after a pause, every frame
	read_n=$(sed -n 's/.*interrupted after \([0-9]*\) frame.*/\1/p' \
		"$dir/cos.err")
	if [ "$rc" != 0 ] || [ -z "$read_n" ]; then
		not_ok "$name: cosniff ends cleanly and says how many" \
			"status $rc" "$(cat "$dir/cos.err")"
		continue
	fi
	lo=$read_n
	[ "$shape" = pause ] && lo=$sent
	if [ "$read_n" -lt "$lo" ]; then
		not_ok "$name: cosniff reads every frame before the pause" \
			"read $read_n of $sent"
	else
		ok "$name: cosniff ends cleanly: $read_n of $sent frames read"
	fi
	check_files "$name" "$dir" "$read_n" "$read_n" no
	if [ "$shape" = pause ]; then
		TSHARK=1 check_tools "$name" "$dir"
	else
		TSHARK= check_tools "$name" "$dir"
	fi
done <"$tmpd/trials"
tap_done
