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

// writeBookHTML writes book.html and its images into dir.
// nums are the printed page of each anchor (p001, m01…), from an earlier
// print; nil leaves the contents' page numbers blank (their room kept, so
// the numbers do not move the pages).
func writeBookHTML(r *publish.Rendered, dir string, guide bool, nums map[string]int) error {
	k := newPkg(r, "files/", webImages)
	k.keepCheckboxes = true
	k.mediaQR = true
	k.selfChecks = selfCheckPrint
	pages := bookPages(r, guide)
	if len(pages) == 0 {
		if guide {
			return errors.New("the course has no facilitator guide to print (coursewright guide draft writes one)")
		}
		return errors.New("the course has no pages to print")
	}
	anchors := map[string]string{}
	for i, p := range pages {
		at := fmt.Sprintf("p%03d", i+1)
		anchors[at] = at
		k.addPage(p, at)
	}
	k.link = func(_ *docPage, to string) string {
		if anchors[to] != "" {
			return "#" + to
		}
		return to
	}
	if err := k.convert(); err != nil {
		return err
	}
	k.appendAnswers(r.Labels.ModuleAnswers)
	if err := k.appendGuideAnswers(r.Labels.ModuleAnswers); err != nil {
		return err
	}
	title := r.Title
	if guide {
		title = guideTitle(r) + " — " + r.Title
	}
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="` + xmlAttr.Replace(r.Language) + `">
<head><meta charset="utf-8"/><title>` + xmlText.Replace(title) + `</title>
<style>` + strings.Replace(bookCSS, "TITLE", cssString(title), 1) + `</style></head>
<body>
<section class="title-page">
`)
	if r.Banner != "" && !guide {
		if f := k.useFile(strings.TrimPrefix(r.Banner, "/"), true); f != nil {
			b.WriteString(`<img class="banner" src="` + xmlAttr.Replace(f.path) + `" alt=""/>` + "\n")
		}
	}
	b.WriteString("<h1>" + xmlText.Replace(title) + "</h1>\n")
	if len(r.Authors) > 0 {
		b.WriteString("<p>" + xmlText.Replace(strings.Join(r.Authors, ", ")) + "</p>\n")
	}
	if r.Description != "" && !guide {
		b.WriteString("<p>" + xmlText.Replace(r.Description) + "</p>\n")
	}
	b.WriteString(`<div class="license"><p>` + xmlText.Replace(rightsText(r)) + "</p>\n")
	if r.AttributionHTML != "" {
		// The credit to the course this one adapts (title, author, source,
		// license), its address printed since paper cannot follow a link.
		b.WriteString(`<p class="attribution">` + r.AttributionHTML)
		if r.AttributionURL != "" {
			b.WriteString(`<br/><span class="source">` + xmlText.Replace(r.AttributionURL) + "</span>")
		}
		if r.ChangesHTML != "" {
			b.WriteString("<br/>" + r.ChangesHTML)
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("</div>\n</section>\n")

	// Contents.
	b.WriteString(`<nav class="toc"><h1>Contents</h1>` + "\n<ol>\n")
	pageNum := func(anchor string) string {
		n := ""
		if nums[anchor] > 0 {
			n = strconv.Itoa(nums[anchor])
		}
		return `<span class="pn">` + n + `</span>`
	}
	moduleAnchor := map[*publish.RenderedModule]string{}
	var lastModule *publish.RenderedModule
	for _, d := range k.pages {
		if m := d.p.Module; m != lastModule {
			if lastModule != nil {
				b.WriteString("</ol></li>\n")
			}
			if m != nil {
				at := fmt.Sprintf("m%02d", len(moduleAnchor)+1)
				moduleAnchor[m] = at
				b.WriteString(`<li><a class="entry" href="#` + at + `">` + xmlText.Replace(m.Title) + "</a>" + pageNum(at) + "\n<ol>\n")
			}
			lastModule = m
		}
		b.WriteString(`<li><a class="entry" href="#` + d.path + `">` + xmlText.Replace(d.p.Title) + "</a>" + pageNum(d.path) + "</li>\n")
	}
	if lastModule != nil {
		b.WriteString("</ol></li>\n")
	}
	b.WriteString("</ol>\n</nav>\n")

	// The pages, each module on a new page.
	lastModule = nil
	for _, d := range k.pages {
		if m := d.p.Module; m != lastModule {
			if lastModule != nil {
				b.WriteString("</div>\n")
			}
			if m != nil {
				b.WriteString(`<div class="module" id="` + moduleAnchor[m] + `"><h1 class="module-title">` + xmlText.Replace(m.Title) + "</h1>\n")
			}
			lastModule = m
		}
		class := "page"
		if d.p.Meeting > 0 || guide {
			class += " meeting"
		}
		b.WriteString(`<section class="` + class + `" id="` + d.path + `">` + "\n")
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
		b.WriteString(body)
		if len(notes) > 0 {
			b.WriteString(`<ol class="notes">`)
			for _, n := range notes {
				b.WriteString("<li>" + xmlText.Replace(n) + "</li>")
			}
			b.WriteString("</ol>\n")
		}
		b.WriteString("</section>\n")
	}
	if lastModule != nil {
		b.WriteString("</div>\n")
	}
	b.WriteString("</body>\n</html>\n")
	if err := os.WriteFile(filepath.Join(dir, "book.html"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	for _, rel := range sortedKeys(k.used) {
		f := k.used[rel]
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
	dir, err := os.MkdirTemp("", "coursewright-book-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := writeBookHTML(r, dir, guide, nil); err != nil {
		return err
	}
	chromium := findChromium()
	if chromium == "" {
		res.Ext = ".zip"
		res.Notes = append(res.Notes, ErrNoBrowser.Error()+": the book is written as HTML (book.html in the zip); open it in a browser and print it to PDF (A4, no headers and footers)")
		return zipFolder(ctx, dir, w)
	}
	// Chromium cannot number the contents (no CSS target-counter), so the
	// book is printed, each heading's page read from the PDF's named
	// destinations, and printed again with the numbers. Their room is kept
	// in the first print, so the second normally lands every heading on
	// the same page; a third print settles any that moved.
	var data []byte
	var nums map[string]int
	for pass := 0; pass < 3; pass++ {
		var err error
		if data, err = printPDF(ctx, chromium, dir); err != nil {
			return err
		}
		got, err := pdfDestPages(data)
		if err != nil {
			return fmt.Errorf("numbering the contents: %w", err)
		}
		if pass > 0 && maps.Equal(got, nums) {
			break
		}
		nums = got
		if pass == 2 {
			res.Notes = append(res.Notes, "the contents' page numbers may be off by a page: headings kept moving between prints")
			break
		}
		if err := writeBookHTML(r, dir, guide, nums); err != nil {
			return err
		}
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

// printPDF prints dir/book.html with headless Chromium.
func printPDF(ctx context.Context, chromium, dir string) ([]byte, error) {
	out := filepath.Join(dir, ".book.pdf")
	os.Remove(out)
	profile := filepath.Join(dir, ".profile")
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--user-data-dir="+profile, "--no-pdf-header-footer", "--print-to-pdf="+out,
		// Print only once loads have settled and every stage has drawn.
		// (What made two prints of one book differ on a busy machine was
		// the underlines' skip-ink, which bookCSS turns off: see there.)
		"--run-all-compositor-stages-before-draw", "--virtual-time-budget=30000",
		(&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "book.html"))}).String())
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
