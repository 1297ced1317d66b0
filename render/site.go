package render

import (
	"os"
	"path"
	"strings"
	"sync"

	"github.com/coursewright/coursewright/course"
)

// Site indexes a course's pages by URL, post name and path, so links can
// be checked and written in their canonical form. Build one per build
// (NewSite) and share it between renders; it is safe for concurrent use.
type Site struct {
	c       *course.Course
	drafts  bool
	byURL   map[string]*course.Page // lower-cased URL → page
	byPost  map[string][]*course.Page
	byPath  map[string]*course.Page
	visible map[*course.Page]bool
	files   sync.Map // course-relative path → bool (exists)
}

// NewSite indexes c. With drafts, hidden modules and unpublished pages
// count as part of the site.
func NewSite(c *course.Course, drafts bool) *Site {
	s := &Site{c: c, drafts: drafts, byURL: map[string]*course.Page{}, byPost: map[string][]*course.Page{},
		byPath: map[string]*course.Page{}, visible: map[*course.Page]bool{}}
	if c == nil {
		return s
	}
	hidden := map[*course.Page]bool{}
	for _, m := range c.Modules {
		for _, p := range m.Pages {
			hidden[p] = m.Hidden
			s.byPost[p.Date+"-"+p.Slug] = append(s.byPost[p.Date+"-"+p.Slug], p)
		}
	}
	for _, p := range c.AllPages() {
		s.byURL[strings.ToLower(p.URL())] = p
		s.byPath[p.Path] = p
		s.visible[p] = drafts || (p.Published() && !hidden[p])
	}
	return s
}

// Visible reports whether a page is part of the built site.
func (s *Site) Visible(p *course.Page) bool { return s.visible[p] }

// postByName finds the page a {% post_url %} argument names:
// "2000-01-02-slug" or "/modules/m/2000-01-02-slug".
func (s *Site) postByName(arg string) *course.Page {
	dir, name := path.Split(strings.TrimSpace(arg))
	for _, p := range s.byPost[name] {
		if dir == "" || strings.EqualFold(strings.Trim(dir, "/"), path.Dir(path.Dir(p.Path))) {
			return p
		}
	}
	return nil
}

func (s *Site) pageByPath(rel string) *course.Page { return s.byPath[rel] }

// canonical maps a site path to the path of something the built site
// will contain: a page URL in its exact case, or a file of the course.
// ok is false when nothing is there; hidden is set when a page is there
// but is not published.
func (s *Site) canonical(site string) (canon string, ok, hidden bool) {
	key := strings.ToLower(site)
	candidates := []string{key}
	if !strings.HasSuffix(key, "/") {
		candidates = append(candidates, key+"/")
	}
	for _, ext := range []string{".md", ".markdown", ".html", "/index.html", "/index", "index.html", "/index.md"} {
		if strings.HasSuffix(key, ext) {
			trimmed := strings.TrimSuffix(key, ext)
			candidates = append(candidates, trimmed+"/", trimmed)
		}
	}
	for _, k := range candidates {
		if p := s.byURL[k]; p != nil {
			return p.URL(), s.visible[p], !s.visible[p]
		}
	}
	rel := strings.TrimPrefix(site, "/")
	if rel == "" {
		return "/", true, false
	}
	if s.fileExists(rel) {
		return "/" + rel, true, false
	}
	return "", false, false
}

// fileExists reports whether the course has a publishable file at rel:
// not a Jekyll folder (_x) or a hidden one (.x), never outside the course.
func (s *Site) fileExists(rel string) bool {
	if s.c == nil {
		return false
	}
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, "_") || strings.HasPrefix(part, ".") {
			return false
		}
	}
	if v, ok := s.files.Load(rel); ok {
		return v.(bool)
	}
	exists := false
	if full, err := course.SafeJoin(s.c.Dir, rel); err == nil {
		if st, err := os.Stat(full); err == nil && !st.IsDir() && !strings.HasSuffix(rel, ".md") {
			exists = true
		}
	}
	s.files.Store(rel, exists)
	return exists
}
