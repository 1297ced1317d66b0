package course

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Jekyll builds every file with front matter whose name ends in .md,
// .markdown or .html and that is outside folders starting with "_" or
// "."; real courses keep pages in about/, articles/, gallery/, comics/
// and link to them from their menus. Besides the module pages, the home
// page, the pages at the root and the facilitator guide, which collect
// finds by their places, collectOtherPages finds those, so the site has
// every page Jekyll's has.

// CodeTwoHomePages: a course has both index.md and index.html.
const CodeTwoHomePages Code = "two-home-pages"

// jekyllAlwaysExcluded are left out of every Jekyll site.
var jekyllAlwaysExcluded = []string{"node_modules", "vendor", "Gemfile", "Gemfile.lock"}

// collectOtherPages lists the pages outside the places collect knows:
// HTML pages with front matter at the root (index.html is the home page
// when there is no index.md) and pages in any other folder.
func (c *Course) collectOtherPages(excluded map[string]bool, haveHome bool) []pageFile {
	var out []pageFile
	c.styles = nil
	skip := func(rel, name string) bool {
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") || excluded[rel] || excluded[name] {
			return true
		}
		for _, e := range jekyllAlwaysExcluded {
			if rel == e {
				return true
			}
		}
		return rel == GuideDir
	}
	_ = filepath.WalkDir(c.Dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil || full == c.Dir {
			return nil
		}
		rel, _ := filepath.Rel(c.Dir, full)
		rel = filepath.ToSlash(rel)
		name := d.Name()
		if skip(rel, name) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if d.Type()&fs.ModeSymlink != 0 {
				return filepath.SkipDir
			}
			return nil
		}
		lower := strings.ToLower(name)
		if strings.HasSuffix(lower, ".scss") || strings.HasSuffix(lower, ".sass") {
			c.noteStylesheet(rel) // stylesheets.go
			return nil
		}
		isHTML := strings.HasSuffix(lower, ".html")
		if !isHTML && !isMarkdown(lower) {
			return nil
		}
		root := !strings.Contains(rel, "/")
		if root && !isHTML {
			return nil // collect has the markdown pages at the root
		}
		if !d.Type().IsRegular() || !startsWithFrontMatter(full) {
			return nil // copied as it is, not a page
		}
		kind := kindOther
		if root {
			kind = kindSingle
			if name == "index.html" {
				if haveHome {
					c.problem(CodeTwoHomePages, rel, 0, SeverityWarning, "both index.md and index.html are home pages; index.md is used",
						"remove one of the two")
					return nil
				}
				kind = kindHome
			}
		}
		out = append(out, pageFile{rel: rel, kind: kind})
		return nil
	})
	return out
}

// startsWithFrontMatter reports whether a file begins with a "---" line.
func startsWithFrontMatter(full string) bool {
	f, err := os.Open(full)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 8)
	n, _ := f.Read(buf)
	b := strings.TrimPrefix(string(buf[:n]), bomUTF8)
	return strings.HasPrefix(b, "---\n") || strings.HasPrefix(b, "---\r\n") || strings.HasPrefix(b, "--- ")
}

// IsHTMLPage reports a page written in HTML, not markdown: Jekyll runs
// only Liquid on it.
func (p *Page) IsHTMLPage() bool {
	return strings.EqualFold(path.Ext(p.Path), ".html")
}
