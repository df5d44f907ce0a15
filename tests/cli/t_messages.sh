# t_messages.sh — no content, file name or argument can drive the terminal
# through a message: stderr of every command, check's text and GitHub output;
# JUnit output stays well-formed XML whatever the content and names hold.
. "$(dirname "$0")/lib.sh"

C=$CRY_GUIDE_SRC/content

# clean NAME FILE: no ESC, no other C0 control but tab and newline, no DEL,
# no C1 control (U+0080..U+009F), no bidi override, embedding or isolate
# (U+202A..U+202E, U+2066..U+2069)
clean() {
	bad=
	LC_ALL=C grep -q "$(printf '\033')" "$2" && bad="$bad ESC"
	LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$2" && bad="$bad C0/DEL"
	LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$2" && bad="$bad C1"
	LC_ALL=C grep -q "$(printf '\342\200[\252-\256]')" "$2" && bad="$bad U+202A..E"
	LC_ALL=C grep -q "$(printf '\342\201[\246-\251]')" "$2" && bad="$bad U+2066..9"
	if [ -z "$bad" ]; then pass "$1"; else fail "$1" "$2 holds:$bad"; fi
}

# What an attacker puts in content, as JSON escapes: CSI, OSC ending in BEL,
# the C1 CSI U+009B, a right-to-left override, a C1 control.
P='\\u001b[31mX\\u001b]0;owned\\u0007\\u009b2J\\u202eY\\u0085Z'
# in a file name, as raw bytes
N=$(printf '\033[31mX\033]0;owned\007\302\2332J\342\200\256Y')

# bad DIR FILE SED: a copy of the shipped content with one edit
bad() {
	cp -R "$C" "$TMP/$1"
	sed -i "$3" "$TMP/$1/$2"
}
bad id sections/01-why-we-cry.json "0,/\"id\": \"growing-up\"/s//\"id\": \"grow$P\"/"
bad kind sections/01-why-we-cry.json "0,/\"kind\": \"text\"/s//\"kind\": \"t$P\"/"
bad date safety.json "0,/\"verified_on\": \"[0-9-]*\"/s//\"verified_on\": \"2026$P\"/"
bad dupkey guide.json "0,/{/s//{ \"k$P\": 1, \"k$P\": 2,/"
# a folder whose name holds escapes, with an error in it to report the path
cp -R "$TMP/id" "$TMP/$N"
ok "the fixtures hold the escapes" grep -q 'u001b\[31m' "$TMP/id/sections/01-why-we-cry.json"

for dir in id kind date dupkey "$N"; do
	case $dir in "$N") what="a folder name" ;; *) what="a $dir" ;; esac
	for args in "list" "show 1" "prompts" "search tears" "walk" "crisis"; do
		# shellcheck disable=SC2086
		cg -c "$TMP/$dir" $args
		case $args in
		crisis)
			# crisis reads only guide.json and safety.json: a broken
			# section leaves the content's own resources standing
			status_is "crisis with escapes in $what: resources shown" 0
			case $dir in
			date | dupkey)
				has "crisis with escapes in $what: the note" "$TMP/err" "content could not be loaded" ;;
			*)
				has "crisis with escapes in $what: the content's resources" "$TMP/out" "988" ;;
			esac ;;
		*)
			status_is "$args with escapes in $what: exit 3" 3
			has "$args with escapes in $what: the error is reported" "$TMP/err" "cry-guide: " ;;
		esac
		clean "$args with escapes in $what: stderr is clean" "$TMP/err"
		clean "$args with escapes in $what: stdout is clean" "$TMP/out"
	done
done
cg -c "$TMP/id" show 1
has "the sanitised message keeps its text" "$TMP/err" "id 'grow"
has "the sanitised message keeps the text around the escapes" "$TMP/err" "must be lowercase letters"
cg -c "$TMP/kind" show 1
has "a prompt kind is still named" "$TMP/err" "unknown prompt kind 'tXYZ'"
cg -c "$TMP/date" show 1
has "a date is still named" "$TMP/err" "verified_on '2026XYZ' is not a YYYY-MM-DD date"
cg -c "$TMP/dupkey" show 1
has "a duplicate key is still named" "$TMP/err" "duplicate key 'kXYZ'"

# arguments are echoed in messages too
cg show "$(printf 'no\033[2J\342\200\256pe')"
status_is "an unknown section with escapes exits 1" 1
has "the unknown section is named" "$TMP/err" "no section 'no"
clean "an unknown section with escapes: stderr is clean" "$TMP/err"
cg "$(printf -- '--bo\033[31mgus')"
status_is "an unknown option with escapes exits 2" 2
clean "an unknown option with escapes: stderr is clean" "$TMP/err"
cg check "$TMP/$N/nonexistent"
status_is "check of a missing path with escapes in its name exits 2" 2
has "the missing path is named" "$TMP/err" "cannot open '"
clean "check of a missing path with escapes: stderr is clean" "$TMP/err"

# check: text and GitHub output, paths, pointers and messages
cp "$TMP/id/sections/01-why-we-cry.json" "$TMP/$N.json"
for fmt in text github; do
	for what in id kind date dupkey "$N" "$N.json"; do
		case $what in
		"$N") label="a folder name" ;;
		"$N.json") label="a file name" ;;
		*) label="a $what" ;;
		esac
		cg check --format "$fmt" "$TMP/$what"
		status_is "check -f $fmt, escapes in $label: errors exit 1" 1
		clean "check -f $fmt, escapes in $label: stdout is clean" "$TMP/out"
		clean "check -f $fmt, escapes in $label: stderr is clean" "$TMP/err"
	done
done
cg check "$TMP/dupkey"
has "check text: the pointer of a duplicate key is still shown" "$TMP/out" "[CG007] (/k"
cg check "$TMP/$N.json"
has "check text: a file name with escapes is shown without them" "$TMP/out" \
	"$TMP/XY.json:"
cg check --format github "$TMP/$N.json"
has "check github: a file name with escapes is shown without them" "$TMP/out" \
	"::error file=$TMP/XY.json"

# JUnit: characters XML 1.0 forbids (U+FFFE, U+FFFF, C0 controls, bytes that
# are not UTF-8) never reach the XML, from content or from a file name
NC=$(printf 'a\357\277\276b\357\277\277c\001d\377e')
sed 's/"essay"/"\\uffff\\ufffe\\u0001\\u001b[31m"/' \
	"$CRY_GUIDE_SRC/tests/data/check/failing/CG106-unknown-prompt-kind.json" >"$TMP/$NC.json"
ok "the JUnit fixture holds U+FFFF" grep -q 'uffff' "$TMP/$NC.json"
cg check --format junit "$TMP/$NC.json" "$TMP/dupkey"
status_is "junit with forbidden characters: errors exit 1" 1
has "junit: the failure is there" "$TMP/out" '<failure type="CG106"'
# a byte-level test that needs no XML tool: no U+FFFE, U+FFFF, C0 but tab
# and newline, nor a byte that cannot start or continue UTF-8
xml_bytes_ok() {
	! LC_ALL=C grep -q "$(printf '\357\277[\276\277]')" "$1" &&
		! LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037\300\301\365-\377]')" "$1"
}
ok "junit: no character XML 1.0 forbids" xml_bytes_ok "$TMP/out"
ok "junit: xmllint accepts it" xmllint --noout "$TMP/out"
has "junit: U+FFFE, U+FFFF and a stray byte in a file name become U+FFFD" "$TMP/out" \
	"$(printf 'a\357\277\275b\357\277\275cd\357\277\275e.json')"
