# t_completion.sh — the bash, zsh and fish completions: commands, each
# command's own options (checked against the option tables in src/), option
# values with and without "=", files, folders, section ids asked from the
# binary (custom content with -c), journal ids.
. "$(dirname "$0")/lib.sh"

src=$CRY_GUIDE_SRC
comp=$src/completions
# "cry-guide" on PATH is the binary under test
mkdir -p "$TMP/bin"
ln -s "$CRY_GUIDE_BIN" "$TMP/bin/cry-guide"
PATH=$TMP/bin:$PATH
export PATH

# Custom content whose first section is 'own-tears', a file and a folder,
# and a journal with one reflection.
cp -R "$src/content" "$TMP/custom"
sed -i 's/"why-we-cry"/"own-tears"/' "$TMP/custom/guide.json" "$TMP/custom/sections/01-why-we-cry.json"
mv "$TMP/custom/sections/01-why-we-cry.json" "$TMP/custom/sections/01-own-tears.json"
mkdir -p "$TMP/pick/answers-dir" "$TMP/jdir"
: >"$TMP/pick/answers.txt"
chmod 700 "$TMP/jdir"
printf '3\n' | "$CRY_GUIDE_BIN" walk --save --journal "$TMP/jdir/j.jsonl" 1 >/dev/null 2>&1
jid=$("$CRY_GUIDE_BIN" journal --journal "$TMP/jdir/j.jsonl" list 2>/dev/null | cut -f1)

# The long options of a struct option table in a source file, sorted, one a line.
table_opts() {
	awk -v t="$2" '
		$0 ~ "struct option " t "\\[\\]" { on = 1 }
		on { while (match($0, /\{ *"[a-z-]+"/)) {
			s = substr($0, RSTART, RLENGTH); sub(/\{ *"/, "--", s); sub(/"$/, "", s); print s
			$0 = substr($0, RSTART + RLENGTH) } }
		on && /NULL, 0, NULL, 0/ { exit }' "$src/src/$1" | sort -u
}

# same NAME GOT WANT: two word lists (blank-separated) are the same set
words() { printf '%s\n' "$1" | tr ' ' '\n' | grep -v '^$' | sort -u; }
same() {
	if [ "$(words "$2")" = "$(words "$3")" ]; then
		pass "$1"
	else
		fail "$1" "got: $(echo $2); want: $(echo $3)"
	fi
}

# contains NAME GOT WORD / excludes NAME GOT WORD
contains() {
	if printf '%s\n' "$2" | grep -qxF -- "$3"; then pass "$1"; else fail "$1" "'$3' not in: $(echo $2)"; fi
}
excludes() {
	if printf '%s\n' "$2" | grep -qxF -- "$3"; then fail "$1" "'$3' offered: $(echo $2)"; else pass "$1"; fi
}

# ---- bash: the completion function driven directly, without bash-completion
# bashc LINE: COMPREPLY for LINE (words split at blanks; a final blank
# starts an empty word), one a line.
bashc() {
	bash --norc --noprofile -c '
		. "$1"
		if declare -F _init_completion >/dev/null; then echo "_init_completion is loaded"; exit 1; fi
		read -ra COMP_WORDS <<<"$2"
		[[ $2 == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$2 COMP_POINT=${#2}
		_cry_guide
		printf "%s\n" "${COMPREPLY[@]}"' bashc "$comp/cry-guide.bash" "$1"
}

same "bash: commands" "$(bashc 'cry-guide ')" "walk list show prompts search crisis journal check help"
same "bash: command prefix" "$(bashc 'cry-guide sh')" "show"
same "bash: global options are the table in cli.c (less the --colour spelling)" \
	"$(bashc 'cry-guide --')" "$(table_opts cli.c cli_global_options | grep -vx -- --colour)"
for pair in walk:cmd_walk.c:walk_options show:cmd_read.c:show_options list:cmd_read.c:format_options \
	prompts:cmd_read.c:format_options search:cmd_read.c:format_options crisis:cmd_read.c:format_options \
	journal:cmd_journal.c:journal_options check:cmd_check.c:longopts; do
	cmd=${pair%%:*} rest=${pair#*:}
	file=${rest%%:*} table=${rest#*:}
	want="$(table_opts "$file" "$table")
--help"
	same "bash: $cmd --<Tab> offers $cmd's own options ($file)" "$(bashc "cry-guide $cmd --")" "$want"
done
got=$(bashc 'cry-guide show --')
excludes "bash: show --<Tab> does not offer --answers" "$got" --answers
excludes "bash: show --<Tab> does not offer --brief" "$got" --brief
same "bash: --color <Tab>" "$(bashc 'cry-guide --color ')" "auto always never"
same "bash: --color=<Tab> (one word)" "$(bashc 'cry-guide --color=')" "--color=auto --color=always --color=never"
same "bash: --color=al<Tab> (one word)" "$(bashc 'cry-guide --color=al')" "--color=always"
same "bash: --color=<Tab> (split at =)" "$(bashc 'cry-guide --color =')" "auto always never"
same "bash: --color=al<Tab> (split at =)" "$(bashc 'cry-guide --color = al')" "always"
same "bash: list --format values" "$(bashc 'cry-guide list --format ')" "text markdown json"
same "bash: list --format=j" "$(bashc 'cry-guide list --format=j')" "--format=json"
same "bash: check -f values" "$(bashc 'cry-guide check -f ')" "text json sarif github junit"
same "bash: journal --format values" "$(bashc 'cry-guide journal --format ')" "text markdown json jsonl"
same "bash: check --fail-on values" "$(bashc 'cry-guide check --fail-on=')" "--fail-on=error --fail-on=warning"
got=$(bashc "cry-guide walk --answers $TMP/pick/ans")
contains "bash: walk --answers completes files" "$got" "$TMP/pick/answers.txt"
got=$(bashc "cry-guide walk -a $TMP/pick/answers.")
contains "bash: walk -a completes files" "$got" "$TMP/pick/answers.txt"
got=$(bashc "cry-guide --content $TMP/pick/ans")
same "bash: --content completes folders only" "$got" "$TMP/pick/answers-dir"
same "bash: show -a is --all, not a file" "$(bashc "cry-guide show -a $TMP/pick/answers.")" ""
same "bash: section ids from the binary" "$(bashc 'cry-guide show ')" \
	"$("$CRY_GUIDE_BIN" list 2>/dev/null | cut -f1)"
same "bash: section id prefix" "$(bashc 'cry-guide walk w')" "why-we-cry when-to-seek-help"
same "bash: -c DIR on the line: its section ids" "$(bashc "cry-guide -c $TMP/custom show o")" "own-tears"
same "bash: --content=DIR after the command" "$(bashc "cry-guide prompts --content=$TMP/custom o")" "own-tears"
same "bash: journal subcommands" "$(bashc 'cry-guide journal ')" \
	"list show search export trend delete encrypt decrypt"
same "bash: journal show: ids from the journal" \
	"$(bashc "cry-guide journal --journal $TMP/jdir/j.jsonl show ")" "$jid"
ok "bash: the journal has an id to complete" test -n "$jid"
same "bash: help <Tab>" "$(bashc 'cry-guide help ')" "walk list show prompts search crisis journal check help"

# ---- zsh: a real interactive zsh in a pseudo-terminal (tests/cli/zcapture.zsh)
if command -v zsh >/dev/null 2>&1; then
	zshc() { timeout 30 zsh -f "$src/tests/cli/zcapture.zsh" "$comp" "$1" 2>/dev/null; }
	same "zsh: commands" "$(zshc 'cry-guide ')" "walk list show prompts search crisis journal check help"
	same "zsh: show --<Tab> offers show's own options" "$(zshc 'cry-guide show --')" \
		"$(table_opts cmd_read.c show_options)
--help"
	same "zsh: walk --<Tab> offers walk's own options" "$(zshc 'cry-guide walk --')" \
		"$(table_opts cmd_walk.c walk_options)
--help"
	same "zsh: --color=<Tab>" "$(zshc 'cry-guide --color=')" "auto always never"
	same "zsh: check -f <Tab>" "$(zshc 'cry-guide check -f ')" "text json sarif github junit"
	same "zsh: -c DIR on the line: its section ids" "$(zshc "cry-guide -c $TMP/custom show o")" "own-tears"
	same "zsh: journal show: ids" "$(zshc "cry-guide journal --journal $TMP/jdir/j.jsonl show ")" "$jid"
else
	echo "   (zsh is not installed: zsh completion not tested)"
fi

# ---- fish: complete -C
if command -v fish >/dev/null 2>&1; then
	fishc() { fish --no-config -c "source '$comp/cry-guide.fish'; complete -C '$1'" 2>&1 | cut -f1; }
	same "fish: commands" "$(fishc 'cry-guide ')" "walk list show prompts search crisis journal check help"
	for pair in walk:cmd_walk.c:walk_options show:cmd_read.c:show_options list:cmd_read.c:format_options \
		journal:cmd_journal.c:journal_options check:cmd_check.c:longopts; do
		cmd=${pair%%:*} rest=${pair#*:}
		want="$(table_opts "${rest%%:*}" "${rest#*:}")
--help"
		same "fish: $cmd --<Tab> offers $cmd's own options" "$(fishc "cry-guide $cmd --")" "$want"
	done
	same "fish: --color=<Tab>" "$(fishc 'cry-guide --color=')" "--color=auto --color=always --color=never"
	same "fish: --color <Tab>" "$(fishc 'cry-guide --color ')" "auto always never"
	same "fish: list --format=j" "$(fishc 'cry-guide list --format=j')" "--format=json"
	same "fish: check -f <Tab>" "$(fishc 'cry-guide check -f ')" "text json sarif github junit"
	contains "fish: walk --answers completes files" "$(fishc "cry-guide walk --answers $TMP/pick/ans")" \
		"$TMP/pick/answers.txt"
	same "fish: --content completes folders only" "$(fishc "cry-guide --content $TMP/pick/ans")" \
		"$TMP/pick/answers-dir/"
	same "fish: section ids" "$(fishc 'cry-guide show ')" "$("$CRY_GUIDE_BIN" list 2>/dev/null | cut -f1)"
	same "fish: -c DIR on the line: its section ids" "$(fishc "cry-guide -c $TMP/custom show o")" "own-tears"
	same "fish: journal subcommands" "$(fishc 'cry-guide journal ')" \
		"list show search export trend delete encrypt decrypt"
	same "fish: journal show: ids" "$(fishc "cry-guide journal --journal $TMP/jdir/j.jsonl show ")" "$jid"
	excludes "fish: journal show is not a section list" \
		"$(fishc "cry-guide journal --journal $TMP/jdir/j.jsonl show ")" why-we-cry
else
	echo "   (fish is not installed: fish completion not tested)"
fi
