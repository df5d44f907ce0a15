# t_options.sh — option parsing: values given to options that take none,
# unknown option bytes, --ignore with many codes, CRY_GUIDE_TODAY.
. "$(dirname "$0")/lib.sh"

D=$CRY_GUIDE_SRC/tests/data/check
export CRY_GUIDE_TODAY=2026-12-01

# no_controls NAME FILE: no C0 control but newline and tab, no DEL
no_controls() {
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$2"; then
		fail "$1" "a control byte in $2"
	else
		pass "$1"
	fi
}

# ---- a value for an option that takes none is refused with the option's name
for args in "check --list-rules=x:--list-rules" "check --list=x:--list-rules" \
	"show --all=1:--all" "show why --al=yes:--all" "walk --brief=yes:--brief" \
	"--help=x:--help" "--version=1:--version" "show --help=x:--help" \
	"check --version=x:--version" "list --help=:--help"; do
	opt=${args##*:}
	args=${args%:*}
	# shellcheck disable=SC2086
	cg $args
	status_is "$args: a usage error" 2
	has "$args: names $opt" "$TMP/err" "cry-guide: option '$opt' doesn't allow an argument"
	no_controls "$args: no control byte on stderr" "$TMP/err"
	empty "$args: nothing on stdout" "$TMP/out"
done
cg check --list-rules
status_is "--list-rules without a value still works" 0
cg list --all=1
status_is "an option another command has is unknown here" 2
has "... and named as typed" "$TMP/err" "unknown option '--all=1'"

# ---- an unknown short option that is no printable character
cg show "-$(printf '\002')" why
status_is "an unknown control-byte option is a usage error" 2
no_controls "the control byte is not echoed" "$TMP/err"
has "the byte is shown escaped" "$TMP/err" "unknown option '-\\x02'"
cg show "-$(printf '\303\251')" why
status_is "an unknown non-ASCII option is a usage error" 2
has "its first byte is shown escaped" "$TMP/err" "unknown option '-\\xC3'"
cg show -z why
has "a printable unknown option is shown as typed" "$TMP/err" "unknown option '-z'"

# ---- --ignore takes any number of codes
many=
i=0
while [ $i -lt 70 ]; do
	many="${many}CG104,"
	i=$((i + 1))
done
cg check --fail-on warning --ignore "${many}CG108" "$D/failing/CG108-unknown-field.json"
status_is "--ignore: a code after 70 others still counts" 0
has "--ignore: the warning is ignored" "$TMP/out" "0 warnings, 1 ignored"
set --
i=0
while [ $i -lt 70 ]; do
	set -- "$@" --ignore CG113
	i=$((i + 1))
done
cg check --fail-on warning "$@" --ignore CG108 "$D/failing/CG108-unknown-field.json"
status_is "--ignore: the 71st --ignore still counts" 0
has "--ignore given many times: the warning is ignored" "$TMP/out" "0 warnings, 1 ignored"
cg check --fail-on warning --ignore cg104,,CG108, "$D/failing/CG108-unknown-field.json"
status_is "--ignore: lowercase codes and empty entries" 0

# ---- CRY_GUIDE_TODAY must be a real date
for d in 2024-13-45 2023-02-29 2100-02-29 2024-04-31 2024-00-10 2024-1-1x tomorrow 2024-02-29x; do
	CRY_GUIDE_TODAY=$d
	cg check "$D/passing"
	status_is "CRY_GUIDE_TODAY=$d is a usage error" 2
	has "CRY_GUIDE_TODAY=$d: the variable is named" "$TMP/err" "CRY_GUIDE_TODAY"
	has "CRY_GUIDE_TODAY=$d: the value is shown" "$TMP/err" "'$d'"
	empty "CRY_GUIDE_TODAY=$d: nothing is checked" "$TMP/out"
done
for d in 2024-02-29 2000-02-29 2026-12-31; do
	CRY_GUIDE_TODAY=$d
	cg check "$D/passing"
	status_is "CRY_GUIDE_TODAY=$d is a real date" 0
	empty "CRY_GUIDE_TODAY=$d: no complaint" "$TMP/err"
done
CRY_GUIDE_TODAY=
cg check "$D/passing"
status_is "an empty CRY_GUIDE_TODAY means today" 0
