package export

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"golang.org/x/net/html"

	"github.com/coursewright/coursewright/publish"
)

// IMS Common Cartridge, a thin cartridge of the pages: imsmanifest.xml
// with the course's LOM metadata and one rooted-hierarchy organization
// (modules as folders, pages as items), each page a webcontent resource
// (a self-contained HTML file whose images and stylesheet are its
// dependencies, its links to other pages and files written as
// $IMS-CC-FILEBASE$/…, which LMS importers resolve to where they keep
// the cartridge's files), and each module's external links as web link
// resources. The facilitator guide goes in as lesson plans for
// instructors only (intendeduse="lessonplan" and the LOM role
// Instructor), which Canvas honours. Version 1.3 for Canvas, Brightspace,
// Blackboard and Schoology; 1.1 for Moodle, whose importer reads only 1.0
// and 1.1.

// ccVersion is what differs between the cartridge versions.
type ccVersion struct {
	ns, lomResource, lomManifest string // namespaces
	schemaLocation               string
	version                      string // schemaversion
	weblinkType, weblinkNS       string
	rolesSource                  string
	// roleSource: whether a contributor's LOM role names its vocabulary
	// (<source>LOMv1.0</source>). CC 1.1's manifest LOM profile allows
	// only the <value> there (ccv1p1_lommanifest_v1p0.xsd, RoleLifeCycle);
	// CC 1.3's loose LOM binding takes both, as LOM itself has them.
	roleSource bool
	// assessmentType is the resource type of a QTI assessment (a page's
	// self-check questions), qtiSchema the CC profile of QTI (qti.go).
	assessmentType, qtiSchema string
}

var cc13 = ccVersion{
	ns:          "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1",
	lomResource: "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource",
	lomManifest: "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest",
	schemaLocation: "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1 http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd " +
		"http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lomresource_v1p0.xsd " +
		"http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd",
	version:     "1.3.0",
	weblinkType: "imswl_xmlv1p3",
	weblinkNS:   "http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3",
	rolesSource: "IMSGLC_CC_Rolesv1p2",
	roleSource:  true,

	assessmentType: "imsqti_xmlv1p2/imscc_xmlv1p3/assessment",
	qtiSchema:      "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_qtiasiv1p2p1_v1p0.xsd",
}

var cc11 = ccVersion{
	ns:          "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
	lomResource: "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource",
	lomManifest: "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest",
	schemaLocation: "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd " +
		"http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd " +
		"http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd",
	version:     "1.1.0",
	weblinkType: "imswl_xmlv1p1",
	weblinkNS:   "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1",
	rolesSource: "IMSGLC_CC_Rolesv1p1",

	assessmentType: "imsqti_xmlv1p2/imscc_xmlv1p1/assessment",
	qtiSchema:      "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd",
}

// webImages are the images a browser in an LMS shows.
var webImages = map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp"}

// ccFileBase is the token LMS importers replace with the cartridge's
// file location.
const ccFileBase = "$IMS-CC-FILEBASE$"

// stableID is an XML identifier derived from a kind and a path.
func stableID(prefix string, parts ...string) string {
	h := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	return prefix + hex.EncodeToString(h[:8])
}

// webLink is an external address a module's pages link to.
type webLink struct{ id, title, url, file string }

func writeCC(ctx context.Context, r *publish.Rendered, w io.Writer, v ccVersion, res *Result) error {
	k := newPkg(r, "web_resources/files/", webImages)
	k.linkFiles = true
	k.link = func(_ *docPage, to string) string {
		return ccFileBase + "/" + strings.TrimPrefix(to, "web_resources/")
	}
	for i, p := range r.AllPages() {
		slug := strings.Trim(unsafeNameRE.ReplaceAllString(strings.ReplaceAll(strings.Trim(p.URL, "/"), "/", "-"), "_"), "_-")
		if slug == "" {
			slug = "home"
		}
		k.addPage(p, fmt.Sprintf("web_resources/pages/%03d-%s.html", i+1, slug))
	}
	if err := k.convert(); err != nil {
		return err
	}
	if err := k.appendGuideAnswers(r.Labels.ModuleAnswers); err != nil {
		return err
	}
	if k.dropped > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d links or images point outside the cartridge (missing files, pages not exported, remote images): their text is kept", k.dropped))
	}
	files := map[string][]byte{"web_resources/css/course.css": []byte(epubCSS)}
	cssID := stableID("R", "css")
	guide := map[*publish.RenderedPage]bool{}
	for _, p := range r.Guide {
		guide[p] = true
	}

	// Each page's images and downloads, for its dependencies.
	pageFiles := map[*docPage][]string{}
	fileIDs := map[string]string{}
	for _, rel := range sortedKeys(k.used) {
		fileIDs[k.used[rel].path] = stableID("R", "file", rel)
	}
	var rb strings.Builder // resources
	for _, d := range k.pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		css := k.href(d, "web_resources/css/course.css", "")
		doc := xhtmlDoc(r.Language, d.p.Title, css, d.body(), false)
		doc = strings.Replace(doc, `<?xml version="1.0" encoding="UTF-8"?>`+"\n", "", 1)
		files[d.path] = []byte(doc)
		for _, n := range d.nodes {
			collectFileRefs(n, func(href string) {
				if rel, ok := strings.CutPrefix(href, ccFileBase+"/"); ok {
					if id := fileIDs["web_resources/"+rel]; id != "" && !containsString(pageFiles[d], id) {
						pageFiles[d] = append(pageFiles[d], id)
					}
				}
			})
		}
		id := stableID("R", d.p.URL)
		use := ""
		if guide[d.p] {
			use = ` intendeduse="lessonplan"`
		}
		rb.WriteString(`<resource identifier="` + id + `" type="webcontent" href="` + xmlAttr.Replace(d.path) + `"` + use + ">\n")
		if guide[d.p] {
			rb.WriteString(`<metadata><lom:lom><lom:educational><lom:intendedEndUserRole><lom:source>` + v.rolesSource +
				`</lom:source><lom:value>Instructor</lom:value></lom:intendedEndUserRole></lom:educational></lom:lom></metadata>` + "\n")
		}
		rb.WriteString(`<file href="` + xmlAttr.Replace(d.path) + `"/>` + "\n")
		rb.WriteString(`<dependency identifierref="` + cssID + `"/>` + "\n")
		for _, dep := range pageFiles[d] {
			rb.WriteString(`<dependency identifierref="` + dep + `"/>` + "\n")
		}
		rb.WriteString("</resource>\n")
	}
	rb.WriteString(`<resource identifier="` + cssID + `" type="webcontent"><file href="web_resources/css/course.css"/></resource>` + "\n")
	for _, rel := range sortedKeys(k.used) {
		f := k.used[rel]
		data, err := os.ReadFile(f.full)
		if err != nil {
			return err
		}
		files[f.path] = data
		rb.WriteString(`<resource identifier="` + fileIDs[f.path] + `" type="webcontent"><file href="` + xmlAttr.Replace(f.path) + `"/></resource>` + "\n")
	}

	// Each page's self-check questions as a QTI assessment (qti.go).
	assessments := map[*publish.RenderedPage]string{} // the resource id
	leftOut := 0
	for _, d := range k.pages {
		if len(d.p.Questions) == 0 {
			continue
		}
		id := stableID("Q", d.p.URL)
		title := fmt.Sprintf(r.Labels.SelfCheckOf, d.p.Title)
		doc, n, left := qtiAssessment(v, id, title, qtiQuestions(r, d.p))
		leftOut += left
		if n == 0 {
			continue
		}
		file := "assessments/" + id + ".xml"
		files[file] = []byte(doc)
		assessments[d.p] = id
		rb.WriteString(`<resource identifier="` + id + `" type="` + v.assessmentType + `"><file href="` + file + `"/></resource>` + "\n")
	}
	if leftOut > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d put-in-order questions are not in the cartridge's quizzes (Common Cartridge's QTI has no ordering kind): they stay on their pages, with their answers", leftOut))
	}

	// External links, per module, as web links.
	moduleLinks := map[*publish.RenderedModule][]webLink{}
	for _, m := range r.Modules {
		seen := map[string]bool{}
		for _, p := range m.Pages {
			d := k.byURL[p.URL]
			for _, n := range d.nodes {
				collectExternal(n, func(title, u string) {
					if seen[u] {
						return
					}
					seen[u] = true
					id := stableID("L", m.Slug, u)
					moduleLinks[m] = append(moduleLinks[m], webLink{id: id, title: title, url: u, file: "weblinks/" + id + ".xml"})
				})
			}
		}
		for _, l := range moduleLinks[m] {
			files[l.file] = []byte(`<?xml version="1.0" encoding="UTF-8"?>
<webLink xmlns="` + v.weblinkNS + `">
<title>` + xmlText.Replace(l.title) + `</title>
<url href="` + xmlAttr.Replace(l.url) + `" target="_blank"/>
</webLink>
`)
			rb.WriteString(`<resource identifier="` + l.id + `" type="` + v.weblinkType + `"><file href="` + l.file + `"/></resource>` + "\n")
		}
	}

	// The organization: home, modules as folders with their pages and
	// links, single pages, the guide as a folder.
	var ob strings.Builder
	item := func(p *publish.RenderedPage) {
		ob.WriteString(`<item identifier="` + stableID("I", p.URL) + `" identifierref="` + stableID("R", p.URL) + `"><title>` + xmlText.Replace(p.Title) + "</title></item>\n")
		if id := assessments[p]; id != "" {
			// The page's questions as a quiz, right after the page.
			ob.WriteString(`<item identifier="` + stableID("I", "quiz", p.URL) + `" identifierref="` + id + `"><title>` +
				xmlText.Replace(fmt.Sprintf(r.Labels.SelfCheckOf, p.Title)) + "</title></item>\n")
		}
	}
	if r.Home != nil {
		item(r.Home)
	}
	for _, m := range r.Modules {
		ob.WriteString(`<item identifier="` + stableID("I", "module", m.Slug) + `"><title>` + xmlText.Replace(m.Title) + "</title>\n")
		for _, p := range m.Pages {
			item(p)
		}
		if ls := moduleLinks[m]; len(ls) > 0 {
			ob.WriteString(`<item identifier="` + stableID("I", "links", m.Slug) + `"><title>Links</title>` + "\n")
			for _, l := range ls {
				ob.WriteString(`<item identifier="I` + l.id + `" identifierref="` + l.id + `"><title>` + xmlText.Replace(l.title) + "</title></item>\n")
			}
			ob.WriteString("</item>\n")
		}
		ob.WriteString("</item>\n")
	}
	for _, p := range r.Pages {
		item(p)
	}
	if len(r.Guide) > 0 {
		ob.WriteString(`<item identifier="` + stableID("I", "guide") + `"><title>` + xmlText.Replace(guideTitle(r)) + "</title>\n")
		for _, p := range r.Guide {
			item(p)
		}
		ob.WriteString("</item>\n")
	}

	var mb strings.Builder
	mb.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="` + stableID("M", courseID(r)) + `" xmlns="` + v.ns + `" xmlns:lom="` + v.lomResource + `" xmlns:lomimscc="` + v.lomManifest + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="` + v.schemaLocation + `">
<metadata>
<schema>IMS Common Cartridge</schema>
<schemaversion>` + v.version + `</schemaversion>
<lomimscc:lom>
<lomimscc:general>
<lomimscc:title><lomimscc:string language="` + xmlAttr.Replace(r.Language) + `">` + xmlText.Replace(r.Title) + `</lomimscc:string></lomimscc:title>
<lomimscc:language>` + xmlText.Replace(r.Language) + `</lomimscc:language>
`)
	if r.Description != "" {
		mb.WriteString(`<lomimscc:description><lomimscc:string language="` + xmlAttr.Replace(r.Language) + `">` + xmlText.Replace(r.Description) + "</lomimscc:string></lomimscc:description>\n")
	}
	mb.WriteString("</lomimscc:general>\n")
	if len(r.Authors) > 0 {
		mb.WriteString("<lomimscc:lifeCycle>\n")
		source := ""
		if v.roleSource {
			source = "<lomimscc:source>LOMv1.0</lomimscc:source>"
		}
		for _, au := range r.Authors {
			mb.WriteString("<lomimscc:contribute><lomimscc:role>" + source + "<lomimscc:value>author</lomimscc:value></lomimscc:role>" +
				"<lomimscc:entity>" + xmlText.Replace(vcard(au)) + "</lomimscc:entity></lomimscc:contribute>\n")
		}
		mb.WriteString("</lomimscc:lifeCycle>\n")
	}
	copyright := "yes"
	mb.WriteString(`<lomimscc:rights>
<lomimscc:copyrightAndOtherRestrictions><lomimscc:value>` + copyright + `</lomimscc:value></lomimscc:copyrightAndOtherRestrictions>
<lomimscc:description><lomimscc:string>` + xmlText.Replace(rightsText(r)) + `</lomimscc:string></lomimscc:description>
</lomimscc:rights>
</lomimscc:lom>
</metadata>
<organizations>
<organization identifier="` + stableID("O", "organization") + `" structure="rooted-hierarchy">
<item identifier="` + stableID("I", "root") + `">
` + ob.String() + `</item>
</organization>
</organizations>
<resources>
` + rb.String() + `</resources>
</manifest>
`)
	files["imsmanifest.xml"] = []byte(mb.String())

	a := newArchive(w)
	if err := a.add("imsmanifest.xml", files["imsmanifest.xml"], false); err != nil {
		return err
	}
	for _, name := range sortedKeys(files) {
		if err := a.add(name, files[name], false); err != nil {
			return err
		}
	}
	return a.close()
}

// vcard is an author as LOM's vCard entity.
func vcard(name string) string {
	return "BEGIN:VCARD\nVERSION:3.0\nFN:" + name + "\nN:" + name + "\nEND:VCARD"
}

// collectFileRefs calls f with every href and src in n.
func collectFileRefs(n *html.Node, f func(string)) {
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if a.Key == "href" || a.Key == "src" {
				f(a.Val)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectFileRefs(c, f)
	}
}

// collectExternal calls f with the text and address of every http(s) link.
func collectExternal(n *html.Node, f func(title, u string)) {
	if n.Type == html.ElementNode && n.Data == "a" {
		href := attr(n, "href")
		if u, err := url.Parse(href); err == nil && (u.Scheme == "https" || u.Scheme == "http") {
			title := strings.Join(strings.Fields(textOf(n)), " ")
			if title == "" {
				title = href
			}
			f(title, href)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectExternal(c, f)
	}
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
