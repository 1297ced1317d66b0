package course

import (
	"maps"
	"slices"
)

// Snapshot returns a copy of the course that later changes to c leave
// alone, for work that reads a whole course in the background (the app's
// problem list, the preview) while the author goes on editing c: the
// background reads its snapshot and the UI thread keeps c, so neither
// waits for the other. It is cheap: texts are Go strings and YAML
// documents are replaced, never changed in place, when edited (Doc.splice
// builds a new text and parses it anew), so the copy shares them and
// copies only the structs and slices that edits change.
//
// A snapshot is for reading: saving or editing it is not meant (its pages
// would write over the author's files behind c's back).
func (c *Course) Snapshot() *Course {
	s := *c
	s.Config = c.Config.snapshot()
	s.Data = c.Data.snapshot()
	s.readBuf = nil
	s.stamps = maps.Clone(c.stamps)
	s.ops = slices.Clone(c.ops)
	s.Assets = slices.Clone(c.Assets)
	s.Problems = slices.Clone(c.Problems)

	copies := map[*Page]*Page{}
	page := func(p *Page) *Page {
		if p == nil {
			return nil
		}
		if q, ok := copies[p]; ok {
			return q
		}
		q := *p
		q.front = p.front.snapshot()
		if p.course == c {
			q.course = &s
		}
		copies[p] = &q
		return &q
	}
	pages := func(ps []*Page) []*Page {
		if ps == nil {
			return nil
		}
		out := make([]*Page, len(ps))
		for i, p := range ps {
			out[i] = page(p)
		}
		return out
	}
	s.Home = page(c.Home)
	s.Pages = pages(c.Pages)
	s.guideIndex = page(c.guideIndex)
	s.other = pages(c.other)
	s.Modules = make([]*Module, len(c.Modules))
	for i, m := range c.Modules {
		n := *m
		n.Pages = pages(m.Pages)
		s.Modules[i] = &n
	}
	s.Guides = make([]*Guide, len(c.Guides))
	for i, g := range c.Guides {
		h := *g
		h.Page = page(g.Page)
		h.Agenda = slices.Clone(g.Agenda)
		s.Guides[i] = &h
	}
	return &s
}

// snapshot copies the document's fields; its text and parsed tree are
// shared, since edits replace them rather than change them.
func (d *Doc) snapshot() *Doc {
	if d == nil {
		return nil
	}
	e := *d
	return &e
}
