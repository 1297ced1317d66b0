#!/usr/bin/env bash
# scripts/screenshots-part2.sh: real screenshots of the course settings
# form, the facilitator guide editor and the publish dialog.
#
#   scripts/screenshots-part2.sh [-o OUT_DIR] [--lang CODE] [COURSE_DIR]
#
# Builds the binary, opens a copy of a course (default: the corpus course
# how-to-talk-about-race) on a virtual X screen (Xvfb, 1280×900) with the
# test hook COURSEWRIGHT_TEST_HOOK=panels, which opens the three windows
# one after the other (with no window manager they would cover each
# other); finds each with xwininfo, captures it with ImageMagick's import and
# fails if a picture is blank (too few colours). The pictures go to
# OUT_DIR (default: the current folder) as settings.png, guide.png and
# publish.png. --lang es|de|fr shows the interface in that language (the
# window titles are then matched in it too).
#
# Needs: go, xvfb-run (xvfb, xauth), xwininfo (x11-utils), import and
# identify (imagemagick).
set -euo pipefail

# Inside the virtual screen: run the app, capture the three windows.
if [[ "${1:-}" == "--inside" ]]; then
	bin=$2 course=$3 out=$4
	shift 4
	# The rest: name=title-prefix pairs.
	COURSEWRIGHT_TEST_HOOK=panels "$bin" open "$course" &
	pid=$!
	status=0
	for pair in "$@"; do
		name=${pair%%=*} title=${pair#*=}
		id=""
		for _ in $(seq 1 150); do
			id=$(xwininfo -root -tree 2>/dev/null | awk -v t="\"$title" 'index($0, t) && $1 ~ /^0x/ {print $1; exit}')
			[[ -n "$id" ]] && break
			kill -0 "$pid" 2>/dev/null || { echo "screenshots: the app exited early" >&2; exit 1; }
			sleep 0.2
		done
		if [[ -z "$id" ]]; then
			echo "screenshots: no \"$title…\" window appeared" >&2
			status=1
			continue
		fi
		sleep 2 # the first frames: layout, fonts (the hook shows each for 6 s)
		import -window "$id" "$out/$name.png"
	done
	kill -TERM "$pid" 2>/dev/null || true # the app journals and quits on SIGTERM
	wait "$pid" 2>/dev/null || true
	exit $status
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$PWD"
course="$root/testdata/corpus/how-to-talk-about-race"
lang=""
while (($#)); do
	case "$1" in
	-o) mkdir -p "$2"; out="$(cd "$2" && pwd)"; shift ;;
	--lang) lang="$2"; shift ;;
	-h | --help) sed -n '2,17p' "$0"; exit 0 ;;
	*) course="$1" ;;
	esac
	shift
done
for tool in go xvfb-run xwininfo import identify; do
	command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing" >&2; exit 1; }
done
[[ -d "$course" ]] || { echo "screenshots: no course folder $course" >&2; exit 1; }

# Window titles start with the panel's name, in the interface language.
case "$lang" in
"" | en) titles=("settings=Course settings" "guide=Facilitator guide" "publish=Publish") ;;
es) titles=("settings=Ajustes del curso" "guide=Guía del facilitador" "publish=Publicar") ;;
de) titles=("settings=Kurseinstellungen" "guide=Leitfaden für Moderierende" "publish=Veröffentlichen") ;;
fr) titles=("settings=Paramètres du cours" "guide=Guide de l’animateur" "publish=Publier") ;;
*) echo "screenshots: no translation for --lang $lang (en, es, de, fr)" >&2; exit 1 ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -tags coursewright_testhook -o "$work/coursewright" ./cmd/coursewright)
# A copy, so that nothing the app does touches the original.
cp -R "$course" "$work/course"
mkdir -p "$work/config"

XDG_CONFIG_HOME="$work/config" LANG=en_US.UTF-8 LANGUAGE="$lang" TMPDIR="$work" \
	xvfb-run -a -s "-screen 0 1280x900x24" "$0" --inside "$work/coursewright" "$work/course" "$out" "${titles[@]}"

# A blank window has a handful of colours; a form with text, entries and
# icons has many more.
fail=0
for pair in "${titles[@]}"; do
	f="$out/${pair%%=*}.png"
	if [[ ! -s "$f" ]]; then
		echo "screenshots: $f was not taken" >&2
		fail=1
		continue
	fi
	colours="$(identify -format '%k' "$f")"
	size="$(identify -format '%wx%h' "$f")"
	if ((colours < 50)); then
		echo "screenshots: $f looks blank ($colours colours)" >&2
		fail=1
		continue
	fi
	echo "screenshots: $f ($size, $colours colours)"
done
exit $fail
