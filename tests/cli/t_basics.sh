# t_basics.sh — help, version, usage errors, the compiled-in safety text.
. "$(dirname "$0")/lib.sh"

cg --help
status_is "--help exits 0" 0
has "--help shows usage" "$TMP/out" "usage: cry-guide"
has "--help lists commands" "$TMP/out" "search"
has "--help shows exit codes" "$TMP/out" "130  Interrupted"
has "--help shows the 988 line" "$TMP/out" "call or text 988"
has "--help shows the disclaimer" "$TMP/out" "medical advice"
no_escapes "--help through a pipe has no escapes" "$TMP/out"
ok "--help writes nothing to stderr" test ! -s "$TMP/err"

cg --version
status_is "--version exits 0" 0
has "--version names the program" "$TMP/out" "cry-guide "
has "--version shows the 988 line" "$TMP/out" "988"
has "--version shows the disclaimer" "$TMP/out" "medical advice"

cg help show
status_is "help show exits 0" 0
has "help show shows its usage" "$TMP/out" "usage: cry-guide show"
has "help show shows the 988 line" "$TMP/out" "988"

cg --bogus
status_is "unknown option exits 2" 2
ok "unknown option: one line on stderr" test "$(wc -l <"$TMP/err")" -eq 1
has "unknown option is named" "$TMP/err" "unknown option '--bogus'"
ok "unknown option: nothing on stdout" test ! -s "$TMP/out"

cg frobnicate
status_is "unknown command exits 2" 2
has "unknown command is named" "$TMP/err" "cry-guide: unknown command 'frobnicate'"

cg --width
status_is "missing option value exits 2" 2
cg --width abc --help
status_is "bad --width exits 2" 2
cg --color sometimes --help
status_is "bad --color exits 2" 2
has "bad --color says what is allowed" "$TMP/err" "auto, always or never"

cg help nosuch
status_is "help for an unknown command exits 2" 2


# a full disk (or any write error other than a closed pipe) is status 4
if [ -w /dev/full ]; then
	for args in "list" "show --all" "--help" "crisis" "check content -f json"; do
		# shellcheck disable=SC2086
		(cd "$CRY_GUIDE_SRC" && ${CRY_GUIDE_WRAP:-} "$CRY_GUIDE_BIN" $args >/dev/full 2>"$TMP/err")
		rc=$?
		status_is "$args to a full disk exits 4" 4
		has "$args to a full disk says so" "$TMP/err" "cry-guide: cannot write output"
	done
	${CRY_GUIDE_WRAP:-} "$CRY_GUIDE_BIN" walk why </dev/null >/dev/full 2>"$TMP/err"
	rc=$?
	status_is "walk to a full disk exits 4" 4
	has "walk to a full disk: the crisis line on stderr" "$TMP/err" "988"
	has "walk to a full disk: the disclaimer on stderr" "$TMP/err" "medical advice"
fi

# Ctrl-C stops a command other than walk at once, with status 130 (the
# default action): check is blocked writing its findings (a file given 1000
# times, some 300 KiB of output) to a FIFO that is held open but never read.
# (Content files can no longer block it: a FIFO as content is refused.)
# env --default-signal undoes the SIGINT-ignore of a background job.
if mkfifo "$TMP/blocked" 2>/dev/null && env --default-signal=INT true 2>/dev/null; then
	f=$CRY_GUIDE_SRC/tests/data/check/failing/CG108-unknown-field.json
	set --
	while [ $# -lt 1000 ]; do set -- "$@" "$f"; done
	exec 3<>"$TMP/blocked"
	env --default-signal=INT ${CRY_GUIDE_WRAP:-} "$CRY_GUIDE_BIN" check "$@" \
		>"$TMP/blocked" 2>"$TMP/err" &
	pid=$!
	sleep 1
	kill -INT "$pid"
	wait "$pid"
	rc=$?
	exec 3<&-
	status_is "Ctrl-C stops check at once with status 130" 130
fi
