package render

import (
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/coursewright/coursewright/course"
	lrender "github.com/osteele/liquid/render"
)

// What GitHub Pages' plugins do to a page's text, as their own code does
// it (the gems GitHub Pages pins): relative links before Liquid, the
// Liquid tags gist, seo and feed_meta, and the values of site.github.
// Emoji and @mentions are markdown extensions (ghpages_inline.go).

// The patterns of jekyll-relative-links (generator.rb), in Go's syntax:
// an inline link [text](path#fragment "title") or a reference definition
// [text]: path#fragment "title" on its own line. Go has no look-behind,
// so a title may end in an escaped quote here; nothing else differs.
const (
	rlFragment = `(#.+?|)?`
	rlTitle    = `(\s+"(?:\\"|[^"])*"|\s+"(?:\\'|[^'])*')?`
)

var relativeLinkRE = regexp.MustCompile(`(?m)(\[(.*?)\]\(([^)]+?)` + rlFragment + rlTitle + `\)|^\s*?\[(.*?)\]: (.+?)` + rlFragment + rlTitle + `\s*?$)`)

// relativeLinks rewrites, as jekyll-relative-links does before anything
// else runs, every link of a page to another file of the course into
// that file's address. Module pages (posts) are left alone, as GitHub
// Pages leaves them.
func relativeLinks(src string, in Input) string {
	p := in.Page
	if p == nil || in.Course == nil || p.Date != "" || p.IsHTMLPage() || !strings.Contains(src, "](") && !strings.Contains(src, "]: ") {
		return src
	}
	return relativeLinkRE.ReplaceAllStringFunc(src, func(orig string) string {
		m := relativeLinkRE.FindStringSubmatch(orig)
		inline := m[3] != "" // the inline form's path; else a reference
		text, target, frag, title := m[2], m[3], m[4], m[5]
		if !inline {
			text, target, frag, title = m[6], m[7], m[8], m[9]
		}
		if target == "" || strings.HasPrefix(target, "#") || isAbsoluteURL(target) {
			return orig
		}
		site, ok := in.Course.RelativeLinkTarget(p, target)
		if !ok {
			return orig
		}
		u := course.EscapePath(site) + frag
		if inline {
			return "[" + text + "](" + u + title + ")"
		}
		return "\n[" + text + "]: " + u + title
	})
}

// isAbsoluteURL is Addressable::URI#absolute?: the address has a scheme.
func isAbsoluteURL(s string) bool { return schemeOf(s) != "" }

// gistArgsRE is jekyll-gist's determine_arguments: an id (user/id or id)
// and an optional file name.
var gistArgsRE = regexp.MustCompile(`^(\S+|.*/.+)\s?(\S*)$`)

// gistTag is {% gist id [file] %}. jekyll-gist writes a <script> that
// draws the gist from gist.github.com; the site's Content-Security-Policy
// runs no script from another host, so Coursewright writes what the
// plugin's <noscript> stands for: a link to the gist, which readers
// open on GitHub.
func gistTag(ctx lrender.Context) (string, error) {
	args := strings.TrimSpace(ctx.TagArgs())
	m := gistArgsRE.FindStringSubmatch(args)
	if m == nil {
		return "", fmt.Errorf("gist: expected {%% gist user/1234567 [file] %%}, got %q", args)
	}
	id, file := strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
	for _, v := range []*string{&id, &file} {
		if !liquidNameRE.MatchString(*v) {
			continue
		}
		// A variable name stands for its value, as in the plugin.
		if val, err := ctx.EvaluateString(*v); err == nil && val != nil {
			if s := fmt.Sprint(val); s != "" {
				*v = s
			}
		}
	}
	href := "https://gist.github.com/" + id
	label := "gist " + id
	if file != "" {
		href += "#file-" + gistFileAnchor(file)
		label += " (" + file + ")"
	}
	return fmt.Sprintf(`<a class="gist" href="%s">View %s on GitHub</a>`, html.EscapeString(href), html.EscapeString(label)), nil
}

// gistFileAnchor is the anchor GitHub gives a gist's file: "file-" and
// its name lower-cased with dots and other marks as dashes.
func gistFileAnchor(name string) string {
	return strings.Trim(gistAnchorRE.ReplaceAllString(strings.ToLower(name), "-"), "-")
}

var liquidNameRE = regexp.MustCompile(`^[A-Za-z_][\w.]*$`)

var gistAnchorRE = regexp.MustCompile(`[^a-z0-9_]+`)

// themeCoversTag is {% seo %} and {% feed_meta %}: jekyll-seo-tag and
// jekyll-feed write <meta>/<link> tags for the page's <head>, which
// Coursewright's theme already writes for every page; in a page's body
// they stand for nothing.
func themeCoversTag(lrender.Context) (string, error) { return "", nil }

// siteGitHub is site.github for the course: from its remote (see
// course.GitHubMetadata), nil when it is not on GitHub.
func siteGitHub(c *course.Course) map[string]any {
	return course.GitHubMetadata(c.GitHubRepository())
}
