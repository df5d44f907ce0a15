# t_install.sh — make install/uninstall honour DESTDIR and PREFIX; the binary runs alone.
. "$(dirname "$0")/lib.sh"

build=$(dirname "$CRY_GUIDE_BIN")
root="$TMP/root"
make -s -C "$CRY_GUIDE_SRC" --no-print-directory BUILD="$build" DESTDIR="$root" \
	PREFIX=/opt/cg install >"$TMP/out" 2>"$TMP/err"
rc=$?
status_is "make install exits 0" 0
for f in bin/cry-guide share/man/man1/cry-guide.1 share/man/man5/cry-guide-content.5 \
	share/bash-completion/completions/cry-guide share/zsh/vendor-completions/_cry-guide \
	share/fish/vendor_completions.d/cry-guide.fish \
	share/cry-guide/content/guide.json share/cry-guide/content/safety.json \
	share/cry-guide/content/sections/01-why-we-cry.json; do
	ok "install puts $f under DESTDIR/PREFIX" test -f "$root/opt/cg/$f"
done
ok "the installed binary is executable" test -x "$root/opt/cg/bin/cry-guide"

# the binary needs nothing beside it: copy it alone into an empty folder
mkdir "$TMP/alone"
cp "$root/opt/cg/bin/cry-guide" "$TMP/alone/"
(cd "$TMP/alone" && ${CRY_GUIDE_WRAP:-} ./cry-guide show 1 >"$TMP/out" 2>"$TMP/err")
rc=$?
status_is "a lone copy of the binary shows the built-in content" 0
has "a lone copy prints the first section" "$TMP/out" "Why we cry"
has "a lone copy shows the 988 line" "$TMP/out" "988"

# the installed content copy is a working template
(cd "$TMP/alone" && ${CRY_GUIDE_WRAP:-} ./cry-guide --content "$root/opt/cg/share/cry-guide/content" check >/dev/null 2>&1)
rc=$?
status_is "the installed content copy is a clean template" 0

make -s -C "$CRY_GUIDE_SRC" --no-print-directory BUILD="$build" DESTDIR="$root" \
	PREFIX=/opt/cg uninstall >"$TMP/out" 2>"$TMP/err"
rc=$?
status_is "make uninstall exits 0" 0
left=$(find "$root" -type f | wc -l)
ok "uninstall removes every installed file" test "$left" -eq 0
