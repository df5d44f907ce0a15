#!/bin/sh
# bench.sh — the performance figures of SPEC section 9, each beside its peer,
# from one run on this machine.  Prints; never fails on a slow figure (the
# machines are shared and noisy: read the ratios, not the timings).
# usage: scripts/bench.sh BIN BENCHRUN WORKDIR CRISIS_EVAL
set -eu
BIN=$1
RUN=$2
WORK=$3
EVAL=$4
SRC=$(cd "$(dirname "$0")/.." && pwd)
export LC_ALL=C

command -v jq >/dev/null || { echo "bench: jq is needed (the peer for check)" >&2; exit 1; }
mkdir -p "$WORK"

# A content folder with N copies of a section (sections/NN-sK.json) and a
# manifest listing the first 10,000 of them (a manifest of 100,000 ids would
# be over the 1 MiB limit, so both trees get the same one and the memory
# figures compare like with like); made once and kept in WORKDIR.
# A tree made by an earlier version keeps its files but takes this one's
# safety.json: a content folder whose lexicon repeats a rule the built-in
# one has since changed is refused (README, "Crisis language").
fresh_safety() {
	cmp -s "$SRC/content/safety.json" "$1/safety.json" || cp "$SRC/content/safety.json" "$1/"
}

tree() {
	dir="$WORK/tree-$1"
	[ -f "$dir/.done" ] && { fresh_safety "$dir"; return 0; }
	rm -rf "$dir"
	mkdir -p "$dir/sections"
	cp "$SRC/content/safety.json" "$dir/"
	jq '.sections = [range(1; 10001) | "s\(.)"]' \
		"$SRC/content/guide.json" >"$dir/guide.json"
	sh "$SRC/scripts/gen-sections.sh" "$dir/sections" "$1" "$SRC/content/sections/01-why-we-cry.json"
	touch "$dir/.done"
}

# Hostile content, one folder a file (each a copy of content/ with one file
# replaced), made once and kept in WORKDIR: guide.json with 30,000 unknown
# keys; a section with 90,000 unknown keys (980 KB); a section with 170,000
# repeats of one key; a section with 22,000 prompts (just under 1 MiB).  The
# first three have a finding a key, and one scan of the file a finding made
# them quadratic (22.6 s, 203 s and 50 s before); the last has no finding,
# but each prompt's id was compared with every earlier one's (4 s).
hostile() {
	dir="$WORK/hostile-$1"
	[ -f "$dir/.done" ] && { fresh_safety "$dir"; return 0; }
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -R "$SRC/content/." "$dir/"
	sec="$dir/sections/01-why-we-cry.json"
	case $1 in
	guide-keys)
		jq 'reduce range(0; 30000) as $i (.; .["x\($i)"] = 1)' \
			"$SRC/content/guide.json" >"$dir/guide.json" ;;
	section-keys)
		jq -c 'reduce range(0; 90000) as $i (.; .["u\($i)"] = 1)' \
			"$SRC/content/sections/01-why-we-cry.json" >"$sec" ;;
	repeated-key)
		jq -c . "$SRC/content/sections/01-why-we-cry.json" | sed 's/}$//' >"$sec"
		awk 'BEGIN { for (i = 0; i < 170000; i++) printf ",\"k\":1"; print "}" }' >>"$sec" ;;
	prompts)
		jq -c '.prompts = [range(0; 22000) | {id: "p\(.)", kind: "text", text: "Why?"}]' \
			"$SRC/content/sections/01-why-we-cry.json" >"$sec" ;;
	esac
	touch "$dir/.done"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
ms() { awk -v u="$1" 'BEGIN { printf "%.2f ms", u / 1000 }'; }
sec() { awk -v u="$1" 'BEGIN { printf "%.3f s", u / 1e6 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
row() { printf '%-34s %-12s %-20s %-7s %s\n' "$@"; }

# the load average beside the figures: on a shared machine it says how far to trust them
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*average: //'; }
echo "cry-guide bench ($(nproc) cores; load average $(load); medians of repeated runs, one warm-up each)"
row "figure" "cry-guide" "peer" "ratio" "target"

# each pair takes turns run by run, so a machine that changes speed meanwhile
# slows both alike
set -- $("$RUN" 301 "$BIN" show 1 -- cat "$SRC/content/sections/01-why-we-cry.json")
show_t=$1 show_rss=$2 cat_t=$3
row "show 1: wall time" "$(ms "$show_t")" "cat: $(ms "$cat_t")" "$(ratio "$show_t" "$cat_t")" "<= 1.25"
row "show 1: peak memory" "$(mib "$show_rss")" "3 MiB" "$(ratio "$show_rss" 3072)" "<= 1.00"
# every section, the built-in copy, beside cat of the same section files
set -- $("$RUN" 301 "$BIN" show --all -- cat "$SRC"/content/sections/*.json)
row "show --all: wall time" "$(ms "$1")" "cat: $(ms "$3")" "$(ratio "$1" "$3")" "<= 1.10"

tree 10000
tree 100000
d10="$WORK/tree-10000"
set -- "$d10/guide.json" "$d10/safety.json" "$d10"/sections/*.json
# check's default -j is the free cores (online cores less the load average)
set -- $(BENCHRUN_CPU=1 "$RUN" 7 "$BIN" check "$d10" -- jq empty "$@")
chk_t=$1 chk_rss10=$2 jq_t=$4 jq_cpu=$6
row "check 10,000 files: wall time" "$(sec "$chk_t")" "jq empty: $(sec "$jq_t")" "$(ratio "$chk_t" "$jq_t")" "<= 0.50"
set -- $(BENCHRUN_CPU=1 "$RUN" 7 "$BIN" check -j 1 "$d10")
chk_cpu=$3
row "check -j 1, 10,000 files: CPU time" "$(sec "$chk_cpu")" "jq empty: $(sec "$jq_cpu")" "$(ratio "$chk_cpu" "$jq_cpu")" "<= 0.70"
# 100,000 paths are more than one command line holds: jq gets them in
# batches from find, which is how a person would run it
d100="$WORK/tree-100000"
set -- $("$RUN" 1 "$BIN" check "$d100" -- sh -c 'find "$1" -name "*.json" -exec jq empty {} +' sh "$d100")
chk_t100=$1 chk_rss100=$2 jq_t100=$3
row "check 100,000 files: wall time" "$(sec "$chk_t100")" "jq empty: $(sec "$jq_t100")" "$(ratio "$chk_t100" "$jq_t100")" "<= 0.50"
row "check: time a file, 100k vs 10k" "$(awk -v u="$chk_t100" 'BEGIN { printf "%.1f us", u / 100000 }')" "10k: $(awk -v u="$chk_t" 'BEGIN { printf "%.1f us", u / 10000 }')" "$(awk -v a="$chk_t100" -v b="$chk_t" 'BEGIN { printf "%.2f", a / 10 / b }')" "<= 1.20"
row "check: peak memory 100k vs 10k" "$(mib "$chk_rss100")" "10k: $(mib "$chk_rss10")" "$(ratio "$chk_rss100" "$chk_rss10")" "<= 2.00"
# the sections folder is read once however large (getdents64 calls grow
# with the folder, never with its square)
if command -v strace >/dev/null 2>&1; then
	gd() { strace -f -c -e trace=getdents64 "$BIN" check -j 1 "$1" 2>&1 >/dev/null | awk '$NF == "getdents64" { print $4 }'; }
	row "check: getdents64 calls, 100k / 10k" "$(gd "$d100")" "10k: $(gd "$d10")" "-" "(~ 10)"
fi
# A million files (2.3 GB of JSON, 3.9 GB on disk, about 4 minutes to
# write), made once and kept in WORKDIR; skipped with BENCH_HUGE=0.
if [ "${BENCH_HUGE:-1}" != 0 ]; then
	tree 1000000
	d1m="$WORK/tree-1000000"
	set -- $("$RUN" 1 "$BIN" check "$d1m")
	row "check 1,000,000 files: wall time" "$(sec "$1")" "10k: $(sec "$chk_t")" "$(awk -v a="$1" -v b="$chk_t" 'BEGIN { printf "%.2f", a / 100 / b }')" "<= 1.20 a file"
	row "check: peak memory 1M vs 10k" "$(mib "$2")" "10k: $(mib "$chk_rss10")" "$(ratio "$2" "$chk_rss10")" "<= 2.00"
fi
# search, show and list with -c read one section at a time.  Their trees
# are the ones above (the same files, hard-linked: a folder of its own, as
# grep -r walks), with a manifest that lists every section (compact JSON:
# 890 KB for 100,000 ids, under the 1 MiB limit), made once and kept.
stream_tree() {
	dir="$WORK/stream-$1"
	[ -f "$dir/.done" ] && { fresh_safety "$dir"; return 0; }
	rm -rf "$dir"
	mkdir -p "$dir"
	cp "$WORK/tree-$1/safety.json" "$dir/"
	cp -al "$WORK/tree-$1/sections" "$dir/sections"
	jq -c --argjson n "$1" '.sections = [range(1; $n + 1) | "s\(.)"]' \
		"$SRC/content/guide.json" >"$dir/guide.json"
	touch "$dir/.done"
}
stream_tree 10000
stream_tree 100000
s10="$WORK/stream-10000"
s100="$WORK/stream-100000"
# grep writes what it finds to a file (see the matcher's peer below); -i
# as search folds case
printf '%s\n' 'grep -r -i -- "$1" "$2" >"$3"' 'exit 0' >"$WORK/grep-r.sh"
set -- $("$RUN" 5 "$BIN" -c "$s100" search lighthouse -- sh "$WORK/grep-r.sh" lighthouse "$s100/sections" "$WORK/grep-r.out")
srch_t=$1 srch_rss100=$2 grep_t=$3
row "search -c 100,000 sections, no match" "$(sec "$srch_t")" "grep -r: $(sec "$grep_t")" "$(ratio "$srch_t" "$grep_t")" "<= 1.50"
set -- $("$RUN" 5 "$BIN" -c "$s10" search lighthouse)
row "search -c: peak memory 100k vs 10k" "$(mib "$srch_rss100")" "10k: $(mib "$2")" "$(ratio "$srch_rss100" "$2")" "~ 1.00"
# what guide.json (100,000 ids) and safety.json cost alone: crisis reads no section
set -- $("$RUN" 5 "$BIN" -c "$s100" crisis -- "$BIN" -c "$s10" crisis)
row "(guide and safety alone, 100k / 10k)" "$(mib "$2")" "10k: $(mib "$4")" "$(ratio "$2" "$4")" "(for scale)"
set -- $("$RUN" 3 "$BIN" -c "$s100" search attachment -- sh "$WORK/grep-r.sh" attachment "$s100/sections" "$WORK/grep-r.out")
row "search -c 100,000, a match in each" "$(sec "$1")" "grep -r: $(sec "$3")" "$(ratio "$1" "$3")" "(each parsed)"
set -- $("$RUN" 1 "$BIN" -c "$s100" show --all -- "$BIN" -c "$s10" show --all)
row "show --all -c: memory 100k vs 10k" "$(mib "$2")" "10k: $(mib "$4")" "$(ratio "$2" "$4")" "~ 1.00"
row "show --all -c 100,000: wall time" "$(sec "$1")" "-" "-" "(for scale)"
set -- $("$RUN" 1 "$BIN" -c "$s100" list -- "$BIN" -c "$s10" list)
row "list -c: memory 100k vs 10k" "$(mib "$2")" "10k: $(mib "$4")" "$(ratio "$2" "$4")" "~ 1.00"

# The crisis matcher: every line read once, beside grep -F -i -w -f with the
# same phrases (every phrase of the built-in lexicon) over the same text.
"$EVAL" --phrases >"$WORK/phrases.txt"
if [ ! -f "$WORK/lines.txt" ]; then
	awk 'BEGIN {
		split("I cried in the car after work today and honestly it felt like a release, the kind that leaves you tired but lighter, and then I made tea and called my sister to talk about the week we had", w, " ")
		for (i = 1; i <= 100000; i++) {
			line = ""
			for (j = 0; length(line) < 200; j++)
				line = line w[(i + j * 7) % 40 + 1] " "
			print substr(line, 1, 200)
		}
	}' >"$WORK/lines.txt"
	awk 'BEGIN { for (i = 0; i < 5000; i++) printf "%s", "we walked by the lake and talked about the week, about work and the kids and what we might cook on sunday, and I cried a little, which was fine. "; print "" }' >"$WORK/oneline.txt"
fi
# GNU grep stops at the first match when its output is /dev/null (as
# benchrun's is): the peer writes every match to a file, so it reads it all.
printf '%s\n' 'grep -F -i -w -o -f "$1" "$2" >"$3"' 'exit 0' >"$WORK/grep-peer.sh"
set -- $("$RUN" 5 "$EVAL" --scan "$WORK/lines.txt" -- sh "$WORK/grep-peer.sh" "$WORK/phrases.txt" "$WORK/lines.txt" "$WORK/grep.out")
m_t=$1 m_rss=$2 g_t=$3
row "matcher, 100,000 lines of 200 B" "$(sec "$m_t")" "grep -F -w: $(sec "$g_t")" "$(ratio "$m_t" "$g_t")" "<= 2.00"
row "matcher: per 200-byte line" "$(awk -v u="$m_t" 'BEGIN { printf "%.2f us", u / 100000 }')" "20 us" "$(awk -v u="$m_t" 'BEGIN { printf "%.2f", u / 100000 / 20 }')" "<= 1.00"
set -- $("$RUN" 5 "$EVAL" --scan "$WORK/oneline.txt" -- sh "$WORK/grep-peer.sh" "$WORK/phrases.txt" "$WORK/oneline.txt" "$WORK/grep.out")
o_t=$1 o_rss=$2 og_t=$3
row "matcher, one 700 KB line" "$(ms "$o_t")" "grep -F -w: $(ms "$og_t")" "$(ratio "$o_t" "$og_t")" "(linear)"
o_b=$(wc -c <"$WORK/oneline.txt")
per_mb() { awk -v u="$1" -v b="$o_b" -v d="${2:-0}" 'BEGIN { printf (d ? "%.2f" : "%.1f ms"), u / 1000 / (b / 1048576) / (d ? d : 1) }'; } # US [DIVISOR]
row "matcher: one line, ms per MB" "$(per_mb "$o_t")" "50 ms" "$(per_mb "$o_t" 50)" "<= 1.00"
row "matcher: peak memory, long line" "$(mib "$o_rss")" "200 B lines: $(mib "$m_rss")" "$(ratio "$o_rss" "$m_rss")" "(the line itself)"
# The rows above time the whole process, building the matcher included
# (the lexicon, the weights, each strong phrase read alone for its floor):
# the build alone, timed on a line of one word, and the long line less it.
printf 'hello\n' >"$WORK/oneword.txt"
set -- $("$RUN" 5 "$EVAL" --scan "$WORK/oneword.txt")
b_t=$1
row "matcher: building it (one word)" "$(ms "$b_t")" "-" "-" "(in the rows above)"
row "matcher: ms per MB, less building" "$(per_mb $((o_t - b_t)))" "50 ms" "$(per_mb $((o_t - b_t)) 50)" "(the line alone)"
# The journal: N saved sessions of about 1 KB each (ten answers), made once
# and kept in WORKDIR; list reads them all newest first, show the last one.
journal() {
	f="$WORK/journal-$1/journal.jsonl"
	[ -f "$f" ] && return 0
	mkdir -p "$WORK/journal-$1"
	chmod 700 "$WORK/journal-$1"
	awk -v n="$1" 'BEGIN {
		for (i = 1; i <= n; i++) {
			printf "{\"schema\":1,\"id\":\"1n%09d\",\"start\":\"2025-03-01T10:00:00Z\",\"end\":\"2025-03-01T10:20:00Z\",\"content\":{\"title\":\"Is crying good for you?\",\"version\":\"1.0.0\"},\"sections\":[\"why-we-cry\",\"emotional-tears\"],\"rating_before\":%d,\"rating_after\":%d,\"incomplete\":false,\"answers\":[", i, i % 11, (i * 7) % 11
			for (k = 0; k < 10; k++)
				printf "%s{\"section\":\"why-we-cry\",\"prompt_id\":\"p%d\",\"prompt\":\"What tends to bring you to tears?\",\"answer\":\"I cried in the car after work today and it felt like a release\"}", (k ? "," : ""), k
			print "]}"
		}
	}' >"$f.tmp"
	chmod 600 "$f.tmp"
	mv "$f.tmp" "$f"
}
journal 10000
journal 100000
j10="$WORK/journal-10000/journal.jsonl"
j100="$WORK/journal-100000/journal.jsonl"
set -- $("$RUN" 5 "$BIN" journal list --journal "$j100" -- "$BIN" journal list --journal "$j10")
row "journal list, 100,000 sessions" "$(sec "$1")" "1 s" "$(ratio "$1" 1000000)" "<= 1.00"
row "journal list: memory 100k vs 10k" "$(mib "$2")" "10k: $(mib "$4")" "$(ratio "$2" "$4")" "~ 1.00"
set -- $("$RUN" 5 "$BIN" journal show 1n000100000 --journal "$j100" -- "$BIN" journal show 1n000010000 --journal "$j10")
row "journal show last of 100,000" "$(sec "$1")" "1 s" "$(ratio "$1" 1000000)" "<= 1.00"
row "journal show: memory 100k vs 10k" "$(mib "$2")" "10k: $(mib "$4")" "$(ratio "$2" "$4")" "~ 1.00"
set -- $("$RUN" 5 cat "$j100")
row "(cat of the 100,000 journal)" "$(sec "$1")" "$(du -m "$j100" | cut -f1) MB" "-" "(for scale)"

# hostile files: the loader (which stops placing at the first refusing
# error) and check (which reports and places every finding), each beside
# jq empty over the same file
echo
echo "hostile files: one file with tens of thousands of findings"
row "figure" "cry-guide" "peer" "ratio" "target"
bench_hostile() { # NAME FILE LABEL COMMAND...
	name=$1 file=$2 label=$3
	shift 3
	hostile "$name"
	set -- $("$RUN" 21 "$BIN" -c "$WORK/hostile-$name" "$@" -- jq empty "$WORK/hostile-$name/$file")
	row "$label" "$(ms "$1")" "jq empty: $(ms "$3")" "$(ratio "$1" "$3")" "<= 3.00"
}
bench_check() { # NAME FILE LABEL
	hostile "$1"
	set -- $("$RUN" 5 "$BIN" check "$WORK/hostile-$1/$2" -- jq empty "$WORK/hostile-$1/$2") "$3"
	row "$5" "$(ms "$1")" "jq empty: $(ms "$3")" "$(ratio "$1" "$3")" "(for scale)"
}
bench_hostile guide-keys guide.json "crisis: 30,000 unknown keys" crisis
bench_hostile section-keys sections/01-why-we-cry.json "show 1: 90,000 unknown keys" show 1
bench_hostile repeated-key sections/01-why-we-cry.json "show 1: 170,000 repeats of a key" show 1
bench_hostile prompts sections/01-why-we-cry.json "show 1: 22,000 prompts" show 1
bench_check guide-keys guide.json "check: 30,000 unknown keys"
bench_check section-keys sections/01-why-we-cry.json "check: 90,000 unknown keys"
bench_check repeated-key sections/01-why-we-cry.json "check: 170,000 repeats (340,000)"
bench_check prompts sections/01-why-we-cry.json "check: 22,000 prompts"
echo "load average at the end: $(load)"
