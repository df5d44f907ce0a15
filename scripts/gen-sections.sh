#!/bin/sh
# gen-sections.sh — write N copies of a section, DIR/NN-sK.json with id sK
# (K = 1..N), for the generated trees of make bench and the CLI tests.
# usage: scripts/gen-sections.sh DIR N SECTION.json
# 10,000 files an awk: mawk looks each output name up among every name it
# has opened, closed or not, so one awk writing a million files slows with
# the square of the count (hours, not minutes).
set -eu
dir=$1 n=$2 src=$3
i=1
while [ "$i" -le "$n" ]; do
	last=$((i + 9999))
	[ "$last" -le "$n" ] || last=$n
	awk -v from="$i" -v to="$last" -v dir="$dir" '
		{ text = text $0 "\n" }
		END {
			for (i = from; i <= to; i++) {
				f = sprintf("%s/%02d-s%d.json", dir, i, i)
				t = text
				sub(/"id": "[a-z-]*"/, "\"id\": \"s" i "\"", t)
				printf "%s", t > f
				close(f)
			}
		}' "$src"
	i=$((last + 1))
done
