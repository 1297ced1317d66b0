package publish

import (
	"strings"

	"github.com/coursewright/coursewright/course"
)

// CodeRedirectFromTaken: a redirect_from address is another page's.
const CodeRedirectFromTaken course.Code = "redirect-from-taken"

// planRedirects adds a small page at every old address a page lists in
// its front matter's redirect_from (the jekyll-redirect-from convention,
// which GitHub Pages runs too), leading to where the page is now, so
// links to a renamed or moved page keep working whichever tool builds
// the site. An old address another page now uses is left to that page.
func (s *site) planRedirects(add func(*sitePage) bool, taken map[string]*sitePage) {
	for _, p := range s.c.AllPages() {
		sp := s.visible[p]
		if sp == nil {
			continue
		}
		for _, from := range p.RedirectFrom() {
			u := "/" + strings.Trim(from, "/")
			if !strings.HasSuffix(from, ".html") {
				u += "/"
			}
			if u == "//" {
				u = "/"
			}
			out := outFile(u)
			if prev := taken[out]; prev != nil {
				if prev != sp {
					s.warn(CodeRedirectFromTaken, p.Path, 0, "redirect_from lists "+from+", where "+prev.url+" is published now; no redirect is written there",
						"remove the address from redirect_from", "Address", from, "Page", prev.url)
				}
				continue
			}
			add(&sitePage{kind: kindRedirect, url: u, out: out, title: sp.title, movedTo: &link{Title: sp.title, URL: sp.url}})
		}
	}
}
