#!/bin/sh
# t_alloc.sh — running out of memory is never silent: the Nth allocation
# fails (tools/failalloc.c, preloaded), for N along a full scripted walk, a
# journal save, a check of the content, show --all, search, crisis and list.  Each run ends
# with the output it would have had (the failure hit nothing it needed), or
# with "out of memory" on stderr and status 4 (3 when the content could not
# be loaded) — and for walk the crisis line on stderr — never a signal, a
# leak (under ASan, status 99) or a quiet success with output missing.
#
# By default N is sampled (the first and last allocations, and an even
# spread between); CRY_GUIDE_ALLOC_SWEEP=full (make check ALLOC_SWEEP=full)
# tries every N.  The number of runs is printed at the end.
. "$(dirname "$0")/lib.sh"

SHIM=${CRY_GUIDE_FAILALLOC:-}
if [ -z "$SHIM" ] || [ ! -f "$SHIM" ]; then
	fail "alloc: the failalloc shim is built (CRY_GUIDE_FAILALLOC, make cli builds it)"
	exit 0
fi
if [ -n "${CRY_GUIDE_WRAP:-}" ]; then
	echo "   skip: allocation failures are injected by LD_PRELOAD, not under $CRY_GUIDE_WRAP"
	exit 0
fi
# under ASan the shim goes first and hands on to the sanitiser's malloc
ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
export ASAN_OPTIONS
SWEEP=${CRY_GUIDE_ALLOC_SWEEP:-sample}
ANSWERS=$CRY_GUIDE_SRC/tests/data/walk-answers.txt
CONTENT=$CRY_GUIDE_SRC/content
runs=0
# how it is said: ours, or strerror(ENOMEM) where a library call failed for want of it
OOM='\(out of memory\|Cannot allocate memory\)'

# fa IN ARGS...: run the binary with the shim, stdin from IN
fa() {
	in=$1
	shift
	LD_PRELOAD=$SHIM "$CRY_GUIDE_BIN" "$@" <"$in" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# the N to try out of COUNT allocations
points() {
	if [ "$SWEEP" = full ]; then
		seq 1 "$1"
	else
		awk -v c="$1" 'BEGIN {
			for (n = 1; n <= 25 && n <= c; n++) print n
			for (k = 1; k < 60; k++) print int(c * k / 60)
			for (n = c - 40; n <= c; n++) if (n > 25) print n
		}' | sort -n -u
	fi
}

# sweep NAME IN ARGS...: every chosen N for one command
sweep() {
	name=$1
	in=$2
	shift 2
	FAILALLOC_COUNT=$TMP/count fa "$in" "$@"
	if [ "$rc" -ne 0 ]; then
		fail "alloc $name: runs cleanly with nothing failing" "status $rc"
		return
	fi
	cp "$TMP/out" "$TMP/ref"
	count=$(cat "$TMP/count" 2>/dev/null)
	if [ -z "$count" ] || [ "$count" -lt 1 ]; then
		fail "alloc $name: the shim counts the allocations" "no count in $TMP/count"
		return
	fi
	bad=0
	for n in $(points "$count"); do
		runs=$((runs + 1))
		FAILALLOC_NTH=$n fa "$in" "$@"
		why=
		if [ "$rc" -eq 0 ] && [ "$name" = crisis ] &&
			grep -q "$OOM.*these are the built-in resources" "$TMP/err"; then
			: # crisis shows the built-in resources when content cannot load, with a note
		elif [ "$rc" -eq 0 ]; then
			cmp -s "$TMP/out" "$TMP/ref" || why="status 0 but the output differs"
		elif [ "$rc" -ne 4 ] && [ "$rc" -ne 3 ]; then
			why="status $rc"
		elif ! grep -q "^cry-guide: .*$OOM" "$TMP/err"; then
			why="status $rc without 'out of memory' on stderr"
		elif [ "$name" = walk ] && ! grep -q 988 "$TMP/err"; then
			why="status $rc without the crisis line on stderr"
		fi
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			[ "$bad" -le 3 ] && fail "alloc $name: allocation $n of $count fails cleanly" "$why"
		fi
	done
	[ "$bad" -eq 0 ] && pass "alloc $name: each failed allocation (of $count) ends cleanly"
}

sweep walk "$ANSWERS" walk
# check on one thread: the Nth allocation is then the same on every run.
# The threaded run is tried without a sanitiser only: ASan's own thread
# start-up aborts when pthread_getattr_np() cannot allocate.
sweep "check" /dev/null check -j 1 "$CONTENT"
sweep "check -f sarif" /dev/null check -j 1 -f sarif "$CONTENT"
if ! ldd "$CRY_GUIDE_BIN" 2>/dev/null | grep -q libasan; then
	sweep "check -j 2" /dev/null check -j 2 -f junit "$CONTENT"
fi
# A journal save: the Nth allocation fails along a scripted walk --save
# onto a journal that already holds one entry.  Afterwards that entry is
# whole and first; a run that ended 0 added exactly one whole entry; one
# that ran out of memory said so (status 4, 988 on stderr) and added one
# whole entry or none.  No torn line, nothing lost.
sweep_journal() {
	mkdir -p "$TMP/jh" && chmod 700 "$TMP/jh"
	J=$TMP/jh/journal.jsonl
	rm -f "$J"
	CRY_GUIDE_JOURNAL=$J "$CRY_GUIDE_BIN" walk --save <"$ANSWERS" >/dev/null 2>&1
	if [ "$(wc -l <"$J" 2>/dev/null)" != 1 ]; then
		fail "alloc journal: a clean save writes one entry" "$(wc -l <"$J" 2>&1)"
		return
	fi
	cp "$J" "$TMP/j0"
	CRY_GUIDE_JOURNAL=$J FAILALLOC_COUNT=$TMP/count fa "$ANSWERS" walk --save
	count=$(cat "$TMP/count" 2>/dev/null)
	if [ "$rc" -ne 0 ] || [ -z "$count" ]; then
		fail "alloc journal: runs cleanly with nothing failing" "status $rc"
		return
	fi
	bad=0
	for n in $(points "$count"); do
		runs=$((runs + 1))
		cp "$TMP/j0" "$J" && chmod 600 "$J"
		CRY_GUIDE_JOURNAL=$J FAILALLOC_NTH=$n fa "$ANSWERS" walk --save
		lines=$(wc -l <"$J")
		why=
		if ! head -n 1 "$J" | cmp -s - "$TMP/j0"; then
			why="the entry saved before is not whole and first"
		elif ! jq -e . "$J" >/dev/null 2>&1 || [ "$(tail -c 1 "$J" | od -An -c | tr -d ' ')" != '\n' ]; then
			why="a line of the journal is torn"
		elif [ "$rc" -eq 0 ] && [ "$lines" -ne 2 ]; then
			why="status 0 but $lines entries (the save was lost)"
		elif [ "$rc" -ne 0 ] && [ "$rc" -ne 4 ]; then
			why="status $rc"
		elif [ "$rc" -eq 4 ] && ! grep -q "$OOM" "$TMP/err"; then
			why="status 4 without 'out of memory' on stderr"
		elif [ "$rc" -eq 4 ] && ! grep -q 988 "$TMP/err"; then
			why="status 4 without the crisis line on stderr"
		elif [ "$lines" -gt 2 ]; then
			why="$lines entries"
		fi
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			[ "$bad" -le 3 ] && fail "alloc journal: allocation $n of $count fails cleanly" "$why"
		fi
	done
	[ "$bad" -eq 0 ] && pass "alloc journal: each failed allocation (of $count) in a save loses nothing"
}
sweep_journal

sweep "show --all" /dev/null -c "$CONTENT" show --all
sweep search /dev/null -c "$CONTENT" search -f json tears
sweep crisis /dev/null -c "$CONTENT" crisis
sweep list /dev/null list -f markdown

# No memory at all from some point on (not one failure, then plenty):
# walk still ends with a message, a non-zero status and the crisis line.
FAILALLOC_COUNT=$TMP/count fa "$ANSWERS" walk
count=$(cat "$TMP/count" 2>/dev/null)
bad=0
[ -n "$count" ] || { bad=1; fail "alloc walk: the shim counts the allocations"; count=0; }
for k in 1 2 3 5 8 13 21 34; do
	n=$((count * k / 40))
	runs=$((runs + 1))
	FAILALLOC_NTH=$n FAILALLOC_ALL=1 fa "$ANSWERS" walk
	case $rc in
	3 | 4) grep -q 988 "$TMP/err" || { bad=1; fail "alloc walk: no memory from $n on shows 988" "stderr lacks 988"; } ;;
	*) bad=1; fail "alloc walk: no memory from $n on ends with status 3 or 4" "status $rc" ;;
	esac
done
[ "$bad" -eq 0 ] && pass "alloc walk: with no memory left it ends with 988 and status 3 or 4"

# The scripted reader: a failed allocation is not the end of the answers
# (under a memory limit, walk --answers /dev/zero once exited 0, silently).
if sh -c 'ulimit -v 200000 && "$0" --version; exit $?' "$CRY_GUIDE_BIN" >/dev/null 2>&1; then
	(ulimit -v 200000 && exec "$CRY_GUIDE_BIN" walk --answers /dev/zero) >"$TMP/out" 2>"$TMP/err"
	rc=$?
	status_is "alloc: walk --answers /dev/zero under ulimit -v exits 4" 4
	has "alloc: ... and says why" "$TMP/err" "cannot read answers from '/dev/zero'"
	has "alloc: ... with the crisis line on stderr" "$TMP/err" "988"
else
	echo "   skip: ulimit -v (the sanitisers reserve more address space than it allows)"
fi

echo "   $runs runs with an allocation failure injected ($SWEEP)"
exit 0
