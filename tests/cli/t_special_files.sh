# t_special_files.sh — only regular files are read as content: a FIFO, a device or a
# symlink to one is refused with a message naming it, and nothing ever waits on it.
. "$(dirname "$0")/lib.sh"

# Every run here has a time limit (cgt, lib.sh): a regression that waits on
# a FIFO fails (status 124) instead of hanging the suite.
LIMIT=20

blanks=$(awk 'BEGIN { for (i = 0; i < 60; i++) printf "\n" }')

# ---- a FIFO in place of safety.json (nothing ever writes to it)
copy fifo-safety
rm "$TMP/fifo-safety/safety.json"
mkfifo "$TMP/fifo-safety/safety.json"
F=$TMP/fifo-safety/safety.json

cgt -c "$TMP/fifo-safety" crisis
status_is "FIFO safety.json, crisis: exits 0 at once" 0
has "FIFO safety.json, crisis: the built-in resources" "$TMP/out" "HOME to 741741"
has "FIFO safety.json, crisis: the note names the file" "$TMP/err" "$F: cannot open: a FIFO, not a regular file"
has "FIFO safety.json, crisis: the note says what is shown" "$TMP/err" "these are the built-in resources"
cgt -c "$TMP/fifo-safety" crisis -f json
json_is "FIFO safety.json, crisis json: the built-in copy" '.builtin'

for args in "show 1" "list" "prompts" "search tears" "show --all -f json"; do
	# shellcheck disable=SC2086
	cgt -c "$TMP/fifo-safety" $args
	status_is "FIFO safety.json, $args: exits 3" 3
	has "FIFO safety.json, $args: names the file and what it is" "$TMP/err" \
		"cry-guide: $F: cannot open: a FIFO, not a regular file"
	has "FIFO safety.json, $args: the 988 line on stderr" "$TMP/err" "call or text 988"
	empty "FIFO safety.json, $args: nothing on stdout" "$TMP/out"
done
printf '%b' "$blanks" >"$TMP/in"
cgt -c "$TMP/fifo-safety" walk <"$TMP/in"
status_is "FIFO safety.json, walk: exits 3" 3
has "FIFO safety.json, walk: names the file" "$TMP/err" "$F: cannot open: a FIFO, not a regular file"
has "FIFO safety.json, walk: the 988 line on stderr" "$TMP/err" "call or text 988"

cgt check "$TMP/fifo-safety"
status_is "FIFO safety.json, check: exits 1 at once" 1
has "FIFO safety.json, check: CG001 at the file" "$TMP/out" \
	"$F: error: cannot open: a FIFO, not a regular file [CG001]"
has "FIFO safety.json, check: every other file is checked" "$TMP/out" "10 files"
cgt check "$F"
status_is "a FIFO given to check: exits 1 at once" 1
has "a FIFO given to check: CG001 naming it" "$TMP/out" \
	"$F: error: cannot open: a FIFO, not a regular file [CG001]"

# ---- a FIFO in place of guide.json
copy fifo-guide
rm "$TMP/fifo-guide/guide.json"
mkfifo "$TMP/fifo-guide/guide.json"
cgt -c "$TMP/fifo-guide" crisis
status_is "FIFO guide.json, crisis: exits 0 at once" 0
has "FIFO guide.json, crisis: the note names the file" "$TMP/err" \
	"$TMP/fifo-guide/guide.json: cannot open: a FIFO, not a regular file"
cgt -c "$TMP/fifo-guide" show 1
status_is "FIFO guide.json, show: exits 3" 3
cgt check "$TMP/fifo-guide"
status_is "FIFO guide.json, check: exits 1 at once" 1
has "FIFO guide.json, check: CG001 at the file" "$TMP/out" \
	"$TMP/fifo-guide/guide.json: error: cannot open: a FIFO, not a regular file [CG001]"

# ---- a FIFO as a section file
copy fifo-section
S=$TMP/fifo-section/sections/03-emotional-benefits.json
rm "$S"
mkfifo "$S"
cgt -c "$TMP/fifo-section" show 1
status_is "FIFO section, show: exits 3" 3
has "FIFO section, show: names the file" "$TMP/err" "$S: cannot open: a FIFO, not a regular file"
printf '%b' "$blanks" >"$TMP/in"
cgt -c "$TMP/fifo-section" walk <"$TMP/in"
status_is "FIFO section, walk: exits 3" 3
has "FIFO section, walk: names the file" "$TMP/err" "$S: cannot open: a FIFO, not a regular file"
empty "FIFO section, walk: no session starts" "$TMP/out"
# crisis reads guide.json and safety.json only: the content's own resources, no note
cgt -c "$TMP/fifo-section" crisis -f json
status_is "FIFO section, crisis: exits 0 at once" 0
json_is "FIFO section, crisis: the content's resources, not the built-in copy" \
	'(.builtin | not) and (.resources[0].verified_on | test("^[0-9]{4}-"))'
empty "FIFO section, crisis: no note (sections are never read)" "$TMP/err"
copy broken-section
printf '{"id": ' >"$TMP/broken-section/sections/05-healthy-crying.json"
cgt -c "$TMP/broken-section" crisis -f json
status_is "a truncated section, crisis: exits 0" 0
json_is "a truncated section, crisis: the content's resources" '(.builtin | not)'
empty "a truncated section, crisis: no note" "$TMP/err"
cgt check "$TMP/fifo-section"
status_is "FIFO section, check: exits 1 at once" 1
has "FIFO section, check: CG001 at the file" "$TMP/out" \
	"$S: error: cannot open: a FIFO, not a regular file [CG001]"
has "FIFO section, check: the other files are checked" "$TMP/out" "10 files, 1 error"

# ---- devices through symlinks (the loader follows symlinks; the target is what counts)
copy devnull
rm "$TMP/devnull/safety.json"
ln -s /dev/null "$TMP/devnull/safety.json"
cgt -c "$TMP/devnull" show 1
status_is "safety.json -> /dev/null, show: exits 3" 3
has "safety.json -> /dev/null, show: says it is a device" "$TMP/err" \
	"$TMP/devnull/safety.json: cannot open: a character device, not a regular file"
cgt -c "$TMP/devnull" crisis
status_is "safety.json -> /dev/null, crisis: exits 0" 0
has "safety.json -> /dev/null, crisis: the note says it is a device" "$TMP/err" \
	"a character device, not a regular file); these are the built-in resources"

copy devzero
S=$TMP/devzero/sections/01-why-we-cry.json
rm "$S"
ln -s /dev/zero "$S"
cgt -c "$TMP/devzero" show 2
status_is "section -> /dev/zero, show: exits 3" 3
has "section -> /dev/zero, show: says it is a device, not reading it" "$TMP/err" \
	"$S: cannot open: a character device, not a regular file"
cgt check "$TMP/devzero"
status_is "section -> /dev/zero, check: exits 1" 1
has "section -> /dev/zero, check: CG001 at the file" "$TMP/out" \
	"$S: error: cannot open: a character device, not a regular file [CG001]"
cgt check /dev/null
status_is "check /dev/null: exits 1" 1
has "check /dev/null: CG001, a device" "$TMP/out" \
	"/dev/null: error: cannot open: a character device, not a regular file [CG001]"

# a symlink to a regular file is still followed
copy linked
mv "$TMP/linked/safety.json" "$TMP/linked/real-safety.json"
ln -s real-safety.json "$TMP/linked/safety.json"
cgt -c "$TMP/linked" show 1
status_is "a symlink to a regular file is read: exits 0" 0
has "a symlink to a regular file is read: the footer" "$TMP/out" "call or text 988"
