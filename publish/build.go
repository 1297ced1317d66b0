// Package publish turns a course into its website and publishes it.
//
// Build writes a static site that looks like a Course-in-a-Box site, made
// without Jekyll, Ruby or a network: a home page with the course's banner,
// one page per module page, single pages, the facilitator guide, the
// theme's stylesheet and search script, the course's images and a search
// index. Every link in it is relative, so the site works at a domain root,
// under a GitHub Pages project path and opened from disk.
//
// Builds are parallel, deterministic (the same course gives the same bytes)
// and incremental: a manifest in the site folder records, for every file,
// a hash of the inputs it was made from, so a rebuild after an edit renders
// only the pages the edit shows on and writes only files whose bytes
// changed.
package publish

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/render"
)

// BuildOptions configure Build. The zero value builds the published site.
type BuildOptions struct {
	// Drafts includes hidden modules and pages with `published: false`,
	// marked as drafts, for previewing.
	Drafts bool
	// Progress, when set, is called from one goroutine as files are done.
	Progress func(done, total int)
	// Renderer renders the markdown; nil means render.New with the
	// course's iframe_hosts from _data/course.yml. The manifest assumes
	// the renderer is configured from the course: after building with a
	// differently configured one, build into a fresh folder.
	Renderer *render.Renderer
	// SiteURL is the site's published address (Publish knows it); ""
	// means the custom domain, else what the host serves for the remote.
	SiteURL string
}

// BuildResult reports what a build did.
type BuildResult struct {
	Pages    int // HTML pages of the site, not counting module redirects
	Rendered int // pages rendered by this build (the others were unchanged)
	Written  int // files written: pages, theme files, copied files, the search index
	Skipped  int // files left as they were because their bytes did not change
	Removed  int // files of an earlier build that no longer belong to the site

	// Diagnostics are the render findings of every page (also of pages
	// this build did not render again) and the site's own, e.g. a missing
	// banner image.
	Diagnostics []course.Diagnostic
	Duration    time.Duration
}

// Build builds the website of c into the folder out ("" means _site in the
// course). out must be empty, missing, the site folder of an earlier build
// (it has a manifest), or _site inside the course; Build never writes into
// the course's own files.
//
// The output folder is the build's: what the build did not write is
// removed from it, except .git, CNAME and what keep_files in _config.yml
// names (as Jekyll cleans its destination), so an old Jekyll build
// committed in _site leaves nothing stale behind.
//
// The new and changed files are written into a staging folder beside out
// and moved in only once the whole site is built, so cancelling ctx (or
// any error) leaves out exactly as the last build left it; unchanged
// files are never copied, which keeps a rebuild after an edit fast.
func Build(ctx context.Context, c *course.Course, out string, opts BuildOptions) (*BuildResult, error) {
	start := time.Now()
	if c == nil {
		return nil, errors.New("build: no course")
	}
	outDir, outRel, err := checkOutput(c, out)
	if err != nil {
		return nil, err
	}
	th, err := loadTheme()
	if err != nil {
		return nil, err
	}
	prev, prevSum, err := readManifest(outDir)
	var diags []course.Diagnostic
	if err != nil {
		// The folder is ours (it has a manifest) but the record is lost:
		// build everything again; files it listed can't be cleaned up.
		diags = append(diags, course.Diagnostic{File: manifestFile, Severity: course.SeverityWarning, Code: course.CodeBuildRecordDamaged,
			Message: "the record of the last build is damaged; everything is built again", Hint: err.Error()})
		prev = nil
	}

	s := newSite(c, opts.Drafts, outRel)
	s.prepareChanges(ctx)
	hosts, hostsLine := iframeHosts(c)
	r := opts.Renderer
	if r == nil {
		r = render.New(render.Options{IframeHosts: hosts})
	}
	b := &builder{
		c:     c,
		s:     s,
		out:   outDir,
		r:     r,
		rsite: render.NewSite(c, opts.Drafts),
		theme: th,
		view:  s.newSiteView(hosts, hostsLine),
		prev:  prev,
	}
	b.find = s.findOut(ctx, opts.SiteURL)
	b.siteHash = b.hashSite(hosts)
	stage := stagingDir(outDir)
	for _, left := range []string{stage, stage + TrashSuffix, stage + spoolSuffix} { // left by a build that was stopped or killed
		if err := os.RemoveAll(left); err != nil {
			return nil, fmt.Errorf("build: remove the unfinished build %s: %w", left, err)
		}
	}
	b.ctx = ctx
	b.w = &writer{root: stage, base: outDir}
	if b.spool, err = openSearchSpool(stage + spoolSuffix); err != nil {
		return nil, err
	}
	defer b.spool.remove()
	jobs := b.jobs()
	b.prepareTopbars(jobs)
	total := len(jobs) + 1

	results, runErr := b.run(ctx, jobs, opts.Progress, total)

	res := &BuildResult{}
	next := newManifest(th.version)
	next.spool = b.spool
	// fail drops the staged files: the output folder was not touched. A
	// stopped build does not wait long for that; the next build removes
	// what is left.
	fail := func(err error) (*BuildResult, error) {
		if ctx.Err() != nil {
			RemoveAllWithin(stage, stopBudget)
		} else {
			_ = os.RemoveAll(stage)
		}
		return nil, err
	}
	for i, j := range jobs {
		rs := results[i]
		if !rs.done {
			continue
		}
		if rs.entry != nil {
			next.Outputs[j.out] = rs.entry
		}
		if j.kind == jobPage && j.page.kind != kindRedirect {
			res.Pages++
			if rs.rendered {
				res.Rendered++
			}
		}
		if rs.written {
			res.Written++
		} else if rs.err == nil {
			res.Skipped++
		}
	}
	if runErr != nil {
		return fail(runErr)
	}

	written, err := b.writeSearchIndex(jobs, results, next)
	if err != nil {
		return fail(err)
	}
	if written {
		res.Written++
	} else {
		res.Skipped++
	}
	if err := b.writeFindability(jobs, results, next, res); err != nil {
		return fail(err)
	}
	if err := ctx.Err(); err != nil {
		return fail(fmt.Errorf("build stopped: %w", err))
	}
	if opts.Progress != nil {
		opts.Progress(total, total)
	}
	// The site is complete: swap it in. This part does not heed ctx; it
	// is renames and removals, done in well under a second even when
	// every page changed.
	if res.Removed, err = b.swapIn(stage, next, prevSum); err != nil {
		return nil, err
	}

	res.Diagnostics = append(diags, s.diags...)
	for i, j := range jobs {
		if e := results[i].entry; e != nil && j.kind == jobPage {
			res.Diagnostics = append(res.Diagnostics, e.Diags...)
		}
	}
	res.Duration = time.Since(start)
	return res, nil
}

// writeSearchIndex writes search-index.js from every page's text (kept in
// the manifest for pages not rendered again), unless it is unchanged. The
// index is streamed, never held whole: once to learn its length, once
// to hash it, and once more into the file when the hash changed.
func (b *builder) writeSearchIndex(jobs []*job, results []result, next *manifest) (written bool, err error) {
	var readErr error
	entries := func(yield func(searchEntry) bool) {
		for i, j := range jobs {
			if j.kind != jobPage || j.page.kind == kindRedirect || (j.page.module != nil && j.page.module.offMenu) {
				continue
			}
			sp := j.page
			e := searchEntry{T: sp.title, U: sp.url}
			switch {
			case sp.module != nil:
				e.M = sp.module.Title
			case sp.kind == kindGuide:
				e.M = b.s.t.Facilitator
			}
			st, err := b.spool.searchOf(results[i].entry)
			if err != nil {
				readErr = err
				return
			}
			if st != nil {
				e.searchText = *st
			}
			if !yield(e) {
				return
			}
		}
	}
	var size countingWriter
	if err := cmp.Or(writeSearchIndexTo(&size, entries), readErr); err != nil {
		return false, err
	}
	// The same hash as hashBytes of the whole index: its length, then its bytes.
	h := newHasher().num(int(size.n))
	if err := cmp.Or(writeSearchIndexTo(h.h, entries), readErr); err != nil {
		return false, err
	}
	e := &outEntry{Out: h.digest(), Size: size.n}
	if old := b.prevEntry(searchIndexFile); old != nil && old.Out == e.Out && fileHas(b.out, searchIndexFile, e.Size) {
		next.Outputs[searchIndexFile] = e
		return false, nil
	}
	f, commit, err := b.w.create(searchIndexFile, false)
	if err != nil {
		return false, err
	}
	if err := commit(cmp.Or(writeSearchIndexTo(f, entries), readErr)); err != nil {
		return false, err
	}
	next.Outputs[searchIndexFile] = e
	return true, nil
}

// builder holds one build's read-only state, shared by the workers.
type builder struct {
	ctx      context.Context // stops the renders of a cancelled build
	c        *course.Course
	s        *site
	out      string
	r        *render.Renderer
	rsite    *render.Site
	theme    *theme
	view     *siteView
	prev     *manifest
	siteHash string
	w        *writer
	spool    *searchSpool       // the search text of the pages rendered
	topbars  map[string]*topbar // by the slug of the current module
	imgs     imageSizes         // the content's image sizes (a11y.go)
	find     findability        // address, dates, versions (findability.go)
}

func (b *builder) prevEntry(rel string) *outEntry {
	if b.prev == nil {
		return nil
	}
	return b.prev.Outputs[rel]
}

type jobKind int

const (
	jobPage  jobKind = iota
	jobTheme         // a file of the theme
	jobFile          // a file of the course, copied
)

type job struct {
	kind  jobKind
	out   string // site-relative output path
	page  *sitePage
	asset *themeAsset
	file  *staticFile
}

type result struct {
	entry    *outEntry
	err      error
	done     bool
	rendered bool
	written  bool
}

// jobs lists everything the build writes, pages first.
func (b *builder) jobs() []*job {
	var js []*job
	for _, sp := range b.s.pages {
		js = append(js, &job{kind: jobPage, out: sp.out, page: sp})
	}
	for i := range b.theme.assets {
		a := &b.theme.assets[i]
		js = append(js, &job{kind: jobTheme, out: a.out, asset: a})
	}
	for i := range b.s.files {
		f := &b.s.files[i]
		js = append(js, &job{kind: jobFile, out: f.rel, file: f})
	}
	return js
}

// ioOverlap is how many workers a build runs per core.
const ioOverlap = 8

// run does the jobs on all cores. It stops at the first error or when ctx
// is cancelled.
func (b *builder) run(parent context.Context, jobs []*job, progress func(int, int), total int) ([]result, error) {
	results := make([]result, len(jobs))
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var next atomic.Int64
	done := make(chan int, len(jobs))
	var wg sync.WaitGroup
	// More workers than cores: writing a page is mostly waiting for the
	// file system (about 1 ms per folder or file created on this project's
	// test machines' ext4), and those waits overlap; rendering is CPU work
	// that the extra workers merely queue for.
	workers := max(1, min(runtime.GOMAXPROCS(0)*ioOverlap, len(jobs)))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) {
					return
				}
				results[i] = b.do(jobs[i])
				if results[i].err != nil {
					cancel()
				}
				done <- i
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()
	n := 0
	for range done {
		n++
		if progress != nil {
			progress(n, total)
		}
	}
	for i := range results {
		if err := results[i].err; err != nil {
			return results, err
		}
	}
	if err := parent.Err(); err != nil {
		return results, fmt.Errorf("build stopped: %w", err)
	}
	return results, nil
}

// do makes one output, unless it is up to date.
func (b *builder) do(j *job) result {
	old := b.prevEntry(j.out)
	switch j.kind {
	case jobPage:
		defer b.pageDone(j.page)
		if j.page.page != nil {
			// Hashing and rendering read the text several times:
			// once from the file when the course left it there.
			defer j.page.page.Hold()()
		}
		in := b.hashPage(j.page) // here, to hash the pages on all cores
		if old != nil && old.In == in && !old.Out.isZero() && fileHas(b.out, j.out, old.Size) {
			return result{done: true, entry: old}
		}
		data, st, diags, tooSlow, err := b.renderPage(j.page)
		if tooSlow {
			// Given up at the time limit: the next build tries again
			// (its inputs are recorded as unknown), as a busy machine
			// may have been all that made it slow.
			in = digest{}
		}
		if err != nil {
			return result{done: true, err: err}
		}
		if b.ctx.Err() != nil {
			return result{} // stopped mid-page: the render is incomplete
		}
		e := &outEntry{In: in, Out: hashDigest(data), Size: int64(len(data)), Diags: diags}
		if st != nil {
			if e.spooled, err = b.spool.put(st); err != nil {
				return result{done: true, err: err}
			}
		}
		return b.write(j.out, data, e, old, true)
	case jobTheme:
		e := &outEntry{Out: hashDigest(j.asset.data), Size: int64(len(j.asset.data))}
		return b.write(j.out, j.asset.data, e, old, false)
	default:
		written, err := b.w.copyFile(*j.file)
		if err != nil {
			return result{done: true, err: err}
		}
		return result{done: true, entry: &outEntry{}, written: written}
	}
}

// write writes data unless the file already holds exactly these bytes.
func (b *builder) write(rel string, data []byte, e, old *outEntry, rendered bool) result {
	r := result{done: true, entry: e, rendered: rendered}
	if old != nil && old.Out == e.Out && fileHas(b.out, rel, e.Size) {
		return r
	}
	if err := b.w.write(rel, data, false); err != nil {
		return result{done: true, err: err} // the last build's entry stays
	}
	r.written = true
	return r
}

// renderPage renders a page: its markdown, then the theme around it, then
// every site-absolute link made relative to the page.
//
// tooSlow reports that the page's markdown was given up at the time limit.
func (b *builder) renderPage(sp *sitePage) (html []byte, st *searchText, diags []course.Diagnostic, tooSlow bool, err error) {
	v := b.view
	d := &pageData{
		Site:     v,
		Kind:     sp.kind.String(),
		URL:      sp.url,
		Root:     rootPath(sp.url),
		Title:    sp.title,
		DocTitle: sp.title + " — " + v.Title,
		Draft:    sp.draft,
	}
	topbar, err := b.topbar(topbarSlug(sp), sp.url)
	if err != nil {
		return nil, nil, nil, false, err
	}
	d.Topbar = topbarMark
	var out render.Output
	if sp.page != nil {
		out = b.r.Render(render.Input{Course: b.c, Page: sp.page, File: sp.page.Path, Site: b.rsite, Relative: true, Context: b.ctx})
		out.HTML = b.accessibleContent(out.HTML, sp.url)
		content, level, id := leadingTitle(out.HTML, sp.title)
		switch {
		case level == 1: // the page starts with its own title
			d.ContentHasTitle = true
		case level > 1: // a smaller copy of the title the theme shows
			out.HTML, d.TitleID = content, id
		}
		d.Content = contentMark
	}
	d.RelPath = strings.TrimPrefix(sp.url, "/")
	diags = out.Diagnostics
	if sp.kind != kindRedirect {
		st = pageSearchText(sp.title, out)
		d.Summary = summary(st.X)
	}
	name := "page"
	switch sp.kind {
	case kindHome:
		name = "home"
		d.DocTitle = v.Title
		if desc := strings.TrimSpace(b.s.meta.Description); desc != "" {
			o := b.r.Render(render.Input{Course: b.c, Source: desc, File: course.DataFile, Line: b.s.dataLine("description"), Site: b.rsite, Context: b.ctx})
			d.Description = template.HTML(o.HTML)
			diags = append(diags, o.Diagnostics...)
			d.Summary = summary(plainText(o.HTML))
		}
		js, err := b.courseJSONLD(v)
		if err != nil {
			return nil, nil, nil, false, fmt.Errorf("build home page: %w", err)
		}
		d.JSONLD = js
		d.Facts = b.s.courseFacts()
		d.PageCSS = template.CSS(v.Jumbotron.css)
		if st.X == "" {
			st.X = d.Summary
		}
	case kindModule:
		name = "module"
		m := sp.module
		d.Module, d.ModuleSlug = m, m.Slug
		if sp.index > 0 {
			d.Prev = &m.Pages[sp.index-1]
		}
		if sp.index+1 < len(m.Pages) {
			d.Next = &m.Pages[sp.index+1]
		} else if nm := b.nextModule(m); nm != nil {
			d.NextModule = &link{Title: nm.Title, URL: nm.URL}
		}
	case kindGuide, kindGuideIndex:
		name = "guide"
		if sp.kind == kindGuideIndex {
			name = "guide-index"
		}
		d.Guide = b.guideView(sp)
		for i, m := range b.s.meetings {
			if m.URL != sp.url {
				continue
			}
			if i > 0 {
				d.Prev = &b.s.meetings[i-1].link
			}
			if i+1 < len(b.s.meetings) {
				d.Next = &b.s.meetings[i+1].link
			}
		}
	case kindAttributions:
		name = "attributions"
		d.Attributions = b.s.attributionsView(v)
	case kindRedirect:
		name = "redirect"
		if sp.movedTo != nil {
			d.Next, d.Moved = sp.movedTo, true
			d.RedirectRel = relURL(sp.url, sp.movedTo.URL)
			break
		}
		m := sp.module
		d.Next = &m.Pages[0]
		d.RedirectRel = relURL(sp.url, m.URL)
	}
	if d.JSONLD == "" && sp.kind != kindRedirect {
		if d.JSONLD, err = b.pageJSONLD(v, d); err != nil {
			return nil, nil, nil, false, fmt.Errorf("build %s: %w", sp.out, err)
		}
	}
	b.shareTags(d)
	var buf bytes.Buffer
	buf.Grow(len(out.HTML) + len(topbar) + 8<<10)
	if err := b.theme.tmpl.ExecuteTemplate(&buf, name, d); err != nil {
		return nil, nil, nil, false, fmt.Errorf("build %s: %w", sp.out, err)
	}
	// The page's content came out of the renderer with relative links
	// already; only the theme around it needs them made relative, so the
	// content is put in after that pass.
	page := render.RelativizeLinks(buf.String(), sp.url)
	page = strings.Replace(page, string(topbarMark), topbar, 1)
	if d.Content != "" {
		page = strings.Replace(page, string(contentMark), out.HTML, 1)
	}
	return []byte(page), st, diags, out.TooSlow, nil
}

// contentMark stands for the page's content in the theme's output until
// the theme's links are made relative.
const contentMark template.HTML = "<!--coursewright:content-->"

// topbarMark stands for the top bar, whose relative links are made once
// per module and page depth rather than once per page.
const topbarMark template.HTML = "<!--coursewright:topbar-->"

// topbar is the top bar of one module's pages (which mark it as current),
// executed once, when the first of them is rendered.
type topbar struct {
	once sync.Once
	html template.HTML
	err  error
	mu   sync.Mutex
	rel  map[int]string // page folder depth → the top bar with links relative to it
	// pending counts the module's pages not done yet; at zero the top
	// bar is let go, so that a build holds the top bars of the modules
	// being rendered, not of every module of the course (2,500 modules
	// kept 16 MB of top bars alive until the end).
	pending atomic.Int64
}

// prepareTopbars makes a top bar slot for each module and one for the
// other pages; a build that renders one page executes one top bar.
func (b *builder) prepareTopbars(jobs []*job) {
	b.topbars = map[string]*topbar{"": {}}
	for _, m := range b.s.modules {
		b.topbars[m.Slug] = &topbar{}
	}
	for _, j := range jobs {
		if j.kind == jobPage {
			if slug := topbarSlug(j.page); slug != "" {
				b.topbars[slug].pending.Add(1)
			}
		}
	}
}

// topbarSlug is the module whose top bar a page shows ("" for pages
// outside the menu's modules).
func topbarSlug(sp *sitePage) string {
	if sp.module != nil && !sp.module.offMenu {
		return sp.module.Slug // the menu marks the current module
	}
	return ""
}

// pageDone lets a module's top bar go once its last page is done.
func (b *builder) pageDone(sp *sitePage) {
	slug := topbarSlug(sp)
	if slug == "" {
		return
	}
	if tb := b.topbars[slug]; tb.pending.Add(-1) == 0 {
		tb.mu.Lock()
		tb.html, tb.rel = "", nil
		tb.mu.Unlock()
	}
}

func (b *builder) topbar(slug, pageURL string) (string, error) {
	tb := b.topbars[slug]
	tb.once.Do(func() {
		var buf bytes.Buffer
		nav, more := navWindow(b.s.modules, slug)
		if err := b.theme.tmpl.ExecuteTemplate(&buf, "topbar", &pageData{Site: b.view, ModuleSlug: slug, NavModules: nav, MoreModules: more}); err != nil {
			tb.err = fmt.Errorf("site theme: %w", err)
			return
		}
		tb.html = template.HTML(buf.String())
	})
	if tb.err != nil {
		return "", tb.err
	}
	depth := strings.Count(strings.Trim(pageURL, "/"), "/")
	if strings.Trim(pageURL, "/") == "" {
		depth = -1
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if rel, ok := tb.rel[depth]; ok {
		return rel, nil
	}
	// Pages at the same depth share one relative version, made from a
	// folder of that depth that shares no part with any site path (no
	// published path starts with "_"), so every link climbs to the root
	// first and means the same from every page of that depth.
	rel := render.RelativizeLinks(string(tb.html), "/"+strings.Repeat("_/", max(depth+1, 0)))
	if tb.rel == nil {
		tb.rel = map[int]string{}
	}
	tb.rel[depth] = rel
	return rel, nil
}

var leadingHeadingRE = regexp.MustCompile(`^\s*<h([1-6])((?:\s[^>]*)?)>((?s:.*?))</h[1-6]>`)
var idAttrRE = regexp.MustCompile(`\sid="([^"]*)"`)

// leadingTitle finds a heading at the very start of a page's HTML whose
// text is the page's title, as many pages begin. It returns the HTML
// without that heading, the heading's level (0 when there is none) and
// its id, which the theme's title takes over so links to it still work.
func leadingTitle(html, title string) (rest string, level int, id string) {
	m := leadingHeadingRE.FindStringSubmatchIndex(html)
	if m == nil {
		return html, 0, ""
	}
	if !strings.EqualFold(strings.TrimRight(plainText(html[m[6]:m[7]]), ":. "), strings.TrimRight(title, ":. ")) {
		return html, 0, ""
	}
	level = int(html[m[2]] - '0')
	if a := idAttrRE.FindStringSubmatch(html[m[4]:m[5]]); a != nil {
		id = a[1]
	}
	return html[m[1]:], level, id
}

// summary is a page's meta description: its first sentence or so.
func summary(s string) string {
	h, _ := cutWords(s, 160)
	return h
}

func (b *builder) nextModule(m *navModule) *navModule {
	for i, nm := range b.s.modules {
		if nm == m && i+1 < len(b.s.modules) {
			return b.s.modules[i+1]
		}
	}
	return nil
}

// guideView is the facilitator guide's navigation, and a meeting's agenda.
func (b *builder) guideView(sp *sitePage) *guideView {
	gv := &guideView{Meetings: b.s.meetings}
	for _, m := range b.s.meetings {
		gv.TotalMinutes += m.Minutes
	}
	if g := sp.guide; g != nil && len(g.Agenda) > 0 {
		av := &agendaView{Total: g.AgendaMinutes(), Planned: g.Minutes}
		for _, it := range g.Agenda {
			av.Items = append(av.Items, agendaRow{Activity: it.Activity, Minutes: it.Minutes, Ref: it.Page, Link: b.agendaLink(it.Page)})
		}
		gv.Agenda = av
		gv.Answers = b.meetingAnswers(g)
	}
	return gv
}

// agendaLink finds the page an agenda item names ("<module>/<page>"), if
// the site has it.
func (b *builder) agendaLink(ref string) *link {
	_, l := b.agendaPage(ref)
	return l
}

// agendaPage is the page an agenda item names and its link, if the site
// has it.
func (b *builder) agendaPage(ref string) (*course.Page, *link) {
	mod, slug, ok := strings.Cut(strings.Trim(ref, "/"), "/")
	if !ok {
		return nil, nil
	}
	m := b.c.Module(mod)
	if m == nil {
		return nil, nil
	}
	p := m.Page(slug)
	if p == nil {
		return nil, nil
	}
	sp := b.s.visible[p]
	if sp == nil {
		return nil, nil
	}
	return p, &link{Title: sp.title, URL: sp.url}
}

// hashSite hashes what every page depends on: the theme, the build's
// settings, both YAML files, the navigation every page shows, the pages
// and files links can lead to, and the includes and data files Liquid
// reads.
func (b *builder) hashSite(hosts []string) string {
	s := b.s
	h := newHasher().str(buildFormat, b.theme.version).flag(s.drafts)
	h.str(hosts...).num(len(hosts))
	h.str(b.find.address)
	if s.c.Config != nil {
		h.bytes(s.c.Config.Bytes())
	}
	h.num(-1)
	if s.c.Data != nil {
		h.bytes(s.c.Data.Bytes())
	}
	h.num(-1)
	for _, m := range s.modules {
		h.str(m.Slug, m.Title, m.URL).flag(m.Draft)
	}
	h.num(-1)
	for _, l := range s.singles {
		h.link(l)
	}
	h.str(s.guideURL, s.attributionsHash())
	for _, p := range s.c.AllPages() {
		h.str(p.Path, p.URL()).flag(s.visible[p] != nil)
	}
	h.num(-1)
	for _, f := range s.files {
		h.str(f.rel)
	}
	h.num(-1)
	for _, dir := range []string{"_includes", "_data"} {
		root := filepath.Join(s.c.Dir, dir)
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(s.c.Dir, p)
			rel = filepath.ToSlash(rel)
			if rel == course.DataFile {
				return nil // hashed above, as loaded
			}
			if data, err := os.ReadFile(p); err == nil {
				h.str(rel).bytes(data)
			}
			return nil
		})
	}
	return h.sum()
}

// hashPage hashes a page's inputs: the site-wide hash, its source, and
// the titles and links its own navigation shows.
func (b *builder) hashPage(sp *sitePage) digest {
	h := newHasher().str(b.siteHash, sp.kind.String(), sp.url, sp.title).flag(sp.draft)
	if sp.page != nil {
		h.str(sp.page.Path).bytes(sp.page.Bytes())
	}
	switch sp.kind {
	case kindModule, kindRedirect:
		if sp.movedTo != nil {
			h.link(*sp.movedTo)
			break
		}
		h.str(sp.module.hash)
	case kindHome:
		for _, m := range b.s.modules {
			h.str(m.hash)
		}
		h.str(b.find.created, b.find.modified)
	case kindGuide, kindGuideIndex:
		for _, m := range b.s.meetings {
			h.link(m.link).num(m.Number).num(m.Minutes)
		}
		if g := sp.guide; g != nil {
			for _, it := range g.Agenda {
				if p, l := b.agendaPage(it.Page); l != nil {
					// The linked page's questions too: the meeting
					// shows their answers.
					h.link(*l).str(questionsText(p))
				} else {
					h.str("")
				}
			}
		}
	}
	return h.digest()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
