#!/bin/sh
# eval_gate.sh CRISIS-EVAL: `crisis-eval --gate` can fail, and fails for
# each part of issue 9's bar on its own (make check runs this before it
# gates on tests/data/crisis/test.tsv, so the gate cannot silently pass
# everything).
#
# Each fixture is 100 lines that should fire, in 10 warning signs of 10, and
# 100 ordinary lines.  A hit is a line every tier of the matcher reads
# high; a miss an ordinary line labelled "fire"; a high false alarm a line
# that reads high labelled "none"; a medium one someone else at risk
# labelled "none".  "meets" sits exactly on the bar (97% recall, three
# signs at 90%, 1% high and 5% any-tier false alarms); each "below"
# fixture moves one part of it one line over.
set -u
eval=${1:?usage: eval_gate.sh CRISIS-EVAL}
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
trap 'exit 130' INT # stop here (the EXIT trap cleans up), not at the next case
trap 'exit 143' TERM

hit='I want to kill myself tonight'
miss='I baked bread this morning and it came out well'
high=$hit # the same line, labelled none: a high false alarm
medium='my friend told me she wants to kill herself'
plain='We walked the dog around the park after lunch'

# fixture NAME MISSES SIGN-MISSES HIGH ANY: MISSES signs with one missed
# line each, one more sign with SIGN-MISSES missed lines, HIGH none lines
# that read high and ANY none lines that read at any tier (HIGH of them high)
fixture() {
	awk -v misses="$2" -v sign_misses="$3" -v high="$4" -v any="$5" \
	    -v hit="$hit" -v miss="$miss" -v hi="$high" -v med="$medium" -v plain="$plain" 'BEGIN {
		for (s = 0; s < 10; s++)
			for (i = 0; i < 10; i++) {
				m = (s < misses && i == 0) || (s == 9 && i < sign_misses)
				printf "fire\tsign-%d\tplain\t%s\n", s, m ? miss : hit
			}
		for (i = 0; i < 100; i++)
			printf "none\tordinary\tplain\t%s\n", i < high ? hi : i < any ? med : plain
	}' >"$dir/$1.tsv"
}

fixture meets 3 0 1 5
fixture below-recall 4 0 1 5
fixture below-sign 0 2 1 5
fixture below-high 3 0 2 5
fixture below-any 3 0 1 6

fail=0
expect() { # expect STATUS FILE...: crisis-eval --gate FILE... exits STATUS
	want=$1
	shift
	"$eval" --gate "$@" >"$dir/out" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		printf 'eval_gate.sh: crisis-eval --gate %s exited %s, expected %s:\n' "$*" "$got" "$want" >&2
		cat "$dir/out" >&2
		fail=1
	fi
}

expect 0 "$dir/meets.tsv"
for f in below-recall below-sign below-high below-any; do
	expect 1 "$dir/$f.tsv"
done
# only the last file is gated: the others are reported
expect 0 "$dir/below-any.tsv" "$dir/meets.tsv"
expect 1 "$dir/meets.tsv" "$dir/below-recall.tsv"
[ "$fail" -eq 0 ] && echo 'eval gate: fails below the bar on each of its four parts, passes on it'
exit "$fail"
