package publish

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/render"
)

// Rendered is the course as the site build renders it, without the theme
// around each page: what every export (publish/export) packages. It comes
// from the same site plan (which pages exist, in which order, at which
// address, which files are copied), the same renderer configured the same
// way (sanitising, iframe hosts, Liquid) and the same diagnostics as
// Build, so an export never renders markdown on its own and shows what
// the website shows.
type Rendered struct {
	Title       string
	Language    string // BCP 47 tag; "en" when the course names none
	Description string // plain text
	// DescriptionHTML is the course's description, rendered.
	DescriptionHTML string
	License         *course.LicenseInfo // nil: no open license chosen
	Authors         []string
	// AttributionHTML credits the course this one was adapted from
	// (course.yml based_on) as the site's footer does: title, authors,
	// source and license (TASL), with links; "" for an original course.
	// AttributionURL is its source address ("" if it has none), for media
	// where links cannot be followed; ChangesHTML says what was changed.
	AttributionHTML string
	AttributionURL  string
	ChangesHTML     string
	Labels          RenderedLabels
	// Banner is the site path (/img/x.png) of the banner image, or "".
	Banner string
	// Dir is the course folder (identifiers are derived from its name).
	Dir string

	Home    *RenderedPage // the home page's content (index.md); nil without one
	Modules []*RenderedModule
	Pages   []*RenderedPage // single pages at the root (about, glossary…)
	// Guide is the facilitator guide: its index (when it has content),
	// then one page per meeting. Empty unless asked for.
	Guide []*RenderedPage
	// Files are the course's files the site copies as they are (images,
	// downloads), by site-relative slash path.
	Files []RenderedFile

	Diagnostics []course.Diagnostic
}

// RenderedModule is a module and its pages, in order.
type RenderedModule struct {
	Slug, Title string
	Draft       bool
	Pages       []*RenderedPage
}

// RenderedPage is one page's content.
type RenderedPage struct {
	Title string
	// URL is the page's site path (/modules/setup/getting-started/); the
	// links in HTML are relative to it, as on the site.
	URL string
	// Source is the page's file in the course ("" for a guide index
	// Coursewright makes).
	Source string
	// HTML is the sanitised content; TitleInContent says it starts with
	// the page's own title as a level-1 heading.
	HTML           string
	TitleInContent bool
	Draft          bool
	// Meeting is a guide page's meeting number (0 otherwise); Minutes its
	// planned length.
	Meeting, Minutes int
	// Agenda is a meeting's timed agenda (front matter `agenda`), each
	// step with the course page it names when that page is in the export.
	Agenda []RenderedAgendaItem
	Module *RenderedModule
	// Questions are the page's whole self-check questions, rendered
	// (its HTML holds them as forms): Common Cartridge's QTI, the guide.
	Questions []render.RenderedQuestion
}

// RenderedAgendaItem is one timed step of a meeting's agenda.
type RenderedAgendaItem struct {
	Activity string
	Minutes  int
	Page     *RenderedPage // nil: the step names no page, or one not exported
}

// RenderedLabels are the words exports print around the course's own
// text, in the course's language (as the site's theme words them).
type RenderedLabels struct {
	Agenda, Activity, Minutes, Total string
	// ModuleAnswers heads the answers of a module's self-check questions
	// (printed at the module's end).
	ModuleAnswers string
	// SelfCheckOf (%s: a page's title) names a page's questions as an
	// LMS quiz, QuestionN (%d) one question; HintLabel starts a hint.
	SelfCheckOf, QuestionN, HintLabel string
}

// RenderedFile is a file of the course copied into the site.
type RenderedFile struct {
	Rel  string // site-relative slash path (img/x.png)
	Full string // the file on disk
}

// RenderOptions configure RenderCourse.
type RenderOptions struct {
	Drafts bool // include hidden modules and unpublished pages
	Guide  bool // include the facilitator guide
}

// RenderCourse renders the course's pages as Build does, for exports.
func RenderCourse(ctx context.Context, c *course.Course, opts RenderOptions) (*Rendered, error) {
	if c == nil {
		return nil, errors.New("render: no course")
	}
	s := newSite(c, opts.Drafts, "")
	hosts, hostsLine := iframeHosts(c)
	r := render.New(render.Options{IframeHosts: hosts})
	rsite := render.NewSite(c, opts.Drafts)
	v := s.newSiteView(hosts, hostsLine)
	out := &Rendered{Title: v.Title, Language: v.Lang, License: v.License, Authors: append([]string(nil), s.meta.Authors...), Dir: c.Dir}
	if out.Language == "" {
		out.Language = "en"
	}
	out.Labels = RenderedLabels{Agenda: s.t.Agenda, Activity: s.t.Activity, Minutes: s.t.Minutes, Total: s.t.Total, ModuleAnswers: s.t.ModuleAnswers,
		SelfCheckOf: s.t.SelfCheckOf, QuestionN: s.t.QuestionN, HintLabel: s.t.HintLabel}
	if v.Attribution != nil {
		out.AttributionHTML, out.AttributionURL, out.ChangesHTML = string(v.AttributionHTML), v.Attribution.URL, string(v.ChangesHTML)
	}
	if desc := strings.TrimSpace(s.meta.Description); desc != "" {
		o := r.Render(render.Input{Course: c, Source: desc, File: course.DataFile, Line: s.dataLine("description"), Site: rsite})
		out.DescriptionHTML = o.HTML
		out.Description = plainText(o.HTML)
		out.Diagnostics = append(out.Diagnostics, o.Diagnostics...)
	}
	out.Banner = s.bannerImage()
	if strings.HasPrefix(out.Banner, "https://") {
		out.Banner = "" // exports hold only the course's own files
	}
	modules := map[*navModule]*RenderedModule{}
	for _, m := range s.modules {
		rm := &RenderedModule{Slug: m.Slug, Title: m.Title, Draft: m.Draft}
		modules[m] = rm
		out.Modules = append(out.Modules, rm)
	}
	// The pages to render, in site order; rendered on all cores (the
	// renderer is safe for concurrent use, as Build relies on too).
	var todo []*sitePage
	for _, sp := range s.pages {
		switch sp.kind {
		case kindRedirect, kindAttributions:
			continue
		case kindModule:
			if sp.module.offMenu {
				continue // an export's contents are the course's menu
			}
		case kindGuide, kindGuideIndex:
			if !opts.Guide {
				continue
			}
		}
		todo = append(todo, sp)
	}
	outs := make([]render.Output, len(todo))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if sp := todo[i]; sp.page != nil {
					outs[i] = r.Render(render.Input{Course: c, Page: sp.page, File: sp.page.Path, Site: rsite, Relative: true, Context: ctx})
				}
			}
		}()
	}
	for i := range todo {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type pendingAgenda struct {
		page *RenderedPage
		item course.AgendaItem
	}
	var agenda []pendingAgenda
	byPage := map[*course.Page]*RenderedPage{}
	for i, sp := range todo {
		rp := &RenderedPage{Title: sp.title, URL: sp.url, Draft: sp.draft}
		if sp.page != nil {
			byPage[sp.page] = rp
			rp.Source = sp.page.Path
			o := outs[i]
			content, level, _ := leadingTitle(o.HTML, sp.title)
			switch {
			case level == 1:
				rp.TitleInContent = true
				rp.HTML = o.HTML
			case level > 1:
				rp.HTML = content
			default:
				rp.HTML = o.HTML
			}
			rp.Questions = o.Questions
			out.Diagnostics = append(out.Diagnostics, o.Diagnostics...)
		}
		switch sp.kind {
		case kindHome:
			if sp.page != nil {
				rp.Title = out.Title
				out.Home = rp
			}
		case kindModule:
			rm := modules[sp.module]
			rp.Module = rm
			rm.Pages = append(rm.Pages, rp)
		case kindSingle:
			out.Pages = append(out.Pages, rp)
		case kindGuideIndex:
			if sp.page != nil {
				out.Guide = append([]*RenderedPage{rp}, out.Guide...)
			}
		case kindGuide:
			rp.Meeting = sp.guide.Meeting
			rp.Minutes = sp.guide.Minutes
			if rp.Minutes == 0 {
				rp.Minutes = sp.guide.AgendaMinutes()
			}
			out.Guide = append(out.Guide, rp)
			for _, it := range sp.guide.Agenda {
				agenda = append(agenda, pendingAgenda{rp, it})
			}
		}
	}
	// Agenda steps name pages as "<module>/<page>"; resolved once every
	// page is known.
	for _, a := range agenda {
		item := RenderedAgendaItem{Activity: a.item.Activity, Minutes: a.item.Minutes}
		if mod, slug, ok := strings.Cut(strings.Trim(a.item.Page, "/"), "/"); ok {
			if m := c.Module(mod); m != nil {
				if p := m.Page(slug); p != nil {
					item.Page = byPage[p]
				}
			}
		}
		a.page.Agenda = append(a.page.Agenda, item)
	}
	for _, f := range s.files {
		out.Files = append(out.Files, RenderedFile{Rel: f.rel, Full: f.full})
	}
	out.Diagnostics = append(s.diags, out.Diagnostics...)
	return out, nil
}

// AllPages lists the course's pages in reading order: home, modules'
// pages, single pages, then the guide.
func (r *Rendered) AllPages() []*RenderedPage {
	var out []*RenderedPage
	if r.Home != nil {
		out = append(out, r.Home)
	}
	for _, m := range r.Modules {
		out = append(out, m.Pages...)
	}
	out = append(out, r.Pages...)
	return append(out, r.Guide...)
}
