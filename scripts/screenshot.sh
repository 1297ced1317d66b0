#!/usr/bin/env bash
# scripts/screenshot.sh: a real screenshot of the Coursewright course window.
#
#   scripts/screenshot.sh [--readme] [-o OUT.png] [COURSE_DIR]
#
# Builds the binary, opens a copy of a course (default: the corpus course
# how-to-talk-about-race) on a virtual X screen (Xvfb, 1280×900), finds the
# course window with xwininfo, captures it with ImageMagick's import and
# fails if the picture is blank (too few colours). --readme writes the
# picture to docs/screenshot.png, the one the README shows; otherwise it
# goes to screenshot.png (or OUT.png).
#
# Needs: go, xvfb-run (xvfb, xauth), xwininfo (x11-utils), import and
# identify (imagemagick).
set -euo pipefail

# Inside the virtual screen: run the app, capture its window.
if [[ "${1:-}" == "--inside" ]]; then
	bin=$2 course=$3 out=$4
	"$bin" open "$course" &
	pid=$!
	id=""
	for _ in $(seq 1 150); do
		id=$(xwininfo -root -tree 2>/dev/null | awk '/Coursewright"/ && $1 ~ /^0x/ {print $1; exit}')
		[[ -n "$id" ]] && break
		kill -0 "$pid" 2>/dev/null || { echo "screenshot: the app exited early" >&2; exit 1; }
		sleep 0.2
	done
	if [[ -z "$id" ]]; then
		echo "screenshot: no Coursewright window appeared" >&2
		kill "$pid" 2>/dev/null || true
		exit 1
	fi
	sleep 3 # the first frames: layout, fonts, the preview
	import -window "$id" "$out"
	kill -TERM "$pid" 2>/dev/null || true # the app journals and quits on SIGTERM
	wait "$pid" 2>/dev/null || true
	exit 0
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$PWD/screenshot.png"
course="$root/testdata/corpus/how-to-talk-about-race"
while (($#)); do
	case "$1" in
	--readme) out="$root/docs/screenshot.png" ;;
	-o) out="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
	-h | --help) sed -n '2,14p' "$0"; exit 0 ;;
	*) course="$1" ;;
	esac
	shift
done
for tool in go xvfb-run xwininfo import identify; do
	command -v "$tool" >/dev/null || { echo "screenshot: $tool is missing" >&2; exit 1; }
done
[[ -d "$course" ]] || { echo "screenshot: no course folder $course" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -tags coursewright_testhook -o "$work/coursewright" ./cmd/coursewright)
# A copy, so that nothing the app does touches the original.
cp -R "$course" "$work/course"
mkdir -p "$(dirname "$out")" "$work/config"

XDG_CONFIG_HOME="$work/config" LANG=en_US.UTF-8 TMPDIR="$work" \
	xvfb-run -a -s "-screen 0 1280x900x24" "$0" --inside "$work/coursewright" "$work/course" "$out"

# A blank or black window has a handful of colours; the course window,
# with text, icons and the preview, has hundreds.
colours="$(identify -format '%k' "$out")"
size="$(identify -format '%wx%h' "$out")"
if ((colours < 100)); then
	echo "screenshot: $out looks blank ($colours colours)" >&2
	exit 1
fi
echo "screenshot: $out ($size, $colours colours)"
