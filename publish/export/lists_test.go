package export

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A list holding something other than items (a missing include's
// placeholder written between the <li>s by Liquid) still makes valid
// XHTML: the stray content gets an item of its own.
func TestWrapStrayListChildren(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<ul> <li>a</li><span>missing</span>text<li>b</li></ul>`))
	if err != nil {
		t.Fatal(err)
	}
	var ul *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "ul" {
			ul = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	wrapStrayListChildren(ul)
	var b strings.Builder
	_ = html.Render(&b, ul)
	if want := `<ul> <li>a</li><li><span>missing</span></li><li>text</li><li>b</li></ul>`; b.String() != want {
		t.Errorf("got %s\nwant %s", b.String(), want)
	}
}
