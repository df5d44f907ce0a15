#!/bin/sh
# t_hostile.sh — input as an attacker would write it: every case ends with a
# clear message and a documented status, never a hang, a crash or a raw
# escape.  The README's "Reliability" section maps each case to its test
# (some live in t_special_files.sh, t_basics.sh, t_walk.sh, t_alloc.sh).
. "$(dirname "$0")/lib.sh"

# Every run has a time limit (cgt, lib.sh): a regression that waits fails.
LIMIT=20

# clean NAME FILE: not one byte of FILE can drive a terminal: no ESC, no
# BEL, no C1 control (U+0080 to U+009F as UTF-8, or a raw 0x80-0x9F byte
# that does not continue a UTF-8 character)
clean() {
	bad=$(od -An -v -tu1 "$2" | awk '
		{ for (i = 1; i <= NF; i++) {
			b = $i + 0
			if (want > 0 && b >= 128 && b < 192) {
				if (lead == 194 && b < 160) { print "U+00" sprintf("%02X", b) " at " n; exit }
				want--; lead = 0; n++; continue
			}
			want = 0; lead = 0
			if (b == 27 || b == 7) { print "byte " b " at " n; exit }
			if (b >= 128 && b < 160) { print "raw C1 byte " b " at " n; exit }
			if (b >= 194 && b < 224) { want = 1; lead = b }
			else if (b >= 224 && b < 240) want = 2
			else if (b >= 240 && b < 245) want = 3
			n++
		} }')
	if [ -z "$bad" ]; then pass "$1"; else fail "$1" "$bad in $2"; fi
}

# ---- answers: bounded lines, endless streams -------------------------------

# /dev/zero is one endless line of NUL bytes: an error within a second, not
# a hang, with the crisis line on stderr, memory bounded
start=$(date +%s)
cgt walk --answers /dev/zero
end=$(date +%s)
status_is "answers /dev/zero: status 4" 4
has "answers /dev/zero: says why" "$TMP/err" "cannot read answers from '/dev/zero': a line runs on past 1 MiB"
has "answers /dev/zero: crisis line on stderr" "$TMP/err" "988"
has "answers /dev/zero: disclaimer on stderr" "$TMP/err" "not medical"
if [ $((end - start)) -le 2 ]; then pass "answers /dev/zero: ends at once"; else fail "answers /dev/zero: ends at once" "$((end - start)) s"; fi
if [ -z "${CRY_GUIDE_WRAP:-}" ] && ! ldd "$CRY_GUIDE_BIN" 2>/dev/null | grep -q libasan; then
	# 16 MiB of address space more than the program needs to start
	base=$( (/usr/bin/time -f %M "$CRY_GUIDE_BIN" --version >/dev/null) 2>&1 | tail -1)
	(/usr/bin/time -f %M "$CRY_GUIDE_BIN" walk --answers /dev/zero >/dev/null) 2>"$TMP/time"
	peak=$(tail -1 "$TMP/time")
	if [ -n "$peak" ] && [ "$peak" -lt 16384 ]; then
		pass "answers /dev/zero: peak memory ${peak} KiB < 16 MiB (--version: ${base} KiB)"
	else
		fail "answers /dev/zero: peak memory < 16 MiB" "${peak:-?} KiB"
	fi
fi
# standard input from /dev/zero, and an endless FIFO with no newline
cgt walk </dev/zero
status_is "stdin /dev/zero: status 4" 4
has "stdin /dev/zero: says why" "$TMP/err" "cannot read answers from standard input: a line runs on past 1 MiB"
mkfifo "$TMP/endless"
(yes x | tr -d '\n' >"$TMP/endless" 2>/dev/null &)
cgt walk --answers "$TMP/endless"
status_is "endless FIFO: status 4" 4
has "endless FIFO: says why" "$TMP/err" "a line runs on past 1 MiB"

# an answer over 64 KiB is cut at a character, with a note; the walk goes on
{
	printf '5\n'
	awk 'BEGIN { for (i = 0; i < 65535; i++) printf "a"; for (i = 0; i < 50; i++) printf "\303\251"; printf "\n" }'
	printf '3\n'
} >"$TMP/long"
cgt walk why --answers "$TMP/long"
status_is "long answer: walk goes on (status 0)" 0
has "long answer: a note says it was cut" "$TMP/out" "That answer was longer than 64 KiB, so only its first 64 KiB were kept."
has "long answer: the next line is the next answer" "$TMP/out" "Your session"
# a line of exactly 64 KiB is kept whole, without a note
awk 'BEGIN { printf "5\n"; for (i = 0; i < 65536; i++) printf "b"; printf "\n" }' >"$TMP/exact"
cgt walk why --answers "$TMP/exact"
lacks "64 KiB answer: no note" "$TMP/out" "longer than 64 KiB"
# crisis words in the first 64 KiB of a long line are still read
awk 'BEGIN { printf "5\ni want to kill myself "; for (i = 0; i < 70000; i++) printf "z"; printf "\nn\n" }' >"$TMP/longcrisis"
cgt walk why --answers "$TMP/longcrisis"
has "long answer: crisis words in it still bring up 988" "$TMP/out" "988"
has "long answer: ... and the crisis resources" "$TMP/out" "Crisis Text Line"

# ---- content files ---------------------------------------------------------

S1=sections/01-why-we-cry.json
# load C FILE... : cry-guide -c C show 1
copy empty && : >"$TMP/empty/$S1" && cgt -c "$TMP/empty" show 1
status_is "empty section file: status 3" 3
has "empty section file: named, with why" "$TMP/err" "$S1:1:1: file is empty"

copy trunc && head -c 100 "$CRY_GUIDE_SRC/content/guide.json" >"$TMP/trunc/guide.json" && cgt -c "$TMP/trunc" list
status_is "truncated guide.json: status 3" 3
has "truncated guide.json: position" "$TMP/err" "invalid JSON: unexpected end of file"

copy huge && awk 'BEGIN { printf "{\"a\": \""; for (i = 0; i < 1100000; i++) printf "x"; printf "\"}\n" }' >"$TMP/huge/$S1"
cgt -c "$TMP/huge" show 1
status_is "huge section file: status 3" 3
has "huge section file: over 1 MiB refused" "$TMP/err" "file is larger than 1 MiB"

copy deep && awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]" }' >"$TMP/deep/$S1"
cgt -c "$TMP/deep" show 1
status_is "deep nesting: status 3" 3
has "deep nesting: refused" "$TMP/err" "nesting is deeper than 64 levels"

copy nul && printf '{"id": "why\000-we-cry"}' >"$TMP/nul/$S1" && cgt -c "$TMP/nul" show 1
status_is "NUL byte: status 3" 3
has "NUL byte: binary file" "$TMP/err" "NUL byte: this looks like a binary file"

copy utf && printf '{"id": "\377\376"}' >"$TMP/utf/$S1" && cgt -c "$TMP/utf" show 1
status_is "invalid UTF-8: status 3" 3
has "invalid UTF-8: the byte" "$TMP/err" "not valid UTF-8 (byte 0xFF)"

copy sur && printf '{"id": "\\ud800"}' >"$TMP/sur/$S1" && cgt -c "$TMP/sur" show 1
status_is "lone surrogate escape: status 3" 3
has "lone surrogate escape: said" "$TMP/err" "a lone surrogate"

copy type && sed 's/"title": "Why we cry"/"title": 42/' "$CRY_GUIDE_SRC/content/$S1" >"$TMP/type/$S1"
cgt -c "$TMP/type" show 1
status_is "wrong type: status 3" 3
has "wrong type: said" "$TMP/err" "'title' must be a string, not a number (/title)"

copy dupkey && sed '0,/"id": "why-we-cry",/s//"id": "why-we-cry", "id": "why-we-cry",/' "$CRY_GUIDE_SRC/content/$S1" >"$TMP/dupkey/$S1"
cgt -c "$TMP/dupkey" show 1
status_is "duplicate key: status 3" 3
has "duplicate key: said" "$TMP/err" "duplicate key 'id'"

copy dupid && sed 's/"id": "emotional-tears"/"id": "why-we-cry"/' "$CRY_GUIDE_SRC/content/sections/02-emotional-tears.json" >"$TMP/dupid/sections/02-emotional-tears.json"
cgt -c "$TMP/dupid" show 1
status_is "duplicate section id: status 3" 3
has "duplicate section id: said" "$TMP/err" "section id 'why-we-cry' does not match"
cgt check "$TMP/dupid"
status_is "duplicate section id: check status 1" 1
has "duplicate section id: check names it" "$TMP/out" "[CG105]"

copy folder && mkdir "$TMP/folder/sections/09-x.json"
cgt check "$TMP/folder"
status_is "folder named x.json: check status 1" 1
has "folder named x.json: CG001" "$TMP/out" "sections/09-x.json: error: cannot open: Is a directory [CG001]"
rm -r "$TMP/folder/$S1" && mkdir "$TMP/folder/$S1" && cgt -c "$TMP/folder" show 1
status_is "folder in place of a section: status 3" 3
has "folder in place of a section: said" "$TMP/err" "$S1: cannot open: Is a directory"

copy fifo && rm "$TMP/fifo/$S1" && mkfifo "$TMP/fifo/$S1" && cgt -c "$TMP/fifo" show 1
status_is "FIFO section file: status 3, no wait" 3
has "FIFO section file: said" "$TMP/err" "cannot open: a FIFO, not a regular file"

copy zero && rm "$TMP/zero/$S1" && ln -s /dev/zero "$TMP/zero/$S1" && cgt -c "$TMP/zero" show 1
status_is "/dev/zero as a section file: status 3" 3
has "/dev/zero as a section file: said" "$TMP/err" "cannot open: a character device, not a regular file"

copy loop && rm "$TMP/loop/$S1" && ln -s loop2 "$TMP/loop/sections/loop1" && ln -s loop1 "$TMP/loop/sections/loop2" &&
	ln -s loop1 "$TMP/loop/$S1" && cgt -c "$TMP/loop" show 1
status_is "symlink loop: status 3" 3
has "symlink loop: said" "$TMP/err" "Too many levels of symbolic links"

copy nosec && rm -r "$TMP/nosec/sections" && cgt -c "$TMP/nosec" list
status_is "no sections/: status 3" 3
has "no sections/: said" "$TMP/err" "cannot open: No such file or directory (section 1 of the manifest"

# Unreadable as a user: root reads anything, so the run drops to nobody.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	copy unread && chmod 755 "$TMP" && chmod 000 "$TMP/unread/guide.json"
	setpriv --reuid=65534 --regid=65534 --clear-groups $CRY_GUIDE_BIN -c "$TMP/unread" list >"$TMP/out" 2>"$TMP/err"
	rc=$?
	status_is "unreadable guide.json: status 3" 3
	has "unreadable guide.json: said" "$TMP/err" "guide.json: cannot open: Permission denied"
	chmod 700 "$TMP"
elif [ "$(id -u)" != 0 ]; then
	copy unread && chmod 000 "$TMP/unread/guide.json" && cgt -c "$TMP/unread" list
	status_is "unreadable guide.json: status 3" 3
	has "unreadable guide.json: said" "$TMP/err" "guide.json: cannot open: Permission denied"
else
	echo "   skip: unreadable file (root without setpriv reads anything)"
fi

# ---- streams ---------------------------------------------------------------

cgt show --all <&-
status_is "stdin closed (show): status 0" 0
"$CRY_GUIDE_BIN" show --all >&- 2>"$TMP/err"
rc=$?
status_is "stdout closed: status 4" 4
has "stdout closed: said" "$TMP/err" "cannot write output: Bad file descriptor"
"$CRY_GUIDE_BIN" show 1 --width=zz 2>&- >"$TMP/out"
rc=$?
status_is "stderr closed: a usage error still exits 2" 2
cgt walk <&-
status_is "stdin closed (walk): status 4" 4
has "stdin closed (walk): said" "$TMP/err" "cannot read answers from standard input: Bad file descriptor"
"$CRY_GUIDE_BIN" show --all >/dev/full 2>"$TMP/err"
rc=$?
status_is "stdout /dev/full: status 4" 4
has "stdout /dev/full: said" "$TMP/err" "cannot write output: No space left on device"
"$CRY_GUIDE_BIN" walk <"$CRY_GUIDE_SRC/tests/data/walk-answers.txt" >/dev/full 2>"$TMP/err"
rc=$?
status_is "walk to /dev/full: status 4" 4
has "walk to /dev/full: said, with 988" "$TMP/err" "988"
# SIGPIPE: a reader that leaves is not an error
"$CRY_GUIDE_BIN" show --all 2>"$TMP/err" | head -1 >/dev/null
empty "closed pipe: nothing on stderr" "$TMP/err"

# SIGTERM and SIGHUP during a walk that waits for an answer (up to 30 s for
# the first question: a busy machine under ASan can be slow to get there)
for sig in TERM HUP; do
	# no output file yet: the one of the run before (which has a "> ")
	# would let the wait below end before this walk has even started, and
	# the signal find it without its handler (death by the default action)
	rm -f "$TMP/wait" "$TMP/out"
	mkfifo "$TMP/wait"
	"$CRY_GUIDE_BIN" walk <"$TMP/wait" >"$TMP/out" 2>"$TMP/err" &
	pid=$!
	exec 9>"$TMP/wait"
	i=0
	while ! grep -q "^> " "$TMP/out" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -s "$sig" "$pid"
	wait "$pid"
	rc=$?
	exec 9>&-
	[ "$sig" = TERM ] && want=143 || want=129
	status_is "SIG$sig during a walk: status $want" "$want"
	has "SIG$sig during a walk: said" "$TMP/err" "stopped by SIG$sig"
	has "SIG$sig during a walk: 988 on stderr" "$TMP/err" "988"
done

# ---- terminal settings -----------------------------------------------------

for w in 0 1 2 10000; do
	cgt show 1 --width "$w"
	status_is "--width $w: status 0" 0
done
for w in -1 10001 99999999999999999999 abc ''; do
	cgt show 1 --width "$w"
	status_is "--width '$w': usage error" 2
	has "--width '$w': said" "$TMP/err" "--width must be a number from 0 to 10000"
done
for c in 0 1 2 -5 abc 99999999999999999999 ''; do
	COLUMNS=$c cgt show 1
	status_is "COLUMNS='$c': status 0" 0
done
COLUMNS=abc cgt show 1
if awk 'length > 80 { exit 1 }' "$TMP/out"; then pass "COLUMNS=abc: 80 columns"; else fail "COLUMNS=abc: 80 columns"; fi
COLUMNS=2 cgt show 1
if tr -d ' \n' <"$TMP/out" | grep -q "call.*988"; then pass "COLUMNS=2: the footer is there, broken up"; else fail "COLUMNS=2: the footer is there"; fi
for term in unset '' dumb "$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "x" }')" 'xterm;rm -rf' "$(printf 'a\033b')"; do
	if [ "$term" = unset ]; then
		(unset TERM && exec timeout "$LIMIT" "$CRY_GUIDE_BIN" walk why) <"$CRY_GUIDE_SRC/tests/data/walk-answers.txt" >"$TMP/out" 2>"$TMP/err"
	else
		TERM=$term timeout "$LIMIT" "$CRY_GUIDE_BIN" walk why <"$CRY_GUIDE_SRC/tests/data/walk-answers.txt" >"$TMP/out" 2>"$TMP/err"
	fi
	rc=$?
	status_is "TERM ${term%"${term#?????????}"}...: walk status 0" 0
	no_escapes "TERM ${term%"${term#?????????}"}...: no escapes" "$TMP/out"
done
(unset HOME && exec "$CRY_GUIDE_BIN" walk why) <"$CRY_GUIDE_SRC/tests/data/walk-answers.txt" >"$TMP/out" 2>"$TMP/err"
rc=$?
status_is "HOME unset: walk status 0" 0
mkdir -p "$TMP/rohome" && chmod 555 "$TMP/rohome"
HOME=$TMP/rohome "$CRY_GUIDE_BIN" walk why <"$CRY_GUIDE_SRC/tests/data/walk-answers.txt" >"$TMP/out" 2>"$TMP/err"
rc=$?
status_is "HOME read-only: walk status 0" 0
HOME=/nonexistent/x "$CRY_GUIDE_BIN" show 1 >"$TMP/out" 2>"$TMP/err"
rc=$?
status_is "HOME missing: show status 0" 0

# ---- names are content too ---------------------------------------------------
#
# A content folder, file names, ids and arguments carrying ESC (OSC, CSI),
# BEL, C1 controls as UTF-8 and as raw bytes, a bidi override, newline,
# tab, %, : and , — every command and format, every byte of stdout and
# stderr scanned.

H=$(printf 'n\033]0;pwn\007\033[31m\302\233""5m\302\235x\233\235y\342\200\256\nz\t%%:,')
N=$TMP/"c-$H"
copy good && mv "$TMP/good" "$N"
copy bad
B=$TMP/"b-$H"
mv "$TMP/bad" "$B"
cp "$B/$S1" "$B/sections/09-$H.json"
cp "$B/$S1" "$B/sections/10-$H"
printf '{"id": "\\u001b]0;t\\u0007\\u009b\\u202e", "title": "\\u001b[2J"}\n' >"$B/sections/11-$H.json"
mkdir "$B/sections/12-$H.json"

i=0
scan() {
	i=$((i + 1))
	clean "names $i ($*): stdout" "$TMP/out"
	clean "names $i ($*): stderr" "$TMP/err"
}
for f in text markdown json; do
	for cmd in list "show --all" prompts "search tears" crisis; do
		# shellcheck disable=SC2086
		cgt -c "$N" $cmd -f "$f" && scan "$cmd -f $f"
		# shellcheck disable=SC2086
		cgt -c "$B" $cmd -f "$f" && scan "broken $cmd -f $f"
		[ "$f" = json ] && [ "$rc" -eq 0 ] && json_is "names: $cmd -f json is JSON" 'true'
	done
	cgt show "$H" -f "$f" && scan "show NAME -f $f"
	cgt search "$H" -f "$f" && scan "search NAME -f $f"
done
cgt -c "$N" walk --answers "$CRY_GUIDE_SRC/tests/data/walk-answers.txt" && scan "walk"
cgt -c "$B" walk && scan "broken walk"
cgt walk --answers "$TMP/$H" && scan "walk --answers NAME"
cgt walk "$H" && scan "walk NAME"
for f in text json sarif github junit; do
	cgt check -f "$f" "$B" "$B/sections/09-$H.json" "$TMP/none-$H"
	scan "check NAME -f $f"
	CRY_GUIDE_TODAY=2999-01-01 cgt check -f "$f" "$N" && scan "check warnings -f $f"
	case $f in
	json | sarif) jq empty "$TMP/out" 2>/dev/null && pass "names: check -f $f is JSON" || fail "names: check -f $f is JSON" ;;
	junit) xmllint --noout "$TMP/out" 2>/dev/null && pass "names: check -f junit is XML" || fail "names: check -f junit is XML" ;;
	esac
done
cgt check -f json "$B"
# JSON keeps a name exact, escaped: the bidi override and the C1 control as \u escapes
jq_ok "names: JSON keeps the name, escaped" '[.findings[].file | select(test("\u202e") and test("\u009b"))] | length > 0' "$TMP/out"
cgt check "$B"
has "names: text shows the name's printable part" "$TMP/out" "/sections/09-n"
cgt "$H" && scan "command NAME"
cgt help "$H" && scan "help NAME"
cgt show 1 -f "$H" && scan "--format NAME"
cgt "--$H" && scan "--option NAME"
cgt -c "$TMP/none-$H" list && scan "-c missing NAME"
CRY_GUIDE_TODAY=$H cgt check && scan "CRY_GUIDE_TODAY NAME"
cgt check --ignore "$H" && scan "--ignore NAME"
exit 0
