package export

import (
	"context"
	"crypto/sha1"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/coursewright/coursewright/publish"
)

// EPUB 3: mimetype first and stored, META-INF/container.xml, a package
// document with the course's metadata, nav.xhtml (the table of contents by
// module and page), a cover page with the banner and title, one XHTML
// document per page, the images they show, and the guide as an appendix
// when asked for. Everything lives under EPUB/ with file names made safe
// for every reader (module folders may hold spaces and '&').

const epubCSS = `body { font-family: serif; line-height: 1.5; margin: 0 5%; }
h1, h2, h3, h4 { font-family: sans-serif; line-height: 1.2; }
img { max-width: 100%; height: auto; }
pre, code { font-family: monospace; white-space: pre-wrap; }
table { border-collapse: collapse; }
td, th { border: 1px solid #999; padding: 0.2em 0.4em; }
blockquote { margin-left: 1em; padding-left: 1em; border-left: 3px solid #999; }
.cover { text-align: center; }
.cover h1 { font-size: 2em; margin-top: 1em; }
.media-link { font-style: italic; }
.self-check { margin: 1em 0; padding: 0.5em 1em; border: 1px solid #999; }
.self-check-legend { font-weight: bold; }
.self-check-number { display: block; font-family: sans-serif; font-size: 0.8em; text-transform: uppercase; }
.self-check-options { list-style: none; padding-left: 0.5em; }
.self-check-options li::before { content: "\2610\00A0"; }
.self-check-answer-entry { margin: 0 0 1em; }
`

// stableUUID is a name-based UUID (version 5 layout) of the parts: the
// same course always gets the same identifier.
func stableUUID(parts ...string) string {
	h := sha1.Sum([]byte("coursewright\x00" + strings.Join(parts, "\x00")))
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// courseID identifies a course from its title and language; its folder's
// name breaks ties between courses of the same title.
func courseID(r *publish.Rendered) string {
	return stableUUID(r.Title, r.Language, path.Base(strings.ReplaceAll(r.Dir, `\`, "/")))
}

// epubPages lays the pages out: EPUB/pages/NNN-slug.xhtml in reading
// order.
func epubPages(r *publish.Rendered) *pkg {
	k := newPkg(r, "files/", coreImages)
	k.selfChecks = selfCheckPrint
	for i, p := range r.AllPages() {
		slug := strings.Trim(unsafeNameRE.ReplaceAllString(strings.ReplaceAll(strings.Trim(p.URL, "/"), "/", "-"), "_"), "_-")
		if slug == "" {
			slug = "home"
		}
		k.addPage(p, fmt.Sprintf("pages/%03d-%s.xhtml", i+1, slug))
	}
	return k
}

func xhtmlDoc(lang, title, css, body string, epubNS bool) string {
	ns := ""
	if epubNS {
		ns = ` xmlns:epub="http://www.idpf.org/2007/ops"`
	}
	l := xmlAttr.Replace(lang)
	return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"` + ns + ` lang="` + l + `" xml:lang="` + l + `">
<head>
<meta charset="utf-8"/>
<title>` + xmlText.Replace(title) + `</title>
<link rel="stylesheet" type="text/css" href="` + css + `"/>
</head>
<body>
` + body + `
</body>
</html>
`
}

func writeEPUB(ctx context.Context, r *publish.Rendered, w io.Writer, res *Result) error {
	k := epubPages(r)
	if err := k.convert(); err != nil {
		return err
	}
	answersAt := k.appendAnswers(r.Labels.ModuleAnswers)
	if err := k.appendGuideAnswers(r.Labels.ModuleAnswers); err != nil {
		return err
	}
	if k.dropped > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d links or images point outside the book (missing files, pages not exported, remote images): their text is kept", k.dropped))
	}
	lang := r.Language
	a := newArchive(w)
	if err := a.add("mimetype", []byte("application/epub+zip"), true); err != nil {
		return err
	}
	if err := a.add("META-INF/container.xml", []byte(`<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`), false); err != nil {
		return err
	}

	// The cover: the banner (when the course has one in its files) and
	// the title.
	var cover *pkgFile
	if r.Banner != "" {
		cover = k.useFile(strings.TrimPrefix(r.Banner, "/"), true)
	}
	var cb strings.Builder
	cb.WriteString(`<section class="cover" epub:type="cover">` + "\n")
	if cover != nil {
		cb.WriteString(`<img src="` + xmlAttr.Replace(relPath("cover.xhtml", cover.path)) + `" alt=""/>` + "\n")
	}
	cb.WriteString("<h1>" + xmlText.Replace(r.Title) + "</h1>\n")
	if len(r.Authors) > 0 {
		cb.WriteString("<p>" + xmlText.Replace(strings.Join(r.Authors, ", ")) + "</p>\n")
	}
	if r.Description != "" {
		cb.WriteString("<p>" + xmlText.Replace(r.Description) + "</p>\n")
	}
	cb.WriteString("<p>" + xmlText.Replace(rightsText(r)) + "</p>\n</section>")

	// The table of contents: home and single pages at the top level, each
	// module with its pages, the guide as an appendix.
	var nb strings.Builder
	nb.WriteString(`<nav epub:type="toc" id="toc"><h1>` + xmlText.Replace(r.Title) + "</h1>\n<ol>\n")
	entry := func(d *docPage) string {
		return `<li><a href="` + xmlAttr.Replace(relPath("nav.xhtml", d.path)) + `">` + xmlText.Replace(d.p.Title) + "</a></li>\n"
	}
	i := 0
	if r.Home != nil {
		nb.WriteString(entry(k.pages[0]))
		i++
	}
	for _, m := range r.Modules {
		if len(m.Pages) == 0 {
			continue
		}
		first := k.pages[i]
		nb.WriteString(`<li><a href="` + xmlAttr.Replace(relPath("nav.xhtml", first.path)) + `">` + xmlText.Replace(m.Title) + "</a>\n<ol>\n")
		for range m.Pages {
			nb.WriteString(entry(k.pages[i]))
			if id := answersAt[k.pages[i]]; id != "" {
				nb.WriteString(`<li><a href="` + xmlAttr.Replace(relPath("nav.xhtml", k.pages[i].path)+"#"+id) + `">` + xmlText.Replace(r.Labels.ModuleAnswers) + "</a></li>\n")
			}
			i++
		}
		nb.WriteString("</ol></li>\n")
	}
	for range r.Pages {
		nb.WriteString(entry(k.pages[i]))
		i++
	}
	if len(r.Guide) > 0 {
		nb.WriteString(`<li><a href="` + xmlAttr.Replace(relPath("nav.xhtml", k.pages[i].path)) + `">` + xmlText.Replace(guideTitle(r)) + "</a>\n<ol>\n")
		for range r.Guide {
			nb.WriteString(entry(k.pages[i]))
			i++
		}
		nb.WriteString("</ol></li>\n")
	}
	nb.WriteString("</ol>\n</nav>")

	files := map[string][]byte{
		"EPUB/cover.xhtml":  []byte(xhtmlDoc(lang, r.Title, "css/book.css", cb.String(), true)),
		"EPUB/nav.xhtml":    []byte(xhtmlDoc(lang, r.Title, "css/book.css", nb.String(), true)),
		"EPUB/css/book.css": []byte(epubCSS),
	}
	for _, d := range k.pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		files["EPUB/"+d.path] = []byte(xhtmlDoc(lang, d.p.Title, relPath(d.path, "css/book.css"), "<section>\n"+d.body()+"\n</section>", true))
	}

	// The package document.
	var ob strings.Builder
	ob.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="` + xmlAttr.Replace(lang) + `">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:` + courseID(r) + `</dc:identifier>
<dc:title>` + xmlText.Replace(r.Title) + `</dc:title>
<dc:language>` + xmlText.Replace(lang) + `</dc:language>
<meta property="dcterms:modified">` + fixedTime.Format("2006-01-02T15:04:05Z") + `</meta>
<dc:rights>` + xmlText.Replace(rightsText(r)) + `</dc:rights>
`)
	for _, au := range r.Authors {
		ob.WriteString("<dc:creator>" + xmlText.Replace(au) + "</dc:creator>\n")
	}
	if r.Description != "" {
		ob.WriteString("<dc:description>" + xmlText.Replace(r.Description) + "</dc:description>\n")
	}
	ob.WriteString("</metadata>\n<manifest>\n")
	ob.WriteString(`<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>` + "\n")
	ob.WriteString(`<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>` + "\n")
	ob.WriteString(`<item id="css" href="css/book.css" media-type="text/css"/>` + "\n")
	for n, d := range k.pages {
		props := ""
		if d.svg {
			props = ` properties="svg"`
		}
		ob.WriteString(fmt.Sprintf(`<item id="p%d" href="%s" media-type="application/xhtml+xml"%s/>`+"\n", n+1, xmlAttr.Replace(d.path), props))
	}
	for n, rel := range sortedKeys(k.used) {
		f := k.used[rel]
		id := fmt.Sprintf("f%d", n+1)
		props := ""
		if f == cover {
			id, props = "cover-image", ` properties="cover-image"`
		}
		ob.WriteString(fmt.Sprintf(`<item id="%s" href="%s" media-type="%s"%s/>`+"\n", id, xmlAttr.Replace(f.path), f.mime, props))
		data, err := os.ReadFile(f.full)
		if err != nil {
			return err
		}
		files["EPUB/"+f.path] = data
	}
	ob.WriteString("</manifest>\n<spine>\n<itemref idref=\"cover\"/>\n<itemref idref=\"nav\"/>\n")
	for n := range k.pages {
		ob.WriteString(fmt.Sprintf(`<itemref idref="p%d"/>`+"\n", n+1))
	}
	ob.WriteString("</spine>\n</package>\n")
	files["EPUB/package.opf"] = []byte(ob.String())

	for _, name := range sortedKeys(files) {
		if err := a.add(name, files[name], false); err != nil {
			return err
		}
	}
	return a.close()
}

// rightsText states the course's license for dc:rights and the title page.
func rightsText(r *publish.Rendered) string {
	by := ""
	if len(r.Authors) > 0 {
		by = " by " + strings.Join(r.Authors, ", ")
	}
	if r.License == nil {
		return "“" + r.Title + "”" + by + ". No open license has been chosen for this course."
	}
	return "“" + r.Title + "”" + by + " is licensed under " + r.License.Name + " (" + r.License.ID + "), " + r.License.URL + "."
}

// guideTitle is the facilitator guide's title: its index page's, else a
// plain name.
func guideTitle(r *publish.Rendered) string {
	if len(r.Guide) > 0 && r.Guide[0].Meeting == 0 {
		return r.Guide[0].Title
	}
	return "Facilitator guide"
}
