package export

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/coursewright/coursewright/publish"
)

// A page's self-check questions reach the packages as the site renders
// them (SELFCHECK.md §3): one <form class="self-check"> a question, whose
// controls only the site's script brings to life. What a package makes
// of them depends on what its reader can do.
type selfCheckMode int

const (
	// selfCheckStatic: the question as the site shows it without
	// JavaScript — the prompt, the options, and the answer in its closed
	// <details> — with no form controls (Common Cartridge pages: the
	// graded questions are the cartridge's QTI assessments).
	selfCheckStatic selfCheckMode = iota
	// selfCheckPrint: the question to answer on paper, its answer and
	// hint left out (EPUB, PDF: the answers are printed at the end of
	// the module).
	selfCheckPrint
	// selfCheckLive: the form whole, for the site's script (SCORM, whose
	// pages run it and report the score to the LMS).
	selfCheckLive
)

// Elements and attributes a live self-check keeps besides the ones every
// page keeps.
var (
	liveElements = map[string]bool{"form": true, "fieldset": true, "legend": true, "label": true, "input": true, "button": true}
	liveAttrs    = map[string]bool{"type": true, "name": true, "value": true, "for": true, "hidden": true, "autocomplete": true,
		"spellcheck": true, "novalidate": true}
)

// isSelfCheck says whether n is a self-check question's form.
func isSelfCheck(n *html.Node) bool {
	return n.Type == html.ElementNode && n.Data == "form" && hasClass(n, "self-check")
}

// hasClass says whether n's class attribute names class.
func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

// selfCheck converts a self-check form for the package, in place.
func (k *pkg) selfCheck(d *docPage, parent, form *html.Node, inLink bool) {
	d.questions++
	if k.selfChecks == selfCheckLive {
		d.live = true
		k.inLiveForm = true
		defer func() { k.inLiveForm = false }()
		k.cleanLive(d, form, inLink)
		return
	}
	var answer *html.Node // to print at the module's end
	if k.selfChecks == selfCheckPrint {
		if answer = findClass(form, "self-check-answer"); answer != nil {
			answer.Parent.RemoveChild(answer)
		}
	}
	div := elem("div", "class", "self-check")
	if id := attr(form, "id"); id != "" {
		div.Attr = append(div.Attr, html.Attribute{Key: "id", Val: id})
	}
	for c := form.FirstChild; c != nil; {
		next := c.NextSibling
		form.RemoveChild(c)
		div.AppendChild(c)
		c = next
	}
	parent.InsertBefore(div, form)
	parent.RemoveChild(form)
	k.staticSelfCheck(div)
	k.cleanElement(d, parent, div, inLink)
	if answer != nil {
		// The answer as the site's "Answer" shows it (the key with its
		// verdicts and feedback, the explanation), under the question's
		// number and prompt.
		entry := elem("div", "class", "self-check-answer-entry")
		for c := answer.FirstChild; c != nil; {
			next := c.NextSibling
			answer.RemoveChild(c)
			if c.Type != html.ElementNode || c.Data != "summary" {
				entry.AppendChild(c)
			}
			c = next
		}
		k.clean(d, entry, false)
		if legend := findClass(div, "self-check-legend"); legend != nil {
			entry.InsertBefore(cloneNode(legend), entry.FirstChild)
		}
		d.answers = append(d.answers, entry)
	}
}

// findClass is the first element under n (n excluded) with the class.
func findClass(n *html.Node, class string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if hasClass(c, class) {
			return c
		}
		if f := findClass(c, class); f != nil {
			return f
		}
	}
	return nil
}

// cloneNode is a deep copy of n, detached.
func cloneNode(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace, Attr: append([]html.Attribute(nil), n.Attr...)}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(cloneNode(ch))
	}
	return c
}

// appendAnswers ends each module (and each page outside a module) that
// has questions with an "Answers" section: under each page's title, the
// answer of each of its questions. It returns the pages that now hold
// such a section, with the section's id.
func (k *pkg) appendAnswers(heading string) map[*docPage]string {
	at := map[*docPage]string{}
	for i := 0; i < len(k.pages); {
		j := i + 1
		if m := k.pages[i].p.Module; m != nil {
			for j < len(k.pages) && k.pages[j].p.Module == m {
				j++
			}
		}
		group := k.pages[i:j]
		i = j
		id := fmt.Sprintf("self-check-answers-%d", j)
		sec := elem("section", "class", "self-check-answers", "id", id)
		h := elem("h2")
		h.AppendChild(text(heading))
		sec.AppendChild(h)
		found := false
		for _, d := range group {
			if len(d.answers) == 0 {
				continue
			}
			found = true
			t := elem("h3")
			t.AppendChild(text(d.p.Title))
			sec.AppendChild(t)
			for _, a := range d.answers {
				sec.AppendChild(a)
			}
		}
		if found {
			last := group[len(group)-1]
			last.nodes = append(last.nodes, text("\n"), sec)
			at[last] = id
		}
	}
	return at
}

// staticSelfCheck takes a question's form controls and script-only parts
// out (and, to print, its hint and answer), and makes its legend a
// paragraph.
func (k *pkg) staticSelfCheck(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			switch {
			case hasClass(c, "self-check-actions"), hasClass(c, "self-check-result"), hasClass(c, "self-check-score"),
				k.selfChecks == selfCheckPrint && (hasClass(c, "self-check-hint") || hasClass(c, "self-check-answer")):
				n.RemoveChild(c)
				c = next
				continue
			case c.Data == "legend":
				c.Data, c.DataAtom = "p", 0
				addClass(c, "self-check-legend")
			case c.Data == "input" && hasClass(n, "self-check-short"):
				// The box to type in, on paper a line to write on.
				line := elem("span", "class", "self-check-blank")
				line.AppendChild(text("____________________"))
				n.InsertBefore(line, c)
			}
			k.staticSelfCheck(c)
		}
		c = next
	}
}

// addClass adds a class to n's class attribute.
func addClass(n *html.Node, class string) {
	for i, a := range n.Attr {
		if a.Key == "class" {
			n.Attr[i].Val = strings.TrimSpace(a.Val + " " + class)
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: "class", Val: class})
}

// cleanLive cleans a live form: its controls are kept with the
// attributes the script reads, everything else is cleaned as any page.
func (k *pkg) cleanLive(d *docPage, n *html.Node, inLink bool) {
	var attrs []html.Attribute
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace == "" && (allowedAttrs[key] || liveAttrs[key] || strings.HasPrefix(key, "data-") || strings.HasPrefix(key, "aria-")) {
			attrs = append(attrs, html.Attribute{Key: key, Val: a.Val})
		}
	}
	n.Attr = attrs
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode:
			n.RemoveChild(c)
		case c.Type == html.ElementNode && liveElements[c.Data]:
			k.cleanLive(d, c, inLink)
		case c.Type == html.ElementNode:
			k.cleanElement(d, n, c, inLink)
		}
		c = next
	}
}

// appendGuideAnswers ends each meeting of the facilitator guide with the
// answers of the questions on the pages its agenda links, as the site's
// guide does: each page's title, then each question's number and prompt
// with its Answer.
func (k *pkg) appendGuideAnswers(heading string) error {
	for _, d := range k.pages {
		var sec *html.Node
		seen := map[*publish.RenderedPage]bool{}
		for _, it := range d.p.Agenda {
			lp := it.Page
			if lp == nil || seen[lp] || len(lp.Questions) == 0 {
				continue
			}
			seen[lp] = true
			nodes, err := html.ParseFragment(strings.NewReader(lp.HTML), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
			if err != nil {
				return fmt.Errorf("%s: %w", lp.Source, err)
			}
			// The linked page's links resolve from its own address, and
			// are written from the meeting's place in the package.
			from := &docPage{p: lp, path: d.path, ids: map[string]bool{}}
			var entries []*html.Node
			for _, n := range nodes {
				entries = append(entries, k.guideEntries(from, n)...)
			}
			if len(entries) == 0 {
				continue
			}
			if sec == nil {
				sec = elem("section", "class", "guide-answers")
				h := elem("h2")
				h.AppendChild(text(heading))
				sec.AppendChild(h)
			}
			t := elem("h3")
			t.AppendChild(text(lp.Title))
			sec.AppendChild(t)
			for _, e := range entries {
				sec.AppendChild(e)
			}
		}
		if sec != nil {
			d.nodes = append(d.nodes, text("\n"), sec)
		}
	}
	return nil
}

// guideEntries are the answers of the self-check forms under n.
func (k *pkg) guideEntries(from *docPage, n *html.Node) []*html.Node {
	if !isSelfCheck(n) {
		var out []*html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			out = append(out, k.guideEntries(from, c)...)
		}
		return out
	}
	var legend, answer *html.Node
	var find func(*html.Node)
	find = func(c *html.Node) {
		for ; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch {
			case c.Data == "legend" && legend == nil:
				legend = c
			case hasClass(c, "self-check-answer") && answer == nil:
				answer = c
			default:
				find(c.FirstChild)
			}
		}
	}
	find(n.FirstChild)
	if legend == nil || answer == nil {
		return nil
	}
	entry := elem("div", "class", "self-check-answer-entry")
	p := elem("p", "class", "self-check-legend")
	for c := legend.FirstChild; c != nil; c = c.NextSibling {
		p.AppendChild(cloneNode(c))
	}
	entry.AppendChild(p)
	for c := answer.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.Data != "summary" {
			entry.AppendChild(cloneNode(c))
		}
	}
	k.clean(from, entry, false)
	return []*html.Node{entry}
}
