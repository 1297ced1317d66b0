package course

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// postNameRE is the Jekyll post file name Course-in-a-Box pages use.
var postNameRE = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-(.+)\.(?i:md|markdown)$`)

type stamp struct {
	size int64
	mod  time.Time
}

// Load reads the course folder dir. Problems in individual files (invalid
// YAML, binary or oversized pages, links out of the course) do not stop
// the load: they are recorded in Problems and Check reports them. Load
// fails only when dir is not a course or cannot be read at all.
func Load(dir string) (*Course, error) { return LoadContext(context.Background(), dir) }

// LoadContext is Load that stops when ctx is done: between files and
// folders, so a cancel takes effect within a file's read even on a
// course of thousands of pages. It then returns ctx.Err() and no course.
func LoadContext(ctx context.Context, dir string) (*Course, error) {
	return LoadProgress(ctx, dir, nil)
}

// LoadProgress is LoadContext that reports how far the read of the pages
// has come: progress, when not nil, gets the number of pages read and of
// pages in all after each page. It is called from the goroutines that
// read the pages, several at once: it must be quick and safe for that
// (the app stores the numbers and shows them on its own clock).
func LoadProgress(ctx context.Context, dir string, progress func(read, total int)) (*Course, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("open course: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("open course: %s is a file, not a folder: %w", dir, ErrNotCourse)
	}
	if !exists(abs, ConfigFile) && !exists(abs, DataFile) && !exists(abs, ModulesDir) {
		return nil, fmt.Errorf("open course: %s has no _config.yml, _data/course.yml or modules folder: %w", dir, ErrNotCourse)
	}
	// A save that moved files and was cut short is completed first.
	if _, err := completeJournal(abs); err != nil {
		return nil, fmt.Errorf("open course: an interrupted edit (%s) could not be completed: %w", EditJournalFile, err)
	}
	c := &Course{Dir: abs, stamps: map[string]stamp{}}
	c.Config, c.configOrig = c.loadYAML(ConfigFile)
	c.Data, c.dataOrig = c.loadYAML(DataFile)

	files, dirs, err := c.collect(ctx)
	if err != nil {
		return nil, err
	}
	pages := c.readPages(ctx, files, progress)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c.assemble(pages, dirs)
	return c, nil
}

func exists(root, rel string) bool {
	_, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
	return err == nil
}

func (c *Course) problem(code Code, file string, line int, sev Severity, msg, hint string, args ...string) {
	c.Problems = append(c.Problems, Diagnostic{File: file, Line: line, Severity: sev, Code: code, Args: argMap(args), Message: msg, Hint: hint})
}

func (c *Course) loadYAML(rel string) (*Doc, []byte) {
	raw, ok := c.readFile(rel, 1<<20)
	if !ok {
		return nil, nil
	}
	d, err := ParseDoc(raw)
	if err != nil {
		var ye *YAMLError
		line := 0
		if errors.As(err, &ye) {
			line = ye.Line
		}
		c.problem(CodeYAMLInvalid, rel, line, SeverityError, "invalid YAML: "+strings.TrimPrefix(err.Error(), fmt.Sprintf("line %d: ", line)),
			"fix the line shown; Coursewright will not change this file until it is valid")
		return nil, raw
	}
	return d, raw
}

// readFile reads a file of the course, refusing symlinks that lead out of
// it and files over limit. Missing files are not a problem.
func (c *Course) readFile(rel string, limit int64) ([]byte, bool) {
	s, ok := c.readText(rel, limit)
	return []byte(s), ok
}

// readText is readFile into a string read in place: a course's text is
// kept once in memory, with bodies as substrings of it.
func (c *Course) readText(rel string, limit int64) (string, bool) {
	full := filepath.Join(c.Dir, filepath.FromSlash(rel))
	st, err := os.Lstat(full)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			c.problem(CodeFileUnreadable, rel, 0, SeverityError, "cannot read file: "+err.Error(), "check the file's permissions")
		}
		return "", false
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		if !IsInside(c.Dir, full) {
			c.problem(CodeFileLinkOutside, rel, 0, SeverityError, "this file is a link to something outside the course (or to nothing)",
				"copy the file into the course folder instead of linking to it")
			return "", false
		}
		if st, err = os.Stat(full); err != nil {
			c.problem(CodeFileLinkBroken, rel, 0, SeverityError, "broken link: "+err.Error(), "remove the link or restore its target")
			return "", false
		}
	}
	if st.Size() > limit {
		c.problem(CodeFileTooLarge, rel, 0, SeverityError, fmt.Sprintf("file is too large (%d MB; the limit is %d MB)", st.Size()>>20, limit>>20),
			"split it into several pages, or move large media out of markdown", "Limit", strconv.FormatInt(limit>>20, 10))
		return "", false
	}
	f, err := os.Open(full)
	if err != nil {
		c.problem(CodeFileUnreadable, rel, 0, SeverityError, "cannot read file: "+err.Error(), "check the file's permissions")
		return "", false
	}
	defer f.Close()
	var b strings.Builder
	b.Grow(int(st.Size()) + 1)
	if c.readBuf == nil {
		// io.Copy would allocate 32 KB per file; one buffer per reader
		// halves what loading a large course allocates.
		c.readBuf = make([]byte, 64<<10)
	}
	if _, err := io.CopyBuffer(&b, io.LimitReader(f, limit+1), c.readBuf); err != nil {
		c.problem(CodeFileUnreadable, rel, 0, SeverityError, "cannot read file: "+err.Error(), "check the file's permissions")
		return "", false
	}
	if int64(b.Len()) > limit {
		c.problem(CodeFileTooLarge, rel, 0, SeverityError, fmt.Sprintf("file is too large (the limit is %d MB)", limit>>20), "split it into several pages",
			"Limit", strconv.FormatInt(limit>>20, 10))
		return "", false
	}
	c.stamps[rel] = stamp{st.Size(), st.ModTime()}
	return b.String(), true
}

// fileKind says where a markdown file sits in the course.
type fileKind int

const (
	kindModulePage fileKind = iota
	kindHome
	kindSingle
	kindGuide
	kindGuideIndex
	kindOther // any other page Jekyll builds (discover.go)
)

type pageFile struct {
	rel    string
	kind   fileKind
	module string
	readme bool // a README that is its folder's index (readme-index)
}

// collect lists the course's markdown files and assets without reading
// them; it stops with ctx.Err() between folders when ctx is done.
func (c *Course) collect(ctx context.Context) (files []pageFile, moduleDirs []string, err error) {
	excluded := c.excludes()

	// Root pages.
	entries, err := os.ReadDir(c.Dir)
	if err != nil {
		return nil, nil, fmt.Errorf("open course: %w", err)
	}
	c.removeStaleTemps(".", entries)
	if de, err := c.readDir(path.Dir(DataFile)); err == nil {
		c.removeStaleTemps(path.Dir(DataFile), de)
	}
	var readmes []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !isMarkdown(name) || excluded[name] || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
			continue
		}
		if !startsWithFrontMatter(filepath.Join(c.Dir, name)) && (!c.frontMatterOptional() || !c.optionalFrontMatterPage(name)) {
			// Not a page on GitHub Pages: a README, LICENSE… without
			// front matter (a README may still be the home page).
			if isReadme(name) {
				readmes = append(readmes, name)
			}
			continue
		}
		kind := kindSingle
		if name == HomeFile {
			kind = kindHome
		}
		files = append(files, pageFile{rel: name, kind: kind})
	}

	haveHome := false
	for _, f := range files {
		haveHome = haveHome || f.kind == kindHome
	}
	indexed := map[string]bool{}
	others, moreReadmes := c.collectOtherPages(ctx, excluded, haveHome, indexed)
	files = append(files, others...)
	files = c.addReadmeIndexes(files, append(readmes, moreReadmes...), indexed)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}

	// Facilitator guide.
	if entries, err := c.readDir(GuideDir); err == nil {
		c.removeStaleTemps(GuideDir, entries)
		for _, e := range entries {
			if e.IsDir() || !isMarkdown(e.Name()) {
				continue
			}
			kind := kindGuide
			if e.Name() == HomeFile {
				kind = kindGuideIndex
			}
			files = append(files, pageFile{rel: GuideDir + "/" + e.Name(), kind: kind})
		}
	}

	// Module folders.
	if entries, err := c.readDir(ModulesDir); err == nil {
		for _, e := range entries {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			moduleDirs = append(moduleDirs, e.Name())
			posts := ModulesDir + "/" + e.Name() + "/_posts"
			pe, err := c.readDir(posts)
			if err != nil {
				continue
			}
			c.removeStaleTemps(posts, pe)
			for _, p := range pe {
				if p.IsDir() || !isMarkdown(p.Name()) {
					continue
				}
				rel := posts + "/" + p.Name()
				if !postNameRE.MatchString(p.Name()) {
					c.problem(CodePageNameNoDate, rel, 0, SeverityError, "page file name does not start with a date (YYYY-MM-DD-name.md)",
						"Jekyll ignores this page; rename it, e.g. 2000-01-01-"+strings.TrimSuffix(p.Name(), path.Ext(p.Name()))+".md")
					continue
				}
				files = append(files, pageFile{rel: rel, kind: kindModulePage, module: e.Name()})
			}
		}
	}

	// Images and other media.
	c.Assets = c.Assets[:0]
	walkErr := filepath.WalkDir(filepath.Join(c.Dir, ImageDir), func(p string, d fs.DirEntry, err error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(c.Dir, p)
		rel = filepath.ToSlash(rel)
		if d.Type()&fs.ModeSymlink != 0 && !IsInside(c.Dir, p) {
			c.problem(CodeImageLinkOutside, rel, 0, SeverityWarning, "this image is a link to something outside the course; it is left out",
				"copy the file into the course folder")
			return nil
		}
		if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			c.Assets = append(c.Assets, rel)
		}
		return nil
	})
	if err := ctx.Err(); err != nil && errors.Is(walkErr, err) {
		return nil, nil, err
	}
	return files, moduleDirs, nil
}

// readDir lists a folder of the course, refusing a folder that is a link
// out of the course.
func (c *Course) readDir(rel string) ([]fs.DirEntry, error) {
	full := filepath.Join(c.Dir, filepath.FromSlash(rel))
	st, err := os.Lstat(full)
	if err != nil {
		return nil, err
	}
	if st.Mode()&fs.ModeSymlink != 0 && !IsInside(c.Dir, full) {
		c.problem(CodeFolderLinkOutside, rel, 0, SeverityError, "this folder is a link to something outside the course; it is left out",
			"copy the folder into the course instead of linking to it")
		return nil, ErrOutsideCourse
	}
	return os.ReadDir(full)
}

// isMarkdown reports a markdown file name; like Jekyll, in any letter
// case (NOTES.MD is a page too).
func isMarkdown(name string) bool {
	if len(name) > len(".markdown") {
		name = name[len(name)-len(".markdown"):]
	}
	name = strings.ToLower(name)
	return strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".markdown")
}

func (c *Course) excludes() map[string]bool {
	ex := map[string]bool{}
	if c.Config == nil {
		return ex
	}
	if n := c.Config.Lookup("exclude"); n != nil && n.Kind == yaml.SequenceNode {
		for _, it := range n.Content {
			ex[it.Value] = true
		}
	}
	return ex
}

type readResult struct {
	file pageFile
	page *Page
	diag []Diagnostic
	st   stamp
}

// readPages reads and parses files on all cores: loading a 5,000-page
// course is mostly file reads and YAML parsing, both parallel. When ctx
// is done the workers stop before their next file (the caller then
// drops what was read).
func (c *Course) readPages(ctx context.Context, files []pageFile, progress func(read, total int)) []readResult {
	results := make([]readResult, len(files))
	var read atomic.Int64
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	next := make(chan int, len(files))
	for i := range files {
		next <- i
	}
	close(next)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each worker reports into its own Course value so the
			// shared one is touched only after the wait.
			local := &Course{Dir: c.Dir, stamps: map[string]stamp{}}
			for i := range next {
				if ctx.Err() != nil {
					return
				}
				f := files[i]
				r := readResult{file: f}
				r.page = local.loadPage(f.rel)
				r.diag = local.Problems
				local.Problems = nil
				r.st = local.stamps[f.rel]
				results[i] = r
				if progress != nil {
					progress(int(read.Add(1)), len(files))
				}
			}
		}()
	}
	wg.Wait()
	return results
}

// loadPage reads and parses one markdown file; nil when it was refused.
func (c *Course) loadPage(rel string) *Page {
	raw, ok := c.readText(rel, MaxPageSize)
	if !ok {
		return nil
	}
	if strings.IndexByte(raw, 0) >= 0 {
		c.problem(CodeFileBinary, rel, 0, SeverityError, "this is not a text file (it contains binary data) but its name ends in .md",
			"rename it or remove it; Coursewright leaves it untouched")
		return nil
	}
	if !utf8.ValidString(raw) {
		line := 1 + strings.Count(raw[:firstInvalidUTF8(raw)], "\n")
		c.problem(CodeFileNotUTF8, rel, line, SeverityError, "text is not UTF-8",
			"save the file as UTF-8 in your text editor; Coursewright leaves it untouched until then")
		return nil
	}
	p, err := parsePage(rel, raw)
	if err != nil {
		line := 0
		var ye *YAMLError
		if errors.As(err, &ye) && ye.Line > 0 {
			line = ye.Line + 1 // the front matter starts after the opening ---
		}
		c.problem(CodeFrontMatterInvalid, rel, line, SeverityError, "invalid front matter: "+err.Error(),
			"fix the YAML between the --- lines at the top of the page")
	}
	base := path.Base(rel)
	if m := postNameRE.FindStringSubmatch(base); m != nil && strings.Contains(rel, "/_posts/") {
		p.Date, p.Slug = m[1], m[2]
	} else {
		p.Slug = strings.TrimSuffix(base, path.Ext(base))
	}
	return p
}

func firstInvalidUTF8(b string) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRuneInString(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// listedModule is one entry of course.yml's modules list.
type listedModule struct {
	slug, title string
	line        int
}

// listedModules reads course.yml's modules in both shapes real courses
// use: a list of folder names, or a list of {title, slug} mappings.
func (c *Course) listedModules() []listedModule {
	if c.Data == nil {
		return nil
	}
	n := c.Data.Lookup("modules")
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	titles := c.Data.Lookup("module_titles")
	var out []listedModule
	for _, it := range n.Content {
		lm := listedModule{line: it.Line}
		switch it.Kind {
		case yaml.ScalarNode:
			lm.slug = it.Value
			if titles != nil && titles.Kind == yaml.MappingNode {
				if _, v := mapEntry(titles, it.Value); v != nil {
					lm.title = v.Value
				}
			}
		case yaml.MappingNode:
			_, s := mapEntry(it, "slug")
			_, t := mapEntry(it, "title")
			if s != nil {
				lm.slug = s.Value
			}
			if t != nil {
				lm.title = t.Value
			}
		}
		if lm.title == "" {
			lm.title = humanize(lm.slug)
		}
		out = append(out, lm)
	}
	return out
}

// humanize makes a display title from a folder name: "what-is-ai" →
// "What is ai". Authors can set a real title, which Coursewright keeps.
func humanize(slug string) string {
	s := strings.NewReplacer("-", " ", "_", " ").Replace(slug)
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[size:]
}

// assemble builds modules, pages and guides from what was read.
func (c *Course) assemble(results []readResult, moduleDirs []string) {
	byModule := map[string][]*Page{}
	var guidePages []*Page
	for _, r := range results {
		c.Problems = append(c.Problems, r.diag...)
		if r.page == nil {
			continue
		}
		c.stamps[r.file.rel] = r.st
		r.page.course = c
		r.page.readmeIndex = r.file.readme
		switch r.file.kind {
		case kindModulePage:
			byModule[r.file.module] = append(byModule[r.file.module], r.page)
		case kindHome:
			c.Home = r.page
		case kindSingle:
			c.Pages = append(c.Pages, r.page)
		case kindGuide:
			guidePages = append(guidePages, r.page)
		case kindGuideIndex:
			c.guideIndex = r.page
		case kindOther:
			c.other = append(c.other, r.page)
		}
	}
	sort.Slice(c.Pages, func(i, j int) bool { return c.Pages[i].Path < c.Pages[j].Path })

	seen := map[string]bool{}
	for _, lm := range c.listedModules() {
		if seen[lm.slug] {
			continue // Check reports the duplicate
		}
		seen[lm.slug] = true
		m := &Module{Slug: lm.slug, Title: lm.title, diskSlug: lm.slug}
		if moduleEntryProblem(lm.slug) != "" {
			// Never looked for: it may name a folder outside modules/.
			// Check reports it.
			m.Missing = true
		} else if _, err := os.Stat(filepath.Join(c.Dir, ModulesDir, lm.slug)); err != nil {
			m.Missing = true
		}
		m.Pages = byModule[lm.slug]
		c.Modules = append(c.Modules, m)
	}
	var hidden []string
	for _, slug := range moduleDirs {
		if !seen[slug] {
			hidden = append(hidden, slug)
		}
	}
	sort.Strings(hidden)
	for _, slug := range hidden {
		title := humanize(slug)
		if c.Data != nil {
			if t := c.Data.String("module_titles", slug); t != "" {
				title = t
			}
		}
		c.Modules = append(c.Modules, &Module{Slug: slug, Title: title, Hidden: true, Pages: byModule[slug], diskSlug: slug})
	}
	for _, m := range c.Modules {
		sortPages(m.Pages)
	}
	c.Guides = parseGuides(guidePages)
}

// sortPages orders pages as Jekyll does within a module: by date, then by
// file name.
func sortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Date != ps[j].Date {
			return ps[i].Date < ps[j].Date
		}
		return ps[i].Path < ps[j].Path
	})
}
