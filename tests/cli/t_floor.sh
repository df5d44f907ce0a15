# t_floor.sh — the safety floor: content can add to the crisis line, the disclaimer and the
# resources, never weaken them.  Content below the floor is refused by every command
# (status 3 and the compiled-in safety text), crisis shows the built-in resources
# instead, and check reports the same rule.
. "$(dirname "$0")/lib.sh"

ESC=$(printf '\033')
blanks=$(awk 'BEGIN { for (i = 0; i < 60; i++) printf "\n" }')
printf '%s' "$blanks" >"$TMP/blanks"

# variant NAME FILE JQ-FILTER: $TMP/NAME, a copy of the shipped content with
# FILE (guide.json or safety.json) rewritten by FILTER, indented with tabs
# as make train writes it (with two spaces safety.json is over 1 MiB)
variant() {
	rm -rf "${TMP:?}/$1"
	mkdir -p "$TMP/$1"
	cp -R "$CRY_GUIDE_SRC/content/." "$TMP/$1/"
	jq --tab "$3" "$CRY_GUIDE_SRC/content/$2" >"$TMP/$1/$2" || fail "$1: jq could not rewrite $2"
}

# refused NAME FILE CODE WHY: content $TMP/NAME is below the floor in FILE;
# every command says so.  CODE is the rule check reports, WHY part of the
# reason.  (Not $name: lib.sh's ok() sets it.)
refused() {
	v=$1 file=$2 code=$3 why=$4
	dir=$TMP/$v
	for args in "show 1" "show 1 -f json" "show 1 -f markdown" "prompts" "search tears" \
		"list" "list -f json" "walk"; do
		# shellcheck disable=SC2086
		cg -c "$dir" $args <"$TMP/blanks"
		status_is "$v, $args: exits 3" 3
		empty "$v, $args: nothing on stdout" "$TMP/out"
		has "$v, $args: names the file" "$TMP/err" "cry-guide: $dir/$file:"
		has "$v, $args: says why" "$TMP/err" "$why"
		has "$v, $args: the compiled-in crisis line" "$TMP/err" \
			"call or text 988 (Suicide & Crisis Lifeline, US, free, 24/7) or chat at 988lifeline.org"
		has "$v, $args: the compiled-in disclaimer" "$TMP/err" "It is not medical advice"
	done
	cg -c "$dir" crisis
	status_is "$v, crisis: exits 0" 0
	for want in "call or text 988" "988lifeline.org" "AYUDA" "838255" "ASL Now" "911" \
		"HOME to 741741" "1-800-662-4357" "FindTreatment.gov" "9-8-8" "findahelpline.com" \
		"It is not medical advice"; do
		has "$v, crisis: the built-in copy shows $want" "$TMP/out" "$want"
	done
	ok "$v, crisis: one note on stderr" test "$(wc -l <"$TMP/err")" -eq 1
	has "$v, crisis: the note says why" "$TMP/err" "$why"
	has "$v, crisis: the note says what is shown" "$TMP/err" "these are the built-in resources"
	cg -c "$dir" crisis -f json
	status_is "$v, crisis json: exits 0" 0
	json_is "$v, crisis json: the built-in copy, 988 in it" \
		'.builtin and (.crisis | test("call or text 988")) and (.disclaimer | test("not medical advice"))'
	cg check "$dir"
	status_is "$v, check: exits 1" 1
	has "$v, check: the same rule" "$TMP/out" "$dir/$file:"
	has "$v, check: $code" "$TMP/out" "[$code]"
	has "$v, check: the same reason" "$TMP/out" "$why"
}

LINE_TAIL='chat at 988lifeline.org. In immediate danger, call 911. Outside the US, find a local line at findahelpline.com.'

# ---- the crisis line
variant escape-only safety.json '.crisis_line = "\u001b[8m"'
refused escape-only safety.json CG201 "the crisis line is empty once escape sequences and control characters are removed"

variant deep-breath safety.json '.crisis_line = "Take a deep breath."'
refused deep-breath safety.json CG208 "the crisis line drops 988, 988lifeline.org, 911, findahelpline.com"

variant no-988 safety.json ".crisis_line = \"If you are in crisis, $LINE_TAIL\""
refused no-988 safety.json CG208 "the crisis line drops 988 ("

variant no-lifeline-org safety.json '.crisis_line = "Call or text 988. In immediate danger, call 911. Outside the US, find a local line at findahelpline.com."'
refused no-lifeline-org safety.json CG208 "the crisis line drops 988lifeline.org ("

variant no-911 safety.json '.crisis_line = "Call or text 988 or chat at 988lifeline.org. Outside the US, find a local line at findahelpline.com."'
refused no-911 safety.json CG208 "the crisis line drops 911 ("

variant no-findahelpline safety.json '.crisis_line = "Call or text 988 or chat at 988lifeline.org. In immediate danger, call 911."'
refused no-findahelpline safety.json CG208 "the crisis line drops findahelpline.com ("

# 988 on screen, something else to a dialler, a screen reader or a search
variant zero-width-988 safety.json ".crisis_line = \"Call or text 9\u200b88, $LINE_TAIL\""
refused zero-width-988 safety.json CG208 "the crisis line drops 988 ("
variant joiner-988 safety.json ".crisis_line = \"Call or text 98\u200d8, $LINE_TAIL\""
refused joiner-988 safety.json CG208 "the crisis line drops 988 ("
# right-to-left override: "889" shows as 988 on a terminal that honours it; the sanitiser removes it
variant bidi-889 safety.json ".crisis_line = \"Call or text \u202e889\u202c, $LINE_TAIL\""
refused bidi-889 safety.json CG208 "the crisis line drops 988 ("
variant fullwidth-988 safety.json ".crisis_line = \"Call or text \uff19\uff18\uff18, $LINE_TAIL\""
refused fullwidth-988 safety.json CG208 "the crisis line drops 988 ("
variant hidden-988 safety.json ".crisis_line = \"Call or text \u001b[8m988\u001b[0m, \u001b[8m$LINE_TAIL\""
cg -c "$TMP/hidden-988" show 1
# concealed text: the sanitiser removes the escapes, so the reader sees every part
status_is "concealing escapes around the parts: removed, the line is shown, exits 0" 0
has "concealing escapes: the reader sees 988" "$TMP/out" "Call or text 988, chat at 988lifeline.org"
no_escapes "concealing escapes: none reaches the output" "$TMP/out"

# ---- the disclaimer
variant enjoy guide.json '.disclaimer = "Enjoy."'
refused enjoy guide.json CG202 "the disclaimer does not say that cry-guide is not medical advice"
variant is-advice guide.json '.disclaimer = "This guide is medical advice from professionals."'
refused is-advice guide.json CG202 "the disclaimer does not say that cry-guide is not medical advice"
variant escape-disclaimer guide.json '.disclaimer = "\u001b[8m"'
refused escape-disclaimer guide.json CG202 "the disclaimer does not say that cry-guide is not medical advice"
variant zero-width-disclaimer guide.json '.disclaimer = "It is not med\u200bical advice."'
refused zero-width-disclaimer guide.json CG202 "the disclaimer does not say that cry-guide is not medical advice"

# ---- the resources
variant no-988-resource safety.json '.resources |= map(select(.id != "988-lifeline"))'
refused no-988-resource safety.json CG201 "the resources leave out 988, 988lifeline.org, AYUDA, 838255, ASL Now ("
variant no-911-resource safety.json '.resources |= map(select(.id != "emergency-911"))'
refused no-911-resource safety.json CG201 "the resources leave out 911 ("
variant only-988-resource safety.json '.resources |= map(select(.id == "988-lifeline"))'
refused only-988-resource safety.json CG201 "the resources leave out 911, 741741, 1-800-662-4357, FindTreatment.gov, Canada, findahelpline.com ("
variant zero-width-resources safety.json \
	'.resources |= map(.name |= gsub("988"; "9\u200b88") | (.contact, .details) |= map(gsub("988"; "9\u200b88")))'
refused zero-width-resources safety.json CG201 "the resources leave out 988, 988lifeline.org ("

# ---- content may add to the safety text
variant added safety.json ".crisis_line = \"In the UK and Ireland, call Samaritans on 116 123. Call or text 988, $LINE_TAIL\" | .resources += [{\"id\": \"samaritans\", \"name\": \"Samaritans\", \"region\": \"UK and Ireland\", \"contact\": [\"Call 116 123\"], \"verified_on\": \"2026-11-27\", \"source\": \"https://www.samaritans.org/\"}]"
jq '.disclaimer += " Talk to your doctor about anything that worries you."' \
	"$CRY_GUIDE_SRC/content/guide.json" >"$TMP/added/guide.json"
cg -c "$TMP/added" show 1
status_is "content that adds to the safety text: show exits 0" 0
has "content that adds: its crisis line" "$TMP/out" "Samaritans on 116 123"
has "content that adds: its disclaimer" "$TMP/out" "Talk to your doctor"
cg -c "$TMP/added" crisis -f json
json_is "content that adds: crisis shows its resources" \
	'(.builtin | not) and any(.resources[]; .id == "samaritans") and (.crisis | test("116 123"))'
empty "content that adds: crisis has no note" "$TMP/err"
cg check "$TMP/added"
status_is "content that adds: check passes" 0
