#!/bin/sh
# t_stream.sh — list, show, prompts and search with -c DIR read one section
# at a time: memory does not grow with the number of sections, a section
# that breaks after others were written ends the output whole (the footer,
# a whole JSON document) and exits 3 naming the file, and search's shortcut
# for files that cannot match never misses a match (README "Performance").
. "$(dirname "$0")/lib.sh"
LIMIT=60

S1=sections/01-why-we-cry.json

# gen DIR N: guide.json and safety.json of the shipped content, and N copies
# of its first section (sections/NN-sK.json, id sK) listed by the manifest
gen() {
	mkdir -p "$1/sections"
	cp "$CRY_GUIDE_SRC/content/safety.json" "$1/"
	awk -v n="$2" '
		/"sections": \[/ { print; skip = 1
			for (i = 1; i <= n; i++) printf "    \"s%d\"%s\n", i, i < n ? "," : ""
			next }
		skip && /\]/ { skip = 0 }
		!skip' "$CRY_GUIDE_SRC/content/guide.json" >"$1/guide.json"
	sh "$CRY_GUIDE_SRC/scripts/gen-sections.sh" "$1/sections" "$2" "$CRY_GUIDE_SRC/content/$S1"
}

gen "$TMP/few" 200
gen "$TMP/many" 4000
cgt -c "$TMP/few" list
status_is "a generated folder of 200 sections lists" 0
ok "a generated folder of 200 sections: 200 lines" test "$(wc -l <"$TMP/out")" -eq 200
cgt -c "$TMP/many" search tears
status_is "a generated folder of 4,000 sections: search finds" 0
ok "a generated folder of 4,000 sections: the last section is searched" grep -q '^s4000:' "$TMP/out"

# ---- memory: peak resident memory of 4,000 sections (9 MB of JSON) is
# within 2 MiB of 200 sections' (reading them all into memory, as before,
# took 8 MiB more).  Measured on the plain binary only: under ASan or
# valgrind freed memory is held back on purpose.
rss() { # KB of peak resident memory of cry-guide ARGS...
	/usr/bin/time -f '%M' -o "$TMP/rss" "$CRY_GUIDE_BIN" "$@" >/dev/null 2>&1
	tail -1 "$TMP/rss"
}
if [ -x /usr/bin/time ] && [ -z "${CRY_GUIDE_WRAP:-}" ] && ! ldd "$CRY_GUIDE_BIN" 2>/dev/null | grep -q 'libasan'; then
	for args in "search tears" "search xyzzy" "show --all" "show --all -f json" "prompts" "list" "list -f json"; do
		# shellcheck disable=SC2086
		few=$(rss -c "$TMP/few" $args)
		# shellcheck disable=SC2086
		many=$(rss -c "$TMP/many" $args)
		ok "$args: memory at 4,000 sections ($many KB) within 2 MiB of 200 ($few KB)" \
			test "$many" -lt "$((few + 2048))"
	done
fi

# ---- a broken section after others were written
copy broken
sed 's/"title": "The physical benefits of crying"/"title": 42/' \
	"$CRY_GUIDE_SRC/content/sections/04-physical-benefits.json" >"$TMP/broken/sections/04-physical-benefits.json"
ok "the broken fixture changed the title" grep -q '"title": 42' "$TMP/broken/sections/04-physical-benefits.json"
where="$TMP/broken/sections/04-physical-benefits.json:4:12: 'title' must be a string, not a number (/title)"
cgt -c "$TMP/broken" show --all
status_is "show --all, section 4 broken: exits 3" 3
has "show --all, section 4 broken: sections 1 to 3 are shown" "$TMP/out" "3. The emotional benefits"
lacks "show --all, section 4 broken: nothing from 4 on" "$TMP/out" "touch the body as well"
lacks "show --all, section 4 broken: nothing after it" "$TMP/out" "5. How to cry"
has "show --all, section 4 broken: the output ends with the crisis line" "$TMP/out" "call or text 988"
has "show --all, section 4 broken: then the disclaimer" "$TMP/out" "is not medical advice"
ok "show --all, section 4 broken: the disclaimer is the last line" sh -c 'tail -1 "$1" | grep -q "mental health professional\.$"' - "$TMP/out"
has "show --all, section 4 broken: the file, line and column on stderr" "$TMP/err" "$where"
has "show --all, section 4 broken: the crisis line on stderr too" "$TMP/err" "call or text 988"
cgt -c "$TMP/broken" show --all -f json
status_is "show --all -f json, section 4 broken: exits 3" 3
json_is "show --all -f json, section 4 broken: a whole document of sections 1 to 3, crisis line and disclaimer" \
	'(.sections | map(.number)) == [1, 2, 3] and (.crisis | test("988")) and (.disclaimer | test("medical advice"))'
cgt -c "$TMP/broken" show --all -f markdown
status_is "show --all -f markdown, section 4 broken: exits 3" 3
ok "show --all -f markdown, section 4 broken: the disclaimer closes it" sh -c 'tail -1 "$1" | grep -q "^\*.*medical advice.*\*$"' - "$TMP/out"
cgt -c "$TMP/broken" prompts
status_is "prompts, section 4 broken: exits 3" 3
has "prompts, section 4 broken: names the file" "$TMP/err" "$where"
cgt -c "$TMP/broken" list
status_is "list, section 4 broken: exits 3" 3
ok "list, section 4 broken: the three sections before it" test "$(cut -f1 "$TMP/out" | tr '\n' ' ')" = "why-we-cry emotional-tears emotional-benefits "
has "list, section 4 broken: names the file" "$TMP/err" "$where"
cgt -c "$TMP/broken" list -f json
json_is "list -f json, section 4 broken: a whole document" '(.sections | length) == 3 and (.crisis | test("988"))'
# named sections: the whole folder is read before one is written, as before
cgt -c "$TMP/broken" show 1
status_is "show 1, section 4 broken: exits 3" 3
empty "show 1, section 4 broken: nothing on stdout" "$TMP/out"
has "show 1, section 4 broken: names the file" "$TMP/err" "$where"
# broken before anything was written: stdout stays empty, as it always did
copy first
sed 's/"title": "Why we cry"/"title": 42/' "$CRY_GUIDE_SRC/content/$S1" >"$TMP/first/$S1"
for args in "show --all" "show --all -f json" "list" "list -f json" "search tears"; do
	# shellcheck disable=SC2086
	cgt -c "$TMP/first" $args
	status_is "$args, section 1 broken: exits 3" 3
	empty "$args, section 1 broken: nothing on stdout" "$TMP/out"
	has "$args, section 1 broken: names the file" "$TMP/err" "01-why-we-cry.json:4:12:"
done

# ---- search: a broken section is reported when its bytes could hold a match
cgt -c "$TMP/broken" search crying
status_is "search crying, section 4 broken (its file holds 'crying'): exits 3" 3
has "search crying, section 4 broken: the matches before it" "$TMP/out" "emotional-benefits:"
lacks "search crying, section 4 broken: none after it" "$TMP/out" "healthy-crying:"
has "search crying, section 4 broken: names the file" "$TMP/err" "$where"
# ... and a file that cannot hold a match is not parsed (as grep -r would not)
ok "the broken file does not hold 'grief'" sh -c '! grep -qi grief "$1"' - "$TMP/broken/sections/04-physical-benefits.json"
cgt -c "$TMP/broken" search grief
status_is "search grief, section 4 broken (no 'grief' in its bytes): exits 0" 0
has "search grief, section 4 broken: the match" "$TMP/out" "emotional-tears:"

# ---- search's shortcut never misses a match: a term that is in the text
# only once the JSON is read (an escape), or once the sanitiser has dropped
# what sits inside it (a bidi override), or in another case
copy hidden
sed 's/A baby has no words yet/A baby has no \\u0062anan\\u0061 words yet/; s/Crying is also an /Crying is also an zebr\xe2\x80\xaeafish /' \
	"$CRY_GUIDE_SRC/content/$S1" >"$TMP/hidden/$S1"
ok "the hidden fixture has the escapes" grep -q 'no \\u0062anan\\u0061 words' "$TMP/hidden/$S1"
ok "the hidden fixture has the bidi override" grep -q "zebr$(printf '\342\200\256')afish" "$TMP/hidden/$S1"
cgt check "$TMP/hidden"
ok "the hidden fixture is content that loads" test "$rc" -eq 0
for term in banana BANANA "no banana words" zebrafish ZebraFish; do
	cgt -c "$TMP/hidden" search "$term"
	status_is "search '$term', there only once the JSON is read and sanitised: found" 0
	has "search '$term': in why-we-cry" "$TMP/out" "why-we-cry:"
done

# ---- the manifest's ids are read straight from the bytes into a list, not
# into nodes: the same findings, at the same places, as when they were
# nodes; a "sections" key written with an escape is read as nodes
G="$CRY_GUIDE_SRC/content/guide.json"
copy nested && jq -c '.sections[1] = [["a", {"b": [1, 2]}], "x"]' "$G" >"$TMP/nested/guide.json"
cgt -c "$TMP/nested" list
status_is "a manifest entry that is an array: status 3" 3
has "a manifest entry that is an array: named, at its place" "$TMP/err" "section ids must be strings, not an array (/sections/1)"
copy twice && jq -c '.sections[4] = .sections[0]' "$G" >"$TMP/twice/guide.json"
cgt -c "$TMP/twice" list
status_is "a manifest that lists a section twice: status 3" 3
has "a manifest that lists a section twice: the second, at its place" "$TMP/err" "section 'why-we-cry' is listed twice (/sections/4)"
copy escaped && sed 's/"sections"/"sec\\u0074ions"/' "$G" >"$TMP/escaped/guide.json"
ok "the escaped fixture has the escape" grep -q 'sec\\u0074ions' "$TMP/escaped/guide.json"
cgt -c "$TMP/escaped" list
status_is "a manifest whose key has an escape: lists" 0
has "a manifest whose key has an escape: every section, to the last" "$TMP/out" "finding-support"

# ---- the readers leave guide.json's ids in the file (src/id_stream.c),
# and a manifest its scan does not take is read whole as before: every
# reader (and crisis) says what it said when every manifest was read whole
# (the messages below are that version's, place and all), and a manifest
# the scan does or does not take lists alike
# man NAME SED: a copy of the shipped content whose guide.json is edited by SED
man() {
	copy "$1"
	sed "$2" "$G" >"$TMP/$1/guide.json"
	cmp -s "$G" "$TMP/$1/guide.json" && fail "the $1 fixture differs from guide.json" "sed: $2"
}
E='s/^    "emotional-tears",$/'
man m-number "$E    42,/"
man m-null "$E    null,/"
man m-object "$E    {\"id\": 1},/"
man m-array "$E    [\"emotional-tears\"],/"
man m-upper "$E    \"Emotional-Tears\",/"
man m-hyphens "$E    \"emotional--tears\",/"
man m-trailing "$E    \"emotional-tears-\",/"
man m-empty-id "$E    \"\",/"
man m-nocomma "$E    \"emotional-tears\"/"
man m-control "$E    \"emotional-\ttears\",/"
man m-twice 's/^    "healthy-crying",$/    "healthy-crying","why-we-cry","healthy-crying",/'
man m-empty '/"sections": \[/,/\],/c\  "sections": [],'
man m-string '/"sections": \[/,/\],/c\  "sections": "why-we-cry",'
man m-two-keys 's/^  "intro"/  "sections": 5,\n  "intro"/'
man m-after 's/"closing": "Thank/"closing": 7, "x": "Thank/'
copy m-truncated && head -c "$(grep -bo healthy "$G" | head -1 | cut -d: -f1)" "$G" >"$TMP/m-truncated/guide.json"
copy m-large && { head -c -2 "$G"; printf ',\n  "pad": "'; head -c 1100000 /dev/zero | tr '\0' x; printf '"\n}\n'; } >"$TMP/m-large/guide.json"
for m in \
	"m-number|guide.json:20:5: section ids must be strings, not a number (/sections/1)" \
	"m-null|guide.json:20:5: section ids must be strings, not null (/sections/1)" \
	"m-object|guide.json:20:5: section ids must be strings, not an object (/sections/1)" \
	"m-array|guide.json:20:5: section ids must be strings, not an array (/sections/1)" \
	"m-upper|guide.json:20:5: section id 'Emotional-Tears' must be lowercase letters, digits and single hyphens (/sections/1)" \
	"m-hyphens|guide.json:20:5: section id 'emotional--tears' must be lowercase letters, digits and single hyphens (/sections/1)" \
	"m-trailing|guide.json:20:5: section id 'emotional-tears-' must be lowercase letters, digits and single hyphens (/sections/1)" \
	"m-empty-id|guide.json:20:5: section id '' must be lowercase letters, digits and single hyphens (/sections/1)" \
	"m-nocomma|guide.json:21:5: invalid JSON: expected ',' or ']'" \
	"m-control|guide.json:20:16: invalid JSON: a control character must be escaped in a string" \
	"m-twice|guide.json:23:22: section 'why-we-cry' is listed twice (/sections/5) ... and 1 more error" \
	"m-empty|guide.json:18:15: sections needs at least 1 entry (/sections)" \
	"m-string|guide.json:18:15: 'sections' must be an array of section ids, not a string (/sections)" \
	"m-two-keys|guide.json:28:3: duplicate key 'sections' (only one of them would be read) (/sections)" \
	"m-after|guide.json:40:14: 'closing' must be a string, not a number (/closing)" \
	"m-truncated|guide.json:23:6: invalid JSON: unexpected end of file" \
	"m-large|guide.json: file is larger than 1 MiB"; do
	fx=${m%%|*} want="$TMP/$fx/${m#*|}"
	for args in "list" "show --all" "prompts" "search tears" "show 2"; do
		# shellcheck disable=SC2086
		cgt -c "$TMP/$fx" $args
		status_is "$fx, $args: exits 3" 3
		ok "$fx, $args: the message as it was" test "$(head -1 "$TMP/err")" = "cry-guide: $want"
		empty "$fx, $args: nothing on stdout" "$TMP/out"
	done
	cgt -c "$TMP/$fx" crisis
	ok "$fx, crisis: the message as it was" test "$(head -1 "$TMP/err")" = "cry-guide: content could not be loaded ($want); these are the built-in resources"
done
# taken by the scan (compact, a BOM, a "sections" in a nested object) or
# read whole (an id written with an escape, another top-level key with
# one): each reads as the shipped content does
copy m-compact && jq -c . "$G" >"$TMP/m-compact/guide.json"
copy m-bom && { printf '\357\273\277'; cat "$G"; } >"$TMP/m-bom/guide.json"
man m-nested 's/"date": "2024-10-16",/"date": "2024-10-16", "sections": ["x"],/'
man m-escaped-id "${E}    \"emotional-t\\\\u0065ars\",/"
man m-escaped-key 's/^  "title"/  "t\\u0069tle"/'
ok "the escaped-id fixture has the escape" grep -q 'emotional-t\\u0065ars' "$TMP/m-escaped-id/guide.json"
for args in "list" "show --all" "prompts" "search tears" "show 2 8" "list -f json"; do
	# shellcheck disable=SC2086
	cgt -c "$CRY_GUIDE_SRC/content" $args
	mv "$TMP/out" "$TMP/shipped.out"
	for fx in m-compact m-bom m-nested m-escaped-id m-escaped-key; do
		# shellcheck disable=SC2086
		cgt -c "$TMP/$fx" $args
		status_is "$fx, $args: exits 0" 0
		ok "$fx, $args: as the shipped content" cmp -s "$TMP/out" "$TMP/shipped.out"
	done
done

# ---- memory: guide.json's ids are not held.  With 100,000 ids (the most a
# 1 MiB guide.json holds, about) list and crisis use no more memory than
# with 8: list stops at section 1, there is no file, after guide.json and
# safety.json were read.  Holding the ids took 3.5 MiB more; peak memory
# varies by 0.5 MiB from run to run, so the least of three runs is taken,
# within 1 MiB.
if [ -x /usr/bin/time ] && [ -z "${CRY_GUIDE_WRAP:-}" ] && ! ldd "$CRY_GUIDE_BIN" 2>/dev/null | grep -q 'libasan'; then
	mkdir -p "$TMP/ids100k"
	cp "$CRY_GUIDE_SRC/content/safety.json" "$TMP/ids100k/"
	jq -c '.sections = [range(1; 100001) | "s\(.)"]' "$G" >"$TMP/ids100k/guide.json"
	copy ids8 && rm -r "$TMP/ids8/sections"
	cgt -c "$TMP/ids100k" list
	has "100,000 ids, no section file: list names section 1's" "$TMP/err" "01-s1.json: cannot open: No such file or directory (section 1 of the manifest, 's1')"
	least3() { # the least peak memory of three runs of cry-guide ARGS...
		printf '%s\n' "$(rss "$@")" "$(rss "$@")" "$(rss "$@")" | sort -n | head -1
	}
	for args in "list" "crisis"; do
		# shellcheck disable=SC2086
		few=$(least3 -c "$TMP/ids8" $args)
		# shellcheck disable=SC2086
		many=$(least3 -c "$TMP/ids100k" $args)
		ok "$args: memory with 100,000 ids ($many KB) within 1 MiB of 8 ($few KB)" \
			test "$many" -lt "$((few + 1024))"
	done
fi
