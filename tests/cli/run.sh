#!/bin/sh
# run.sh — run every CLI test script (tests/cli/t_*.sh) against the real binary.
# Each script sources lib.sh, whose helpers count passes and failures.
# Environment: CRY_GUIDE_BIN (the binary), CRY_GUIDE_SRC (the source tree),
# CRY_GUIDE_WRAP (a wrapper such as valgrind, may be empty).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${CRY_GUIDE_SRC:=$(cd "$here/../.." && pwd)}"
: "${CRY_GUIDE_BIN:=$CRY_GUIDE_SRC/build/cry-guide}"
export CRY_GUIDE_SRC CRY_GUIDE_BIN
CG_RESULTS=$(mktemp)
export CG_RESULTS
status=0
for t in "$here"/t_*.sh; do
	printf -- '-- %s\n' "$(basename "$t")"
	sh "$t" || status=1
done
passed=$(grep -c '^pass' "$CG_RESULTS")
failed=$(grep -c '^fail' "$CG_RESULTS")
rm -f "$CG_RESULTS"
printf '%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
