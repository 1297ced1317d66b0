#!/usr/bin/env bash
# bench/hugo-baseline.sh: turn a Course-in-a-Box course into the equivalent
# Hugo site, for the side-by-side build benchmark (bench/site.sh).
#
# usage: bench/hugo-baseline.sh COURSE_DIR SITE_DIR
#   then: hugo --quiet -s SITE_DIR -d OUT
#
# Each page becomes content/modules/<module>/<slug>.md, ordered by its date
# (Hugo's weight), rendered with raw HTML allowed, in a layout that does what
# Course-in-a-Box's does: every module in the top bar, the module's pages in
# a sidebar, previous/next links. Liquid's {{site.baseurl}} is dropped (Hugo
# has no Liquid; the site is served from /).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 COURSE_DIR SITE_DIR" >&2; exit 2; }
src=$(cd "$1" && pwd)
dst=$2
rm -rf "$dst"
mkdir -p "$dst/content/modules" "$dst/static" "$dst/layouts/_default"

cat >"$dst/config.toml" <<'TOML'
baseURL = "/"
title = "Course"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
  unsafe = true
TOML

cat >"$dst/layouts/_default/baseof.html" <<'HTML'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><nav>{{ range (.Site.GetPage "/modules").Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
{{ block "main" . }}{{ end }}</body></html>
HTML

cat >"$dst/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<aside><ul>{{ range .CurrentSection.Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></aside>
<main><h1>{{ .Title }}</h1>{{ .Content }}</main>
<footer>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">previous</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">next</a>{{ end }}</footer>{{ end }}
HTML

cat >"$dst/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<main><h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main>{{ end }}
HTML

printf -- '---\ntitle: "Course"\n---\n' >"$dst/content/_index.md"
printf -- '---\ntitle: "Modules"\n---\n' >"$dst/content/modules/_index.md"
if [ -d "$src/img" ]; then
	cp -r "$src/img" "$dst/static/img"
fi

for module in "$src"/modules/*/; do
	name=$(basename "$module")
	out="$dst/content/modules/$name"
	mkdir -p "$out"
	printf -- '---\ntitle: "%s"\n---\n' "$name" >"$out/_index.md"
	weight=0
	for page in "$module"_posts/*.md; do
		weight=$((weight + 1))
		slug=$(basename "$page" .md)
		slug=${slug:11} # drop the YYYY-MM-DD- date
		# A weight after the opening '---'; no {{site.baseurl}}.
		sed -e "0,/^---\$/s//---\nweight: $weight/" -e 's/{{ *site\.baseurl *}}//g' "$page" >"$out/$slug.md"
	done
done
