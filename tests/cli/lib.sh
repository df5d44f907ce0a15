# lib.sh — helpers for the CLI tests: run the binary, compare, count.
# shellcheck shell=sh
set -u
: "${CG_RESULTS:=/dev/null}"
: "${CRY_GUIDE_SRC:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${CRY_GUIDE_BIN:=$CRY_GUIDE_SRC/build/cry-guide}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C.UTF-8
unset NO_COLOR CRY_GUIDE_CONTENT COLUMNS

# cg ARGS...: run cry-guide (under $CRY_GUIDE_WRAP) with stdin from /dev/null
# unless redirected; stdout to $TMP/out, stderr to $TMP/err, status in $rc.
cg() {
	# shellcheck disable=SC2086
	${CRY_GUIDE_WRAP:-} "$CRY_GUIDE_BIN" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

pass() { echo "pass $1" >>"$CG_RESULTS"; }
fail() {
	echo "fail $1" >>"$CG_RESULTS"
	printf '   FAIL: %s\n' "$1"
	[ $# -gt 1 ] && printf '         %s\n' "$2"
	[ -s "$TMP/err" ] && sed 's/^/         stderr: /' "$TMP/err" | head -5
	return 0
}

# ok NAME COMMAND...: the command succeeds
ok() {
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "failed: $*"; fi
}

# status_is NAME N
status_is() {
	if [ "$rc" -eq "$2" ]; then pass "$1"; else fail "$1" "status $rc, want $2"; fi
}

# has NAME FILE TEXT: FILE contains TEXT (fixed string; wrapped lines are
# joined with a space first, so a wrapped sentence still matches)
has() {
	if tr '\n' ' ' <"$2" | grep -qF -- "$3"; then pass "$1"; else fail "$1" "$2 lacks '$3'"; fi
}

# lacks NAME FILE TEXT
lacks() {
	if grep -qF -- "$3" "$2"; then fail "$1" "$2 has '$3'"; else pass "$1"; fi
}

# no_escapes NAME FILE: no ESC byte anywhere
no_escapes() {
	if LC_ALL=C grep -q "$(printf '\033')" "$2"; then fail "$1" "escape byte in $2"; else pass "$1"; fi
}

# golden NAME GOLDEN FILE: FILE is byte for byte the same as tests/golden/GOLDEN;
# with UPDATE_GOLDEN=1 the golden file is (re)written from FILE instead
golden() {
	g=$CRY_GUIDE_SRC/tests/golden/$2
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		mkdir -p "$(dirname "$g")"
		cp "$3" "$g"
		pass "$1"
	elif [ ! -f "$g" ]; then
		fail "$1" "no golden file $g (run with UPDATE_GOLDEN=1)"
	elif cmp -s "$g" "$3"; then
		pass "$1"
	else
		fail "$1" "differs from tests/golden/$2: $(diff "$g" "$3" | head -3 | tr '\n' ' ')"
	fi
}

# has_escapes NAME FILE: at least one ESC byte
has_escapes() {
	if LC_ALL=C grep -q "$(printf '\033')" "$2"; then pass "$1"; else fail "$1" "no escape byte in $2"; fi
}

# empty NAME FILE: FILE is empty
empty() {
	if [ -s "$2" ]; then fail "$1" "$2 is not empty: $(head -c 200 "$2")"; else pass "$1"; fi
}

# jq_ok NAME FILTER FILE: FILE holds at least one JSON value and FILTER is
# true of every one (jq 1.6's -e alone takes empty input for true)
jq_ok() {
	if jq -e --slurp "length >= 1 and all(.[]; $2)" "$3" >/dev/null 2>&1; then
		pass "$1"
	else
		fail "$1" "jq -e '$2' is not true (or no JSON at all)"
	fi
}

# json_is NAME FILTER: stdout is one JSON value and FILTER is true of it (jq 1.6 -e
# alone takes empty input for true)
json_is() {
	if jq -e --slurp "length == 1 and (.[0] | $2)" "$TMP/out" >/dev/null 2>&1; then
		pass "$1"
	else
		fail "$1" "jq: not one value with $2"
	fi
}

# cgt ARGS...: cg under a time limit ($LIMIT seconds, 20 unless set), stdin
# from /dev/null unless redirected: a regression that waits on a FIFO or a
# stream fails (status 124) instead of hanging the suite
cgt() {
	# shellcheck disable=SC2086
	timeout "${LIMIT:-20}" ${CRY_GUIDE_WRAP:-} "$CRY_GUIDE_BIN" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# copy DIR: a fresh copy of the shipped content in $TMP/DIR
copy() {
	rm -rf "${TMP:?}/$1"
	mkdir -p "$TMP/$1"
	cp -R "$CRY_GUIDE_SRC/content/." "$TMP/$1/"
}
