package course

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// A language version of a course is a course of its own whose pages each
// name the page of the source course they translate and the source's
// version (git commit) they were translated from, in their front matter:
//
//	translation_of:
//	  path: modules/intro/_posts/2000-01-01-welcome.md
//	  commit: 3f1c…
//
// Jekyll ignores the key. With it, Check can tell which pages still read
// as the source does (untranslated) and which were translated from a
// version of the source page that has changed since (outdated).

// TranslationKey is the front matter key of a translated page.
const TranslationKey = "translation_of"

// TranslationOf names the source page a page translates.
type TranslationOf struct {
	Path   string `yaml:"path" json:"path"`
	Commit string `yaml:"commit" json:"commit"`
}

// TranslationOf returns what the page's front matter says it translates.
func (p *Page) TranslationOf() (TranslationOf, bool) {
	if p.front == nil {
		return TranslationOf{}, false
	}
	n := p.front.Lookup(TranslationKey)
	if n == nil || n.Kind != yaml.MappingNode {
		return TranslationOf{}, false
	}
	var t TranslationOf
	if n.Decode(&t) != nil || t.Path == "" {
		return TranslationOf{}, false
	}
	return t, true
}

// SetTranslationOf records in a page's front matter which source page, at
// which version of the source, it translates. Page is the page's path.
type SetTranslationOf struct {
	Page string
	Of   TranslationOf
}

func (e SetTranslationOf) String() string { return "mark " + e.Page + " as a translation" }

func (e SetTranslationOf) Apply(c *Course) (Edit, error) {
	p := c.PageByPath(e.Page)
	if p == nil {
		return nil, errorOf(ErrNotInCourse, "there is no page %s", e.Page)
	}
	if e.Of.Path == "" || e.Of.Commit == "" {
		return nil, fmt.Errorf("a translation needs the source page and the source's version")
	}
	if !checkFrontValid(p) {
		return nil, fmt.Errorf("the front matter of %s is not valid YAML; fix it first", p.Path)
	}
	hadFront := p.front != nil
	var before docState
	if hadFront {
		before = snapshot(p.front)
	}
	wasDirty := p.dirty
	value := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Value: "path"}, {Kind: yaml.ScalarNode, Tag: "!!str", Value: e.Of.Path},
		{Kind: yaml.ScalarNode, Value: "commit"}, {Kind: yaml.ScalarNode, Tag: "!!str", Value: e.Of.Commit},
	}}
	if err := p.Front().SetNode(value, TranslationKey); err != nil {
		if hadFront {
			before.restore()
		} else {
			p.front, p.open, p.close = nil, "", ""
		}
		return nil, err
	}
	p.dirty = true
	return &inverse{desc: e.String(), redo: e, undo: func(*Course) error {
		if hadFront {
			before.restore()
		} else {
			p.front, p.open, p.close = nil, "", ""
		}
		p.dirty = wasDirty || p.text() != p.origText()
		return nil
	}}, nil
}

// ParsePage reads the text of a markdown file (as stored in git, say) into
// a Page, to compare it with a page of a course. Front matter that is not
// valid YAML is returned as an error with the page still usable.
func ParsePage(path string, data []byte) (*Page, error) {
	p, err := parsePage(path, string(data))
	if p != nil {
		p.saved, p.loadedPath = false, ""
	}
	return p, err
}

// SameContent reports whether two versions of a page say the same: the
// same body and the same front matter apart from translation_of, so that
// marking a page as a translation is not counted as changing it.
func SameContent(a, b *Page) bool {
	if strings.TrimSpace(a.Body()) != strings.TrimSpace(b.Body()) {
		return false
	}
	return bytes.Equal(frontWithout(a, TranslationKey), frontWithout(b, TranslationKey))
}

// frontWithout is the page's front matter text with key removed, for
// comparing.
func frontWithout(p *Page, key string) []byte {
	if p.front == nil {
		return nil
	}
	d, err := ParseDoc(p.front.Bytes())
	if err != nil {
		return p.front.Bytes()
	}
	if err := d.Delete(key); err != nil {
		return p.front.Bytes()
	}
	return bytes.TrimSpace(d.Bytes())
}

// TranslationSource is what Check needs to know about the course a
// language version was made from. The adapt package provides one read
// from the source's git history; this package knows nothing of git.
type TranslationSource interface {
	// SourceFile returns the source's file at path as it is in version
	// commit ("" for the newest version known); ok is false when that
	// version has no such file.
	SourceFile(path, commit string) (data []byte, ok bool, err error)
	// SourcePages lists the markdown pages of the newest version known.
	SourcePages() ([]string, error)
}

// translationDiagnostics reports the state of a language version: pages
// that still read as the source does, pages whose source page changed
// since they were translated (or is gone), and source pages with no
// translation. A course none of whose pages is a translation gets none.
func translationDiagnostics(c *Course, src TranslationSource) []Diagnostic {
	var out []Diagnostic
	add := func(code Code, file string, line int, sev Severity, msg, hint string, args ...string) {
		out = append(out, Diagnostic{File: file, Line: line, Severity: sev, Code: code, Args: argMap(args), Message: msg, Hint: hint})
	}
	translated := map[string]bool{}
	isTranslation := false
	for _, p := range c.AllPages() {
		t, ok := p.TranslationOf()
		if !ok {
			continue
		}
		isTranslation = true
		translated[t.Path] = true
		line := 1
		if root := p.front.Root(); root != nil {
			if k, _ := mapEntry(root, TranslationKey); k != nil {
				line = checkFrontLine(k)
			}
		}
		old, okOld, err := src.SourceFile(t.Path, t.Commit)
		if err != nil {
			add(CodeTranslationSourceUnreadable, p.Path, line, SeverityInfo, "the source of this translation could not be read: "+err.Error(), "")
			continue
		}
		if !okOld {
			add(CodeTranslationVersionUnknown, p.Path, line, SeverityWarning,
				fmt.Sprintf("this page says it translates %s as of version %s, which the source course does not have", t.Path, shortCommit(t.Commit)),
				"correct translation_of in the page's front matter", "Source", t.Path, "Version", shortCommit(t.Commit))
			continue
		}
		now, okNow, err := src.SourceFile(t.Path, "")
		if err != nil {
			add(CodeTranslationSourceUnreadable, p.Path, line, SeverityInfo, "the source of this translation could not be read: "+err.Error(), "")
			continue
		}
		switch {
		case !okNow:
			add(CodeTranslationSourceRemoved, p.Path, line, SeverityWarning,
				fmt.Sprintf("the source page %s has been removed from the source course since this page was translated", t.Path),
				"remove this page too, or keep it as a page of your own and delete translation_of", "Source", t.Path)
		case !bytes.Equal(old, now):
			add(CodeTranslationOutdated, p.Path, line, SeverityWarning,
				fmt.Sprintf("outdated translation: the source page %s changed after this page was translated (from version %s)", t.Path, shortCommit(t.Commit)),
				"see what changed in the source, update the translation, then mark it as done", "Source", t.Path, "Version", shortCommit(t.Commit), "Page", p.Path)
		}
		if sp, err := ParsePage(t.Path, old); err == nil && strings.TrimSpace(sp.Body()) == strings.TrimSpace(p.Body()) && strings.TrimSpace(p.Body()) != "" {
			add(CodeTranslationUnchanged, p.Path, line, SeverityWarning, "untranslated: this page still reads as the source page "+t.Path,
				"translate its text and its title", "Source", t.Path)
		}
	}
	if !isTranslation {
		return nil
	}
	pages, err := src.SourcePages()
	if err != nil {
		return out
	}
	for _, sp := range pages {
		if translated[sp] || c.PageByPath(sp) != nil {
			continue
		}
		add(CodeTranslationMissing, DataFile, 0, SeverityInfo, fmt.Sprintf("untranslated: the source course has a page %s that this version has no translation of", sp),
			"take it from the source course and translate it", "Source", sp)
	}
	return out
}

func shortCommit(h string) string {
	if len(h) > 10 {
		return h[:10]
	}
	return h
}
