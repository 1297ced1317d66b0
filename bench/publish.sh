#!/usr/bin/env bash
# bench/publish.sh: time Coursewright's publish of a 1,000-page course to a
# local bare repository against the same steps done with the git CLI
# (git add -A && git commit && git push), side by side in one run.
#
# usage: bench/publish.sh [PAGES] [RUNS]      (defaults: 1000 pages, 7 runs)
# Goals (issue 4): a one-page-changed publish within 1.5x of the git CLI,
# and a no-change publish under 300 ms.
#
# Coursewright's publish does more than the git CLI steps: it also builds
# the website and commits it to gh-pages. Both figures are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-1000}
runs=${2:-7}
shared=$(cd ../shared && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/coursewright" ./cmd/coursewright
# Both sides run without the user's git configuration.
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
cw="$work/coursewright"
python3 "$shared/tools/gencourse.py" "$pages" "$work/cw" >/dev/null
cp -r "$work/cw" "$work/gitcli"
git init -q --bare "$work/cw.git"
git init -q --bare "$work/gitcli.git"
"$cw" remote set -C "$work/cw" "$work/cw.git" >/dev/null
git -C "$work/gitcli" init -q -b main
git -C "$work/gitcli" remote add origin "$work/gitcli.git"

ms() { echo $((($(date +%s%N) - $1) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

t=$(date +%s%N)
"$cw" publish -C "$work/cw" >/dev/null 2>&1
cw_first=$(ms "$t")
t=$(date +%s%N)
(cd "$work/gitcli" && git add -A && git commit -qm first && git push -q origin main) >/dev/null 2>&1
git_first=$(ms "$t")

page=modules/module-0003/_posts/2000-01-05-page-05.md
: >"$work/cw.txt"
: >"$work/git.txt"
: >"$work/none.txt"
for i in $(seq "$runs"); do
	printf '\nA change, run %s.\n' "$i" >>"$work/cw/$page"
	printf '\nA change, run %s.\n' "$i" >>"$work/gitcli/$page"
	t=$(date +%s%N)
	"$cw" publish -C "$work/cw" >/dev/null 2>&1
	ms "$t" >>"$work/cw.txt"
	t=$(date +%s%N)
	(cd "$work/gitcli" && git add -A && git commit -qm "run $i" && git push -q origin main) >/dev/null 2>&1
	ms "$t" >>"$work/git.txt"
	t=$(date +%s%N)
	"$cw" publish -C "$work/cw" >/dev/null 2>&1
	ms "$t" >>"$work/none.txt"
done
cw_one=$(median <"$work/cw.txt")
git_one=$(median <"$work/git.txt")
none=$(median <"$work/none.txt")

printf '\n%d-page course, %d runs (medians, milliseconds)\n' "$pages" "$runs"
printf '%-44s %8s %8s\n' "" coursewright "git CLI"
printf '%-44s %8s %8s\n' "first publish (cw: + build and gh-pages)" "$cw_first" "$git_first"
printf '%-44s %8s %8s\n' "one page changed (cw: + rebuild and gh-pages)" "$cw_one" "$git_one"
printf '%-44s %8s\n' "nothing changed" "$none"
awk -v a="$cw_one" -v b="$git_one" 'BEGIN { printf "ratio one-page publish coursewright/git CLI: %.2fx (goal <= 1.5x)\n", a / b }'
printf 'no-change publish: %s ms (goal < 300 ms)\n' "$none"
git -C "$work/cw.git" rev-parse --verify -q gh-pages >/dev/null && echo "check: gh-pages exists on the bare repository"
