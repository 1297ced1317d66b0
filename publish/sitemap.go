package publish

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"
)

// The files that let search engines, directories and feed readers find
// the course: sitemap.xml (every published page at its published
// address; only when the address is known, as sitemaps need absolute
// addresses), robots.txt pointing at it, and feed.xml, an Atom feed of
// what changed in the course.
const (
	sitemapFile = "sitemap.xml"
	robotsFile  = "robots.txt"
	feedFile    = "feed.xml"
)

var findabilityFiles = map[string]bool{sitemapFile: true, robotsFile: true, feedFile: true}

// shareTags are a page's link-preview tags (Open Graph, Twitter card).
type shareTags struct {
	URL, Type, Title, SiteName, Description, Image, Card string
}

// shareTags fills the page's link-preview tags.
func (b *builder) shareTags(d *pageData) {
	if d.Kind == kindRedirect.String() {
		return
	}
	t := &shareTags{URL: b.find.absURL(d.URL), Type: "article", Title: d.Title, SiteName: d.Site.Title, Description: d.Summary, Card: "summary"}
	if d.Kind == kindHome.String() {
		t.Type, t.Title = "website", d.Site.Title
	}
	if img := b.shareImage(d.Site); img != "" {
		t.Image, t.Card = img, "summary_large_image"
	}
	d.Share = t
}

// writeFindability writes (or, when unchanged, keeps) the sitemap, robots
// and feed files, recording them in next.
func (b *builder) writeFindability(jobs []*job, results []result, next *manifest, res *BuildResult) error {
	files := map[string][]byte{}
	if b.find.address != "" {
		files[sitemapFile] = b.sitemap(jobs, results)
	}
	files[robotsFile] = b.robots()
	feed, err := b.feed(jobs)
	if err != nil {
		return err
	}
	files[feedFile] = feed
	for _, name := range sortedKeys(files) {
		data := files[name]
		e := &outEntry{Out: hashDigest(data), Size: int64(len(data))}
		next.Outputs[name] = e
		if old := b.prevEntry(name); old != nil && old.Out == e.Out && fileHas(b.out, name, e.Size) {
			res.Skipped++
			continue
		}
		if err := b.w.write(name, data, false); err != nil {
			return err
		}
		res.Written++
	}
	return nil
}

// publishedPages are the site paths of the pages a reader can reach:
// not redirects, drafts or pages of hidden modules.
func (b *builder) publishedPages(jobs []*job) []string {
	var out []string
	for _, j := range jobs {
		if j.kind != jobPage {
			continue
		}
		sp := j.page
		if sp.kind == kindRedirect || sp.draft || (sp.module != nil && sp.module.offMenu) {
			continue
		}
		out = append(out, sp.url)
	}
	sort.Strings(out)
	return out
}

func (b *builder) sitemap(jobs []*job, _ []result) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range b.publishedPages(jobs) {
		buf.WriteString("<url><loc>")
		_ = xml.EscapeText(&buf, []byte(b.find.absURL(u)))
		buf.WriteString("</loc></url>\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

func (b *builder) robots() []byte {
	s := "User-agent: *\nAllow: /\n"
	if b.find.address != "" {
		s += "\nSitemap: " + b.find.address + sitemapFile + "\n"
	}
	return []byte(s)
}

// Atom, as much of RFC 4287 as the feed uses.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  *atomAuthor `xml:"author,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link,omitempty"`
	Author  *atomAuthor `xml:"author,omitempty"`
	Summary string      `xml:"summary,omitempty"`
}

// feed is "what's new in this course": one entry per saved version (its
// message, and the pages it changed), or without a repository one per
// dated page. It holds no build time, so the same course gives the same
// feed.
func (b *builder) feed(jobs []*job) ([]byte, error) {
	f := &b.find
	home := f.absURL("/")
	id := home
	if id == "" {
		id = "urn:coursewright:" + hashBytes([]byte(b.view.Title))[:16]
	}
	link := func(sitePath string) string {
		if u := f.absURL(sitePath); u != "" {
			return u
		}
		return strings.TrimPrefix(relURL("/", sitePath), "./")
	}
	feed := atomFeed{ID: id, Title: b.view.Title, Links: []atomLink{{Href: link("/")}}}
	if self := f.absURL("/" + feedFile); self != "" {
		feed.Links = append(feed.Links, atomLink{Rel: "self", Href: self})
	}
	if names := b.view.AuthorsText; names != "" {
		feed.Author = &atomAuthor{Name: names}
	} else {
		feed.Author = &atomAuthor{Name: b.view.Title}
	}
	pages := map[string]*sitePage{} // by source file
	for _, j := range jobs {
		if j.kind == jobPage && j.page.page != nil && j.page.kind != kindRedirect && !j.page.draft {
			pages[j.page.page.Path] = j.page
		}
	}
	for _, v := range f.versions {
		e := atomEntry{ID: id + "#" + v.Hash, Updated: v.When.UTC().Format(time.RFC3339)}
		e.Title, _, _ = strings.Cut(v.Message, "\n")
		if strings.TrimSpace(e.Title) == "" {
			e.Title = v.Hash[:8]
		}
		if v.Author.Name != "" {
			e.Author = &atomAuthor{Name: v.Author.Name}
		}
		var changed []string
		for _, file := range v.Changed {
			if sp := pages[file]; sp != nil {
				changed = append(changed, sp.title)
				if len(e.Links) == 0 {
					e.Links = []atomLink{{Href: link(sp.url)}}
				}
			}
		}
		if len(changed) > 0 {
			e.Summary = strings.Join(changed, " · ")
		}
		feed.Entries = append(feed.Entries, e)
	}
	if f.versions == nil {
		var dated []*sitePage
		for _, sp := range pages {
			if sp.page.Date != "" {
				dated = append(dated, sp)
			}
		}
		sort.Slice(dated, func(i, j int) bool {
			if dated[i].page.Date != dated[j].page.Date {
				return dated[i].page.Date > dated[j].page.Date
			}
			return dated[i].url < dated[j].url
		})
		for i, sp := range dated {
			if i == feedVersions {
				break
			}
			feed.Entries = append(feed.Entries, atomEntry{ID: id + "#" + path.Clean(sp.url), Title: sp.title,
				Updated: sp.page.Date + "T00:00:00Z", Links: []atomLink{{Href: link(sp.url)}}})
		}
	}
	feed.Updated = "1970-01-01T00:00:00Z"
	for _, e := range feed.Entries {
		if e.Updated > feed.Updated {
			feed.Updated = e.Updated
		}
	}
	out, err := xml.MarshalIndent(feed, "", " ")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", feedFile, err)
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
