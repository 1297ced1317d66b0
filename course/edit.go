package course

import (
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Edit is one change to a course in memory. Apply checks everything
// first and changes nothing when it fails; on success it returns the
// edit that undoes it (whose own Apply returns the redo). Save writes the
// result to disk.
//
// Undo is meant for a stack: inverses restore the exact bytes of the YAML
// they touched, so they must be applied in reverse order of their edits.
type Edit interface {
	Apply(c *Course) (Edit, error)
	String() string
}

// Apply runs an edit and returns its inverse.
func (c *Course) Apply(e Edit) (Edit, error) {
	inv, err := e.Apply(c)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e, err)
	}
	return inv, nil
}

// inverse undoes an edit with a closure and redoes it with the original.
type inverse struct {
	desc string
	undo func(c *Course) error
	redo Edit
}

func (u *inverse) Apply(c *Course) (Edit, error) {
	if err := u.undo(c); err != nil {
		return nil, err
	}
	return u.redo, nil
}

func (u *inverse) String() string { return "undo " + u.desc }

// ErrNoData is returned by edits that need _data/course.yml when it is
// missing or not valid YAML.
var ErrNoData = errors.New("_data/course.yml is missing or not valid YAML; fix it first (coursewright check shows where)")

// docState is a snapshot of a YAML document's text, restored by undo.
type docState struct {
	doc *Doc
	src []byte
}

func snapshot(d *Doc) docState {
	return docState{doc: d, src: append([]byte(nil), d.src...)}
}

func (s docState) restore() {
	s.doc.src = s.src
	_ = s.doc.reparse()
}

// data returns course.yml, creating an empty one for a course that has
// none (a folder with only modules/ is still a course).
func (c *Course) data() (*Doc, error) {
	if c.Data != nil {
		return c.Data, nil
	}
	if c.dataOrig != nil {
		return nil, ErrNoData
	}
	c.Data = &Doc{}
	return c.Data, nil
}

// modulesSeq returns course.yml's modules list, creating `modules: []`
// when it has none.
func (c *Course) modulesSeq() (*yaml.Node, error) {
	d, err := c.data()
	if err != nil {
		return nil, err
	}
	n := d.Lookup("modules")
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		if err := d.SetNode(seq, "modules"); err != nil {
			return nil, err
		}
		n = d.Lookup("modules")
	}
	if n.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s line %d: modules is not a list: %w", DataFile, n.Line, ErrNoData)
	}
	return n, nil
}

// listIndex is the position of a module in course.yml's list, or -1.
func (c *Course) listIndex(slug string) int {
	if c.Data == nil {
		return -1
	}
	n := c.Data.Lookup("modules")
	if n == nil || n.Kind != yaml.SequenceNode {
		return -1
	}
	for i, it := range n.Content {
		if itemSlug(it) == slug {
			return i
		}
	}
	return -1
}

func itemSlug(it *yaml.Node) string {
	if it.Kind == yaml.MappingNode {
		if _, s := mapEntry(it, "slug"); s != nil {
			return s.Value
		}
		return ""
	}
	return it.Value
}

// listedCount is how many of c.Modules are listed (they come first).
func (c *Course) listedCount() int {
	n := 0
	for _, m := range c.Modules {
		if !m.Hidden {
			n++
		}
	}
	return n
}

func (c *Course) moduleIndex(slug string) int {
	for i, m := range c.Modules {
		if m.Slug == slug {
			return i
		}
	}
	return -1
}

func (c *Course) findModule(slug string) (*Module, int, error) {
	if why := moduleEntryProblem(slug); why != "" {
		return nil, -1, badModuleEntry(slug, why)
	}
	i := c.moduleIndex(slug)
	if i < 0 {
		return nil, -1, errorOf(ErrNotInCourse, "no module %q", slug)
	}
	return c.Modules[i], i, nil
}

func (c *Course) findPage(module, slug string) (*Module, *Page, int, error) {
	m, _, err := c.findModule(module)
	if err != nil {
		return nil, nil, -1, err
	}
	for i, p := range m.Pages {
		if p.Slug == slug {
			return m, p, i, nil
		}
	}
	return nil, nil, -1, errorOf(ErrNotInCourse, "no page %q in module %q", slug, module)
}

// clampPos turns a 1-based position (0 or past the end = last) into an
// insertion index in a list of n.
func clampPos(pos, n int) (int, error) {
	if pos < 0 {
		return 0, fmt.Errorf("position %d: positions start at 1", pos)
	}
	if pos == 0 || pos > n+1 {
		return n, nil
	}
	return pos - 1, nil
}

func insertAt[T any](s []T, i int, v T) []T {
	s = append(s, v)
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

func removeAt[T any](s []T, i int) []T {
	return append(s[:i], s[i+1:]...)
}
