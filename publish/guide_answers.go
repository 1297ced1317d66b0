package publish

import (
	"html/template"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/course/selfcheck"
	"github.com/coursewright/coursewright/render"
)

// A meeting of the facilitator guide ends with the answers of the
// self-check questions on the pages its agenda links: the facilitator
// has them at hand without opening each page. Each answer is the one the
// page's own question shows in its "Answer" (the key with its verdicts
// and feedback, the accepted answers or the right order, the
// explanation), under the question's number and prompt, in the course's
// language: the linked page is rendered as the site renders it and its
// questions' parts are taken from there.

// guideAnswers are the answers of one linked page's questions.
type guideAnswers struct {
	Link      link
	Questions []guideQuestion
}

// guideQuestion is one question's number and prompt (Legend) and its
// answer, as HTML of the site's renderer.
type guideQuestion struct {
	Legend, Answer template.HTML
}

// meetingAnswers are the answers for a meeting's agenda, each linked page
// once, in agenda order.
func (b *builder) meetingAnswers(g *course.Guide) []guideAnswers {
	var out []guideAnswers
	seen := map[*course.Page]bool{}
	for _, it := range g.Agenda {
		p, l := b.agendaPage(it.Page)
		if p == nil || seen[p] {
			continue
		}
		seen[p] = true
		// Site-absolute links: the guide page's own pass makes them
		// relative to the guide page.
		o := b.r.Render(render.Input{Course: b.c, Page: p, File: p.Path, Site: b.rsite, Context: b.ctx})
		if len(o.Questions) == 0 {
			continue
		}
		if qs := questionAnswers(o.HTML); len(qs) > 0 {
			out = append(out, guideAnswers{Link: *l, Questions: qs})
		}
	}
	return out
}

// questionsText is the markdown of a page's self-check questions: what a
// meeting's answers depend on.
func questionsText(p *course.Page) string {
	body := p.Body()
	var b strings.Builder
	for _, bl := range selfcheck.Find(body) {
		b.WriteString(body[bl.Start:bl.End])
	}
	return b.String()
}

// questionAnswers takes each self-check form of a page's HTML apart into
// its legend and its answer.
func questionAnswers(content string) []guideQuestion {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(content), ctx)
	if err != nil {
		return nil
	}
	var out []guideQuestion
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "form" && classed(n, "self-check") {
			legend, answer := firstClassed(n, "legend", ""), firstClassed(n, "details", "self-check-answer")
			if legend != nil && answer != nil {
				var lb, ab strings.Builder
				for c := legend.FirstChild; c != nil; c = c.NextSibling {
					html.Render(&lb, c)
				}
				for c := answer.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && c.Data == "summary" {
						continue
					}
					html.Render(&ab, c)
				}
				// The renderer's own sanitised output, moved as it is.
				out = append(out, guideQuestion{Legend: template.HTML(lb.String()), Answer: template.HTML(strings.TrimSpace(ab.String()))})
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

// classed says whether n's class attribute names class.
func classed(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" {
			return slices.Contains(strings.Fields(a.Val), class)
		}
	}
	return false
}

// firstClassed is the first element under n named tag (and with class,
// unless class is "").
func firstClassed(n *html.Node, tag, class string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.Data == tag && (class == "" || classed(c, class)) {
			return c
		}
		if f := firstClassed(c, tag, class); f != nil {
			return f
		}
	}
	return nil
}
