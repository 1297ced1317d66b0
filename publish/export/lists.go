package export

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// wrapStrayListChildren puts what a list holds outside its items — text,
// or an element such as the placeholder of a missing include that Liquid
// wrote between the <li>s — into an item of its own: XHTML allows only
// <li> in <ul> and <ol>, and HTML that browsers accept must still make a
// valid book.
func wrapStrayListChildren(list *html.Node) {
	for c := list.FirstChild; c != nil; {
		next := c.NextSibling
		stray := (c.Type == html.ElementNode && c.Data != "li" && c.Data != "script" && c.Data != "template") ||
			(c.Type == html.TextNode && strings.TrimSpace(c.Data) != "")
		if stray {
			li := &html.Node{Type: html.ElementNode, Data: "li", DataAtom: atom.Li}
			list.InsertBefore(li, c)
			list.RemoveChild(c)
			li.AppendChild(c)
		}
		c = next
	}
}
