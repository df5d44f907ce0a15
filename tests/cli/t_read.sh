# t_read.sh — the reading commands (list, show, prompts, search, crisis) through pipes.
# Golden files: tests/golden/<cmd>-<args>.<fmt>; UPDATE_GOLDEN=1 sh tests/cli/t_read.sh
# rewrites them from the current binary (review the diff by eye before committing).
. "$(dirname "$0")/lib.sh"

B=$CRY_GUIDE_BIN

# jqe FILTER FILE: FILE is one JSON value and FILTER is true of it (jq 1.6's
# -e alone takes empty input for true)
jqe() { jq -e --slurp "length == 1 and (.[0] | $1)" "$2" >/dev/null; }
ESC=$(printf '\033')

# gold GOLDEN ARGS...: run cry-guide ARGS; status 0, nothing on stderr (except
# for list, whose crisis line goes there), no escape byte, stdout == golden
gold() {
	name=$1
	shift
	cg "$@"
	status_is "$name: exits 0" 0
	case $name in
	list.text) has "$name: crisis line on stderr" "$TMP/err" "988" ;;
	*) empty "$name: nothing on stderr" "$TMP/err" ;;
	esac
	no_escapes "$name: no escapes through a pipe" "$TMP/out"
	golden "$name: matches its golden file" "$name" "$TMP/out"
	case $name in
	*.json)
		ok "$name: jq accepts it, with crisis and disclaimer" \
			jqe '(.crisis | test("988")) and (.disclaimer | test("medical advice"))' "$TMP/out" ;;
	*.markdown)
		ok "$name: starts with a level-1 heading" sh -c 'head -1 "$1" | grep -q "^# [^ ]"' - "$TMP/out"
		if [ "$name" != crisis.markdown ]; then
			ok "$name: has the footer rule" grep -qx -- '---' "$TMP/out"
			ok "$name: the footer's crisis line is bold" grep -q '^\*\*If you .*988.*findahelpline\.com\.\*\*$' "$TMP/out"
		fi
		ok "$name: the disclaimer closes it" sh -c 'tail -1 "$1" | grep -q "^\*.*medical advice.*\*$"' - "$TMP/out"
		if command -v pandoc >/dev/null 2>&1; then
			ok "$name: pandoc reads it" sh -c 'pandoc -f markdown -t html "$1" | grep -q "<h1"' - "$TMP/out"
		fi ;;
	*.text)
		case $name in
		list.text) ;;
		*) has "$name: crisis line" "$TMP/out" "call or text 988"
		   has "$name: disclaimer" "$TMP/out" "not medical advice" ;;
		esac ;;
	esac
}

for f in text markdown json; do
	gold "list.$f" list --format "$f"
	gold "show-why.$f" show why -f "$f"
	gold "show-2-healthy.$f" show 2 healthy -f "$f"
	gold "show-all.$f" show --all -f "$f"
	gold "prompts.$f" prompts -f "$f"
	gold "prompts-why.$f" prompts why -f "$f"
	gold "search-tears-stress.$f" search tears stress -f "$f"
	gold "crisis.$f" crisis -f "$f"
done
gold "show-why-width40.text" --width 40 show why
gold "show-why-width0.text" show why --width 0

# ---- list off a terminal: one ID<TAB>TITLE record a line
cg list
ok "list: eight ID<TAB>TITLE lines" test "$(grep -cE "^[a-z0-9-]+$(printf '\t')[^$(printf '\t')]+$" "$TMP/out")" -eq 8
ok "list: nothing else on stdout" test "$(wc -l <"$TMP/out")" -eq 8
has "list: crisis line on stderr" "$TMP/err" "call or text 988"
cg list --color=always
lacks "list --color=always keeps records plain off a terminal" "$TMP/out" "$ESC"

# ---- sections by id, prefix and number
cg show why-we-cry
cp "$TMP/out" "$TMP/by-id"
cg show why
ok "show: a unique prefix is the section" cmp -s "$TMP/out" "$TMP/by-id"
cg show 1
ok "show: a number is the section" cmp -s "$TMP/out" "$TMP/by-id"

cg show nope
status_is "show nope exits 1" 1
has "show nope names the section" "$TMP/err" "cry-guide: no section 'nope'"
has "show nope points to list, not to unrelated ids" "$TMP/err" "(the sections: cry-guide list)"
empty "show nope: nothing on stdout" "$TMP/out"
cg show why nope
status_is "show why nope exits 1" 1
empty "show why nope: nothing on stdout" "$TMP/out"
cg show emotional
status_is "an ambiguous prefix exits 1" 1
has "an ambiguous prefix names the candidates" "$TMP/err" "section 'emotional' is ambiguous (could be: emotional-tears, emotional-benefits)"
cg show 99
status_is "a section number out of range exits 1" 1
has "a section number out of range says the range" "$TMP/err" "numbered 1 to 8"
cg prompts whyy
status_is "prompts with an unknown section exits 1" 1
has "prompts suggests the closest id" "$TMP/err" "did you mean: why-we-cry"

# ---- usage errors
cg show
status_is "show without a SECTION exits 2" 2
cg show --all why
status_is "show --all with a SECTION exits 2" 2
cg show why --format yaml
status_is "an unknown format exits 2" 2
has "an unknown format is named" "$TMP/err" "--format must be text, markdown or json, not 'yaml'"
cg search
status_is "search without a TERM exits 2" 2
cg search ''
status_is "search with an empty TERM exits 2" 2
cg list extra
status_is "list with an operand exits 2" 2
cg crisis extra
status_is "crisis with an operand exits 2" 2
cg help show
has "help show documents --all" "$TMP/out" "--all"
has "help show documents --format" "$TMP/out" "--format FMT"

# ---- search
cg search tears stress
status_is "search tears stress exits 0" 0
grep -E '^[a-z0-9-]+:[0-9]+: ' "$TMP/out" >"$TMP/hits"
ok "search prints ID:PARAGRAPH: text lines" test -s "$TMP/hits"
ok "every hit holds every term" sh -c '! grep -iv tears "$1" && ! grep -iv stress "$1"' - "$TMP/hits"
has "search carries the crisis line" "$TMP/out" "call or text 988"
cg search TEARS Stress
ok "search folds case" sh -c 'grep -E "^[a-z0-9-]+:[0-9]+: " "$1" | cmp -s - "$2"' - "$TMP/out" "$TMP/hits"
# the paragraph number points at the right paragraph
line=$(head -1 "$TMP/hits")
id=${line%%:*}
rest=${line#*:}
num=${rest%%:*}
cg show "$id" -f json
ok "the hit's paragraph number is 1-based" test "$(jq -r ".sections[0].paragraphs[$((num - 1))]" "$TMP/out")" = "${rest#*: }"
cg search zzzzqx
status_is "search with no match exits 1" 1
has "no match is reported" "$TMP/err" "cry-guide: no paragraph contains 'zzzzqx'"
empty "no match: nothing on stdout" "$TMP/out"
cg search tears zzzzqx -f json
status_is "search json with no match exits 1" 1
json_is "search json with no match: a whole document, matches []" '.matches == [] and (.crisis | test("988"))' 

# ---- colour: only with --color=always off a terminal
for args in "show why" "prompts why" "search tears" "crisis" "list --format markdown"; do
	# shellcheck disable=SC2086
	cg $args
	no_escapes "$args: no escapes through a pipe" "$TMP/out"
done
cg --color=always show why
has_escapes "--color=always show: escapes through a pipe" "$TMP/out"
cg show why --color=always -f json
no_escapes "--color=always never colours json" "$TMP/out"
cg show why --color=always -f markdown
no_escapes "--color=always never colours markdown" "$TMP/out"
export NO_COLOR=1
cg show why --color=always
unset NO_COLOR
has_escapes "--color=always beats NO_COLOR" "$TMP/out"

# ---- content with escape sequences is printed without them
mkdir -p "$TMP/esc"
cp -R "$CRY_GUIDE_SRC/content/." "$TMP/esc/"
sed 's/"For most people, crying/"\\u001b[31mFor most people\\u001b]0;pwned\\u0007\\u009b2J, crying/' \
	"$CRY_GUIDE_SRC/content/sections/01-why-we-cry.json" >"$TMP/esc/sections/01-why-we-cry.json"
ok "escape fixture holds the escape" grep -q 'u001b\[31m' "$TMP/esc/sections/01-why-we-cry.json"
for f in text markdown json; do
	cg -c "$TMP/esc" show why -f "$f"
	status_is "escape content, $f: exits 0" 0
	no_escapes "escape content, $f: no escape byte" "$TMP/out"
	lacks "escape content, $f: no OSC payload" "$TMP/out" "pwned"
	lacks "escape content, $f: no CSI remains" "$TMP/out" "[31m"
	has "escape content, $f: the paragraph is there" "$TMP/out" "For most people, crying"
done
cg -c "$TMP/esc" --color=always show why
lacks "escape content with --color=always: no red from content" "$TMP/out" "$ESC[31m"
cg -c "$TMP/esc" search most people
no_escapes "escape content, search: no escape byte" "$TMP/out"
has "escape content, search: finds the paragraph" "$TMP/out" "why-we-cry:1: For most people, crying"

# a choice option's reply and follow-up question are content text too
mkdir -p "$TMP/esc-reply"
cp -R "$CRY_GUIDE_SRC/content/." "$TMP/esc-reply/"
sed 's/"reply": "Thank you for noticing that\./"reply": "\\u001b[31mThank you\\u001b]0;pwned\\u0007 for noticing that./; s/"ask": "What have you noticed?/"ask": "\\u009b2JWhat have you noticed?/' \
	"$CRY_GUIDE_SRC/content/sections/07-when-to-seek-help.json" >"$TMP/esc-reply/sections/07-when-to-seek-help.json"
ok "escape reply fixture holds the escapes" grep -q 'u001b\[31mThank you' "$TMP/esc-reply/sections/07-when-to-seek-help.json"
ok "escape ask fixture holds the escape" grep -q 'u009b2JWhat have' "$TMP/esc-reply/sections/07-when-to-seek-help.json"
for f in text markdown; do
	cg -c "$TMP/esc-reply" prompts when -f "$f" --width 0
	status_is "escape in a reply, $f: exits 0" 0
	no_escapes "escape in a reply, $f: no escape byte" "$TMP/out"
	lacks "escape in a reply, $f: no OSC payload" "$TMP/out" "pwned"
	has "escape in a reply, $f: the reply is there" "$TMP/out" "Thank you for noticing that."
	has "escape in a reply, $f: the follow-up is there" "$TMP/out" "What have you noticed?"
done
cg_in_reply() { printf '\n1,6\n\n\n\n' | cg -c "$TMP/esc-reply" walk when; }
cg_in_reply
no_escapes "escape in a reply, walk: no escape byte" "$TMP/out"
lacks "escape in a reply, walk: no OSC payload" "$TMP/out" "pwned"
has "escape in a reply, walk: the reply is there" "$TMP/out" "Thank you for noticing that."

# ---- wrapping by display columns
mkdir -p "$TMP/wide"
cp -R "$CRY_GUIDE_SRC/content/." "$TMP/wide/"
sed 's/"A baby has no words yet./"“Crying” — a café naïve résumé 日本語の涙 😢 test — e\\u0301e\\u0301 fine-grained “quotes” 涙涙涙涙涙涙涙涙 and 😢😢😢 again — A baby has no words yet./' \
	"$CRY_GUIDE_SRC/content/sections/01-why-we-cry.json" >"$TMP/wide/sections/01-why-we-cry.json"
for w in 40 23 17; do
	for c in "show --all" "prompts" "crisis"; do
		# shellcheck disable=SC2086
		cg -c "$TMP/wide" --width "$w" $c
		cp "$TMP/out" "$TMP/narrow"
		# shellcheck disable=SC2086
		cg -c "$TMP/wide" --width 0 $c
		ok "$c --width $w: no line wider than $w columns" test "$(wc -L <"$TMP/narrow")" -le "$w"
		ok "$c --width $w: valid UTF-8" iconv -f UTF-8 -t UTF-8 "$TMP/narrow" -o /dev/null
		# at 40 every word fits a line (crisis has long URLs, which are broken
		# between characters by design; test_render covers that)
		if [ "$w" = 40 ] && [ "$c" != crisis ]; then
			tr -s ' \n' '\n\n' <"$TMP/narrow" >"$TMP/w1"
			tr -s ' \n' '\n\n' <"$TMP/out" >"$TMP/w2"
			ok "$c --width $w: the same words as unwrapped (none split)" cmp -s "$TMP/w1" "$TMP/w2"
		fi
	done
done
cg -c "$TMP/wide" show why --width 0
ok "--width 0 keeps a paragraph on one line" grep -q '^“Crying” — a café.*A baby has no words yet' "$TMP/out"
export COLUMNS=50
cg show --all
unset COLUMNS
ok "COLUMNS=50 wraps at 50" test "$(wc -L <"$TMP/out")" -le 50
ok "COLUMNS=50 uses the width" test "$(wc -L <"$TMP/out")" -ge 45

# ---- a closed pipe ends quietly with status 0
for args in "show why" "show --all" "show --all -f json" "prompts" "list" "crisis" "search tears"; do
	# the reader is gone before cry-guide writes: the write fails with EPIPE
	# shellcheck disable=SC2086
	{ sleep 0.2; ${CRY_GUIDE_WRAP:-} "$B" $args 2>"$TMP/err"; echo $? >"$TMP/st"; } | true
	ok "$args | (closed): exits 0" test "$(cat "$TMP/st")" -eq 0
	case $args in
	list) ;;	# its crisis line goes to stderr by design
	*) empty "$args | (closed): nothing on stderr" "$TMP/err" ;;
	esac
	# shellcheck disable=SC2086
	{ ${CRY_GUIDE_WRAP:-} "$B" $args 2>"$TMP/err"; echo $? >"$TMP/st"; } | head -1 >"$TMP/out"
	ok "$args | head -1: exits 0" test "$(cat "$TMP/st")" -eq 0
	ok "$args | head -1: one line" test "$(wc -l <"$TMP/out")" -eq 1
	case $args in
	list) ;;
	*) empty "$args | head -1: nothing on stderr" "$TMP/err" ;;
	esac
done

# ---- content that cannot be loaded: exit 3, the 988 line on stderr
cg --content /nonexistent list
status_is "--content /nonexistent list exits 3" 3
has "missing content: names the file" "$TMP/err" "/nonexistent/guide.json"
has "missing content: 988 line on stderr" "$TMP/err" "call or text 988"
has "missing content: disclaimer on stderr" "$TMP/err" "medical advice"
empty "missing content: nothing on stdout" "$TMP/out"
mkdir -p "$TMP/trunc"
cp -R "$CRY_GUIDE_SRC/content/." "$TMP/trunc/"
head -c 300 "$CRY_GUIDE_SRC/content/guide.json" >"$TMP/trunc/guide.json"
for args in "list" "show why" "prompts" "search tears" "show --all -f json"; do
	# shellcheck disable=SC2086
	cg -c "$TMP/trunc" $args
	status_is "truncated guide.json, $args: exits 3" 3
	has "truncated guide.json, $args: 988 line on stderr" "$TMP/err" "call or text 988"
	empty "truncated guide.json, $args: nothing on stdout" "$TMP/out"
done
# a file with several errors: the first is named, the others counted
mkdir -p "$TMP/four"
cp -R "$CRY_GUIDE_SRC/content/." "$TMP/four/"
cp "$CRY_GUIDE_SRC/tests/data/loader/four-errors.json" "$TMP/four/sections/01-why-we-cry.json"
cg -c "$TMP/four" show why
status_is "a section with four errors: exits 3" 3
has "a section with four errors: the first, placed, and a count of the rest" "$TMP/err" \
	"01-why-we-cry.json:4:3: duplicate key 'title' (only one of them would be read) (/title) ... and 3 more errors"
has "a section with four errors: 988 line on stderr" "$TMP/err" "call or text 988"
# half a surrogate pair, and a number RFC 8259 does not allow: invalid JSON at their place
cp "$CRY_GUIDE_SRC/tests/data/strict/lone-low-surrogate.json" "$TMP/four/sections/01-why-we-cry.json"
cg -c "$TMP/four" show why
status_is "half a surrogate pair in a section: exits 3" 3
has "half a surrogate pair in a section: placed" "$TMP/err" "01-why-we-cry.json:3:24: invalid JSON: a lone surrogate"
lacks "half a surrogate pair in a section: never out of memory" "$TMP/err" "out of memory"
cp "$CRY_GUIDE_SRC/tests/data/strict/leading-zero.json" "$TMP/four/sections/01-why-we-cry.json"
cg -c "$TMP/four" show why
status_is "01 in a section: exits 3" 3
has "01 in a section: placed" "$TMP/err" "01-why-we-cry.json:8:74: invalid JSON: a number cannot have leading zeros"
export CRY_GUIDE_CONTENT="$TMP/trunc"
cg show why
unset CRY_GUIDE_CONTENT
status_is "\$CRY_GUIDE_CONTENT with a truncated guide.json: exits 3" 3

# ---- crisis works when content is broken
for dir in "$TMP/trunc" /nonexistent; do
	cg -c "$dir" crisis
	status_is "crisis with broken content ($dir): exits 0" 0
	for want in "988" "988lifeline.org" "AYUDA" "838255" "ASL Now" "911" "HOME to 741741" \
		"1-800-662-4357" "FindTreatment.gov" "9-8-8" "findahelpline.com" "medical advice"; do
		has "crisis with broken content ($dir): shows $want" "$TMP/out" "$want"
	done
	ok "crisis with broken content ($dir): one note on stderr" test "$(wc -l <"$TMP/err")" -eq 1
	has "crisis with broken content ($dir): the note says so" "$TMP/err" "these are the built-in resources"
done
golden "crisis, built-in copy: matches its golden file" "crisis-broken.text" "$TMP/out"
cg -c /nonexistent crisis -f json
ok "crisis json with broken content: jq accepts it" jqe '.builtin and (.resources | length == 6) and (.crisis | test("988"))' "$TMP/out"
cg -c /nonexistent crisis -f markdown
status_is "crisis markdown with broken content: exits 0" 0
golden "crisis markdown, built-in copy: matches its golden file" "crisis-broken.markdown" "$TMP/out"
cg crisis
for want in "988" "988lifeline.org" "AYUDA" "838255" "ASL Now" "911" "HOME to 741741" \
	"1-800-662-4357" "FindTreatment.gov" "9-8-8" "findahelpline.com"; do
	has "crisis shows $want" "$TMP/out" "$want"
done
lacks "crisis does not list the retired number" "$TMP/out" "273-8255"
lacks "crisis does not list press 3" "$TMP/out" "press 3"
cg crisis -f json
ok "crisis json: every resource has verified_on and source" \
	jqe '(.builtin | not) and (.resources | length >= 6) and all(.resources[]; (.verified_on | test("^[0-9]{4}-")) and (.source | test("^https://")))' "$TMP/out"

# A content folder whose crisis lexicon does not read is refused like any
# other invalid content (CG211): the walk never runs without its matcher.
cp -R "$CRY_GUIDE_SRC/content" "$TMP/badlex"
sed -i 's/"rules": \[/"rules": [\n      "high broken: want nosuchconcept",/' "$TMP/badlex/safety.json"
ok "the bad-lexicon fixture holds the rule" grep -q 'nosuchconcept' "$TMP/badlex/safety.json"
for args in "show 1" "walk" "list"; do
	# shellcheck disable=SC2086
	cg -c "$TMP/badlex" $args </dev/null
	status_is "$args with a lexicon that does not read: exit 3" 3
	has "$args with a lexicon that does not read: names the rule" "$TMP/err" "nosuchconcept"
	has "$args with a lexicon that does not read: the crisis line follows" "$TMP/err" "988"
done

# ... and so is one whose "unweighted" names a concept it does not have;
# check names the entry by its JSON pointer.
cp -R "$CRY_GUIDE_SRC/content" "$TMP/badunw"
sed -i 's/"unweighted": \[/"unweighted": [\n      "nosuchconcept",/' "$TMP/badunw/safety.json"
ok "the bad-unweighted fixture holds the name" grep -q 'nosuchconcept' "$TMP/badunw/safety.json"
cg -c "$TMP/badunw" show 1 </dev/null
status_is "show 1 with an unweighted concept the lexicon lacks: exit 3" 3
has "show 1 with an unweighted concept the lexicon lacks: names it" "$TMP/err" "nosuchconcept"
cg check "$TMP/badunw"
status_is "check of an unweighted concept the lexicon lacks: exit 1" 1
has "check of an unweighted concept the lexicon lacks: CG211 at its pointer" "$TMP/out" \
	"[CG211] (/matcher/unweighted/0)"
