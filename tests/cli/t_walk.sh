# t_walk.sh — the guided session in scripted mode: answers from a pipe or a file.
. "$(dirname "$0")/lib.sh"

# cg_in INPUT ARGS...: run cry-guide with INPUT (printf format) on stdin.
cg_in() {
	input=$1
	shift
	# shellcheck disable=SC2059
	printf "$input" >"$TMP/in"
	cg "$@" <"$TMP/in"
}

# has_words NAME FILE TEXT: like has, with runs of spaces squeezed to one
has_words() {
	if tr '\n' ' ' <"$2" | tr -s ' ' | grep -qF -- "$3"; then pass "$1"; else fail "$1" "$2 lacks '$3'"; fi
}

# Enough empty answers for every question of the whole guide.
blanks=$(awk 'BEGIN { for (i = 0; i < 60; i++) printf "\\n" }')

cg_in "$blanks" walk
status_is "walk: whole guide exits 0" 0
for title in "[1/8] Why we cry" "[2/8] Emotional tears and mental health" \
	"[3/8] The emotional benefits of crying" "[4/8] The physical benefits of crying" \
	"[5/8] Crying in a healthy way" "[6/8] Support and acceptance" \
	"[7/8] When to seek help" "[8/8] Finding support"; do
	has "walk: shows $title" "$TMP/out" "$title"
done
has "walk: opens with the title" "$TMP/out" "Is crying good for you? A guided reflection"
has "walk: asks the check-in" "$TMP/out" "How intense are your feelings right now"
has "walk: asks the check-out" "$TMP/out" "Now that you have reached the end"
has "walk: shows the summary" "$TMP/out" "Your session"
has_words "walk: counts the sections" "$TMP/out" "Sections: 8 of 8"
has_words "walk: counts the prompts" "$TMP/out" "Questions answered: 0 of 29"
has "walk: says nothing was saved" "$TMP/out" "Nothing from this session was saved"
lacks "walk: no promise of a later version" "$TMP/out" "planned"
has "walk: the opening mentions --brief" "$TMP/out" "cry-guide walk --brief shows only each section's summary and key points"
has "walk: the opening names the short commands" "$TMP/out" ":crisis (or :c)"
has "walk: each question has its section above it" "$TMP/out" "[2/8] Emotional tears and mental health · question 1 of"
has "walk: the header counts the questions" "$TMP/out" "[8/8] Finding support · question 1 of"
lacks "walk: nothing pauses off a terminal" "$TMP/out" "Enter for more"
lacks "walk: no brief offer off a terminal" "$TMP/out" "This window is short"
has "walk: says how to come back" "$TMP/out" "Come back any time:"
has "walk: come back to one section" "$TMP/out" "cry-guide walk 5  one section"
has "walk: shows the closing text" "$TMP/out" "Thank you for giving yourself this time"
has "walk: shows the 988 line" "$TMP/out" "call or text 988"
has "walk: shows the disclaimer" "$TMP/out" "not medical advice"
no_escapes "walk: no escapes off a terminal" "$TMP/out"
ok "walk: nothing on stderr" test ! -s "$TMP/err"
ok "walk: shows the crisis line at the start" \
	test "$(grep -n '988' "$TMP/out" | head -1 | cut -d: -f1)" -lt 20

cg_in "$blanks" walk --width 60
ok "walk: --width wraps to 60 columns" test "$(wc -L <"$TMP/out")" -le 60
ok "walk: --width 60 is used" test "$(wc -L <"$TMP/out")" -ge 55

cg_in "$blanks"
status_is "no command runs the walk" 0
has "no command: shows the sections" "$TMP/out" "[8/8] Finding support"

cg_in "$blanks" walk why-we-cry
status_is "walk SECTION exits 0" 0
has "walk SECTION: shows that section" "$TMP/out" "[1/1] Why we cry"
lacks "walk SECTION: no other section" "$TMP/out" "Emotional tears and mental health"
has "walk SECTION: its paragraphs" "$TMP/out" "attachment behavior"

cg_in "$blanks" walk 7 why
status_is "walk two sections exits 0" 0
has "walk two sections: the first as given" "$TMP/out" "[1/2] When to seek help"
has "walk two sections: the second as given" "$TMP/out" "[2/2] Why we cry"

cg_in "$blanks" walk --brief why-we-cry
status_is "walk --brief exits 0" 0
has "walk --brief: the summary" "$TMP/out" "Crying is one of the very first things we do"
has "walk --brief: the key points" "$TMP/out" "For most people, crying starts at birth."
lacks "walk --brief: no paragraphs" "$TMP/out" "A baby has no words yet"
has "walk --brief: still asks the prompts" "$TMP/out" "How uneasy do you feel about crying"

# every prompt kind, a bad scale answer, a choice, the check-out
cg_in '5\nI learned to hide it\n11\neleven\n7\n1,3\n9 9\nfriends\n4\n' walk why
status_is "walk answers: exits 0" 0
has "walk answers: re-asks an out-of-range scale" "$TMP/out" "Please type a whole number from 0 (At ease with it) to 10 (Very uneasy)"
has "walk answers: numbered choices" "$TMP/out" "1) Sadness or loss"
has_words "walk answers: counts what was answered" "$TMP/out" "Questions answered: 4 of 4"
has "walk answers: the change in rating" "$TMP/out" "5 at the start, 4 at the end (1 lower)"
lacks "walk answers: answers are not echoed" "$TMP/out" "I learned to hide it"
# shown back only on a terminal: written to a file, that would be saving them
lacks "walk answers: not shown back off a terminal" "$TMP/out" "What you wrote"
ok "walk answers: two re-asks for 11 and eleven" test "$(grep -c 'Please type a whole number from 0 (' "$TMP/out")" -eq 2

# scales take a number a person would write: 7/10, 7 out of 10, seven
for form in '7/10' '7 / 10' '7 out of 10' '7 of 10' 'seven' 'SEVEN' '  Seven  ' '7.' 'seven out of ten'; do
	cg_in "5\n\n$form\n\n\n3\n" walk why
	has_words "walk: the scale takes '$form'" "$TMP/out" "Questions answered: 1 of 4"
	lacks "walk: '$form' is not asked again" "$TMP/out" "Please type a whole number"
done
cg_in '7/10\n\n\n\n\nthree out of 10\n' walk why
has "walk: the ratings take them too" "$TMP/out" "7 at the start, 3 at the end (4 lower)"
for form in '11/10' '7/5' '11 out of 10' 'eleven' '-1' '7/' '/10' 'seven-ish' '7 out of' 'out of 10'; do
	cg_in "5\n\n$form\n\n\n\n3\n" walk why
	has "walk: the scale refuses '$form'" "$TMP/out" "Please type a whole number"
	has_words "walk: '$form' is not counted" "$TMP/out" "Questions answered: 0 of 4"
done

cg_in '2\n\n\n\n\n9\n' walk why
has "walk: a high check-out brings the crisis line back" "$TMP/out" "Your feelings sound very strong right now"
cg_in '2\n\n\n\n\n4\n' walk why
lacks "walk: a calm check-out does not" "$TMP/out" "Your feelings sound very strong right now"
cg_in '2\n\n\n\n\n5\n' walk why
has "walk: a rise of 3 brings the crisis line back" "$TMP/out" "Your feelings sound very strong right now"

cg_in '1\n\n\n8,9\n1 5\n\n\n' walk why
has "walk: out-of-range choice re-asks" "$TMP/out" "Please type one or more numbers from 1 to 7"
has_words "walk: a choice with spaces is taken" "$TMP/out" "Questions answered: 1 of 4"

# end of input in the middle
cg_in '5\nsomething\n' walk
status_is "walk: end of input mid-session exits 0" 0
has "walk: end of input says the session ended" "$TMP/out" "The session ended early"
has_words "walk: end of input shows the summary" "$TMP/out" "Questions answered: 1 of 29"
has "walk: end of input shows the 988 line" "$TMP/out" "call or text 988"
has "walk: end of input shows the disclaimer" "$TMP/out" "not medical advice"
ok "walk: end of input ends with the disclaimer" sh -c "tail -3 '$TMP/out' | grep -q 'mental'"

cg walk
status_is "walk: empty input exits 0" 0
has "walk: empty input shows the 988 line at the end" "$TMP/out" "The session ended early"

cg_in '5\n:quit\nnever read\n' walk
status_is "walk: :quit exits 0" 0
has_words "walk: :quit ends with the summary" "$TMP/out" "Sections: 0 of 8"
has "walk: :quit shows the 988 line" "$TMP/out" "call or text 988"
has "walk: :quit is gentle" "$TMP/out" "The session ended early, and that is okay"
has "walk: :quit before a section: how to come back" "$TMP/out" "You can come back whenever you are ready:"

cg_in ':help\n:crisis\n3\n' walk why
has "walk: :help shows the keys" "$TMP/out" "Keys at any question"
has "walk: :crisis shows the resources" "$TMP/out" "Text HOME to 741741"
has "walk: :crisis asks the question again" "$TMP/out" "3 at the start"

# the short forms, any case
cg_in ':h\n:C\n3\n:Q\nnever read\n' walk why
status_is "walk: :h :c :q exit 0" 0
has "walk: :h shows the keys" "$TMP/out" "Keys at any question"
has "walk: :h lists the short forms" "$TMP/out" ":crisis, :c"
has "walk: :h lists :q" "$TMP/out" ":quit, :q"
has "walk: :C shows the resources" "$TMP/out" "Crisis and support resources"
has "walk: :C asks the question again" "$TMP/out" "3 at the start"
has "walk: :Q ends the session" "$TMP/out" "The session ended early"
has_words "walk: :Q is not an answer" "$TMP/out" "Questions answered: 0 of 4"

# a :word that is not a command is refused, with the list, and asked again
cg_in '5\n:skip\n:exit\n\n\n\n\n3\n' walk why
status_is "walk: unknown :words exit 0" 0
has "walk: an unknown :word is refused" "$TMP/out" '":skip" is not a command.'
has "walk: with the list of commands" "$TMP/out" "The commands are :crisis (or :c) for crisis resources, :help (:h) for the keys and :quit (:q) to stop."
has "walk: every unknown :word is refused" "$TMP/out" '":exit" is not a command.'
ok "walk: the question is asked again after each" test "$(grep -c 'Why we cry · question 1 of 4' "$TMP/out")" -eq 3
has_words "walk: an unknown :word is not counted" "$TMP/out" "Questions answered: 0 of 4"
has "walk: the walk goes on" "$TMP/out" "5 at the start, 3 at the end"
# ":)" or ": so tired" are answers, not commands
cg_in '5\n:)\n\n\n: so tired\n3\n' walk why
lacks "walk: ':)' is not refused" "$TMP/out" "is not a command"
has_words "walk: ':)' and ': so tired' are answers" "$TMP/out" "Questions answered: 2 of 4"
# at a scale, an unknown :word is refused, not called a bad number
cg_in ':later\n3\n' walk why
has "walk: an unknown :word at a scale is refused" "$TMP/out" '":later" is not a command.'
lacks "walk: ...not called a bad number" "$TMP/out" "Please type a whole number"

# how to come back: the section it stopped in and the rest
cg_in '5\n\n\n\n\n:q\n' walk why 3 4
has "walk: stopped in the second section: how to pick up" "$TMP/out" "pick up where you stopped:"
has "walk: stopped in the second section: the command" "$TMP/out" "  cry-guide walk 3 4"
cg_in '5\n\n:q\n' walk --brief 7 why
has "walk: stopped in a chosen section: the rest, brief" "$TMP/out" "  cry-guide walk --brief 7 1"
cg_in '5\n' walk 7 why
has "walk: the end of input: how to come back" "$TMP/out" "  cry-guide walk 7 1"

# --answers FILE
cg walk --answers "$CRY_GUIDE_SRC/tests/data/walk-answers.txt" why-we-cry
status_is "walk --answers exits 0" 0
has_words "walk --answers: the answers are read" "$TMP/out" "Questions answered: 4 of 4"
has "walk --answers: the ratings" "$TMP/out" "6 at the start, 3 at the end (3 lower)"
has "walk --answers: the re-ask" "$TMP/out" "Please type a whole number"
cg walk -a "$CRY_GUIDE_SRC/tests/data/walk-answers.txt" why-we-cry </dev/null
has_words "walk -a: reads the file, not stdin" "$TMP/out" "Questions answered: 4 of 4"
cg walk --answers "$TMP/no-such-file"
status_is "walk --answers missing file exits 2" 2
has "walk --answers missing file is named" "$TMP/err" "cannot open '$TMP/no-such-file'"
has "walk --answers missing file: the 988 line" "$TMP/err" "988"
ok "walk --answers missing file: nothing on stdout" test ! -s "$TMP/out"

# answers that cannot be read are an error, not an end of input
mkdir "$TMP/answers-dir"
cg walk --answers "$TMP/answers-dir"
status_is "walk --answers DIR exits 4" 4
has "walk --answers DIR: says why" "$TMP/err" "cry-guide: cannot read answers from '$TMP/answers-dir': Is a directory"
has "walk --answers DIR: the 988 line on stderr" "$TMP/err" "call or text 988"
has "walk --answers DIR: the disclaimer on stderr" "$TMP/err" "not medical advice"
has "walk --answers DIR: the session says it ended" "$TMP/out" "could not be read"
cg walk <&-
status_is "walk with stdin closed exits 4" 4
has "walk with stdin closed: says why" "$TMP/err" "cry-guide: cannot read answers from standard input: Bad file descriptor"
has "walk with stdin closed: the 988 line on stderr" "$TMP/err" "call or text 988"
has "walk with stdin closed: the disclaimer on stderr" "$TMP/err" "not medical advice"

# CRLF answers
cg_in '5\r\n\r\n7\r\n2\r\n\r\n4\r\n' walk why
has_words "walk: CRLF lines are read as lines" "$TMP/out" "Questions answered: 2 of 4"

# crisis language in scripted input
cg_in '5\nI don\342\200\231t want to be here anymore\n\n\n\n\n\n' walk why
status_is "walk crisis phrase: exits 0" 0
has "walk crisis phrase: gentle words" "$TMP/out" "You don't have to go through this alone"
has "walk crisis phrase: the 988 line" "$TMP/out" "988 (Suicide & Crisis Lifeline"
has "walk crisis phrase: the resources" "$TMP/out" "Text HOME to 741741"
has "walk crisis phrase: asks to continue" "$TMP/out" "Would you like to keep going? [Y/n]"
has "walk crisis phrase: goes on" "$TMP/out" "How uneasy do you feel about crying"
has_words "walk crisis phrase: the answer is not kept" "$TMP/out" "Questions answered: 0 of 4"
lacks "walk crisis phrase: the words are not echoed" "$TMP/out" "want to be here"
ok "walk crisis phrase: resources come before the next question" sh -c \
	"awk '/741741/ { r = NR } /How uneasy do you feel/ { q = NR } END { exit !(r && q && r < q) }' '$TMP/out'"

# a NUL byte does not hide the rest of the line from the crisis matcher
cg_in '5\nok\0I want to kill myself\n\n\n\n\n\n' walk why
status_is "walk NUL in an answer: exits 0" 0
has "walk NUL in an answer: the words after it are read" "$TMP/out" "You don't have to go through this alone"
has_words "walk NUL in an answer: the answer is not kept" "$TMP/out" "Questions answered: 0 of 4"

cg_in '5\n\nkms\n' walk why
has "walk: crisis slang where a number is expected" "$TMP/out" "You don't have to go through this alone"
lacks "walk: crisis text is not called a bad number" "$TMP/out" "Please type a whole number"

cg_in 'I want to die\nn\n' walk
status_is "walk crisis at the check-in, then n: exits 0" 0
has "walk crisis at the check-in: the resources" "$TMP/out" "Call or text 988"
lacks "walk crisis then n: no section follows" "$TMP/out" "[1/8]"
has "walk crisis then n: the disclaimer" "$TMP/out" "not medical advice"
# the close: 988 first, a kind word, the way back; no counts
sed -n '/Would you like to keep going/,$p' "$TMP/out" | tail -n +3 >"$TMP/close"
ok "walk crisis then n: the close leads with 988" sh -c "grep -v '^ *\$' '$TMP/close' | head -1 | grep -q '^Call or text 988'"
has "walk crisis then n: a kind word" "$TMP/close" "You matter, and you don't have to carry this alone"
has "walk crisis then n: how to come back" "$TMP/close" "The guide will be here whenever you want to come back:"
lacks "walk crisis then n: no counts" "$TMP/close" "Questions answered"
lacks "walk crisis then n: no sections count" "$TMP/close" "Sections:"
lacks "walk crisis then n: no ratings" "$TMP/close" "Feelings"
lacks "walk crisis then n: not 'ended early'" "$TMP/close" "ended early"
# the same after :q, or the end of input, at the question
cg_in '5\nI want to kill myself\n:q\n' walk why
sed -n '/Would you like to keep going/,$p' "$TMP/out" | tail -n +3 >"$TMP/close"
ok "walk crisis then :q: the close leads with 988" sh -c "grep -v '^ *\$' '$TMP/close' | head -1 | grep -q '^Call or text 988'"
lacks "walk crisis then :q: no counts" "$TMP/close" "Questions answered"
cg_in '5\nI want to kill myself\n' walk why
sed -n '/Would you like to keep going/,$p' "$TMP/out" | tail -n +3 >"$TMP/close"
ok "walk crisis then the end of input: the close leads with 988" sh -c "grep -v '^ *\$' '$TMP/close' | head -1 | grep -q '^Call or text 988'"

cg_in '5\nthis commute is killing me\n' walk why
lacks "walk: hyperbole is not crisis language" "$TMP/out" "You don't have to go through this alone"

# SIGTERM and SIGHUP while a scripted walk waits for an answer
# walk_waiting [trap '' HUP]: start walk why on a FIFO in the background
# ($pid), answer the check-in, and return once it asks the first question
walk_waiting() {
	# no earlier run's "question 1 of 4" to be taken for this one's
	rm -f "$TMP/fifo" "$TMP/out" "$TMP/err"
	mkfifo "$TMP/fifo"
	# shellcheck disable=SC2086
	(
		"$@"
		exec ${CRY_GUIDE_WRAP:-} "$CRY_GUIDE_BIN" walk why <"$TMP/fifo" >"$TMP/out" 2>"$TMP/err"
	) &
	pid=$!
	exec 3>"$TMP/fifo"
	printf '5\n' >&3
	i=0
	while ! grep -q 'question 1 of 4' "$TMP/out" 2>/dev/null && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
# A SIGHUP ignored when this shell started (nohup make check) cannot be
# restored here, and walk rightly keeps it ignored: then only SIGTERM.
sigs="TERM:143 HUP:129"
if awk '/^SigIgn:/ { exit !(substr($2, length($2)) ~ /[13579bdfBDF]/) }' /proc/$$/status 2>/dev/null; then
	echo "   skip: SIGHUP is ignored here (nohup?), so walk's SIGHUP is not tested"
	sigs="TERM:143"
fi
for sig_want in $sigs; do
	sig=${sig_want%:*} want=${sig_want#*:}
	walk_waiting :
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	exec 3>&-
	status_is "walk SIG$sig: exits $want" "$want"
	has "walk SIG$sig: says so on stderr" "$TMP/err" "cry-guide: stopped by SIG$sig"
	has "walk SIG$sig: the 988 line on stderr" "$TMP/err" "call or text 988"
	has "walk SIG$sig: the disclaimer on stderr" "$TMP/err" "not medical advice"
	has "walk SIG$sig: the session closes on stdout" "$TMP/out" "Stopped. Take good care of yourself."
done
# nohup: an ignored SIGHUP stays ignored
walk_waiting trap '' HUP
kill -HUP "$pid"
exec 3>&-
wait "$pid"
rc=$?
status_is "walk with SIGHUP ignored: SIGHUP does not end it" 0
has "walk with SIGHUP ignored: it ends at the end of input" "$TMP/out" "The session ended early"

# errors
cg walk no-such-section
status_is "walk unknown section exits 1" 1
has "walk unknown section is named" "$TMP/err" "no section 'no-such-section'"
has "walk unknown section: the 988 line" "$TMP/err" "988"
ok "walk unknown section: nothing on stdout" test ! -s "$TMP/out"
cg walk w
status_is "walk ambiguous section exits 1" 1
has "walk ambiguous section names candidates" "$TMP/err" "section 'w' is ambiguous (could be: why-we-cry, when-to-seek-help)"
cg walk --bogus
status_is "walk unknown option exits 2" 2
cg walk --answers
status_is "walk --answers without a file exits 2" 2

cg help walk
status_is "help walk exits 0" 0
has "help walk: --brief" "$TMP/out" "--brief"
has "help walk: --answers" "$TMP/out" "--answers FILE"
has "help walk: nothing is saved unless asked" "$TMP/out" "Nothing is saved unless you say so"
lacks "help walk: no promise of a later version" "$TMP/out" "planned"
has "help walk: the short forms" "$TMP/out" ":c, :h, :q"

# a single-choice question (the shipped content has only multiple ones)
cg_in '\n\n\n1,3\n9\n2\n\n\n' -c "$CRY_GUIDE_SRC/tests/data/walk-content" walk
status_is "walk single choice: exits 0" 0
has "walk single choice: says one number" "$TMP/out" "Type a number from 1 to 6."
has "walk single choice: two numbers are asked again" "$TMP/out" "Please type one number from 1 to 6, or press Enter to skip."
has_words "walk single choice: one number is taken" "$TMP/out" "Questions answered: 1 of 4"

# Two tiers: a medium line (negation, someone else at risk) gets one calm
# line with 988 and the walk goes on; the answer is kept like any other.
printf '\nmy friend wants to kill herself\n\n\n\n\n\n\n\n\n\n\n\n\n' >"$TMP/medium.txt"
cg walk why-we-cry --answers "$TMP/medium.txt"
status_is "walk with a medium-tier answer: exits 0" 0
has "walk with a medium-tier answer: the calm line" "$TMP/out" "you can call or text 988 any time"
lacks "walk with a medium-tier answer: no interruption" "$TMP/out" "Would you like to keep going"
has "walk with a medium-tier answer: the answer counts" "$TMP/out" "Questions answered:  1 of 4"
printf '\nI am not suicidal, just tired\n\n\n\n\n\n\n\n\n\n\n\n\n' >"$TMP/medium2.txt"
cg walk why-we-cry --answers "$TMP/medium2.txt"
has "walk with a negation: the calm line" "$TMP/out" "you can call or text 988 any time"
lacks "walk with a negation: no interruption" "$TMP/out" "Would you like to keep going"
printf '\nI am suicidal\n\n\n\n\n\n\n\n\n\n\n\n\n' >"$TMP/high.txt"
cg walk why-we-cry --answers "$TMP/high.txt"
has "walk with a high-tier answer: the interruption" "$TMP/out" "Would you like to keep going"
has "walk with a high-tier answer: the line is not kept" "$TMP/out" "Questions answered:  0 of 4"

# A choice option's reply: picking a sign in 07 ("signs noticed") gets a
# gentle pointer to a doctor or therapist and to 988; a reply that several
# picked options share is shown once.
cg_in '\n1,3\n\n\n\n' walk when-to-seek-help
status_is "walk, a sign picked: exits 0" 0
has_words "walk, a sign picked: points to a doctor or therapist" "$TMP/out" "talking over with a doctor or a therapist"
has_words "walk, a sign picked: and to 988" "$TMP/out" "call or text 988 (US) now"
ok "walk, two signs picked: their shared reply once" test "$(grep -c 'Thank you for noticing that' "$TMP/out")" -eq 1
lacks "walk, a sign picked: no follow-up question" "$TMP/out" "What have you noticed?"
cg_in '\n7\n\n\n\n' walk when-to-seek-help
lacks "walk, none of these: no reply" "$TMP/out" "Thank you for noticing that"

# "Something else" asks what, optionally: in scripted mode the follow-up
# reads the next line, so the scale after it is not given that line.
cg_in '\n6\nTrouble sleeping\n\n\n\n' walk when-to-seek-help
status_is "walk, something else: exits 0" 0
has "walk, something else: asks what" "$TMP/out" "What have you noticed? You can press Enter to skip."
lacks "walk, something else: the next line answers the follow-up" "$TMP/out" "Please type a whole number"
has "walk, something else: then the reply" "$TMP/out" "Thank you for noticing that"
ok "walk, something else: the reply after the follow-up" \
	test "$(grep -n 'Thank you for noticing' "$TMP/out" | cut -d: -f1)" -gt \
	"$(grep -n 'What have you noticed' "$TMP/out" | cut -d: -f1)"
# an empty line skips the follow-up: the line after it goes to the scale
cg_in '\n6\n\nnot a number\n\n\n\n' walk when-to-seek-help
has "walk, something else skipped: the next line goes to the next question" "$TMP/out" "Please type a whole number from 0"
# the follow-up is read like any answer: crisis language first, keys too
cg_in '\n6\nI want to kill myself\n\n\n\n\n' walk when-to-seek-help
status_is "walk, crisis language in a follow-up: exits 0" 0
has "walk, crisis language in a follow-up: the resources" "$TMP/out" "Would you like to keep going"
lacks "walk, crisis language in a follow-up: no reply after the resources" "$TMP/out" "Thank you for noticing that"
cg_in '\n6\n:help\n\n\n\n\n' walk when-to-seek-help
ok "walk, :help at a follow-up: the follow-up asked again" test "$(grep -c 'What have you noticed' "$TMP/out")" -eq 2
cg_in '\n6\n:quit\n' walk when-to-seek-help
status_is "walk, :quit at a follow-up: exits 0" 0
lacks "walk, :quit at a follow-up: no next question" "$TMP/out" "How ready do you feel"
has "walk, :quit at a follow-up: the crisis line at the end" "$TMP/out" "988lifeline.org"
