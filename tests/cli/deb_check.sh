#!/bin/sh
# deb_check.sh DEB — run by make check (deb-check) after building the Debian
# package: unpack it into a temporary root with dpkg -x (no installing, no
# root) and check that it holds what it should and that its binary runs
# from there.  Not a t_*.sh: run.sh would run it twice (plain and ASan).
CG_RESULTS=$(mktemp)
export CG_RESULTS
. "$(dirname "$0")/lib.sh"
deb=$1

ok "the package exists" test -f "$deb"
root=$TMP/root
dpkg -x "$deb" "$root"
rc=$?
status_is "dpkg -x unpacks it" 0
for f in usr/bin/cry-guide usr/share/man/man1/cry-guide.1.gz usr/share/man/man5/cry-guide-content.5.gz \
	usr/share/bash-completion/completions/cry-guide usr/share/zsh/vendor-completions/_cry-guide \
	usr/share/fish/vendor_completions.d/cry-guide.fish usr/share/doc/cry-guide/copyright \
	usr/share/doc/cry-guide/README.md.gz usr/share/cry-guide/content/guide.json \
	usr/share/cry-guide/content/safety.json usr/share/cry-guide/content/sections/01-why-we-cry.json; do
	ok "the package holds /$f" test -f "$root/$f"
done
"$root/usr/bin/cry-guide" show 1 >"$TMP/out" 2>"$TMP/err"
rc=$?
status_is "the packaged cry-guide show 1 exits 0" 0
has "it prints the first section" "$TMP/out" "Why we cry"
has "it shows the 988 line" "$TMP/out" "988"
"$root/usr/bin/cry-guide" --content "$root/usr/share/cry-guide/content" check >"$TMP/out" 2>"$TMP/err"
rc=$?
status_is "the packaged content template passes check" 0
if command -v groff >/dev/null 2>&1; then
	gzip -dc "$root/usr/share/man/man5/cry-guide-content.5.gz" | LC_ALL=C.UTF-8 groff -ww -man -Tutf8 >/dev/null 2>"$TMP/err"
	ok "the packaged content guide renders without groff warnings" test ! -s "$TMP/err"
fi
dpkg-deb -f "$deb" Depends >"$TMP/out"
has "the package depends on the shared libraries it links" "$TMP/out" "libsodium"

passed=$(grep -c '^pass' "$CG_RESULTS")
failed=$(grep -c '^fail' "$CG_RESULTS")
rm -f "$CG_RESULTS"
printf '%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
