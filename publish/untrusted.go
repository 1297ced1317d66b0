package publish

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/coursewright/coursewright/course"
	"golang.org/x/net/html"
)

// maxMarkupScan bounds how much of an HTML or SVG file is read to judge
// it; a larger one is left out rather than published unjudged.
const maxMarkupScan = 16 << 20

// leaveOutActiveMarkup reports whether the course file rel, an HTML file
// without front matter or an SVG image, must stay out of the site because
// it can run script on the site's own origin (a <script>, an event
// handler, a javascript: address, a foreignObject…), warning with the file,
// line and reason. Such a file is copied as it is, without the pages'
// sanitiser or Content-Security-Policy, so it is published only when it
// holds nothing active.
func (s *site) leaveOutActiveMarkup(rel, full string) bool {
	ext := strings.ToLower(path.Ext(rel))
	kind := "HTML file"
	switch ext {
	case ".svg":
		kind = "SVG image"
	case ".html", ".htm", ".xhtml":
	case ".svgz":
		s.warn(course.CodeMarkupUnchecked, rel, 0, "left out of the site: a compressed SVG image can't be checked for scripts", "save it as a plain .svg")
		return true
	default:
		return false
	}
	f, err := os.Open(full)
	if err != nil {
		s.warn(course.CodeMarkupUnchecked, rel, 0, "left out of the site: it could not be read to check it runs no script: "+err.Error(), "")
		return true
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxMarkupScan+1))
	if err != nil || len(data) > maxMarkupScan {
		s.warn(course.CodeMarkupUnchecked, rel, 0, fmt.Sprintf("left out of the site: it is too large (over %d MB) to check that it runs no script", maxMarkupScan>>20), "")
		return true
	}
	if line, why := activeMarkup(data); why != "" {
		s.diags = append(s.diags, course.Diagnostic{File: rel, Line: line, Severity: course.SeverityWarning, Code: course.CodeActiveMarkupLeftOut,
			Message: fmt.Sprintf("left out of the site: this %s %s, which would run in the site's pages", kind, why),
			Hint:    "remove it from the file, or make the page a markdown page of the course"})
		return true
	}
	return false
}

// activeTags are elements that run or load script or other documents.
var activeTags = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "frame": true, "frameset": true, "object": true,
	"embed": true, "applet": true, "base": true, "handler": true, "listener": true, "portal": true,
}

// urlAttrs are attributes whose value is an address (or, in SVG
// animation, becomes one).
var urlAttrs = map[string]bool{
	"href": true, "xlink:href": true, "src": true, "action": true, "formaction": true, "data": true,
	"values": true, "to": true, "from": true, "by": true, "poster": true, "background": true, "srcdoc": true,
}

// activeMarkup finds the first thing in an HTML or SVG document that can
// run script, and its line.
func activeMarkup(data []byte) (line int, why string) {
	z := html.NewTokenizer(bytes.NewReader(data))
	line = 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return 0, ""
		}
		raw := z.Raw()
		at := line
		line += bytes.Count(raw, []byte("\n"))
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		tag := strings.ToLower(string(name))
		if i := strings.IndexByte(tag, ':'); i >= 0 {
			tag = tag[i+1:] // svg:script
		}
		if activeTags[tag] {
			return at, "holds a <" + tag + "> element"
		}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			key := strings.ToLower(string(k))
			if strings.HasPrefix(key, "on") {
				return at, "has an event handler (" + key + ")"
			}
			if tag == "meta" && key == "http-equiv" && strings.EqualFold(strings.TrimSpace(string(v)), "refresh") {
				return at, "redirects the page (meta refresh)"
			}
			if urlAttrs[key] || strings.HasSuffix(key, ":href") {
				if u := scriptURL(string(v)); u != "" {
					return at, "links to a " + u + " address"
				}
			}
		}
	}
}

// scriptURL names the scheme of an address that runs script ("javascript:"),
// ignoring the spaces and control characters browsers ignore.
func scriptURL(v string) string {
	clean := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(html.UnescapeString(v)))
	for _, s := range []string{"javascript:", "vbscript:", "data:text/html", "data:image/svg", "data:application/xhtml"} {
		if strings.Contains(clean, s) {
			return strings.TrimSuffix(s, ":")
		}
	}
	return ""
}
