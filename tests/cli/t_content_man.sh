# t_content_man.sh — the content guide, man/cry-guide-content.5: it renders
# without groff warnings and names every field of the content files (every
# property in content/schema/*.json and what the loader reads beyond them).
. "$(dirname "$0")/lib.sh"

page=$CRY_GUIDE_SRC/man/cry-guide-content.5
if command -v groff >/dev/null 2>&1; then
	groff -ww -man -Tutf8 "$page" >"$TMP/page" 2>"$TMP/err"
	ok "groff -ww renders cry-guide-content(5) without warnings" test ! -s "$TMP/err"
else
	echo "   (groff is not installed: rendering not tested)"
fi
# the page's source with the roff hyphen escapes undone
sed 's/\\-/-/g' "$page" >"$TMP/src"
fields=$(jq -r '[.. | objects | .properties? // empty | keys[]] | unique[]' \
	"$CRY_GUIDE_SRC"/content/schema/*.schema.json | grep -v '^\$schema$')
for f in $fields must_match_medium matcher shorthand concepts rules modifiers weights reply ask url; do
	has "the content guide describes '$f'" "$TMP/src" "$f"
done
for kind in text scale choice; do
	has "the content guide shows a '$kind' prompt" "$TMP/src" "\"kind\": \"$kind\""
done
for x in "cry-guide check" "--format github" "--format sarif" "content/schema" schema/; do
	has "the content guide mentions $x" "$TMP/src" "$x"
done
