# t_walk_screen.sh — the walk on a real screen (tmux at 80x24 and 50x20): long
# text pauses a screenful at a time, the section's title is on screen at every
# question, after :crisis and after crisis language the 988 line is on screen
# with the next question, and the endings (answers shown back; after crisis
# language, 988 first and no counts).  tmux keeps the screen as a terminal
# would show it; the tests read what is visible, not what was written.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "   skip: tmux not found, so the screen tests cannot run (scripts/deps.sh --tests installs it)"
	exit 0
fi

# A tmux server of our own: its own socket, no user configuration, no status
# line (the whole window is the screen), and a pane that stays once the walk
# has ended, so that its last screen can be read.
unset TMUX
printf 'set -g status off\nset -g remain-on-exit on\n' >"$TMP/tmux.conf"
tm() { tmux -S "$TMP/tmux.sock" -f "$TMP/tmux.conf" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

# screen_start COLS ROWS ARGS...: run cry-guide ARGS in a new detached
# COLSxROWS screen, the one the helpers below look at
n_screens=0
screen_start() {
	cols=$1 rows=$2
	shift 2
	n_screens=$((n_screens + 1))
	S=cg$n_screens
	# shellcheck disable=SC2086
	tm new-session -d -s "$S" -x "$cols" -y "$rows" ${CRY_GUIDE_WRAP:-} "$CRY_GUIDE_BIN" "$@"
}

# type_line TEXT: type TEXT and press Enter
type_line() {
	[ -n "$1" ] && tm send-keys -t "$S" -l -- "$1"
	tm send-keys -t "$S" Enter
}

# paste TEXT: paste TEXT as a terminal does (bracketed when the walk asked for it)
paste() {
	tm set-buffer -b cgpaste -- "$1"
	tm paste-buffer -p -d -b cgpaste -t "$S"
}

# settle TEXT [N]: wait until TEXT has been written N times (default 1;
# scrollback included) and the last line written ends with the walk's bare
# ">": the program is waiting for the next answer, at a question ("> ") or
# at a pause ("Enter for more, q for the questions > ").  Then the visible
# screen is in $TMP/screen.  A generous bound (ASan, valgrind), never a
# timing assertion.
settle() {
	i=0
	while [ $i -lt 600 ]; do
		tm capture-pane -p -S - -t "$S" >"$TMP/all" 2>/dev/null
		if awk -v t="$1" -v n="${2:-1}" 'index($0, t) { seen++ } NF { last = $0 }
			END { sub(/ +$/, "", last); exit !(seen >= n && last ~ />$/) }' "$TMP/all"; then
			tm capture-pane -p -t "$S" >"$TMP/screen"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	tm capture-pane -p -t "$S" >"$TMP/screen"
	return 1
}

# ended: wait until the walk has exited; its last screen is in $TMP/screen,
# everything it wrote (scrollback included) in $TMP/all
ended() {
	i=0
	while [ $i -lt 600 ]; do
		if [ "$(tm display -p -t "$S" '#{pane_dead}')" = 1 ]; then
			# tmux may mark the pane dead before it has read the last of
			# the program's output from the terminal (seen once on a
			# loaded machine: the closing lines missing): capture until
			# two captures a moment apart agree
			tm capture-pane -p -S - -t "$S" >"$TMP/all"
			j=0
			while [ $j -lt 30 ]; do
				sleep 0.2
				tm capture-pane -p -S - -t "$S" >"$TMP/all.next"
				cmp -s "$TMP/all" "$TMP/all.next" && break
				mv "$TMP/all.next" "$TMP/all"
				j=$((j + 1))
			done
			tm capture-pane -p -t "$S" >"$TMP/screen"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# row TEXT: the screen row (1-based) of the first line holding TEXT, else 0
row() {
	r=$(grep -nF -- "$1" "$TMP/screen" | head -1 | cut -d: -f1)
	echo "${r:-0}"
}

# last_row TEXT: the screen row of the last line holding TEXT, else 0
last_row() {
	r=$(grep -nF -- "$1" "$TMP/screen" | tail -1 | cut -d: -f1)
	echo "${r:-0}"
}

show_screen() { tr '\n' '|' <"$TMP/screen"; }

# on_screen NAME TEXT
on_screen() {
	if [ "$(row "$2")" -gt 0 ]; then pass "$1"; else fail "$1" "not on screen: '$2'; the screen: $(show_screen)"; fi
}

# off_screen NAME TEXT
off_screen() {
	if [ "$(row "$2")" -eq 0 ]; then pass "$1"; else fail "$1" "on screen: '$2'; the screen: $(show_screen)"; fi
}

# above NAME UPPER LOWER: the last UPPER is on screen above the last LOWER
above() {
	u=$(last_row "$2") l=$(last_row "$3")
	if [ "$u" -gt 0 ] && [ "$l" -gt "$u" ]; then
		pass "$1"
	else
		fail "$1" "'$2' on row $u, '$3' on row $l; the screen: $(show_screen)"
	fi
}

# just_above NAME UPPER LOWER: the last UPPER is on screen at most 3 rows
# above the last LOWER (the 988 line wraps to two or three rows, then a blank
# line)
just_above() {
	u=$(last_row "$2") l=$(last_row "$3")
	if [ "$u" -gt 0 ] && [ "$l" -gt "$u" ] && [ $((l - u)) -le 4 ]; then
		pass "$1"
	else
		fail "$1" "'$2' on row $u, '$3' on row $l; the screen: $(show_screen)"
	fi
}

line988="Call or text 988 (Suicide & Crisis"
title="[1/1] The emotional benefits of crying"
q_choice="Which feelings would you most like to let out"
q_scale="If there is someone you trust, how uneasy"
more="Enter for more, q for the questions"
last_page="Enter for the questions"

# to_check_in: past the offer of the brief walk (and any pause before it),
# at the check-in
to_check_in() {
	settle "" || fail "$1: the walk starts"
	if [ "$(row "This window is short")" -eq 0 ]; then
		# the opening is longer than the screen: it pauses first
		on_screen "$1: the opening pauses" "Enter for more"
		type_line ""
	fi
	settle "This window is short" || fail "$1: the brief walk is offered"
	on_screen "$1: the offer names --brief" "cry-guide walk --brief"
	type_line ""
	settle "How intense are your feelings right now" || fail "$1: the check-in is asked"
}

# ---- 80x24: pauses, Enter goes on, every question under its section's title ----
screen_start 80 24 walk emotional-benefits
ok "screen: the pane is 80x24" test "$(tm display -p -t "$S" '#{pane_width}x#{pane_height}')" = 80x24
to_check_in "screen 80x24"
type_line "5"
settle "$more" || fail "screen 80x24: a long section pauses"
on_screen "screen 80x24 pause: the section's title" "$title"
on_screen "screen 80x24 pause: says what Enter and q do" "$more"
off_screen "screen 80x24 pause: no question yet" "$q_choice"
ok "screen 80x24 pause: the pause is the last row" test "$(row "$more")" -eq 24
type_line ""
settle "$last_page" || fail "screen 80x24: Enter shows the rest"
on_screen "screen 80x24 Enter: the rest of the text" "Key points"
off_screen "screen 80x24 Enter: the first screenful has scrolled on" "Tears are not only about sadness"
type_line ""
settle "$q_choice" || fail "screen 80x24: the first question is asked"
on_screen "screen 80x24 question 1: the section's title above it" "$title · question 1 of 4"
just_above "screen 80x24 question 1: the header right above it" "$title" "$q_choice"

# :crisis: the resources, then 988, the header and the question on one screen
type_line ":crisis"
settle "Crisis and support resources" || fail "screen 80x24: :crisis shows the resources and asks again"
on_screen "screen 80x24 :crisis: the whole block fits" "Crisis and support resources"
on_screen "screen 80x24 :crisis: the text line" "Text HOME to 741741"
on_screen "screen 80x24 :crisis: the 988 line" "$line988"
on_screen "screen 80x24 :crisis: the section's title" "$title · question 1 of 4"
on_screen "screen 80x24 :crisis: the question" "$q_choice"
on_screen "screen 80x24 :crisis: its last choice" "7) Something else"
just_above "screen 80x24 :crisis: 988 is right above the question's header" "$line988" "$title"

# crisis language: the gentle words, 988 right above "keep going?"
type_line "I want to kill myself"
settle "Would you like to keep going" || fail "screen 80x24: crisis language shows the resources"
on_screen "screen 80x24 match: the gentle words" "You don't have to go through this alone"
on_screen "screen 80x24 match: 911" "911"
on_screen "screen 80x24 match: findahelpline.com" "findahelpline.com"
on_screen "screen 80x24 match: the way to more" ":crisis"
on_screen "screen 80x24 match: the 988 line" "$line988"
just_above "screen 80x24 match: 988 is right above the question" "$line988" "Would you like to keep going"

type_line ""
settle "$q_scale" || fail "screen 80x24: going on asks the next question"
on_screen "screen 80x24 going on: 988 is still on screen" "988"
on_screen "screen 80x24 going on: the section's title" "$title · question 2 of 4"
on_screen "screen 80x24 going on: the next question" "$q_scale"

# the short form of :crisis, at a scale
type_line ":c"
settle "Crisis and support resources" 2 || fail "screen 80x24: :c shows the resources"
on_screen "screen 80x24 :c: the 988 line" "$line988"
on_screen "screen 80x24 :c: the section's title" "$title · question 2 of 4"
on_screen "screen 80x24 :c: the question" "$q_scale"
just_above "screen 80x24 :c: 988 is right above the question's header" "$line988" "$title"

type_line "7/10"
settle "question 3 of 4" || fail "screen 80x24: 7/10 answers the scale"
on_screen "screen 80x24 question 3: the section's title" "$title · question 3 of 4"
# two lines pasted at once are one answer
paste "$(printf 'crying was for babies\nI see it differently now')"
type_line ""
settle "question 4 of 4" || fail "screen 80x24: a pasted answer is one answer"
on_screen "screen 80x24 question 4: the section's title" "$title · question 4 of 4"
off_screen "screen 80x24 paste: the second line was not taken for question 4" "Please type"
type_line "my sister, who listened"
settle "Now that you have reached the end" || fail "screen 80x24: the check-out is asked"
type_line "seven"
settle "Save this reflection to your private journal" || fail "screen 80x24: the journal's question is asked"
on_screen "screen 80x24 save: the question under the answers shown back" "“my sister, who listened”"
above "screen 80x24 save: after the answers" "“my sister, who listened”" "Save this reflection to your private journal"
type_line ""
ended || fail "screen 80x24: the walk ends"
has "screen 80x24 end: Enter saves nothing" "$TMP/all" "Nothing from this session was saved."
has "screen 80x24 end: what was written is shown back" "$TMP/all" "What you wrote"
has "screen 80x24 end: the pasted answer, as one" "$TMP/all" "“crying was for babies I see it differently now”"
has "screen 80x24 end: the typed answer, quoted" "$TMP/all" "“my sister, who listened”"
has "screen 80x24 end: the scale's answer" "$TMP/all" "7, on a scale from 0"
lacks "screen 80x24 end: the line that matched is not shown back" "$TMP/all" "“I want to kill myself”"
has "screen 80x24 end: then the summary" "$TMP/all" "Questions answered:  3 of 4"
has "screen 80x24 end: the ratings, seven read as 7" "$TMP/all" "5 at the start, 7 at the end (2 higher)"
on_screen "screen 80x24 end: the crisis line last" "988"
on_screen "screen 80x24 end: the disclaimer last" "trained mental health"

# ---- 50x20: the same at a narrow, short screen ----
screen_start 50 20 walk emotional-benefits
to_check_in "screen 50x20"
type_line "5"
settle "$more" || fail "screen 50x20: a long section pauses"
on_screen "screen 50x20 pause: the section's title" "[1/1] The emotional benefits of"
off_screen "screen 50x20 pause: no question yet" "$q_choice"
ok "screen 50x20 pause: the pause is the last row" test "$(row "$more")" -eq 20
type_line "q"
settle "$q_choice" || fail "screen 50x20: q goes to the questions"
off_screen "screen 50x20 q: the rest of the text is left out" "Key points"
on_screen "screen 50x20 question 1: the section's title, on one line" "$title · 1 of 4"
type_line ":crisis"
settle "Crisis and support resources" || fail "screen 50x20: :crisis shows the resources and asks again"
on_screen "screen 50x20 :crisis: the 988 line" "$line988"
on_screen "screen 50x20 :crisis: the section's title" "$title · 1 of 4"
on_screen "screen 50x20 :crisis: the question" "$q_choice"
on_screen "screen 50x20 :crisis: its last choice" "7) Something else"
just_above "screen 50x20 :crisis: 988 is right above the question's header" "$line988" "$title"
type_line "I want to kill myself"
settle "Would you like to keep going" || fail "screen 50x20: crisis language shows the resources"
on_screen "screen 50x20 match: the gentle words" "You don't have to go through this alone"
on_screen "screen 50x20 match: 911" "911"
just_above "screen 50x20 match: 988 is right above the question" "$line988" "Would you like to keep going"
type_line ""
settle "$q_scale" || fail "screen 50x20: going on asks the next question"
on_screen "screen 50x20 going on: 988 is still on screen" "988"
on_screen "screen 50x20 going on: the section's title" "$title · 2 of 4"
# every question has the section's title on screen with it
for k in 3 4; do
	type_line ""
	settle "$title · $k of 4" || fail "screen 50x20: question $k is asked"
	on_screen "screen 50x20 question $k: the section's title" "$title · $k of 4"
done

# ---- stopping after crisis language: 988 first, no counts ----
screen_start 80 24 walk --brief why
settle "How intense are your feelings right now" || fail "screen stop: the check-in is asked"
off_screen "screen stop: --brief is not offered again" "This window is short"
type_line "I want to kill myself"
settle "Would you like to keep going" || fail "screen stop: crisis language shows the resources"
type_line "n"
ended || fail "screen stop: the walk ends"
above "screen stop: 988 comes before the kind word" "$line988" "You matter"
above "screen stop: the kind word before the crisis line and disclaimer" "You matter" "trained mental health"
on_screen "screen stop: how to come back" "cry-guide walk --brief 1"
sed -n '/Would you like to keep going/,$p' "$TMP/all" >"$TMP/close"
lacks "screen stop: no counts" "$TMP/close" "Questions answered"
lacks "screen stop: no sections count" "$TMP/close" "Sections:"
lacks "screen stop: no ratings" "$TMP/close" "Feelings"

# ---- a tall screen: no offer, --brief mentioned; y to the offer on a short one ----
screen_start 80 40 walk why
settle "How intense are your feelings right now" || fail "screen 80x40: the check-in is asked"
off_screen "screen 80x40: no offer" "This window is short"
on_screen "screen 80x40: --brief is mentioned" "cry-guide walk --brief shows only"
screen_start 80 24 walk why
settle "This window is short" || fail "screen offer: the brief walk is offered"
type_line "y"
settle "How intense are your feelings right now" || fail "screen offer: the check-in is asked"
on_screen "screen offer: y is taken" "summary and key points, then its questions"
type_line ""
settle "question 1 of 4" || fail "screen offer: the first question is asked"
lacks "screen offer: brief, no paragraphs" "$TMP/all" "A baby has no words yet"
lacks "screen offer: brief, no pause" "$TMP/all" "Enter for more"

# A medium-tier line (someone else at risk): one calm line with 988, no
# interruption: the question is asked again (a choice wants a number), the
# 988 line still on screen with it, and no "keep going?".
screen_start 80 40 walk --brief emotional-benefits
settle "How intense are your feelings right now" || fail "screen medium: the check-in is asked"
type_line ""
settle "$q_choice" || fail "screen medium: the first question is asked"
type_line "my friend wants to kill herself"
settle "If things feel heavy" || fail "screen medium: the calm line is shown"
on_screen "screen medium: the calm 988 line" "If things feel heavy, for you or for someone you care about"
on_screen "screen medium: 988 in it" "text 988 any time"
on_screen "screen medium: the question is on screen" "$q_choice"
lacks "screen medium: no interruption" "$TMP/screen" "Would you like to keep going"
