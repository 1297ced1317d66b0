// Package course is Coursewright's model of a course: a Course-in-a-Box
// folder (a Jekyll site) read into memory, checked, edited and written back.
//
// It reads every shape real courses use and writes back only what an edit
// changed, keeping the files' own formatting, so a course opened and saved
// in Coursewright still builds with Jekyll and shows no spurious diff.
// It imports neither Fyne nor git: the GUI and the CLI both call it.
package course

import (
	"fmt"
	"os"
	"path"
)

// Well-known paths inside a course folder.
const (
	ConfigFile  = "_config.yml"
	DataFile    = "_data/course.yml"
	ModulesDir  = "modules"
	GuideDir    = "facilitator-guide"
	ImageDir    = "img"
	HomeFile    = "index.md"
	TrashDir    = ".coursewright/trash"
	MaxPageSize = 5 << 20 // markdown files above this are refused
)

// Course is a course folder loaded into memory.
type Course struct {
	Dir string

	Config *Doc // _config.yml; nil when missing or invalid
	Data   *Doc // _data/course.yml; nil when missing or invalid

	Modules []*Module // listed modules in course.yml order, then hidden ones
	Home    *Page     // index.md, or nil
	Pages   []*Page   // single pages at the root (about.md, …), by path
	Guides  []*Guide  // facilitator-guide meetings, by meeting number
	Assets  []string  // images and other media under img/, by path

	// Problems found while loading (bad YAML, unreadable or refused files).
	// Check reports them together with its own findings.
	Problems []Diagnostic

	configOrig, dataOrig []byte
	guideIndex           *Page                   // facilitator-guide/index.md
	other                []*Page                 // other markdown the course holds, read for links
	styles               []string                // Sass stylesheets with front matter (stylesheets.go)
	ops                  []fileOp                // file moves waiting for Save
	stamps               map[string]stamp        // size+mtime of files read, for Reload
	journal              *os.File                // the edit journal of the save under way
	journalStep          int                     // the next move of the journal
	failHook             func(step string) error // tests: fail a save at a chosen move or write
	readBuf              []byte                  // copy buffer reused across file reads
}

// Module is one folder under modules/.
type Module struct {
	Slug   string // the folder name, as course.yml lists it
	Title  string
	Hidden bool // not listed in course.yml: Jekyll does not show it
	Pages  []*Page

	// Missing is set for a module course.yml lists but that has no folder.
	Missing bool

	diskSlug string // folder name on disk; differs after a reslug until Save
}

// Severity ranks a diagnostic.
type Severity int

const (
	SeverityError Severity = iota
	SeverityWarning
	SeverityInfo
)

func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return "info"
}

// Diagnostic is one finding about a course, located at a file position and
// worded for an author who does not know Jekyll.
type Diagnostic struct {
	File     string // slash path relative to the course
	Line     int    // 1-based; 0 when the whole file is meant
	Col      int    // 1-based; 0 when unknown
	Severity Severity
	// Code says what kind of problem this is, and Args the values its
	// words need (a link's Target, a translation's Source…): what the CLI
	// and the app turn into words, each in its own way (see Code).
	Code Code
	Args map[string]string
	// Message and Hint are the English wording, for logs and readers
	// without words of their own for Code.
	Message string // what is wrong
	Hint    string // what to do about it
}

// String formats the diagnostic as file:line:col: severity: message (hint).
func (d Diagnostic) String() string {
	line, col := d.Line, d.Col
	if line == 0 {
		line = 1
	}
	if col == 0 {
		col = 1
	}
	s := fmt.Sprintf("%s:%d:%d: %s: %s", d.File, line, col, d.Severity, d.Message)
	if d.Hint != "" {
		s += " (" + d.Hint + ")"
	}
	return s
}

// Title is the course title from _data/course.yml.
func (c *Course) Title() string {
	if c.Data == nil {
		return ""
	}
	return c.Data.String("title")
}

// Module returns the module with the given slug, or nil.
func (c *Course) Module(slug string) *Module {
	for _, m := range c.Modules {
		if m.Slug == slug {
			return m
		}
	}
	return nil
}

// Page returns the page with the given slug in the module, or nil.
func (m *Module) Page(slug string) *Page {
	for _, p := range m.Pages {
		if p.Slug == slug {
			return p
		}
	}
	return nil
}

// AllPages returns every markdown page of the course: home, single pages,
// module pages and guide pages.
func (c *Course) AllPages() []*Page {
	var out []*Page
	if c.Home != nil {
		out = append(out, c.Home)
	}
	out = append(out, c.Pages...)
	for _, m := range c.Modules {
		out = append(out, m.Pages...)
	}
	if c.guideIndex != nil {
		out = append(out, c.guideIndex)
	}
	for _, g := range c.Guides {
		out = append(out, g.Page)
	}
	return append(out, c.other...)
}

// PageByPath finds a loaded page by its slash path.
func (c *Course) PageByPath(p string) *Page {
	for _, pg := range c.AllPages() {
		if pg.Path == p {
			return pg
		}
	}
	return nil
}

func postName(date, slug string) string { return date + "-" + slug + ".md" }

func modulePostPath(module, date, slug string) string {
	return ModulesDir + "/" + module + "/_posts/" + postName(date, slug)
}

// pagePostPath is where page p lives in module under date and slug,
// keeping the extension its file has (.markdown stays .markdown).
func pagePostPath(p *Page, module, date, slug string) string {
	ext := path.Ext(p.Path)
	if ext == "" || !isMarkdown("x"+ext) {
		ext = ".md"
	}
	return ModulesDir + "/" + module + "/_posts/" + date + "-" + slug + ext
}
