package course

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
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
//
// Markdown without front matter is a page too (jekyll-optional-front-
// matter), but a README, LICENSE… without it is not; such a README is
// returned in readmes, for readme-index to decide; indexed gets the
// address of each folder that holds a file index.html (or .htm, .xhtml,
// .xml) that is not a page.
func (c *Course) collectOtherPages(ctx context.Context, excluded map[string]bool, haveHome bool, indexed map[string]bool) (out []pageFile, readmes []string) {
	c.styles = nil
	skip := func(rel, name string) bool {
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") || jekyllExcluded(excluded, rel) {
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
		if ctx.Err() != nil {
			return filepath.SkipAll // collect reports the cancel
		}
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
		root := !strings.Contains(rel, "/")
		if staticIndexRE.MatchString(name) && (!isHTML || !startsWithFrontMatter(full)) {
			indexed[strings.ToLower(readmeFolderURL(rel))] = true
		}
		if !isHTML && !isMarkdown(lower) {
			return nil
		}
		if root && !isHTML {
			return nil // collect has the markdown pages at the root
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if !startsWithFrontMatter(full) {
			switch {
			case isHTML:
				return nil // copied as it is, not a page
			case c.frontMatterOptional() && c.optionalFrontMatterPage(rel):
				// a page without front matter
			case isReadme(rel):
				readmes = append(readmes, rel)
				return nil
			default:
				return nil
			}
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
	return out, readmes
}

// addReadmeIndexes adds the READMEs that jekyll-readme-index makes their
// folder's index: those whose folder has no index page among files.
func (c *Course) addReadmeIndexes(files []pageFile, readmes []string, folders map[string]bool) []pageFile {
	if len(readmes) == 0 {
		return files
	}
	for _, f := range files {
		base := strings.ToLower(path.Base(f.rel))
		if stem := strings.TrimSuffix(base, path.Ext(base)); stem == "index" {
			folders[strings.ToLower(readmeFolderURL(f.rel))] = true
		}
	}
	for rel := range c.readmeIndexes(readmes, folders) {
		kind := kindOther
		if !strings.Contains(rel, "/") {
			kind = kindHome
		}
		files = append(files, pageFile{rel: rel, kind: kind, readme: true})
	}
	return files
}

// jekyllExcluded is Jekyll's EntryFilter#excluded?: an exclude entry is a
// path from the course root (README.md leaves modules/README.md in), or a
// pattern File.fnmatch matches against that path, where * crosses folders.
func jekyllExcluded(excluded map[string]bool, rel string) bool {
	if excluded[rel] {
		return true
	}
	for pat := range excluded {
		if strings.ContainsAny(pat, "*?[") && fnmatchRE(pat).MatchString(rel) {
			return true
		}
	}
	return false
}

// fnmatchRE is Ruby's File.fnmatch pattern (no flags) as a regexp.
func fnmatchRE(pat string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range strings.TrimPrefix(pat, "/") {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return regexp.MustCompile(`^$.`)
	}
	return re
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
