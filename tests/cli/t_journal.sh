# t_journal.sh — the private journal: saving from walk, reading it back, modes, torn and hostile lines, encryption.
. "$(dirname "$0")/lib.sh"

# Never the real home: every journal here lives under $TMP.
export HOME="$TMP/home"
mkdir -m 700 "$HOME"
unset XDG_DATA_HOME CRY_GUIDE_JOURNAL CRY_GUIDE_PASSPHRASE_FD
export CRY_GUIDE_PWHASH_LIMITS=min TZ=UTC
J="$TMP/j/journal.jsonl"
mkdir -m 700 "$TMP/j"

# save INPUT ARGS...: a scripted walk of why-we-cry with --save to $J
save() {
	input=$1
	shift
	# shellcheck disable=SC2059
	printf "$input" >"$TMP/in"
	cg walk --save --journal "$J" "$@" why-we-cry <"$TMP/in"
}
jq_quiet() { jq -e "$@" >/dev/null 2>&1; }
lines() { wc -l <"$1" | tr -d ' '; }

# ---- saving ----
cg walk --journal "$J" why-we-cry <<EOF2
4
nothing saved without --save
EOF2
status_is "walk without --save exits 0" 0
if [ -e "$J" ]; then fail "scripted walk without --save writes nothing"; else pass "scripted walk without --save writes nothing"; fi
has "walk without --save says nothing was saved" "$TMP/out" "Nothing from this session was saved."

save '4\nfirst answer apple\n7\n1,3\n\n3\n'
status_is "walk --save exits 0" 0
has "walk --save says saved" "$TMP/out" "Saved to your private journal as"
save '2\nsecond answer banana\n'
status_is "second save exits 0" 0
has "an early end is saved marked incomplete" "$TMP/out" "(marked incomplete)"
ok "two saves keep both entries" [ "$(lines "$J")" = 2 ]
jq_ok "every line is an entry with schema 1" '.schema == 1 and (.id | test("^[0-9a-z]{11}$"))' "$J"
jq_ok "the entry holds prompt id, text and answer" \
	'.answers | all(has("section") and has("prompt_id") and has("prompt") and has("answer"))' "$J"
ok "the first entry is complete, the second incomplete" \
	[ "$(jq -r .incomplete "$J" | tr '\n' ' ')" = "false true " ]
ok "times are RFC 3339 UTC" jq_quiet -s 'all(.[]; .start | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$"))' "$J"

# nothing about a crisis match is kept
save '4\nI want to kill myself\ny\n\n\n\n3\n'
last=$(tail -n 1 "$J")
case $last in *kill*) fail "a crisis line is never saved" ;; *) pass "a crisis line is never saved" ;; esac
case $last in *crisis* | *match*) fail "that a match happened is not recorded" ;; *) pass "that a match happened is not recorded" ;; esac

# ---- modes from creation, even with umask 000 ----
(umask 000 && printf '3\nmodes\n' | "$CRY_GUIDE_BIN" walk --save why-we-cry >/dev/null 2>"$TMP/err")
D="$HOME/.local/share/cry-guide"
ok "the default folder is 0700 from creation (umask 000)" [ "$(stat -c %a "$D")" = 700 ]
ok "the default journal is 0600 from creation (umask 000)" [ "$(stat -c %a "$D/journal.jsonl")" = 600 ]
XDG="$TMP/xdg"
mkdir -m 700 "$XDG"
printf '3\nxdg\n' | XDG_DATA_HOME="$XDG" "$CRY_GUIDE_BIN" walk --save why-we-cry >/dev/null 2>&1
ok "XDG_DATA_HOME is honoured" [ -s "$XDG/cry-guide/journal.jsonl" ]
printf '3\nenv\n' | CRY_GUIDE_JOURNAL="$TMP/j/env.jsonl" "$CRY_GUIDE_BIN" walk --save why-we-cry >/dev/null 2>&1
ok "CRY_GUIDE_JOURNAL is honoured" [ -s "$TMP/j/env.jsonl" ]

# ---- reading ----
cg journal list --journal "$J"
status_is "journal list exits 0" 0
ok "journal list: one line an entry off a terminal" [ "$(lines "$TMP/out")" = 3 ]
has "journal list off a terminal: crisis line on stderr" "$TMP/err" "988"
first=$(sed -n 3p "$TMP/out" | cut -f1)
newest=$(sed -n 1p "$TMP/out" | cut -f1)
ok "journal list: newest first" [ "$newest" = "$(tail -n 1 "$J" | jq -r .id)" ]
cg journal list --journal "$J" --limit 1
ok "journal list --limit 1" [ "$(lines "$TMP/out")" = 1 ]
cg journal list --journal "$J" --since 2000-01-01 --until 2000-12-31
ok "journal list --since/--until: nothing in 2000" [ "$(lines "$TMP/out")" = 0 ]
cg journal list --journal "$J" --since 2001-01-01
ok "journal list --since 2001: all" [ "$(lines "$TMP/out")" = 3 ]
cg journal list --journal "$J" --since yesterday
status_is "journal list --since with a bad date: usage error" 2

cg journal show --journal "$J" "$first"
status_is "journal show ID exits 0" 0
has "journal show shows the answer" "$TMP/out" "first answer apple"
has "journal show shows the prompt" "$TMP/out" "What did you learn growing up"
has "journal show has the crisis footer" "$TMP/out" "988"
has "journal show has the disclaimer" "$TMP/out" "not medical"
cg journal show --journal "$XDG/cry-guide/journal.jsonl" 1
status_is "journal show with a unique prefix exits 0" 0
has "journal show with a unique prefix: that entry" "$TMP/out" "xdg"
cg journal show --journal "$J" 1
status_is "journal show with an ambiguous prefix exits 1" 1
has "an ambiguous prefix names the candidates" "$TMP/err" "is ambiguous (could be: "
cg journal show --journal "$J" -f json "$first"
json_is "journal show -f json: entry and crisis" '.entry.id != null and (.crisis | length > 0) and (.disclaimer | length > 0)'
cg journal show --journal "$J" -f markdown "$first"
has "journal show -f markdown: crisis footer" "$TMP/out" "988"

cg journal search --journal "$J" BANANA
status_is "journal search finds an answer in either case" 0
has "journal search prints the answer" "$TMP/out" "second answer banana"
lacks "journal search prints only matches" "$TMP/out" "apple"
cg journal search --journal "$J" banana apple
status_is "journal search: every TERM must be in one answer" 1

cg journal export --journal "$J" --format json
json_is "journal export --format json | jq" '(.entries | length) == 3 and (.crisis | length > 0)'
cg journal export --journal "$J" --format jsonl
jq_ok "journal export --format jsonl: one entry a line" '.schema == 1' "$TMP/out"
cg journal export --journal "$J" --format markdown
has "journal export markdown: a heading per entry" "$TMP/out" "## Reflection $first"
has "journal export markdown: crisis footer" "$TMP/out" "988"
cg journal export --journal "$J" --format json --since 2999-01-01
json_is "journal export --since: none after 2999" '(.entries | length) == 0'

cg journal trend --journal "$J"
status_is "journal trend in a pipe exits 0" 0
ok "journal trend in a pipe: a plain list" grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z	4	3$' "$TMP/out"
no_escapes "journal trend in a pipe: no escapes" "$TMP/out"
cg journal trend --journal "$J" --format json
json_is "journal trend --format json" '(.entries | length) == 3 and .entries[0].before == 4'

# ---- every format sanitised: an answer with escapes, C1 and bidi ----
esc=$(printf 'evil \033]0;pwned\007 \033[31mred\302\233 \342\200\256bidi')
printf '3\n%s\n' "$esc" >"$TMP/in"
cg walk --save --journal "$J" why-we-cry <"$TMP/in"
for f in text json markdown jsonl; do
	cg journal export --journal "$J" --format "$f"
	no_escapes "journal export --format $f: no escape reaches the terminal" "$TMP/out"
	if LC_ALL=C grep -q "$(printf '\302\233\|\342\200\256')" "$TMP/out"; then
		fail "journal export --format $f: no C1 or bidi control"
	else pass "journal export --format $f: no C1 or bidi control"; fi
done
cg journal search --journal "$J" evil
no_escapes "journal search: no escapes" "$TMP/out"

# ---- delete ----
cp "$J" "$TMP/before"
cg journal delete --journal "$J" nosuchid
status_is "delete of a missing id exits 1" 1
ok "delete of a missing id changes nothing" cmp -s "$J" "$TMP/before"
has "delete of a missing id says so" "$TMP/err" "no reflection 'nosuchid'"
n=$(lines "$J")
cg journal delete --journal "$J" "$first"
status_is "delete ID exits 0 (off a terminal it does not ask)" 0
ok "delete ID removes one line" [ "$(lines "$J")" = $((n - 1)) ]
if grep -q "$first" "$J"; then fail "delete ID removes that entry"; else pass "delete ID removes that entry"; fi
ok "the journal stays 0600 after a rewrite" [ "$(stat -c %a "$J")" = 600 ]
ok "no temporary file is left" [ "$(ls "$TMP/j" | grep -c tmp)" = 0 ]

# ---- torn and foreign lines ----
printf '{"schema":1,"id":"torn' >>"$J"
t=$(lines "$J")
cg journal list --journal "$J"
status_is "a torn last line: list still exits 0" 0
has "a torn last line is named by its line" "$TMP/err" "line $((t + 1)) is cut short"
ok "the lines before a torn one are read" [ "$(lines "$TMP/out")" = "$t" ]
save '5\nafter the tear\n'
status_is "a save after a torn line exits 0" 0
ok "the next save starts on a fresh line" [ "$(tail -n 1 "$J" | jq -r '.answers[0].answer')" = "after the tear" ]
cg journal list --journal "$J"
ok "after the tear: every entry is read" [ "$(lines "$TMP/out")" = $((t + 1)) ]
# the torn tail was a save that never said "saved": the next save cut it off
ok "after the tear: the torn tail is gone, every line whole" jq_quiet . "$J"
if grep -q '"id":"torn' "$J"; then fail "after the tear: the torn tail is cut off"; else pass "after the tear: the torn tail is cut off"; fi
if grep -q "is cut short\|is not a journal entry" "$TMP/err"; then fail "after the tear: no warning is left"; else pass "after the tear: no warning is left"; fi
# a last line that is a whole entry without its newline (written by hand) is kept
K="$TMP/j/kept.jsonl"
tail -n 1 "$J" | tr -d '\n' >"$K"
chmod 600 "$K"
save_to() { printf "$2" | CRY_GUIDE_JOURNAL=$1 "$CRY_GUIDE_BIN" walk --save why >/dev/null 2>&1; }
save_to "$K" '5\nafter a whole line\n'
ok "a whole last line without its newline is kept" [ "$(grep -c . "$K")" = 2 ]
ok "and the next save starts on a fresh line" jq_quiet . "$K"

# hostile: garbage, binary, an overlong line, a newer schema
H="$TMP/j/hostile.jsonl"
{ printf 'garbage\n\000\001\002\n{"schema":99,"id":"x"}\n'; head -c 1100000 /dev/zero | tr '\0' 'a'; printf '\n'; tail -n 1 "$J"; } >"$H"
chmod 600 "$H"
cg journal list --journal "$H"
status_is "hostile lines: list exits 0" 0
has "garbage is named by its line" "$TMP/err" "line 1 is not a journal entry"
has "a newer schema is named" "$TMP/err" "line 3 is from a newer cry-guide"
has "an overlong line is named" "$TMP/err" "line 4 is longer than 1 MiB"
ok "the good line after them is read" [ "$(lines "$TMP/out")" = 1 ]
cg journal delete --journal "$H" --yes "$(tail -n 1 "$H" | jq -r .id)"
status_is "a rewrite refuses an overlong line (status 4)" 4
has "a rewrite refuses an overlong line, saying so" "$TMP/err" "nothing was changed"

# ---- refused in its place ----
G="$TMP/j/group.jsonl"
cp "$J" "$G"
chmod 640 "$G"
cg journal list --journal "$G"
status_is "a group-readable journal is refused (status 4)" 4
has "a group-readable journal: how to fix it" "$TMP/err" "chmod 600 '$G'"
save '3\nx\n' --journal "$G"
status_is "saving to a group-readable journal is refused (status 4)" 4
ln -s "$J" "$TMP/j/link.jsonl"
cg journal list --journal "$TMP/j/link.jsonl"
status_is "a symlinked journal is refused (status 4)" 4
has "a symlinked journal: says so" "$TMP/err" "is a symbolic link"
printf '3\nx\n' >"$TMP/in"
cg walk --save --journal "$TMP/j/link.jsonl" why-we-cry <"$TMP/in"
status_is "saving through a symlink is refused (status 4)" 4
has "a failed save says so on stdout" "$TMP/out" "could not be saved"
has "a failed save still shows the crisis line" "$TMP/out" "988"
mkdir -m 700 "$TMP/j/dir.jsonl"
cg journal list --journal "$TMP/j/dir.jsonl"
status_is "a folder as the journal is refused (status 4)" 4
has "a folder as the journal: says so" "$TMP/err" "is a folder"
mkfifo -m 600 "$TMP/j/fifo.jsonl"
cg journal list --journal "$TMP/j/fifo.jsonl"
status_is "a FIFO as the journal is refused (status 4, no hang)" 4
has "a FIFO as the journal: says so" "$TMP/err" "is a FIFO"
cg journal list --journal /dev/null
status_is "a device as the journal is refused" 4
mkdir -m 755 "$TMP/open"
cg walk --save --journal "$TMP/open/j.jsonl" why-we-cry <"$TMP/in"
status_is "a folder others can read is refused" 4
has "an open folder: how to fix it" "$TMP/err" "chmod 700"
(unset HOME; "$CRY_GUIDE_BIN" journal list >"$TMP/out" 2>"$TMP/err"; echo $? >"$TMP/rc")
ok "HOME unset: status 4" [ "$(cat "$TMP/rc")" = 4 ]
has "HOME unset: says so" "$TMP/err" "HOME is not set"
mkdir -m 500 "$TMP/rohome"
(HOME="$TMP/rohome" "$CRY_GUIDE_BIN" walk --save why-we-cry <"$TMP/in" >"$TMP/out" 2>"$TMP/err"; echo $? >"$TMP/rc")
if [ "$(id -u)" = 0 ]; then pass "read-only HOME (root writes anyway)"; else
	ok "read-only HOME: status 4" [ "$(cat "$TMP/rc")" = 4 ]
	has "read-only HOME: says so" "$TMP/err" "cannot create the journal's folder"
fi
cg journal list --journal "$TMP/j/none.jsonl"
status_is "no journal yet: status 1" 1

# ---- two sessions saving at once ----
C="$TMP/j/concurrent.jsonl"
i=0
while [ $i -lt 12 ]; do
	printf '3\nconcurrent %s %s\n' "$i" "$(head -c 3000 /dev/zero | tr '\0' 'x')" |
		"$CRY_GUIDE_BIN" walk --save --journal "$C" why-we-cry >/dev/null 2>&1 &
	i=$((i + 1))
done
wait
ok "twelve sessions saving at once: twelve lines" [ "$(lines "$C")" = 12 ]
jq_ok "twelve sessions saving at once: every line whole" '.schema == 1' "$C"

# ---- SIGTERM and SIGHUP during a session with --save ----
# The signal comes once the walk asks the second question, so the first
# answer has been read (up to 30 s: under ASan, on a busy machine, the walk
# took 0.68 s to get there, and a fixed 0.3 s sleep failed)
for sig in TERM HUP; do
	F="$TMP/fifo-$sig"
	mkfifo "$F"
	rm -f "$TMP/out"
	"$CRY_GUIDE_BIN" walk --save --journal "$TMP/j/sig.jsonl" why-we-cry <"$F" >"$TMP/out" 2>"$TMP/err" &
	pid=$!
	exec 7>"$F"
	printf '6\nsignal %s\n' "$sig" >&7
	i=0
	while ! grep -q 'question 2 of 4' "$TMP/out" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -s "$sig" "$pid"
	wait "$pid"
	rc=$?
	exec 7>&-
	want=143
	[ "$sig" = HUP ] && want=129
	status_is "SIG$sig during a session with --save: status $want" "$want"
	ok "SIG$sig: what was answered is saved, incomplete" \
		[ "$(tail -n 1 "$TMP/j/sig.jsonl" | jq -r '[.answers[0].answer, .incomplete] | join(" ")')" = "signal $sig true" ]
	has "SIG$sig: says it stopped" "$TMP/err" "stopped by SIG$sig"
done

# ---- encryption ----
E="$TMP/j/enc.jsonl"
printf 'correct horse\n' >"$TMP/pass"
printf 'wrong horse\n' >"$TMP/bad"
esave() { # INPUT
	printf "$1" >"$TMP/in"
	CRY_GUIDE_PASSPHRASE_FD=3 cg walk --save --encrypt --journal "$E" why-we-cry <"$TMP/in" 3<"$TMP/pass"
}
esave '4\nsecret plum pudding\n'
status_is "walk --save --encrypt exits 0" 0
esave '5\nsecret quince jam\n'
esave '6\nsecret raspberry tart\n'
ok "an encrypted journal: header and three lines" [ "$(lines "$E")" = 4 ]
for w in plum quince raspberry secret; do
	if grep -q "$w" "$E"; then fail "no plaintext of '$w' in the encrypted file"; else pass "no plaintext of '$w' in the encrypted file"; fi
done
CRY_GUIDE_PASSPHRASE_FD=3 cg journal export --journal "$E" --format json 3<"$TMP/pass"
json_is "encrypted round trip: every answer back" '[.entries[].answers[0].answer] == ["secret plum pudding", "secret quince jam", "secret raspberry tart"]'
cp "$E" "$TMP/ebefore"
CRY_GUIDE_PASSPHRASE_FD=3 cg journal list --journal "$E" 3<"$TMP/bad"
status_is "a wrong passphrase exits 4" 4
has "a wrong passphrase says so" "$TMP/err" "wrong passphrase"
printf '3\nx\n' >"$TMP/in"
CRY_GUIDE_PASSPHRASE_FD=3 cg walk --save --journal "$E" why-we-cry <"$TMP/in" 3<"$TMP/bad"
status_is "saving with a wrong passphrase exits 4" 4
CRY_GUIDE_PASSPHRASE_FD=3 cg journal decrypt --journal "$E" 3<"$TMP/bad"
status_is "decrypt with a wrong passphrase exits 4" 4
ok "a wrong passphrase changes nothing" cmp -s "$E" "$TMP/ebefore"
cg journal list --journal "$E" </dev/null
status_is "an encrypted journal with no terminal and no descriptor: status 4" 4
has "no passphrase source: says how" "$TMP/err" "CRY_GUIDE_PASSPHRASE_FD"
# flip one byte in the middle of the second entry
awk 'NR == 3 { m = int(length($0) / 2); c = substr($0, m, 1); $0 = substr($0, 1, m - 1) (c == "A" ? "B" : "A") substr($0, m + 1) } { print }' "$TMP/ebefore" >"$E"
CRY_GUIDE_PASSPHRASE_FD=3 cg journal export --journal "$E" --format json 3<"$TMP/pass"
status_is "a flipped byte: export still exits 0" 0
has "a flipped byte: that entry is named" "$TMP/err" "line 3 cannot be decrypted"
json_is "a flipped byte: the others read" '[.entries[].answers[0].answer] == ["secret plum pudding", "secret raspberry tart"]'
cp "$TMP/ebefore" "$E"
CRY_GUIDE_PASSPHRASE_FD=3 cg journal decrypt --journal "$E" 3<"$TMP/pass"
status_is "journal decrypt exits 0" 0
jq_ok "decrypted: plain entries again" '.schema == 1' "$E"
CRY_GUIDE_PASSPHRASE_FD=3 cg journal encrypt --journal "$E" 3<"$TMP/pass"
status_is "journal encrypt exits 0" 0
if grep -q plum "$E"; then fail "journal encrypt leaves no plaintext"; else pass "journal encrypt leaves no plaintext"; fi
ok "journal encrypt keeps the mode 0600" [ "$(stat -c %a "$E")" = 600 ]
CRY_GUIDE_PASSPHRASE_FD=3 cg journal search --journal "$E" quince 3<"$TMP/pass"
status_is "search an encrypted journal" 0
has "search an encrypted journal: the answer" "$TMP/out" "secret quince jam"
CRY_GUIDE_PASSPHRASE_FD=3 cg journal encrypt --journal "$J" 3<"$TMP/pass"
n=$(lines "$J")
CRY_GUIDE_PASSPHRASE_FD=3 cg journal list --journal "$J" 3<"$TMP/pass"
status_is "a plain journal with torn and foreign lines encrypts, and reads" 0
printf '3\nplain into sealed\n' >"$TMP/in"
CRY_GUIDE_PASSPHRASE_FD=3 cg walk --save --journal "$J" why-we-cry <"$TMP/in" 3<"$TMP/pass"
status_is "a save to an encrypted journal asks for its passphrase" 0
if grep -q 'plain into sealed' "$J"; then fail "a save to an encrypted journal is sealed"; else pass "a save to an encrypted journal is sealed"; fi
cg journal delete --journal "$J" --all --yes
status_is "delete --all on an encrypted journal needs no passphrase" 0
ok "delete --all keeps only the header" [ "$(lines "$J")" = 1 ]
CRY_GUIDE_PASSPHRASE_FD=3 cg journal list --journal "$J" 3<"$TMP/pass"
ok "after delete --all: nothing is listed" [ "$(lines "$TMP/out")" = 0 ]
