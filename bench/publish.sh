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

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/coursewright" ./cmd/coursewright
go build -o "$work/gencourse" ./bench/gencourse
# Both sides run without the user's git configuration.
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
cw="$work/coursewright"
"$work/gencourse" "$pages" "$work/cw"
cp -r "$work/cw" "$work/gitcli"
git init -q --bare "$work/cw.git"
git init -q --bare "$work/gitcli.git"
"$cw" remote set -C "$work/cw" "$work/cw.git" >/dev/null
git -C "$work/gitcli" init -q -b main
git -C "$work/gitcli" remote add origin "$work/gitcli.git"
echo "_site/" >"$work/gitcli/.gitignore"
# The git CLI's "same steps" for the website: the site is built with
# coursewright into a second work tree on gh-pages, then added, committed
# and pushed by git (git cannot build a site itself).
git init -q --bare -b gh-pages "$work/gitsite.git"
echo ".coursewright-build.json" >>"$work/gitsite.git/info/exclude"
git --git-dir="$work/gitsite.git" remote add origin "$work/gitcli.git"
gitsite() {
	"$cw" build -C "$work/gitcli" >/dev/null 2>&1
	touch "$work/gitcli/_site/.nojekyll"
	git --git-dir="$work/gitsite.git" --work-tree="$work/gitcli/_site" add -A &&
		git --git-dir="$work/gitsite.git" --work-tree="$work/gitcli/_site" commit -qm site &&
		git --git-dir="$work/gitsite.git" push -q origin gh-pages
}

ms() { echo $((($(date +%s%N) - $1) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

t=$(date +%s%N)
"$cw" publish -C "$work/cw" >/dev/null 2>&1
cw_first=$(ms "$t")
t=$(date +%s%N)
(cd "$work/gitcli" && git add -A && git commit -qm first && git push -q origin main) >/dev/null 2>&1
git_first=$(ms "$t")
t=$(date +%s%N)
gitsite
git_first_site=$(ms "$t")

page=modules/module-0003/_posts/2000-01-05-page-05.md
: >"$work/cw.txt"
: >"$work/git.txt"
: >"$work/none.txt"
: >"$work/gitsite.txt"
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
	gitsite
	ms "$t" >>"$work/gitsite.txt"
	t=$(date +%s%N)
	"$cw" publish -C "$work/cw" >/dev/null 2>&1
	ms "$t" >>"$work/none.txt"
done
cw_one=$(median <"$work/cw.txt")
git_one=$(median <"$work/git.txt")
none=$(median <"$work/none.txt")
git_site=$(median <"$work/gitsite.txt")
git_all=$((git_one + git_site))
git_first_all=$((git_first + git_first_site))

printf '\n%d-page course, %d runs (medians, milliseconds)\n' "$pages" "$runs"
printf '%-34s %12s %16s %18s\n' "" coursewright "git CLI source" "git CLI source+site"
printf '%-34s %12s %16s %18s\n' "first publish" "$cw_first" "$git_first" "$git_first_all"
printf '%-34s %12s %16s %18s\n' "one page changed" "$cw_one" "$git_one" "$git_all"
printf '%-34s %12s\n' "nothing changed" "$none"
awk -v a="$cw_one" -v b="$git_all" -v c="$git_one" 'BEGIN { printf "ratio one-page publish, coursewright / git CLI doing the same steps (source and site): %.2fx (goal <= 1.5x); / git CLI source only: %.2fx\n", a / b, a / c }'
printf 'no-change publish: %s ms (goal < 300 ms)\n' "$none"
git -C "$work/cw.git" rev-parse --verify -q gh-pages >/dev/null && echo "check: gh-pages exists on the bare repository"
