package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/coursewright/coursewright/publish"
)

// The printable book: one HTML document with a print stylesheet, printed
// to PDF by headless Chromium. A title page with the license and the
// authors, a table of contents, each module starting on a new page, the
// course title and page numbers in the margins (CSS page margin boxes),
// external links footnoted with their addresses at the end of each page,
// embedded videos as a titled link with the address. With --guide, the
// facilitator guide is its own book: one meeting per page run, its
// agenda and check boxes as written.
//
// Where no Chromium is installed, the export is the print-ready book as
// HTML in a zip (book.html and its images), to open in any browser and
// print to PDF; Result.Ext says so.

// bookCSS is the book's print stylesheet. Underlines are drawn through
// descenders (text-decoration-skip-ink: none): Chromium cuts the gaps for
// skip-ink from glyph outlines it computes on other threads, and on a
// busy machine the gaps, and the baseline of the underlined text, came out
// a fraction of a point different from one print of a book to the next
// (measured: 4 of 5 prints of we-are-ai differed in a page's content
// stream under a load of 25 on 2 cores; with skip-ink off, 5 of 5 were
// byte-identical under the same load).
const bookCSS = `@page { size: A4; margin: 22mm 18mm 24mm 18mm;
  @top-center { content: "TITLE"; font: 9pt sans-serif; color: #555; }
  @bottom-center { content: counter(page); font: 9pt sans-serif; color: #555; } }
@page :first { @top-center { content: none; } @bottom-center { content: none; } }
html { font: 11pt/1.5 serif; text-decoration-skip-ink: none; }
h1, h2, h3, h4 { font-family: sans-serif; line-height: 1.2; break-after: avoid; }
img { max-width: 100%; height: auto; break-inside: avoid; }
pre, code { font-family: monospace; white-space: pre-wrap; font-size: 0.9em; }
table { border-collapse: collapse; break-inside: avoid; }
td, th { border: 1px solid #999; padding: 0.2em 0.4em; vertical-align: top; }
blockquote { margin-left: 1em; padding-left: 1em; border-left: 3px solid #999; }
a { color: inherit; }
.title-page { break-after: page; text-align: center; padding-top: 30mm; }
.title-page h1 { font-size: 28pt; }
.title-page .banner { max-height: 60mm; }
.title-page .license { margin-top: 40mm; font-size: 10pt; text-align: left; }
.toc { break-after: page; }
.toc ol { list-style: none; padding-left: 0; }
.toc ol ol { padding-left: 1.5em; }
.toc li { break-inside: avoid; }
.toc .entry { display: inline-block; max-width: calc(100% - 4em); }
.toc .pn { float: right; width: 3em; text-align: right; }
.toc a { text-decoration: none; }
.module { break-before: page; }
.module > h1.module-title { font-size: 22pt; }
.page + .page { margin-top: 2em; }
.meeting { break-before: page; }
.notes { font-size: 9pt; border-top: 1px solid #999; margin-top: 1.5em; padding-top: 0.3em; overflow-wrap: anywhere; }
.media-link { font-style: italic; }
.media-link img.qr { display: block; width: 28mm; height: 28mm; margin: 0.3em 0; image-rendering: pixelated; }
input[type=checkbox] { width: 1em; height: 1em; }
table.agenda { width: 100%; margin: 1em 0; }
table.agenda caption { text-align: left; font: bold 1.1em sans-serif; margin-bottom: 0.3em; }
table.agenda .time { white-space: nowrap; font-variant-numeric: tabular-nums; }
table.agenda .min { text-align: right; width: 5em; }
table.agenda .uses { font-size: 0.9em; font-style: italic; }
.self-check { margin: 1em 0; padding: 0.5em 1em; border: 1px solid #999; break-inside: avoid; }
.self-check-legend { font-weight: bold; }
.self-check-number { display: block; font: bold 0.8em sans-serif; text-transform: uppercase; }
.self-check-options { list-style: none; padding-left: 0.5em; }
.self-check-options li::before { content: "\2610\00A0"; }
.self-check-answers { break-before: page; }
.self-check-answer-entry { margin: 0 0 1em; break-inside: avoid; }
`

// bookFirstPageCSS leaves the title page's margins blank; a part of a
// book printed in parts other than the first has no title page.
const bookFirstPageCSS = "@page :first { @top-center { content: none; } @bottom-center { content: none; } }\n"

// ErrNoBrowser: no Chromium to print with (the book was written as HTML).
var ErrNoBrowser = errors.New("no Chromium or Chrome found to print the book")

// chromiumNames are the browsers the book is printed with, in order.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

func findChromium() string {
	// COURSEWRIGHT_CHROMIUM names the browser; "none" prints without one
	// (the HTML book), as on a machine without a browser.
	switch p := os.Getenv("COURSEWRIGHT_CHROMIUM"); p {
	case "none":
		return ""
	case "":
	default:
		return p
	}
	for _, n := range chromiumNames {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// bookPages are the pages a book holds: the course, or its guide.
func bookPages(r *publish.Rendered, guide bool) []*publish.RenderedPage {
	if guide {
		return r.Guide
	}
	var out []*publish.RenderedPage
	for _, p := range r.AllPages() {
		if p.Meeting == 0 && !isGuidePage(r, p) {
			out = append(out, p)
		}
	}
	return out
}

func isGuidePage(r *publish.Rendered, p *publish.RenderedPage) bool {
	for _, g := range r.Guide {
		if g == p {
			return true
		}
	}
	return false
}

// bookPartPages is how many course pages a printed part of a book holds
// at most (whole modules; a longer module is a part of its own). Chromium
// prints a book of 200 course pages in one go, but one of 1,000 (about
// 4,000 printed pages) never: its renderer works for minutes, then sits
// idle and writes no file, with or without a virtual time budget. So a
// longer book is printed in parts, each numbered on from the one before,
// and the parts are joined (pdfmerge.go).
const bookPartPages = 100

// book is a printable book's HTML: the title page and contents, and the
// pages' sections, in one document or in parts.
type book struct {
	r          *publish.Rendered
	guide      bool
	title      string
	k          *pkg
	sections   []string                           // each page's <section>, in the order of k.pages
	moduleAt   map[*publish.RenderedModule]string // the anchor of each module
	parts      [][]int                            // content parts: indexes into k.pages
	partOf     map[string]int                     // anchor → content part (from 0)
	bannerPath string
}

// newBook converts the pages of a book, cut into parts of at most
// partPages pages (0: one part).
func newBook(r *publish.Rendered, guide bool, partPages int) (*book, error) {
	k := newPkg(r, "files/", webImages)
	k.keepCheckboxes = true
	k.mediaQR = true
	k.selfChecks = selfCheckPrint
	pages := bookPages(r, guide)
	if len(pages) == 0 {
		if guide {
			return nil, errors.New("the course has no facilitator guide to print (coursewright guide draft writes one)")
		}
		return nil, errors.New("the course has no pages to print")
	}
	b := &book{r: r, guide: guide, k: k, moduleAt: map[*publish.RenderedModule]string{}, partOf: map[string]int{}}
	for i, p := range pages {
		k.addPage(p, fmt.Sprintf("p%03d", i+1))
	}
	// Parts: whole modules (or single pages outside one), a new part
	// once the current one is full.
	var cur []int
	for i, d := range k.pages {
		m := d.p.Module
		startsModule := i == 0 || m == nil || m != k.pages[i-1].p.Module
		if startsModule && partPages > 0 && len(cur) >= partPages {
			b.parts = append(b.parts, cur)
			cur = nil
		}
		cur = append(cur, i)
		if m != nil && startsModule {
			b.moduleAt[m] = fmt.Sprintf("m%02d", len(b.moduleAt)+1)
			b.partOf[b.moduleAt[m]] = len(b.parts)
		}
		b.partOf[d.path] = len(b.parts)
	}
	b.parts = append(b.parts, cur)
	k.link = func(from *docPage, to string) string {
		at, ok := b.partOf[to]
		switch {
		case !ok:
			return to
		case at == b.partOf[from.path] || len(b.parts) == 1:
			return "#" + to
		default:
			// Another part's file: joining the parts turns the link
			// into one to the anchor (pdfmerge.go).
			return b.partFile(at) + "#" + to
		}
	}
	if err := k.convert(); err != nil {
		return nil, err
	}
	k.appendAnswers(r.Labels.ModuleAnswers)
	if err := k.appendGuideAnswers(r.Labels.ModuleAnswers); err != nil {
		return nil, err
	}
	b.title = r.Title
	if guide {
		b.title = guideTitle(r) + " — " + r.Title
	}
	if r.Banner != "" && !guide {
		if f := k.useFile(strings.TrimPrefix(r.Banner, "/"), true); f != nil {
			b.bannerPath = f.path
		}
	}
	for _, d := range k.pages {
		class := "page"
		if d.p.Meeting > 0 || guide {
			class += " meeting"
		}
		var s strings.Builder
		s.WriteString(`<section class="` + class + `" id="` + d.path + `">` + "\n")
		notes := footnoteLinks(d)
		body := d.body()
		if table := agendaTable(r.Labels, d.p); table != "" {
			// The agenda under the meeting's title, before its notes.
			at := strings.Index(body, "</h1>") + len("</h1>")
			if at < len("</h1>") {
				at = 0
			}
			body = body[:at] + "\n" + table + body[at:]
		}
		s.WriteString(body)
		if len(notes) > 0 {
			s.WriteString(`<ol class="notes">`)
			for _, n := range notes {
				s.WriteString("<li>" + xmlText.Replace(n) + "</li>")
			}
			s.WriteString("</ol>\n")
		}
		s.WriteString("</section>\n")
		b.sections = append(b.sections, s.String())
	}
	return b, nil
}

// partFile is the file of a content part, when printed in parts.
func (b *book) partFile(i int) string { return fmt.Sprintf("book-%03d.html", i+1) }

// head is a document's start. firstPage keeps the first page's margins
// blank (the title page); pageBefore is the number of pages printed
// before this document, for its page numbers to go on from.
func (b *book) head(firstPage bool, pageBefore int) string {
	css := strings.Replace(bookCSS, "TITLE", cssString(b.title), 1)
	if !firstPage {
		css = strings.Replace(css, bookFirstPageCSS, "", 1)
	}
	if pageBefore > 0 {
		// On html, not body: Chromium's page counter starts from the
		// root element's counter-reset.
		css += "html { counter-reset: page " + strconv.Itoa(pageBefore) + "; }\n"
	}
	return `<!DOCTYPE html>
<html lang="` + xmlAttr.Replace(b.r.Language) + `">
<head><meta charset="utf-8"/><title>` + xmlText.Replace(b.title) + `</title>
<style>` + css + `</style></head>
<body>
`
}

// front is the title page and the contents. nums are the printed page of
// each anchor (p001, m01…), from an earlier print; nil leaves the
// contents' page numbers blank (their room kept, so the numbers do not
// move the pages).
func (b *book) front(nums map[string]int) string {
	r := b.r
	var s strings.Builder
	s.WriteString(`<section class="title-page">` + "\n")
	if b.bannerPath != "" {
		s.WriteString(`<img class="banner" src="` + xmlAttr.Replace(b.bannerPath) + `" alt=""/>` + "\n")
	}
	s.WriteString("<h1>" + xmlText.Replace(b.title) + "</h1>\n")
	if len(r.Authors) > 0 {
		s.WriteString("<p>" + xmlText.Replace(strings.Join(r.Authors, ", ")) + "</p>\n")
	}
	if r.Description != "" && !b.guide {
		s.WriteString("<p>" + xmlText.Replace(r.Description) + "</p>\n")
	}
	s.WriteString(`<div class="license"><p>` + xmlText.Replace(rightsText(r)) + "</p>\n")
	if r.AttributionHTML != "" {
		// The credit to the course this one adapts (title, author, source,
		// license), its address printed since paper cannot follow a link.
		s.WriteString(`<p class="attribution">` + r.AttributionHTML)
		if r.AttributionURL != "" {
			s.WriteString(`<br/><span class="source">` + xmlText.Replace(r.AttributionURL) + "</span>")
		}
		if r.ChangesHTML != "" {
			s.WriteString("<br/>" + r.ChangesHTML)
		}
		s.WriteString("</p>\n")
	}
	s.WriteString("</div>\n</section>\n")

	// Contents.
	s.WriteString(`<nav class="toc"><h1>Contents</h1>` + "\n<ol>\n")
	entry := func(anchor, title string) string {
		href := "#" + anchor
		if len(b.parts) > 1 {
			href = b.partFile(b.partOf[anchor]) + href
		}
		n := ""
		if nums[anchor] > 0 {
			n = strconv.Itoa(nums[anchor])
		}
		return `<a class="entry" href="` + href + `">` + xmlText.Replace(title) + `</a><span class="pn">` + n + `</span>`
	}
	var lastModule *publish.RenderedModule
	for _, d := range b.k.pages {
		if m := d.p.Module; m != lastModule {
			if lastModule != nil {
				s.WriteString("</ol></li>\n")
			}
			if m != nil {
				s.WriteString("<li>" + entry(b.moduleAt[m], m.Title) + "\n<ol>\n")
			}
			lastModule = m
		}
		s.WriteString("<li>" + entry(d.path, d.p.Title) + "</li>\n")
	}
	if lastModule != nil {
		s.WriteString("</ol></li>\n")
	}
	s.WriteString("</ol>\n</nav>\n")
	return s.String()
}

// content is the pages of one part (all of them for a book in one
// document), each module on a new page.
func (b *book) content(part []int) string {
	var s strings.Builder
	var lastModule *publish.RenderedModule
	for _, i := range part {
		d := b.k.pages[i]
		if m := d.p.Module; m != lastModule {
			if lastModule != nil {
				s.WriteString("</div>\n")
			}
			if m != nil {
				s.WriteString(`<div class="module" id="` + b.moduleAt[m] + `"><h1 class="module-title">` + xmlText.Replace(m.Title) + "</h1>\n")
			}
			lastModule = m
		}
		s.WriteString(b.sections[i])
	}
	if lastModule != nil {
		s.WriteString("</div>\n")
	}
	return s.String()
}

const bookTail = "</body>\n</html>\n"

// writeWhole writes the book as one document, book.html.
func (b *book) writeWhole(dir string, nums map[string]int) error {
	var all []int
	for _, p := range b.parts {
		all = append(all, p...)
	}
	doc := b.head(true, 0) + b.front(nums) + b.content(all) + bookTail
	return os.WriteFile(filepath.Join(dir, "book.html"), []byte(doc), 0o644)
}

// writeFront writes the title page and contents alone, book-000.html.
func (b *book) writeFront(dir string, nums map[string]int) error {
	return os.WriteFile(filepath.Join(dir, "book-000.html"), []byte(b.head(true, 0)+b.front(nums)+bookTail), 0o644)
}

// writePart writes content part i, its pages numbered on from pageBefore.
// Chromium gives an element a named destination in the PDF only when a
// link in the same document points to it; the contents that link to
// the part's headings are in another document, so the part links to
// them itself, from a list not shown.
func (b *book) writePart(dir string, i, pageBefore int) error {
	var s strings.Builder
	s.WriteString(b.head(false, pageBefore))
	s.WriteString(`<div class="anchors" style="display: none">`)
	for _, at := range sortedKeys(b.partOf) {
		if b.partOf[at] == i {
			s.WriteString(`<a href="#` + at + `"></a>`)
		}
	}
	s.WriteString("</div>\n")
	s.WriteString(b.content(b.parts[i]))
	s.WriteString(bookTail)
	return os.WriteFile(filepath.Join(dir, b.partFile(i)), []byte(s.String()), 0o644)
}

// writeFiles copies the images the book shows into dir.
func (b *book) writeFiles(dir string) error {
	for _, rel := range sortedKeys(b.k.used) {
		f := b.k.used[rel]
		data, err := os.ReadFile(f.full)
		if err != nil {
			return err
		}
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeBookHTML writes the whole book as book.html, with its images, into
// dir (nums as for book.front).
func writeBookHTML(r *publish.Rendered, dir string, guide bool, nums map[string]int) error {
	b, err := newBook(r, guide, 0)
	if err != nil {
		return err
	}
	if err := b.writeWhole(dir, nums); err != nil {
		return err
	}
	return b.writeFiles(dir)
}

// agendaTable is a meeting's timed agenda as a table: when each step
// starts and ends, what happens, the course page it uses, its minutes,
// and the total; "" for a page without an agenda.
func agendaTable(l publish.RenderedLabels, p *publish.RenderedPage) string {
	if len(p.Agenda) == 0 {
		return ""
	}
	clock := func(m int) string { return fmt.Sprintf("%d:%02d", m/60, m%60) }
	var b strings.Builder
	b.WriteString(`<table class="agenda"><caption>` + xmlText.Replace(l.Agenda) + "</caption>\n<thead><tr><th></th><th>" +
		xmlText.Replace(l.Activity) + `</th><th class="min">` + xmlText.Replace(l.Minutes) + "</th></tr></thead>\n<tbody>\n")
	at := 0
	for _, it := range p.Agenda {
		b.WriteString(`<tr><td class="time">` + clock(at) + "–" + clock(at+it.Minutes) + "</td><td>" + xmlText.Replace(it.Activity))
		if it.Page != nil {
			b.WriteString(`<br/><span class="uses">` + xmlText.Replace(it.Page.Title) + "</span>")
		}
		b.WriteString(`</td><td class="min">` + strconv.Itoa(it.Minutes) + "</td></tr>\n")
		at += it.Minutes
	}
	b.WriteString(`</tbody>` + "\n<tfoot><tr><th></th><th>" + xmlText.Replace(l.Total) + `</th><th class="min">` + strconv.Itoa(at) + "</th></tr></tfoot>\n</table>\n")
	return b.String()
}

// footnoteLinks numbers a page's external links and returns their
// addresses, for the notes under the page.
func footnoteLinks(d *docPage) []string {
	var notes []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			if u, err := url.Parse(attr(n, "href")); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
				notes = append(notes, u.String())
				sup := elem("sup")
				sup.AppendChild(text(strconv.Itoa(len(notes))))
				if n.Parent != nil {
					n.Parent.InsertBefore(sup, n.NextSibling)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range d.nodes {
		walk(n)
	}
	return notes
}

// cssString quotes text for a CSS content value.
func cssString(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ").Replace(s)
}

// pdfDateRE finds the dates Chromium writes into a PDF.
var pdfDateRE = regexp.MustCompile(`\(D:\d{14}[^)]*\)`)

// writePDF prints the book with headless Chromium, or writes the
// print-ready HTML as a zip when there is none.
func writePDF(ctx context.Context, r *publish.Rendered, w io.Writer, guide bool, res *Result) error {
	return printBook(ctx, r, w, guide, res, bookPartPages)
}

// printBook is writePDF with the size of a printed part (bookPartPages).
func printBook(ctx context.Context, r *publish.Rendered, w io.Writer, guide bool, res *Result, partPages int) error {
	dir, err := os.MkdirTemp("", "coursewright-book-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	chromium := findChromium()
	if chromium == "" {
		// The print-ready HTML is one document however long the book.
		partPages = 0
	}
	b, err := newBook(r, guide, partPages)
	if err != nil {
		return err
	}
	if err := b.writeFiles(dir); err != nil {
		return err
	}
	if chromium == "" {
		if err := b.writeWhole(dir, nil); err != nil {
			return err
		}
		res.Ext = ".zip"
		res.Notes = append(res.Notes, ErrNoBrowser.Error()+": the book is written as HTML (book.html in the zip); open it in a browser and print it to PDF (A4, no headers and footers)")
		return zipFolder(ctx, dir, w)
	}
	var data []byte
	if len(b.parts) == 1 {
		data, err = printWhole(ctx, chromium, dir, b, res)
	} else {
		data, err = printParts(ctx, chromium, dir, b, res)
	}
	if err != nil {
		return err
	}
	// Fixed dates, of the same length so the file's offsets still hold.
	data = pdfDateRE.ReplaceAllFunc(data, func(m []byte) []byte {
		fixed := "(D:20000101000000+00'00')"
		if len(m) == len(fixed) {
			return []byte(fixed)
		}
		return []byte("(D:20000101000000" + strings.Repeat(" ", max(0, len(m)-len("(D:20000101000000)"))) + ")")
	})
	_, err = w.Write(data)
	return err
}

// printWhole prints a book in one document. Chromium cannot number the
// contents (no CSS target-counter), so the book is printed, each
// heading's page read from the PDF's named destinations, and printed
// again with the numbers. Their room is kept in the first print, so the
// second normally lands every heading on the same page; a third print
// settles any that moved.
func printWhole(ctx context.Context, chromium, dir string, b *book, res *Result) ([]byte, error) {
	var data []byte
	var nums map[string]int
	for pass := 0; pass < 3; pass++ {
		if err := b.writeWhole(dir, nums); err != nil {
			return nil, err
		}
		var err error
		if data, err = printPDF(ctx, chromium, dir, "book.html"); err != nil {
			return nil, err
		}
		got, err := pdfDestPages(data)
		if err != nil {
			return nil, fmt.Errorf("numbering the contents: %w", err)
		}
		if pass > 0 && maps.Equal(got, nums) {
			break
		}
		nums = got
		if pass == 2 {
			res.Notes = append(res.Notes, "the contents' page numbers may be off by a page: headings kept moving between prints")
		}
	}
	return data, nil
}

// printParts prints a long book in parts: the title page and contents,
// then each part of the pages, its page numbers going on from the parts
// before it; then the contents again with the page of each heading, read
// from the parts' named destinations. Only the contents are printed
// twice, unless numbering them changed how many pages they take (their
// room is kept, so it should not): then the parts are printed again,
// numbered on from the new count.
func printParts(ctx context.Context, chromium, dir string, b *book, res *Result) ([]byte, error) {
	var nums map[string]int
	var front *pdfDoc
	content := make([]*pdfDoc, len(b.parts))
	for pass := 0; ; pass++ {
		if err := b.writeFront(dir, nums); err != nil {
			return nil, err
		}
		data, err := printPDF(ctx, chromium, dir, "book-000.html")
		if err != nil {
			return nil, err
		}
		before := 0
		if front != nil {
			before = len(front.pages)
		}
		if front, err = parsePDF(data); err != nil {
			return nil, fmt.Errorf("reading the printed contents: %w", err)
		}
		got := map[string]int{}
		if before != len(front.pages) {
			page := len(front.pages)
			for i := range b.parts {
				if err := b.writePart(dir, i, page); err != nil {
					return nil, err
				}
				data, err := printPDF(ctx, chromium, dir, b.partFile(i))
				if err != nil {
					return nil, err
				}
				if content[i], err = parsePDF(data); err != nil {
					return nil, fmt.Errorf("reading printed part %d: %w", i+1, err)
				}
				page += len(content[i].pages)
			}
		}
		page := len(front.pages)
		for _, d := range content {
			for at, p := range d.dests {
				if _, ok := got[at]; !ok {
					got[at] = page + p + 1
				}
			}
			page += len(d.pages)
		}
		if pass > 0 && maps.Equal(got, nums) {
			break
		}
		nums = got
		if pass == 2 {
			res.Notes = append(res.Notes, "the contents' page numbers may be off by a page: the contents kept changing length between prints")
			break
		}
	}
	return mergePDFs(append([]*pdfDoc{front}, content...)), nil
}

// printPDF prints dir/name with headless Chromium.
func printPDF(ctx context.Context, chromium, dir, name string) ([]byte, error) {
	out := filepath.Join(dir, "."+name+".pdf")
	os.Remove(out)
	profile := filepath.Join(dir, ".profile")
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--user-data-dir="+profile, "--no-pdf-header-footer", "--print-to-pdf="+out,
		// Print only once loads have settled and every stage has drawn.
		// (What made two prints of one book differ on a busy machine was
		// the underlines' skip-ink, which bookCSS turns off: see there.)
		"--run-all-compositor-stages-before-draw", "--virtual-time-budget=30000",
		(&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, name))}).String())
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("printing with %s: %w\n%s", chromium, err, bytes.TrimSpace(msg))
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("printing with %s: no PDF was written: %w", chromium, err)
	}
	return data, nil
}

var (
	pdfObjRE   = regexp.MustCompile(`(?m)^(\d+) 0 obj\s*`)
	pdfKidsRE  = regexp.MustCompile(`/Kids\s*\[([\d\sR]*)\]`)
	pdfRefRE   = regexp.MustCompile(`(\d+)\s+0\s+R`)
	pdfDestRE  = regexp.MustCompile(`/([pm]\d+)\s*\[\s*(\d+)\s+0\s+R`)
	pdfPagesRE = regexp.MustCompile(`/Type\s*/Pages\b`)
)

// pdfDestPages reads the page (from 1) of each named destination in a
// PDF as Chromium writes it (Skia: plain objects, a /Dests dictionary,
// a page tree of /Pages nodes with /Kids), for the book's anchors.
func pdfDestPages(data []byte) (map[string]int, error) {
	// Each object's dictionary: from "N 0 obj" to its stream or end.
	dicts := map[string][]byte{}
	locs := pdfObjRE.FindAllSubmatchIndex(data, -1)
	for i, l := range locs {
		end := len(data)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		body := data[l[1]:end]
		if j := bytes.Index(body, []byte("stream")); j >= 0 {
			body = body[:j]
		}
		dicts[string(data[l[2]:l[3]])] = body
	}
	// The root of the page tree: the /Pages node no other node lists.
	isKid := map[string]bool{}
	var nodes []string
	for n, d := range dicts {
		if pdfPagesRE.Match(d) {
			nodes = append(nodes, n)
			if m := pdfKidsRE.FindSubmatch(d); m != nil {
				for _, r := range pdfRefRE.FindAllSubmatch(m[1], -1) {
					isKid[string(r[1])] = true
				}
			}
		}
	}
	pageOf := map[string]int{}
	var walk func(n string, depth int)
	walk = func(n string, depth int) {
		d := dicts[n]
		if depth > 64 {
			return
		}
		if !pdfPagesRE.Match(d) {
			pageOf[n] = len(pageOf) + 1
			return
		}
		if m := pdfKidsRE.FindSubmatch(d); m != nil {
			for _, r := range pdfRefRE.FindAllSubmatch(m[1], -1) {
				walk(string(r[1]), depth+1)
			}
		}
	}
	for _, n := range nodes {
		if !isKid[n] {
			walk(n, 0)
		}
	}
	if len(pageOf) == 0 {
		return nil, errors.New("the printed PDF has no page tree Coursewright can read")
	}
	out := map[string]int{}
	for _, m := range pdfDestRE.FindAllSubmatch(data, -1) {
		if p := pageOf[string(m[2])]; p > 0 {
			out[string(m[1])] = p
		}
	}
	return out, nil
}

// zipFolder zips a folder's files (not hidden ones), sorted.
func zipFolder(ctx context.Context, dir string, w io.Writer) error {
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = p
		}
		return nil
	})
	if err != nil {
		return err
	}
	return zipFiles(ctx, w, files)
}
