# t_help.sh — help that teaches: short --help, per-command help with its own
# options and examples, and help and man page naming the same options.
. "$(dirname "$0")/lib.sh"
MAN=$CRY_GUIDE_SRC/man/cry-guide.1
COMMANDS="walk list show prompts search crisis journal check help"

# ---- --help: commands, global options and exit codes once, where to read more
cg --help
status_is "--help exits 0" 0
has "--help names help COMMAND" "$TMP/out" "cry-guide help COMMAND"
has "--help names the man page" "$TMP/out" "man cry-guide"
has "--help has --no-pager" "$TMP/out" "--no-pager"
ok "--help is short (at most 50 lines)" test "$(wc -l <"$TMP/out")" -le 50

# ---- each command's help: synopsis, options, examples, no repetition
for c in $COMMANDS; do
	cg help "$c"
	status_is "help $c exits 0" 0
	cp "$TMP/out" "$TMP/help-$c"
	has "help $c: a synopsis" "$TMP/out" "usage: cry-guide $c"
	has "help $c: examples" "$TMP/out" "Examples:"
	ok "help $c: two or three examples" test "$(grep -c '^    cry-guide\|^    man ' "$TMP/out")" -ge 2
	lacks "help $c: the global options are not repeated" "$TMP/out" "--content DIR"
	lacks "help $c: the exit codes are not repeated" "$TMP/out" "130  "
	has "help $c: points to --help for the rest" "$TMP/out" "'cry-guide --help'"
	has "help $c: the 988 line" "$TMP/out" "988"
	# sentence case: the summary and every option's description start in capitals
	ok "help $c: the summary is in sentence case" test -n "$(sed -n '3p' "$TMP/out" | grep '^[A-Z]')"
	ok "help $c: option descriptions are in sentence case" \
		test -z "$(grep -E '^  (-[a-zA-Z], |    )--[a-z-]+( [A-Z.]+)? +[a-z]' "$TMP/out")"
	# no stray indents: a paragraph's lines all start at the same column
	ok "help $c: no stray indents in the notes" \
		test -z "$(awk 'prev != "" && /^  [a-z:"-]/ && prev ~ /^[A-Z]/ && prev !~ /:$/ { print }; { prev = $0 }' "$TMP/out")"
	cg "$c" --help
	ok "$c --help is help $c" cmp -s "$TMP/out" "$TMP/help-$c"
	lines=$(wc -l <"$TMP/out")
	ok "help $c: not padded out (at most 60 lines, was 34+ of repetition)" test "$lines" -le 60
done

# ---- help and man page name the same options, both ways
# the options a help text shows: the long name starting an option line
help_opts() {
	grep -E '^  (-[a-zA-Z], +|    +)?--[a-z]' "$1" | sed -E 's/^ *(-[a-zA-Z], +)?(--[a-z][a-z-]*).*/\2/' | sort -u
}
help_shorts() {
	grep -E '^  -[a-zA-Z], --' "$1" | sed -E 's/^  (-[a-zA-Z]),.*/\1/' | sort -u
}
# the man page's entry for command $2 in COMMANDS: from its .TP header to the next
man_entry() {
	awk -v cmd="$1" '
		/^\.SH / { in_cmds = ($2 == "COMMANDS") ; on = 0 }
		in_cmds && /^\.TP/ { tp = 1; next }
		in_cmds && tp { split($0, w, /[ "]+/); on = (w[2] == cmd); tp = 0 }
		in_cmds && /^\.PP/ { on = 0 }
		on { print }' "$MAN"
}
man_opts() {
	grep -oE '\\-\\-[a-z]([a-z]|\\?-)*' | sed 's/\\//g' | sort -u
}
man_shorts() {
	grep -oE '\\fB\\-[a-zA-Z]\\fP' | sed -E 's/\\fB\\-([a-zA-Z])\\fP/-\1/' | sort -u
}
cg --help
help_opts "$TMP/out" >"$TMP/global-help"
awk '/^\.SH GLOBAL OPTIONS/ { on = 1; next } /^\.SH/ { on = 0 } on' "$MAN" | man_opts >"$TMP/global-man"
ok "every global option in --help is in the man page" test -z "$(comm -23 "$TMP/global-help" "$TMP/global-man")"
ok "every global option in the man page is in --help" test -z "$(comm -13 "$TMP/global-help" "$TMP/global-man" | grep -v -- '--colour')"
for c in $COMMANDS; do
	man_entry "$c" >"$TMP/man-$c"
	ok "man page has an entry for $c" test -s "$TMP/man-$c"
	help_opts "$TMP/help-$c" >"$TMP/h"
	man_opts <"$TMP/man-$c" >"$TMP/m"
	missing=$(comm -23 "$TMP/h" "$TMP/m" | tr '\n' ' ')
	ok "every option in help $c is in its man entry${missing:+ (missing: $missing)}" test -z "$missing"
	extra=$(comm -13 "$TMP/h" "$TMP/m" | grep -vxF -f "$TMP/global-help" | tr '\n' ' ')
	ok "every option in $c's man entry is in help $c${extra:+ (extra: $extra)}" test -z "$extra"
	help_shorts "$TMP/help-$c" >"$TMP/h"
	man_shorts <"$TMP/man-$c" >"$TMP/m"
	missing=$(comm -23 "$TMP/h" "$TMP/m" | tr '\n' ' ')
	ok "every short option in help $c is in its man entry${missing:+ (missing: $missing)}" test -z "$missing"
	extra=$(comm -13 "$TMP/h" "$TMP/m" | grep -vxE -- '-[cwhV]' | tr '\n' ' ')
	ok "every short option in $c's man entry is in help $c${extra:+ (extra: $extra)}" test -z "$extra"
done

# ---- the man page: the sections a user looks for, and no groff warnings
for s in EXAMPLES ENVIRONMENT FILES SAFETY "EXIT STATUS"; do
	ok "the man page has $s" grep -q "^\.SH $s" "$MAN"
done
# every variable the program reads (getenv) is in ENVIRONMENT
for v in $(grep -ohE 'getenv\("[A-Z_]+"\)' "$CRY_GUIDE_SRC"/src/*.c | sed -E 's/getenv\("(.*)"\)/\1/' | sort -u) PAGER CRY_GUIDE_PAGER; do
	ok "ENVIRONMENT names $v" test -n "$(awk '/^\.SH ENVIRONMENT/ { on = 1; next } /^\.SH/ { on = 0 } on' "$MAN" | grep -w -- "$v")"
done
if command -v groff >/dev/null 2>&1; then
	groff -ww -man -Tutf8 "$MAN" >/dev/null 2>"$TMP/groff"
	ok "groff -ww renders the man page without warnings" test ! -s "$TMP/groff"
else
	fail "groff is installed (scripts/deps.sh --tests installs it)"
fi
