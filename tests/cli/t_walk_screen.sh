# t_walk_screen.sh — the walk on a real screen (tmux at 80x24 and 60x20): after
# :crisis and after crisis language, the 988 line is on screen, right above the
# next question.  tmux keeps the screen as a terminal would show it; the tests
# read what is visible, not what was written.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "   skip: tmux not found, so the screen tests cannot run (scripts/deps.sh --tests installs it)"
	exit 0
fi

# A tmux server of our own: its own socket, no user configuration, no status
# line (the whole window is the screen).
unset TMUX
printf 'set -g status off\n' >"$TMP/tmux.conf"
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

# type TEXT: type TEXT and press Enter
type_line() {
	[ -n "$1" ] && tm send-keys -t "$S" -l -- "$1"
	tm send-keys -t "$S" Enter
}

# settle TEXT: wait until TEXT has been written (scrollback included) and the
# last line written is the walk's bare "> ": the program is waiting for the
# next answer.  Then the visible screen is in $TMP/screen.  A generous bound
# (ASan, valgrind), never a timing assertion.
settle() {
	i=0
	while [ $i -lt 600 ]; do
		tm capture-pane -p -S - -t "$S" >"$TMP/all" 2>/dev/null
		if awk -v t="$1" 'index($0, t) { seen = 1 } NF { last = $0 }
			END { sub(/ +$/, "", last); exit !(seen && last == ">") }' "$TMP/all"; then
			tm capture-pane -p -t "$S" >"$TMP/screen"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	tm capture-pane -p -t "$S" >"$TMP/screen"
	return 1
}

# row TEXT: the screen row (1-based) of the first line holding TEXT, else 0
row() {
	r=$(grep -nF -- "$1" "$TMP/screen" | head -1 | cut -d: -f1)
	echo "${r:-0}"
}

# on_screen NAME TEXT
on_screen() {
	if [ "$(row "$2")" -gt 0 ]; then pass "$1"; else fail "$1" "not on screen: '$2'; the screen: $(tr '\n' '|' <"$TMP/screen")"; fi
}

# just_above NAME UPPER LOWER: UPPER is on screen at most 3 rows above LOWER
# (the 988 line wraps to two rows, then a blank line)
just_above() {
	u=$(row "$2") l=$(row "$3")
	if [ "$u" -gt 0 ] && [ "$l" -gt "$u" ] && [ $((l - u)) -le 3 ]; then
		pass "$1"
	else
		fail "$1" "'$2' on row $u, '$3' on row $l; the screen: $(tr '\n' '|' <"$TMP/screen")"
	fi
}

line988="Call or text 988 (Suicide & Crisis Lifeline"
q_choice="Which feelings would you most like to let out right now?"
q_scale="If there is someone you trust, how uneasy would you feel crying in front"

# 80x24, at the longest kind of question (seven options)
screen_start 80 24 walk emotional-benefits
ok "screen: the pane is 80x24" test "$(tm display -p -t "$S" '#{pane_width}x#{pane_height}')" = 80x24
settle "How intense are your feelings right now" || fail "screen 80x24: the check-in is asked"
type_line ""
settle "$q_choice" || fail "screen 80x24: the first question is asked"
type_line ":crisis"
settle "Crisis and support resources" || fail "screen 80x24: :crisis shows the resources and asks again"
on_screen "screen 80x24 :crisis: the whole block fits" "Crisis and support resources"
on_screen "screen 80x24 :crisis: the text line" "Text HOME to 741741"
on_screen "screen 80x24 :crisis: the 988 line" "$line988"
on_screen "screen 80x24 :crisis: the question" "$q_choice"
just_above "screen 80x24 :crisis: 988 is right above the question" "$line988" "$q_choice"

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
on_screen "screen 80x24 going on: the next question" "$q_scale"

# 60x20: narrower and shorter
screen_start 60 20 walk emotional-benefits
settle "How intense are your feelings right now" || fail "screen 60x20: the check-in is asked"
type_line ""
settle "$(printf '%s' "$q_choice" | cut -c1-40)" || fail "screen 60x20: the first question is asked"
type_line ":crisis"
settle "Crisis and support resources" || fail "screen 60x20: :crisis shows the resources and asks again"
on_screen "screen 60x20 :crisis: the 988 line" "$line988"
just_above "screen 60x20 :crisis: 988 is right above the question" "$line988" "Which feelings would you"
type_line "I want to kill myself"
settle "Would you like to keep going" || fail "screen 60x20: crisis language shows the resources"
on_screen "screen 60x20 match: the whole block fits" "You don't have to go through this alone"
on_screen "screen 60x20 match: 911" "911"
just_above "screen 60x20 match: 988 is right above the question" "$line988" "Would you like to keep going"

# A medium-tier line (someone else at risk): one calm line with 988, no
# interruption: the question is asked again (a choice wants a number), the
# 988 line still on screen with it, and no "keep going?".
screen_start 80 24 walk emotional-benefits
settle "How intense are your feelings right now" || fail "screen medium: the check-in is asked"
type_line ""
settle "$q_choice" || fail "screen medium: the first question is asked"
type_line "my friend wants to kill herself"
settle "If things feel heavy" || fail "screen medium: the calm line is shown"
on_screen "screen medium: the calm 988 line" "If things feel heavy, for you or for someone you care about"
on_screen "screen medium: 988 in it" "text 988 any time"
on_screen "screen medium: the question is on screen" "$q_choice"
lacks "screen medium: no interruption" "$TMP/screen" "Would you like to keep going"
