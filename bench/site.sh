#!/usr/bin/env bash
# bench/site.sh: build the same 1,000-page course with Coursewright and
# with Hugo, side by side on this machine, alternating runs, and print the
# median wall time and peak memory of each and their ratios; then time an
# incremental Coursewright rebuild after one page changed.
#
# usage: bench/site.sh [PAGES] [RUNS]     (defaults: 1000 pages, 7 runs each)
# Needs GNU time (/usr/bin/time) and Debian's hugo (installed if
# missing). Goals (issue 3): wall time <= 0.5x Hugo's, peak RSS <= 0.25x
# Hugo's, incremental rebuild < 50 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-1000}
runs=${2:-7}

if ! command -v hugo >/dev/null; then
	echo "installing hugo (Debian package)…" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null
fi
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }

work=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/coursewright-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/coursewright" ./cmd/coursewright
go run ./bench/gencourse "$pages" "$work/course"
bash bench/hugo-baseline.sh "$work/course" "$work/hugo-site"

# measure CMD...: prints "seconds kilobytes" of one run.
measure() {
	/usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/err.txt" || {
		cat "$work/err.txt" >&2
		exit 1
	}
	cat "$work/time.txt"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

: >"$work/cw.txt"
: >"$work/hugo.txt"
for i in $(seq "$runs"); do
	rm -rf "$work/out-cw" "$work/out-hugo"
	measure "$work/coursewright" build -C "$work/course" -o "$work/out-cw" >>"$work/cw.txt"
	measure hugo --quiet -s "$work/hugo-site" -d "$work/out-hugo" >>"$work/hugo.txt"
done

cw_t=$(cut -d' ' -f1 "$work/cw.txt" | median)
cw_m=$(cut -d' ' -f2 "$work/cw.txt" | median)
hu_t=$(cut -d' ' -f1 "$work/hugo.txt" | median)
hu_m=$(cut -d' ' -f2 "$work/hugo.txt" | median)
cw_pages=$(find "$work/out-cw/modules" -name index.html | wc -l)
hu_pages=$(find "$work/out-hugo/modules" -name index.html | wc -l)

# Incremental: change one page, rebuild, repeat.
page=$(find "$work/course/modules" -name '*.md' | sort | sed -n '17p')
: >"$work/inc.txt"
for i in $(seq "$runs"); do
	printf '\nOne more sentence, run %s.\n' "$i" >>"$page"
	start=$(date +%s%N)
	"$work/coursewright" build -C "$work/course" -o "$work/out-cw" >/dev/null
	end=$(date +%s%N)
	echo $(((end - start) / 1000000)) >>"$work/inc.txt"
done
inc=$(median <"$work/inc.txt")

printf '\n%d-page course, %d runs each, alternating (medians)\n' "$pages" "$runs"
printf '%-13s %10s %14s %12s\n' "" "wall (s)" "peak RSS (MB)" "pages built"
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-13s %10s %14s %12s\n' coursewright "$cw_t" "$(div "$cw_m" 1024)" "$cw_pages"
printf '%-13s %10s %14s %12s\n' "hugo $(hugo version | grep -o 'v[0-9.]*' | head -1)" "$hu_t" "$(div "$hu_m" 1024)" "$hu_pages"
printf 'ratio coursewright/hugo: wall %sx (goal <= 0.5x), peak RSS %sx (goal <= 0.25x)\n' \
	"$(div "$cw_t" "$hu_t")" "$(div "$cw_m" "$hu_m")"
printf 'incremental rebuild after one page changed (whole process, median): %s ms (goal < 50 ms)\n' "$inc"
