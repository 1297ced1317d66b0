#!/usr/bin/env bash
# bench/idle.sh: CPU the app uses when nothing changes, against what Fyne
# itself costs, in the real window (Xvfb 1280×900, Mesa's software
# renderer).
#
#   bench/idle.sh [-runs N] [-secs S]
#
# Three cases, each started fresh N times (default 3) and measured for S
# seconds (default 30) from /proc/PID/stat (user + system time):
#   bare    a Fyne window holding one label (bench/entryapp -bare): the
#           floor, Fyne's own event loop with nothing to draw;
#   entry   a stock multi-line widget.Entry with the focus and the 2K
#           text (bench/entryapp): its cursor blinks for ever;
#   editor  Coursewright on a course whose home page has 50K characters,
#           the cursor in the page editor, measured from 12 s after the
#           last input (the cursor stops blinking after 10 s);
# and, for comparison, "blinking": the editor during its first 8 s, while
# the cursor still blinks.
# Prints every run and the median per case, in percent of one core.
#
# Needs: go, xvfb-run.
set -euo pipefail

runs=3 secs=30
while [[ $# -gt 0 ]]; do
	case $1 in
	-runs) runs=$2; shift 2 ;;
	-secs) secs=$2; shift 2 ;;
	--inside) break ;;
	*) echo "usage: bench/idle.sh [-runs N] [-secs S]" >&2; exit 2 ;;
	esac
done

if [[ "${1:-}" == "--inside" ]]; then
	work=$2 runs=$3 secs=$4
	wait_line() {
		for _ in $(seq 1 1800); do
			grep -q -- "$2" "$1" 2>/dev/null && return 0
			sleep 0.1
		done
		echo "idle.sh: timed out waiting for '$2' in $1:" >&2
		tail -5 "$1" >&2
		return 1
	}
	cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
	# measure LABEL PID SECONDS: one result line.
	measure() {
		local t0 t1
		t0=$(cpu_ticks "$2")
		sleep "$3"
		t1=$(cpu_ticks "$2")
		awk -v l="$1" -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" -v s="$3" \
			'BEGIN{printf "%s %.2f\n", l, (b-a)/hz/s*100}' >>"$work/results"
	}
	stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
	for _ in $(seq 1 "$runs"); do
		"$work/entryapp" -bare "$work/body.md" >"$work/bare.log" 2>&1 &
		pid=$!
		wait_line "$work/bare.log" "entryapp: ready"
		sleep 3
		measure bare "$pid" "$secs"
		stop "$pid"

		"$work/entryapp" "$work/body.md" >"$work/entry.log" 2>&1 &
		pid=$!
		wait_line "$work/entry.log" "entryapp: ready"
		sleep 3
		measure entry "$pid" "$secs"
		stop "$pid"

		COURSEWRIGHT_TEST_HOOK=editor-cursor:0.5 "$work/coursewright" open "$work/course" >"$work/app.log" 2>&1 &
		pid=$!
		wait_line "$work/app.log" "test hook: editor x="
		measure blinking "$pid" 8
		sleep 4 # 12 s after the hook put the cursor in the editor
		measure editor "$pid" "$secs"
		stop "$pid"
	done
	exit 0
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
for tool in go xvfb-run; do
	command -v "$tool" >/dev/null || { echo "idle.sh: $tool is missing" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -tags coursewright_testhook -o "$work/coursewright" ./cmd/coursewright &&
	go build -o "$work/entryapp" ./bench/entryapp)

# The 50K page: real course text from the corpus, front matter removed.
for f in "$root"/testdata/corpus/*/modules/*/_posts/*.md; do
	awk 'NR == 1 && /^---/ {fm = 1; next} fm && /^---/ {fm = 0; next} !fm' "$f"
	echo
done >"$work/corpus-once.md"
for _ in $(seq 1 40); do cat "$work/corpus-once.md"; done >"$work/corpus.md"
head -c 50000 "$work/corpus.md" | sed '$d' >"$work/page.md"
head -c 2000 "$work/page.md" | sed '$d' >"$work/body.md"
"$work/coursewright" new "$work/course" --title "Idle bench" >/dev/null 2>&1
{ printf -- '---\nlayout: index\ntitle: Home\n---\n\n'; cat "$work/page.md"; } >"$work/course/index.md"

: >"$work/results"
mkdir -p "$work/config"
XDG_CONFIG_HOME="$work/config" LANG=en_US.UTF-8 TMPDIR="$work" \
	xvfb-run -a -s "-screen 0 1280x900x24" "$0" --inside "$work" "$runs" "$secs"

printf '%-10s %8s   %s\n' case median "runs (% of one core)"
for c in bare entry blinking editor; do
	vals=$(awk -v c="$c" '$1 == c {print $2}' "$work/results")
	med=$(echo "$vals" | sort -n | awk '{v[NR]=$1} END{if (NR%2) print v[(NR+1)/2]; else printf "%.2f\n", (v[NR/2]+v[NR/2+1])/2}')
	printf '%-10s %7s%%   %s\n' "$c" "$med" "$(echo $vals)"
done
echo "(bare: a Fyne window with one label; entry: a focused stock Entry; blinking: the editor's first 8 s; editor: idle, target < 1%)"
