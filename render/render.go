// Package render turns course markdown into the HTML learners see: the
// Liquid that Course-in-a-Box pages use, CommonMark with GitHub's
// extensions, the raw HTML real courses contain — sanitised, with every
// removal reported to the author — and the course's own conventions
// (facilitator tips, timing lines, video links).
//
// One Renderer serves the site build, the live preview and exports, so
// the author previews exactly what will be published.
package render

import (
	"bytes"
	"context"
	"hash/maphash"
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/microcosm-cc/bluemonday"
	"github.com/osteele/liquid"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Options configure a Renderer.
type Options struct {
	// IframeHosts extends the hosts whose iframes are kept (a course sets
	// them with `iframe_hosts` in _data/course.yml).
	IframeHosts []string
	// Typographer turns straight quotes and dashes into typographic ones.
	Typographer bool
}

// Renderer renders markdown. Build one with New and share it: Render is
// safe for concurrent use.
type Renderer struct {
	md     goldmark.Markdown
	exts   []goldmark.Extender // md's extensions, for the plugin variants
	policy *bluemonday.Policy
	hosts  hostList
	liquid *liquid.Engine
	variantStore
	slow *slowSources // pages whose markdown went past MaxPageMarkdownTime
}

// New builds the one goldmark pipeline every output uses.
func New(opts Options) *Renderer {
	r := &Renderer{hosts: newHostList(opts.IframeHosts), variantStore: variantStore{variants: map[inlinePlugins]goldmark.Markdown{}},
		slow: &slowSources{seed: maphash.MakeSeed()}}
	r.policy = newPolicy(r.hosts)
	exts := []goldmark.Extender{extension.GFM, extension.Footnote, kramdown{}, selfCheckExtension{}, abandonExtension{}}
	if opts.Typographer {
		exts = append(exts, extension.Typographer)
	}
	r.md = goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(util.Prioritized(courseTransformer{}, 100)),
		),
		// Not html.WithUnsafe: goldmark escapes what it writes and drops
		// javascript: and data: links itself; raw HTML goes through the
		// sanitiser in rawHTMLRenderer, with diagnostics from astChecker.
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(r.nodeRenderers()...)),
	)
	r.exts = exts
	r.liquid = newLiquidEngine()
	return r
}

// nodeRenderers are Coursewright's own renderers of goldmark's nodes.
func (r *Renderer) nodeRenderers() []util.PrioritizedValue {
	return []util.PrioritizedValue{
		util.Prioritized(&videoRenderer{}, 100),
		util.Prioritized(&rawHTMLRenderer{policy: r.policy}, 100),
	}
}

// Input is one piece of markdown to render.
type Input struct {
	Course *course.Course
	Page   *course.Page // nil for loose markdown such as the course description
	Source string       // markdown; when empty and Page is set, the page body
	File   string       // course-relative path, for diagnostics
	Line   int          // line of File where Source starts (1-based)
	Site   *Site        // the course's page index; built on the fly when nil
	// Relative makes internal links come out relative to the page, folder
	// URLs pointing at their index.html, as the built site needs them
	// (the same as passing the fragment through RelativizeLinks).
	Relative bool
	// Context, when set, stops the render when it is cancelled: the
	// Liquid at its next loop iteration, the markdown between its stages.
	// A stopped render's output is incomplete and has no diagnostics;
	// the caller drops it.
	Context context.Context
}

// Heading is a heading of the rendered page, for tables of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Output is a rendered fragment.
type Output struct {
	// HTML is sanitised; its internal links are site-absolute paths
	// ("/modules/m/p/", "/img/x.png") that RelativizeLinks turns into
	// relative ones for the page they end up on.
	HTML        string
	Headings    []Heading
	Diagnostics []course.Diagnostic
	// Questions are the page's whole self-check questions, in order (not
	// those with syntax errors, which are shown as plain markdown).
	Questions []RenderedQuestion
	// TooSlow is set when the page's markdown went past
	// MaxPageMarkdownTime: HTML is empty, and on a less busy machine
	// the page may render, so the result is not worth keeping.
	TooSlow bool
}

// parsed is a page after Liquid and markdown parsing: what Render turns
// into HTML and Parse gives the desktop preview.
type parsed struct {
	doc      ast.Node
	md       goldmark.Markdown // the pipeline that parsed doc (nil: an HTML page)
	source   []byte
	site     *Site
	pageURL  string
	headings []Heading
	diags    *diagnostics
	text     string
	// selfChecks are the page's whole self-check questions (nil: none).
	selfChecks *pageSelfChecks
}

// parse expands the Liquid of a page, parses its markdown and checks
// what the sanitiser will remove: the common front half of Render and
// Preview.
func (r *Renderer) parse(in Input, w *renderWatch) parsed {
	src := in.Source
	if src == "" && in.Page != nil {
		src = in.Page.Body()
		if in.Page.StripsTitle() {
			src = in.Page.BodyWithoutTitle() // titles_from_headings: strip_title
		}
	}
	if in.File == "" && in.Page != nil {
		in.File = in.Page.Path
	}
	if in.Line == 0 {
		in.Line = 1
		if in.Page != nil {
			in.Line = bodyLine(in.Page)
		}
	}
	p := parsed{site: in.Site, pageURL: "/", diags: &diagnostics{file: in.File, line0: in.Line}}
	if in.Page != nil && in.Source == "" {
		if err := in.Page.BodyError(); err != nil {
			// Its text is read from the file as it renders
			// (course.KeepBodiesOnDisk), and the file went away.
			p.diags.add(course.CodeFileUnreadable, 0, course.SeverityError, "cannot read file: "+err.Error(), "check the file is still there and readable, then build again")
		}
	}
	if p.site == nil {
		p.site = NewSite(in.Course, false)
	}
	if in.Page != nil {
		p.pageURL = in.Page.URL()
	}
	rel := relativeLinks(src, in)
	w.liquidRuns(true)
	p.text = r.expandLiquid(rel, in, p.site, p.diags)
	w.liquidRuns(false)
	if in.Context != nil && in.Context.Err() != nil {
		p.text = "" // stopped: the markdown is not worth parsing
	}
	if in.Page == nil || !in.Page.IsHTMLPage() {
		p.text = limitListNesting(spacedURLs(p.text), p.diags)
	}
	p.source = []byte(p.text)
	if in.Page != nil && in.Page.IsHTMLPage() {
		p.doc = htmlPageDoc(p.source)
	} else {
		p.md = r.markdownFor(inlinePluginsOf(in.Course))
		pc := parser.NewContext()
		if p.selfChecks = r.readSelfChecks(&p, in); p.selfChecks != nil {
			pc.Set(selfCheckKey, p.selfChecks)
		}
		p.doc = parseMarkdown(p.md, p.text, pc, w)
		if p.doc == nil || w.gone() {
			return p // too slow: nobody waits for the rest
		}
		p.selfChecks.reportUnmade(p.text, p.diags)
	}
	check := &astChecker{src: p.source, diags: p.diags, hosts: r.hosts}
	p.headings = check.walk(p.doc)
	return p
}

// Render renders markdown to sanitised HTML. A page whose markdown
// takes longer than MaxPageMarkdownTime comes out empty, with an error
// diagnostic; a render whose in.Context is cancelled returns at once.
func (r *Renderer) Render(in Input) Output {
	out, status := bounded(r, in, func(w *renderWatch) Output { return r.render(in, w) })
	switch status {
	case renderTooSlow:
		return Output{Diagnostics: []course.Diagnostic{tooSlow(in)}, TooSlow: true}
	case renderStopped:
		return Output{}
	}
	return out
}

func (r *Renderer) render(in Input, w *renderWatch) Output {
	p := r.parse(in, w)
	if stopped(in.Context) || w.gone() {
		return Output{}
	}
	var buf bytes.Buffer
	md := p.md
	if md == nil {
		md = r.md
	}
	if err := md.Renderer().Render(&buf, p.source, p.doc); err != nil {
		p.diags.add(course.CodeRenderFailed, 0, course.SeverityError, "could not render this page: "+err.Error(), "")
	}
	clean := p.site.resolveLinks(kramdownFootnoteIDs(buf.String(), p.doc), p.pageURL, p.diags, p.text, r.hosts, in.Relative)
	if p.selfChecks != nil {
		clean = p.selfChecks.fill(clean)
	}
	return Output{HTML: clean, Headings: p.headings, Diagnostics: p.diags.list, Questions: p.selfChecks.questions()}
}

// bodyLine is the file line where a page's body starts.
func bodyLine(p *course.Page) int {
	full := string(p.Bytes())
	body := p.Body()
	if strings.HasSuffix(strings.ReplaceAll(full, "\r\n", "\n"), body) {
		head := strings.ReplaceAll(full, "\r\n", "\n")
		head = head[:len(head)-len(body)]
		return 1 + strings.Count(head, "\n")
	}
	return 1
}

// diagnostics collects findings with lines relative to the rendered text.
type diagnostics struct {
	file  string
	line0 int
	list  []course.Diagnostic
}

func (d *diagnostics) add(code course.Code, line int, sev course.Severity, msg, hint string, args ...string) {
	l := 0
	if line > 0 {
		l = d.line0 + line - 1
	}
	d.list = append(d.list, course.Diagnostic{File: d.file, Line: l, Severity: sev, Code: code, Args: course.DiagnosticArgs(args...), Message: msg, Hint: hint})
}
