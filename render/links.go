package render

import (
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	"github.com/coursewright/coursewright/course"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// editTags runs fn over every start or self-closing tag of an HTML
// fragment. fn may change the token's attributes (return "", true), drop
// the whole element with its content (return "", false with drop), or
// replace it with raw HTML. Everything fn leaves alone is copied byte
// for byte, so CSS and JSON inside <style> and <script> stay intact.
func editTags(src string, fn func(t *html.Token) (action tagAction, replacement string)) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	b.Grow(len(src))
	dropDepth, dropTag := 0, atom.Atom(0)
	open := map[atom.Atom]int{} // elements started and not yet ended
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				b.Write(z.Raw())
			}
			return b.String()
		}
		raw := z.Raw()
		if dropDepth > 0 {
			t := z.Token()
			if t.DataAtom == dropTag {
				switch tt {
				case html.StartTagToken:
					dropDepth++
				case html.EndTagToken:
					dropDepth--
				}
			}
			continue
		}
		if tt == html.EndTagToken {
			// An end tag with no start tag (its start tag was removed by
			// the sanitiser, which works piece by piece) is dropped too.
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a != 0 {
				if open[a] == 0 {
					continue
				}
				open[a]--
			}
			b.Write(raw)
			continue
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.Write(raw)
			continue
		}
		t := z.Token()
		if tt == html.StartTagToken && !voidElement(t.DataAtom) {
			open[t.DataAtom]++
		}
		act, repl := fn(&t)
		switch act {
		case keepTag:
			b.Write(raw)
		case changedTag:
			writeTag(&b, &t, tt == html.SelfClosingTagToken)
		case replaceTag:
			b.WriteString(repl)
		case dropElement:
			b.WriteString(repl)
			if tt == html.StartTagToken && !voidElement(t.DataAtom) {
				dropDepth, dropTag = 1, t.DataAtom
				open[t.DataAtom]-- // its end tag goes with it
			}
		}
	}
}

// booleanAttrs are written bare (<script defer>), as HTML expects them;
// x/net/html would write defer="".
var booleanAttrs = map[string]bool{
	"allowfullscreen": true, "async": true, "autofocus": true, "autoplay": true, "checked": true, "controls": true,
	"default": true, "defer": true, "disabled": true, "hidden": true, "loop": true, "multiple": true, "muted": true,
	"novalidate": true, "open": true, "readonly": true, "required": true, "reversed": true, "selected": true,
}

// writeTag serialises a start tag whose attributes were changed.
func writeTag(b *strings.Builder, t *html.Token, selfClosing bool) {
	b.WriteByte('<')
	b.WriteString(t.Data)
	for _, a := range t.Attr {
		b.WriteByte(' ')
		if a.Namespace != "" {
			b.WriteString(a.Namespace + ":")
		}
		b.WriteString(a.Key)
		if a.Val == "" && booleanAttrs[strings.ToLower(a.Key)] {
			continue
		}
		b.WriteString(`="`)
		b.WriteString(html.EscapeString(a.Val))
		b.WriteByte('"')
	}
	if selfClosing {
		b.WriteString("/")
	}
	b.WriteByte('>')
}

type tagAction int

const (
	keepTag     tagAction = iota
	changedTag            // attributes changed: re-serialise the tag
	replaceTag            // replace just this tag with the replacement
	dropElement           // drop the element and its content, write replacement
)

func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Img, atom.Br, atom.Hr, atom.Input, atom.Meta, atom.Link, atom.Source, atom.Track, atom.Wbr, atom.Area, atom.Base, atom.Col, atom.Embed, atom.Param:
		return true
	}
	return false
}

func attr(t *html.Token, key string) (string, int) {
	for i, a := range t.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, i
		}
	}
	return "", -1
}

// linkAttrs are the attributes holding URLs that the site build rewrites.
var linkAttrs = []string{"href", "src", "poster"}

func isExternal(v string) bool {
	return strings.HasPrefix(v, "//") || schemeOf(v) != "" || strings.HasPrefix(v, "#") || v == ""
}

func schemeOf(v string) string {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == ':':
			if i > 0 {
				return strings.ToLower(v[:i])
			}
			return ""
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return ""
		}
	}
	return ""
}

// resolveLinks makes every internal link of a rendered page site-absolute
// and canonical (a page's URL in its real case; a course file's path).
// A link to nothing loses its target, with a diagnostic, so the published
// site never has a broken link; a missing image becomes its alt text.
//
// The same pass drops what the sanitiser keeps but must not stay: iframes
// from hosts outside the allowlist, and inputs other than task-list boxes.
func (s *Site) resolveLinks(frag, pageURL string, d *diagnostics, src string, hosts hostList, relative bool) string {
	base := folderOf(pageURL)
	return editTags(frag, func(t *html.Token) (tagAction, string) {
		if act, ok := screenElement(t, hosts); ok {
			return act, ""
		}
		changed := false
		if v, i := attr(t, "style"); i >= 0 && unsafeStyle(v) {
			t.Attr = append(t.Attr[:i], t.Attr[i+1:]...)
			d.add(course.CodeStyleScriptRemoved, lineOf(src, v), course.SeverityWarning, fmt.Sprintf("a style (%q) was removed: it loads a script address", short(v)), "", "Style", short(v))
			changed = true
		}
		for _, key := range linkAttrs {
			v, i := attr(t, key)
			if i >= 0 && unsafeURL(v, t.DataAtom == atom.Img) {
				// goldmark drops these, but not with a tab or newline
				// inside the scheme, which browsers ignore.
				t.Attr = append(t.Attr[:i], t.Attr[i+1:]...)
				changed = true
				continue
			}
			if i >= 0 && v == "" && key == "href" {
				// goldmark leaves href="" where it dropped an unsafe link.
				t.Attr = append(t.Attr[:i], t.Attr[i+1:]...)
				changed = true
				continue
			}
			if i < 0 || isExternal(v) {
				continue
			}
			target, ok := course.ResolveLink(pageURL, v)
			if !ok {
				continue
			}
			suffix := ""
			if j := strings.IndexAny(v, "?#"); j >= 0 {
				suffix = v[j:]
			}
			canon, found, hidden := s.canonical(target)
			if found {
				nv := escapeURLPath(canon) + suffix
				if relative {
					nv = relativeTo(base, nv)
				}
				if nv != v {
					t.Attr[i].Val = nv
					changed = true
				}
				continue
			}
			line := lineOf(src, v)
			what := "a page or file that does not exist"
			if hidden {
				what = "a page that is hidden or not published"
			}
			if t.DataAtom == atom.Img {
				alt, _ := attr(t, "alt")
				d.add(course.CodeRenderImageMissing, line, course.SeverityWarning, fmt.Sprintf("image %s is %s; its alt text is shown instead", v, what),
					"add the image to the img folder or fix the path", "Target", v)
				return replaceTag, `<span class="missing-image">` + html.EscapeString(alt) + `</span>`
			}
			d.add(course.CodeRenderLinkBroken, line, course.SeverityWarning, fmt.Sprintf("link to %s (%s): it is published as plain text", what, v),
				"fix the link or remove it", "Target", v)
			t.Attr = append(t.Attr[:i], t.Attr[i+1:]...)
			t.Attr = append(t.Attr, html.Attribute{Key: "class", Val: "broken-link"})
			changed = true
		}
		if changed {
			return changedTag, ""
		}
		return keepTag, ""
	})
}

// unsafeStyle reports inline CSS that points at a script (old browsers ran
// javascript: in url() and expression()).
func unsafeStyle(v string) bool {
	l := strings.ToLower(strings.Join(strings.Fields(v), ""))
	return strings.Contains(l, "javascript:") || strings.Contains(l, "vbscript:") || strings.Contains(l, "expression(") || strings.Contains(l, "behavior:")
}

// lineOf finds the line where text first appears in src (0 if it does not).
func lineOf(src, text string) int {
	if i := strings.Index(src, text); i >= 0 {
		return 1 + strings.Count(src[:i], "\n")
	}
	return 0
}

func escapeURLPath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// RelativizeLinks rewrites the site-absolute links of a finished page to
// paths relative to the page at pageURL, pointing at index.html for
// folder URLs. The result works at a domain root, under a project path
// (GitHub Pages) and straight from disk (file://).
func RelativizeLinks(doc, pageURL string) string {
	base := folderOf(pageURL)
	return editTags(doc, func(t *html.Token) (tagAction, string) {
		changed := false
		for _, key := range append(linkAttrs, "data-root", "action") {
			v, i := attr(t, key)
			if i < 0 || !strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") {
				continue
			}
			if key == "data-root" { // the folder of the site root, for scripts
				t.Attr[i].Val = strings.Repeat("../", strings.Count(strings.Trim(base, "/"), "/")+1)
				if strings.Trim(base, "/") == "" {
					t.Attr[i].Val = "./"
				}
				changed = true
				continue
			}
			t.Attr[i].Val = relativeTo(base, v)
			changed = true
		}
		if changed {
			return changedTag, ""
		}
		return keepTag, ""
	})
}

// folderOf is the folder a page URL's relative links start from.
func folderOf(pageURL string) string {
	if strings.HasSuffix(pageURL, "/") {
		return pageURL
	}
	return path.Dir(pageURL) + "/"
}

// relativeTo expresses the site path target (with optional ?query or
// #fragment) relative to the folder base.
func relativeTo(base, target string) string {
	suffix := ""
	if j := strings.IndexAny(target, "?#"); j >= 0 {
		target, suffix = target[:j], target[j:]
	}
	if strings.HasSuffix(target, "/") {
		target += "index.html"
	} else if path.Ext(target) == "" {
		target += "/index.html"
	}
	from := strings.Split(strings.Trim(base, "/"), "/")
	if strings.Trim(base, "/") == "" {
		from = nil
	}
	to := strings.Split(strings.TrimPrefix(target, "/"), "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	rel := strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
	return rel + suffix
}
