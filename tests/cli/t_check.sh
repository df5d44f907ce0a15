# t_check.sh — `cry-guide check`: fixtures, output formats, exit statuses, ignoring, CI annotations.
. "$(dirname "$0")/lib.sh"

D=$CRY_GUIDE_SRC/tests/data/check
export CRY_GUIDE_TODAY=2026-12-01

cg check
status_is "check of the built-in content exits 0" 0
has "check reports a summary line" "$TMP/out" "cry-guide check: 10 files, 0 errors, 0 warnings"
cg check --format junit
has "the built-in files are shown as <built-in>/..." "$TMP/out" "&lt;built-in&gt;/sections/01-why-we-cry.json"

cg check --fail-on warning "$CRY_GUIDE_SRC/content/"
status_is "the shipped content is clean, warnings included" 0
has "a folder with a trailing slash gives clean paths" "$TMP/out" "10 files"
cg -c "$D/passing" check
status_is "check takes the active content from -c" 0
has "check -c checks that folder" "$TMP/out" "4 files, 0 errors"

# every failing fixture: exactly one finding, of its rule, at its place
while read -r rel code line col file; do
	case $rel in '#'*|'') continue ;; esac
	cg check "$D/failing/$rel"
	where=$D/failing/${file:-$rel}
	if [ "$line" -gt 0 ]; then where="$where:$line:$col"; fi
	n=$(grep -c '^/' "$TMP/out")
	if [ "$n" -eq 1 ] && grep -q "^$where: [a-z]*: .* \[$code\]" "$TMP/out"; then
		pass "$rel yields only $code at $line:$col"
	else
		fail "$rel yields only $code at $line:$col" "$(head -3 "$TMP/out")"
	fi
done <"$D/failing/expected.txt"

# half a surrogate pair is invalid JSON at its place, and the run goes on
# (it was "out of memory": status 4, the other paths never checked)
S=$CRY_GUIDE_SRC/tests/data/strict
cg check "$S/lone-high-surrogate.json" "$D/passing"
status_is "half a surrogate pair: exits 1, not 4" 1
has "half a surrogate pair: CG002 at its place" "$TMP/out" \
	"lone-high-surrogate.json:3:24: error: invalid JSON: a lone surrogate: \\uD800 to \\uDBFF must be followed by \\uDC00 to \\uDFFF [CG002]"
has "half a surrogate pair: the other folder is checked too" "$TMP/out" "cry-guide check: 5 files, 1 error, 0 warnings"
lacks "half a surrogate pair: never out of memory" "$TMP/err" "out of memory"
cg check "$S/leading-zero.json" "$S/trailing-point.json"
status_is "01 and 1.: exit 1" 1
has "01 is invalid JSON at its place" "$TMP/out" "leading-zero.json:8:74: error: invalid JSON: a number cannot have leading zeros [CG002]"
has "1. is invalid JSON at its place" "$TMP/out" "trailing-point.json:8:76: error: invalid JSON: expected digits after the decimal point [CG002]"

cg check "$D/failing/CG104-empty-text.json"
status_is "an error exits 1" 1
has "text findings are gcc-style with code and pointer" "$TMP/out" \
	"CG104-empty-text.json:21:15: error: text is empty [CG104] (/prompts/1/text)"
has "text ends with the summary" "$TMP/out" "cry-guide check: 1 file, 1 error, 0 warnings"

cg check "$D/failing/CG108-unknown-field.json"
status_is "warnings alone exit 0" 0
cg check --fail-on warning "$D/failing/CG108-unknown-field.json"
status_is "--fail-on warning makes warnings count" 1
cg check --ignore CG108 --fail-on warning "$D/failing/CG108-unknown-field.json"
status_is "--ignore drops a rule's findings" 0
has "ignored findings are counted" "$TMP/out" "0 warnings, 1 ignored"

cg check --ignore CG204 "$D/failing/CG204-crisis-phrase-missed/safety.json"
status_is "a safety finding cannot be ignored: still exit 1" 1
has "the refusal says why" "$TMP/err" "cry-guide: CG204 is a safety rule and cannot be ignored"
has "the safety finding is still shown" "$TMP/out" "[CG204]"

cg check --ignore CG999 "$D/passing"
status_is "an unknown --ignore code is a usage error" 2
has "the unknown code is named" "$TMP/err" "unknown rule 'CG999'"
cg check --format yaml "$D/passing"
status_is "an unknown format is a usage error" 2
cg check --fail-on never "$D/passing"
status_is "a bad --fail-on is a usage error" 2
cg check "$TMP/nonexistent"
status_is "a path that does not exist exits 2" 2
has "the missing path is named" "$TMP/err" "cannot open '$TMP/nonexistent': No such file or directory"

cg check --list-rules
status_is "--list-rules exits 0" 0
has "--list-rules shows code, severity and explanation" "$TMP/out" "CG104  error    a text field is empty"
has "--list-rules marks the safety rules" "$TMP/out" "(safety: cannot be ignored)"
ok "--list-rules lists every family" test "$(grep -c '^CG[0123]' "$TMP/out")" -ge 35

# a folder that loses a file, and a section in the wrong place
cp -R "$D/passing" "$TMP/nosafety"
rm "$TMP/nosafety/safety.json"
cg check --ignore CG001 "$TMP/nosafety"
status_is "a folder without safety.json fails even with CG001 ignored" 1
has "a missing safety.json is a safety finding" "$TMP/out" "safety.json: error: the crisis line cannot be checked"
cp -R "$D/passing" "$TMP/nofile"
rm "$TMP/nofile/sections/01-why-we-cry.json"
cg check "$TMP/nofile"
has "a listed section without a file is CG110 at the manifest entry" "$TMP/out" \
	"guide.json:17:5: error: section 'why-we-cry' is listed but sections/01-why-we-cry.json does not exist [CG110] (/sections/0)"
cp -R "$D/passing" "$TMP/renumbered"
mv "$TMP/renumbered/sections/02-when-to-seek-help.json" "$TMP/renumbered/sections/05-when-to-seek-help.json"
cg check "$TMP/renumbered"
has "a file numbered out of manifest order is CG110" "$TMP/out" "file number 05 does not match"
lacks "a renumbered file is not also reported missing" "$TMP/out" "does not exist"

# guide.json's findings come first in its folder's output, though they are known only at the end
cp -R "$D/passing" "$TMP/late"
rm "$TMP/late/sections/01-why-we-cry.json"
mv "$TMP/late/sections/02-when-to-seek-help.json" "$TMP/late/sections/05-when-to-seek-help.json"
cg check "$TMP/late" "$D/passing-section.json"
ok "text: guide.json's late finding before the sections' and the next PATH's" test \
	"$(grep -o '^[^:]*' "$TMP/out" | sed 's|.*/||' | tr '\n' ' ')" = \
	"guide.json 05-when-to-seek-help.json cry-guide check "
cg check --format junit "$TMP/late"
ok "junit: the testcases in path order, guide.json's with its failure" test \
	"$(grep -o '<testcase [^>]*name="[^"]*"\|<failure' "$TMP/out" | sed 's|.*/||' | tr '\n' ' ')" = \
	'guide.json" <failure safety.json" 05-when-to-seek-help.json" <failure '
cg check --format json "$TMP/late" "$D/passing-section.json"
jq_ok "json: guide.json's late finding first" \
	'[.findings[].file | split("/") | last] == ["guide.json", "05-when-to-seek-help.json"] and .summary.files == 4' "$TMP/out"

# JSON for jq
cg check --format json "$D/failing/CG104-empty-text.json" "$D/failing/CG207-stale-verification/safety.json"
status_is "json: errors exit 1" 1
jq_ok "json: jq reads it" . "$TMP/out"
jq_ok "json: the summary counts" '.summary.errors == 1 and .summary.warnings == 1 and .summary.files == 2' "$TMP/out"
jq_ok "json: findings carry code, place and pointer" \
	'.findings[0] | .code == "CG104" and .line == 21 and .column == 15 and .pointer == "/prompts/1/text" and .severity == "error"' "$TMP/out"

# SARIF 2.1.0
cg check --format sarif "$D/failing/CG104-empty-text.json" "$D/failing/CG207-stale-verification/safety.json"
jq_ok "sarif: version 2.1.0 and a schema" '.version == "2.1.0" and (.["$schema"] | test("sarif"))' "$TMP/out"
jq_ok "sarif: the driver and its rules" \
	'.runs[0].tool.driver.name == "cry-guide" and (.runs[0].tool.driver.rules | length >= 35) and (.runs[0].tool.driver.rules[0] | .id and .name and .shortDescription.text and .defaultConfiguration.level)' "$TMP/out"
jq_ok "sarif: every result has rule, level, message and location" \
	'[.runs[0].results[] | .ruleId and .level and .message.text and .locations[0].physicalLocation.artifactLocation.uri and .locations[0].physicalLocation.region.startLine and .locations[0].physicalLocation.region.startColumn] | length == 2 and all' "$TMP/out"
jq_ok "sarif: levels follow the severity" '[.runs[0].results[].level] == ["error", "warning"]' "$TMP/out"

# JUnit XML
cg check --format junit "$D/passing" "$D/failing/CG104-empty-text.json" "$D/failing/CG108-unknown-field.json"
ok "junit: xmllint accepts it" xmllint --noout "$TMP/out"
has "junit: a failure for the error" "$TMP/out" '<failure type="CG104"'
has "junit: a testcase per file" "$TMP/out" 'name="'"$D"'/passing/safety.json"/>'
cp "$D/failing/CG106-unknown-prompt-kind.json" "$TMP/x.json"
sed -i 's/"essay"/"<b>\&amp;\\"x"/' "$TMP/x.json"
cg check --format junit "$TMP/x.json"
ok "junit: markup in content is escaped" xmllint --noout "$TMP/out"

# GitHub annotations, escaped
cp "$D/failing/CG106-unknown-prompt-kind.json" "$TMP/we,ird:na%me.json"
sed -i 's/"essay"/"a%b,c:d"/' "$TMP/we,ird:na%me.json"
cg check --format github "$TMP/we,ird:na%me.json"
status_is "github: errors exit 1" 1
has "github: one annotation with escaped properties" "$TMP/out" \
	"::error file=$TMP/we%2Cird%3Ana%25me.json,line=15,col=15,title=CG106::unknown prompt kind 'a%25b,c:d'"
sed 's/"Crying may help you feel calmer."/"", "", "", "", "", "", "", "", "", "", "", ""/' \
	"$D/passing-section.json" >"$TMP/many.json"
cg check --format github "$TMP/many.json"
ok "github: twelve annotations" test "$(grep -c '^::error ' "$TMP/out")" -eq 12
has "github: past ten, the full list follows" "$TMP/out" "every finding:"
ok "github: the full list has every finding as text" test "$(grep -c ': error: .*\[CG104\]' "$TMP/out")" -eq 12

cg check "$D/failing/CG008-control-character.json"
no_escapes "content escape sequences never reach the output" "$TMP/out"

# A folder with more section files than one sorted chunk (4,096 names): it
# is read once, its names sorted in runs on disk and merged, and the output
# is still in path order with every file.
mkdir -p "$TMP/big/sections"
cp "$D/passing/guide.json" "$D/passing/safety.json" "$TMP/big/"
awk -v dir="$TMP/big/sections" 'BEGIN {
	for (i = 1; i <= 9000; i++) {
		f = sprintf("%s/%02d-x%d.json", dir, (i * 7919) % 97, i)
		printf "{}\n" >f
		close(f)
	}
}'
cg check --format junit "$TMP/big"
sed -n 's/.*<testcase classname="cry-guide.check" name="\([^"]*\)".*/\1/p' "$TMP/out" >"$TMP/names"
ok "a folder of 9,000 sections: every file is checked" test "$(grep -c '/sections/' "$TMP/names")" -eq 9000
ok "a folder of 9,000 sections: the files are in path order" env LC_ALL=C sort -c "$TMP/names"
cg check "$TMP/big"
sed -n 's/^\([^:]*\):.*/\1/p' "$TMP/out" | uniq >"$TMP/paths"
ok "a folder of 9,000 sections: findings in path order too" env LC_ALL=C sort -c "$TMP/paths"
if command -v strace >/dev/null 2>&1; then
	strace -f -e trace=openat -o "$TMP/trace" "$CRY_GUIDE_BIN" check "$TMP/big" >/dev/null 2>&1
	ok "a folder of 9,000 sections is opened once" \
		test "$(grep -c "big/sections\", O_RDONLY.*O_DIRECTORY" "$TMP/trace")" -eq 1
fi

# The trained weights are model data, not prose: a feature's stems that
# read like a promise ("skip will fix": "will [it] fix") are no CG305
copy wfix
jq --tab '.matcher.weights += ["skip will fix 0.3", "pair cure you 0.2"]' \
	"$CRY_GUIDE_SRC/content/safety.json" >"$TMP/wfix/safety.json"
cg check "$TMP/wfix"
status_is "weights that read like a cure: check passes" 0
lacks "weights that read like a cure: no CG305" "$TMP/out" "CG305"

# The built-in weights are no content file: gencontent builds them in from
# tools/crisis-weights.json (they need more than a content file's 1 MiB),
# checks that the matcher reads every one, and names the one it cannot
GEN=$(dirname "$CRY_GUIDE_BIN")/gencontent
if [ -x "$GEN" ]; then
	printf '["bias -2", "word burden", "skip want die 0.7"]\n' >"$TMP/badw.json"
	"$GEN" --weights "$TMP/badw.json" "$CRY_GUIDE_SRC/content" "$TMP/gen.c" guide.json \
		>"$TMP/out" 2>"$TMP/err"
	rc=$?
	status_is "gencontent, a weight it cannot read: the build fails" 1
	has "gencontent, a weight it cannot read: names the file and the weight" "$TMP/err" \
		"badw.json: weights 2: weight 'word burden' must read"
	ok "gencontent, a weight it cannot read: writes nothing" test ! -e "$TMP/gen.c"
	copy wtwice
	jq --tab '.matcher.weights = ["bias 1"]' "$CRY_GUIDE_SRC/content/safety.json" \
		>"$TMP/wtwice/safety.json"
	"$GEN" --weights "$CRY_GUIDE_SRC/tools/crisis-weights.json" "$TMP/wtwice" "$TMP/gen.c" \
		guide.json >"$TMP/out" 2>"$TMP/err"
	rc=$?
	status_is "gencontent, weights in safety.json too: the build fails" 1
	has "gencontent, weights in safety.json too: says so" "$TMP/err" \
		'safety.json must not hold "weights" too'
	"$GEN" --weights "$CRY_GUIDE_SRC/tools/crisis-weights.json" "$CRY_GUIDE_SRC/content" \
		"$TMP/gen.c" guide.json >"$TMP/out" 2>"$TMP/err"
	rc=$?
	status_is "gencontent, the shipped weights: builds" 0
	has "gencontent, the shipped weights: all of them built in" "$TMP/gen.c" \
		".n_weights = $(jq length "$CRY_GUIDE_SRC/tools/crisis-weights.json"),"
else
	echo "   ($GEN is not built: the weights' build check not tested)"
fi
