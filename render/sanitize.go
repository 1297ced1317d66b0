package render

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Real courses need raw HTML (line breaks, centred images, tables,
// Bootstrap video wrappers, <style> blocks). It is rendered, then
// sanitised: scripts, event handlers, javascript: and data: URLs,
// <object>/<embed> and iframes from hosts outside the allowlist go.
// astChecker reports each removal to the author with its line.

// defaultIframeHosts are the embeds learning-circle courses use.
var defaultIframeHosts = []string{
	"youtube.com", "youtube-nocookie.com", "player.vimeo.com", "kaltura.com",
	"docs.google.com", "drive.google.com", "archive.org", "commons.wikimedia.org", "h5p.org", "h5p.com",
}

// hostList is an allowlist of hosts; a host matches itself and its
// subdomains.
type hostList []string

func newHostList(extra []string) hostList {
	h := append(hostList(nil), defaultIframeHosts...)
	for _, e := range extra {
		if e = strings.ToLower(strings.TrimSpace(e)); e != "" {
			h = append(h, strings.TrimPrefix(e, "www."))
		}
	}
	return h
}

// allows reports whether an iframe src is https (or protocol-relative)
// on an allowed host.
func (h hostList) allows(src string) bool {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http" && !(u.Scheme == "" && strings.HasPrefix(src, "//"))) {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, a := range h {
		if host == a || strings.HasSuffix(host, "."+a) {
			return true
		}
	}
	return false
}

// newPolicy extends bluemonday's policy for user content with what
// course pages use.
func newPolicy(hosts hostList) *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("class", "id", "title", "lang", "dir").Globally()
	// UGCPolicy limits alt text to a few punctuation marks and drops the
	// rest, leaving images without a description; any text is safe here
	// because attribute values are escaped.
	p.AllowAttrs("alt").OnElements("img", "area")
	p.AllowAttrs("align", "width", "height", "style").Globally()
	p.AllowStyling()
	p.AllowElements("center", "figure", "figcaption", "details", "summary", "mark", "small", "sub", "sup", "u", "s", "kbd")
	// Course authors style their own tables with <style> blocks.
	p.AllowElements("style")
	p.AllowUnsafe(true) // keeps the text of allowed <style>; <script> stays disallowed
	p.AllowAttrs("type", "checked", "disabled").OnElements("input")
	p.AllowElements("input")
	p.AllowAttrs("src", "width", "height", "title", "allow", "allowfullscreen", "frameborder", "loading", "referrerpolicy").OnElements("iframe")
	p.AllowElements("iframe")
	p.AllowAttrs("controls", "src", "poster", "preload", "muted", "loop").OnElements("video", "audio")
	p.AllowAttrs("src", "type").OnElements("source")
	p.AllowAttrs("kind", "src", "srclang", "label").OnElements("track")
	p.AllowURLSchemes("http", "https", "mailto", "tel")
	p.AllowRelativeURLs(true)
	p.RequireNoFollowOnLinks(false)
	p.AllowAttrs("src").Matching(regexp.MustCompile(`^(?:https?:)?//[^\s]+$`)).OnElements("iframe")
	p.AllowDataURIImages()
	return p
}

// screenElement decides on the elements bluemonday keeps too much of:
// an iframe whose source is not on an allowed host goes with its content
// (bluemonday would keep the empty frame), an allowed one gets a title
// for screen readers if it has none, and only task-list checkboxes are
// kept of inputs. ok is false for other elements.
func screenElement(t *html.Token, hosts hostList) (act tagAction, ok bool) {
	switch t.DataAtom {
	case atom.Input:
		if typ, _ := attr(t, "type"); strings.EqualFold(typ, "checkbox") {
			return changedTag, true // re-written with bare checked/disabled
		}
		return dropElement, true
	case atom.Iframe:
		src, _ := attr(t, "src")
		if !hosts.allows(src) {
			return dropElement, true
		}
		if title, i := attr(t, "title"); i < 0 || strings.TrimSpace(title) == "" {
			t.Attr = append(t.Attr, html.Attribute{Key: "title", Val: "Embedded video or document"})
			return changedTag, true
		}
		return keepTag, true
	}
	return keepTag, false
}
