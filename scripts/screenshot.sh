#!/usr/bin/env bash
# scripts/screenshot.sh: real screenshots of Coursewright.
#
#   scripts/screenshot.sh [--readme] [-o OUT.png] [COURSE_DIR]
#   scripts/screenshot.sh --all [-o OUT_DIR] [--lang "en es"] [COURSE_DIR]
#
# Builds the binary, opens a copy of a course (default: the corpus course
# how-to-talk-about-race) on a virtual X screen (Xvfb, 1280×900), finds the
# course window with xwininfo, captures it with ImageMagick's import and
# fails if the picture is blank (too few colours). --readme writes the
# picture to docs/screenshot.png, the one the README shows; otherwise it
# goes to screenshot.png (or OUT.png).
#
# --all is the screen review of issue 16: for each language (default
# English and Spanish) it runs the app (default course: ECS154B, which has
# a long page) under Xvfb (1600×1000) with the openbox window manager, so
# dialogs and windows open where a user would see them, and with the test
# hook COURSEWRIGHT_TEST_HOOK=screens (app/hook_screens.go), which opens
# every screen in turn — start window and its dialogs, course window with
# the long page and its preview, settings, guide editor before and after
# drafting meetings, images, export, history with a version selected,
# publish before, without an address, with its checks, during, after and
# with a co-author's conflict, and the error dialogs — at 900×650 and
# 1400×900. It saves OUT_DIR/LANG/NN-NAME-WxH.png (the window) and, at
# the large size, NN-NAME-WxH-screen.png (the whole screen), and writes OUT_DIR/index.html
# (every picture, by language and screen, for a person to look at),
# OUT_DIR/index.txt (the names) and OUT_DIR/problems.txt (what the widget
# checker, internal/screencheck, found in the real windows). Exits 1 when
# a picture is missing or blank or the checker found a problem. It takes
# about 3 minutes: CI does not run it (CI runs the same tour and checks in
# process, app.TestScreenReview). COURSEWRIGHT_SCREENS_ONLY=publish,guide
# (prefixes of the screens' names) looks at those screens only.
#
# Needs: go, xvfb-run (xvfb, xauth), xwininfo (x11-utils), import and
# identify (imagemagick), git; for --all also openbox.
set -euo pipefail

# Inside the virtual screen, --all: a window manager, then the app's tour.
if [[ "${1:-}" == "--inside-all" ]]; then
	bin=$2 course=$3 out=$4
	openbox >/dev/null 2>&1 &
	wm=$!
	sleep 1
	status=0
	COURSEWRIGHT_TEST_HOOK=screens COURSEWRIGHT_SCREENS_DIR="$out" timeout 900 "$bin" open "$course" 2>"$out/app.log" || status=$?
	kill "$wm" 2>/dev/null || true
	wait "$wm" 2>/dev/null || true
	grep -q "test hook: screens done" "$out/app.log" || { echo "screenshot: the tour did not finish (see $out/app.log)" >&2; exit 1; }
	exit $status
fi

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
out=""
course=""
all=false
langs="en es"
while (($#)); do
	case "$1" in
	--readme) out="$root/docs/screenshot.png" ;;
	--all) all=true ;;
	--lang) langs="$2"; shift ;;
	-o) mkdir -p "$(dirname "$2")"; out="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
	-h | --help) sed -n '2,38p' "$0"; exit 0 ;;
	*) course="$1" ;;
	esac
	shift
done

if $all; then
	for tool in go xvfb-run openbox xwininfo import identify git; do
		command -v "$tool" >/dev/null || { echo "screenshot: $tool is missing" >&2; exit 1; }
	done
	out="${out:-$PWD/screens}"
	course="${course:-$root/testdata/corpus/ECS154B}"
	[[ -d "$course" ]] || { echo "screenshot: no course folder $course" >&2; exit 1; }
	work="$(mktemp -d)"
	trap 'rm -rf "$work"' EXIT
	(cd "$root" && go build -tags coursewright_testhook -o "$work/coursewright" ./cmd/coursewright)
	rm -rf "$out"
	mkdir -p "$out"
	fail=0
	for lang in $langs; do
		# Each language on a fresh copy, with its own settings, home and git
		# author (the tour saves versions and publishes to a local remote).
		rm -rf "$work/course" "$work/home"
		cp -R "$course" "$work/course"
		mkdir -p "$work/home/.config" "$out/$lang"
		HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" GIT_CONFIG_NOSYSTEM=1 \
			GIT_AUTHOR_NAME="Screen Review" GIT_AUTHOR_EMAIL=review@example.org \
			GIT_COMMITTER_NAME="Screen Review" GIT_COMMITTER_EMAIL=review@example.org \
			LANG=en_US.UTF-8 LANGUAGE="$lang" TMPDIR="$work" \
			xvfb-run -a -s "-screen 0 1600x1000x24" "$0" --inside-all "$work/coursewright" "$work/course" "$out/$lang" || fail=1
	done
	# The index: every picture by language and screen; the checker's report.
	{
		echo "<!doctype html><meta charset=utf-8><title>Coursewright screen review</title>"
		echo "<style>body{font-family:sans-serif}figure{display:inline-block;margin:1em;vertical-align:top}img{max-width:700px;border:1px solid #ccc}</style>"
		echo "<h1>Coursewright screen review</h1><p>$(date -u '+%Y-%m-%d %H:%M UTC'), course $(basename "$course")</p>"
	} >"$out/index.html"
	: >"$out/index.txt"
	: >"$out/problems.txt"
	for lang in $langs; do
		echo "<h2>$lang</h2>" >>"$out/index.html"
		[[ -s "$out/$lang/problems.txt" ]] && sed "s|^|$lang |" "$out/$lang/problems.txt" | grep -v '^[a-z]* $' >>"$out/problems.txt" || true
		[[ -f "$out/$lang/screens.txt" ]] || { echo "screenshot: $lang: no screens were saved (see $out/$lang/app.log)" >&2; fail=1; continue; }
		while read -r name; do
			[[ -n "$name" ]] || continue
			f="$out/$lang/$name.png"
			echo "$lang/$name.png" >>"$out/index.txt"
			if [[ ! -s "$f" ]]; then
				echo "screenshot: $f was not taken" >&2
				fail=1
				continue
			fi
			colours="$(identify -format '%k' "$f")"
			if ((colours < 20)); then
				echo "screenshot: $f looks blank ($colours colours)" >&2
				fail=1
			fi
			img="<img src=\"$lang/$name.png\" alt=\"$name\">"
			if [[ -f "$out/$lang/$name-screen.png" ]]; then
				img="<a href=\"$lang/$name-screen.png\" title=\"the whole screen\">$img</a>"
			fi
			echo "<figure>$img<figcaption>$lang $name</figcaption></figure>" >>"$out/index.html"
		done <"$out/$lang/screens.txt"
	done
	if [[ -s "$out/problems.txt" ]]; then
		echo "screenshot: the checker found $(wc -l <"$out/problems.txt") problems (see $out/problems.txt)" >&2
		fail=1
	fi
	echo "screenshot: $(wc -l <"$out/index.txt") pictures, index in $out/index.html"
	exit $fail
fi

out="${out:-$PWD/screenshot.png}"
course="${course:-$root/testdata/corpus/how-to-talk-about-race}"
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
