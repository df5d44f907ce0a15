# t_lookup.sh — forgiving lookups: "did you mean" for commands, options and
# sections, ids in either case, and a pointer to search for a word of the text.
. "$(dirname "$0")/lib.sh"

# ---- commands
cg shwo 1
status_is "a misspelt command exits 2" 2
has "a misspelt command suggests the nearest one" "$TMP/err" "unknown command 'shwo'; did you mean 'show'?"
empty "a misspelt command: nothing on stdout" "$TMP/out"
cg lsit
status_is "lsit exits 2" 2
has "lsit suggests list" "$TMP/err" "did you mean 'list'?"
cg sea tears
has "a command's start suggests the command" "$TMP/err" "did you mean 'search'?"
cg frobnicate
status_is "an unrelated command exits 2" 2
lacks "an unrelated command suggests nothing" "$TMP/err" "did you mean"
cg help shwo
status_is "help with a misspelt command exits 2" 2
has "help with a misspelt command suggests it" "$TMP/err" "did you mean 'show'?"

# ---- options
cg show --formt json 1
status_is "a misspelt option exits 2" 2
has "a misspelt option suggests the nearest" "$TMP/err" "unknown option '--formt'; did you mean '--format'?"
cg list --widht=40
has "a misspelt global option with a value is suggested" "$TMP/err" "unknown option '--widht=40'; did you mean '--width'?"
cg --colr never list
status_is "a misspelt option before the command exits 2" 2
has "a misspelt option before the command is suggested" "$TMP/err" "did you mean '--color'?"
cg search --brief tears
has "an option of another command is not suggested by chance" "$TMP/err" "unknown option '--brief'"
lacks "--brief: no unrelated suggestion" "$TMP/err" "did you mean"

# ---- section ids in either case
cg show why-we-cry
cp "$TMP/out" "$TMP/by-id"
cg show Why
status_is "show Why exits 0" 0
ok "show Why is the section why-we-cry" cmp -s "$TMP/out" "$TMP/by-id"
cg show WHY-WE-CRY
ok "show WHY-WE-CRY is the section why-we-cry" cmp -s "$TMP/out" "$TMP/by-id"
cg prompts Finding-Support
status_is "prompts in mixed case exits 0" 0
has "prompts in mixed case finds the section" "$TMP/out" "Finding support"
cg show EMOTIONAL
status_is "an ambiguous prefix in capitals exits 1" 1
has "an ambiguous prefix in capitals names the candidates" "$TMP/err" "could be: emotional-tears, emotional-benefits"

# ---- unknown sections: only near ids, else search or list
cg show therapy
status_is "show therapy exits 1" 1
has "a word of the text points to search" "$TMP/err" "no section 'therapy'; to find it in the text: cry-guide search therapy"
lacks "show therapy suggests no unrelated id" "$TMP/err" "did you mean"
empty "show therapy: nothing on stdout" "$TMP/out"
cg search therapy
status_is "the suggested search finds it" 0
cg show Therapy
has "a capitalised word of the text points to search" "$TMP/err" "cry-guide search Therapy"
cg show emotinal
has "a misspelt id suggests the near ids" "$TMP/err" "did you mean: emotional-tears, emotional-benefits?"
cg show bnefits
has "a misspelt word of an id suggests that id" "$TMP/err" "emotional-benefits"
lacks "a misspelt word suggests no unrelated id" "$TMP/err" "when-to-seek-help"
cg show qwzx
has "nothing near: points to list" "$TMP/err" "no section 'qwzx' (the sections: cry-guide list)"
cg walk Why </dev/null
status_is "walk takes an id in either case" 0

# ---- nothing matched: JSON is still one whole document (jq sees 0, not nothing)
cg search nomatchzz -f json
status_is "search with no match in JSON still exits 1" 1
json_is "search with no match in JSON: matches is []" '.matches == [] and (.terms == ["nomatchzz"])'
json_is "search with no match in JSON: crisis and disclaimer" '(.crisis | test("988")) and (.disclaimer | test("medical advice"))'
has "search with no match in JSON: said on stderr" "$TMP/err" "no paragraph contains 'nomatchzz'"
ok "jq '.matches | length' prints 0" test "$(jq '.matches | length' "$TMP/out")" = 0
cg search nomatchzz
empty "search with no match in text: nothing on stdout" "$TMP/out"
cg show nope -f json
status_is "show with an unknown section in JSON exits 1" 1
json_is "show with an unknown section in JSON: sections is []" '.sections == [] and (.crisis | test("988")) and (.disclaimer | test("medical advice"))'
cg prompts why nope -f json
status_is "prompts with an unknown section in JSON exits 1" 1
json_is "prompts with an unknown section in JSON: sections is []" '.sections == [] and (.crisis | test("988"))'
cg show nope -f markdown
empty "show with an unknown section in markdown: nothing on stdout" "$TMP/out"
