package course

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// AddModule creates a module: its folder, its _posts folder with a first
// page (Jekyll and git both need a file to make a folder real), and its
// entry in course.yml's modules list.
type AddModule struct {
	Title string
	Slug  string // made from Title when empty
	Pos   int    // 1-based among listed modules; 0 = last
}

func (e AddModule) String() string { return fmt.Sprintf("add module %q", e.Title) }

func (e AddModule) Apply(c *Course) (Edit, error) {
	if err := ValidateTitle(e.Title); err != nil {
		return nil, err
	}
	slug := e.Slug
	if slug == "" {
		slug = Slugify(e.Title)
	}
	if err := ValidateSlug(slug); err != nil {
		return nil, err
	}
	if err := c.slugFree(slug); err != nil {
		return nil, err
	}
	listed := c.listedCount()
	idx, err := clampPos(e.Pos, listed)
	if err != nil {
		return nil, err
	}
	if _, err := c.modulesSeq(); err != nil {
		return nil, err
	}
	before := snapshot(c.Data)
	if err := c.insertListItem(slug, e.Title, idx); err != nil {
		before.restore()
		return nil, err
	}
	first := newPage(modulePostPath(slug, "2000-01-01", "overview"), "Overview", "# "+e.Title+"\n\n")
	first.course = c
	m := &Module{Slug: slug, Title: e.Title, Pages: []*Page{first}, diskSlug: slug}
	c.Modules = insertAt(c.Modules, idx, m)
	return &inverse{desc: e.String(), redo: e, undo: func(c *Course) error {
		if i := c.moduleIndex(slug); i >= 0 {
			c.Modules = removeAt(c.Modules, i)
		}
		// Once saved, the new folder goes to the trash like any removal.
		if c.willExist(ModulesDir + "/" + m.Slug) {
			dir := ModulesDir + "/" + m.Slug
			c.ops = append(c.ops, fileOp{from: dir, to: trashPath(dir)})
		}
		before.restore()
		return nil
	}}, nil
}

// slugFree refuses a slug that a module or a folder already has.
func (c *Course) slugFree(slug string) error {
	if c.moduleIndex(slug) >= 0 || c.listIndex(slug) >= 0 {
		return errorOf(ErrExists, "a module named %q already exists", slug)
	}
	if c.willExist(ModulesDir + "/" + slug) {
		return errorOf(ErrExists, "folder modules/%s already exists", slug)
	}
	return nil
}

// willExist reports whether a path will exist once the queued moves
// have run.
func (c *Course) willExist(rel string) bool {
	_, err := os.Lstat(filepath.Join(c.Dir, filepath.FromSlash(rel)))
	exists := err == nil
	for _, op := range c.ops {
		switch {
		case rel == op.from || strings.HasPrefix(rel, op.from+"/"):
			exists = false
		case rel == op.to || strings.HasPrefix(rel, op.to+"/"):
			exists = true
		}
	}
	return exists
}

// insertListItem adds a module to course.yml's list at list position idx
// (counted among listed modules), in the shape the list already uses.
func (c *Course) insertListItem(slug, title string, idx int) error {
	seq, err := c.modulesSeq()
	if err != nil {
		return err
	}
	at := len(seq.Content)
	if idx < c.listedCount() {
		at = c.listIndex(c.Modules[idx].Slug)
	}
	mapShape := len(seq.Content) > 0 && seq.Content[0].Kind == yaml.MappingNode
	var item *yaml.Node
	if mapShape {
		item = &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
			{Kind: yaml.ScalarNode, Value: "title"}, {Kind: yaml.ScalarNode, Value: title},
			{Kind: yaml.ScalarNode, Value: "slug"}, {Kind: yaml.ScalarNode, Value: slug}}}
	} else {
		item = &yaml.Node{Kind: yaml.ScalarNode, Value: slug}
	}
	text, err := c.Data.FormatSeqItem(item, "modules")
	if err != nil {
		return err
	}
	if err := c.Data.SeqInsertText(at, text, "modules"); err != nil {
		return err
	}
	if !mapShape && title != humanize(slug) {
		return c.Data.SetString(title, "module_titles", slug)
	}
	return nil
}

// dropModuleTitle deletes a module's module_titles entry, and the map
// when it becomes empty.
func (c *Course) dropModuleTitle(slug string) error {
	if c.Data == nil || c.Data.Lookup("module_titles", slug) == nil {
		return nil
	}
	if err := c.Data.Delete("module_titles", slug); err != nil {
		return err
	}
	if t := c.Data.Lookup("module_titles"); t != nil && len(t.Content) == 0 {
		return c.Data.Delete("module_titles")
	}
	return nil
}

// keepTitle records a module's title in module_titles when nothing else
// would: a hidden module, or one listed by folder name alone.
func (c *Course) keepTitle(slug, title string) error {
	if title == humanize(slug) || title == "" {
		return c.dropModuleTitle(slug)
	}
	return c.Data.SetString(title, "module_titles", slug)
}

// RenameModule changes a module's title. Modules listed as {title, slug}
// keep it there; a plain list of folder names keeps titles in a
// module_titles map that Jekyll ignores, so the stock theme still works.
type RenameModule struct {
	Slug, Title string
}

func (e RenameModule) String() string { return fmt.Sprintf("rename module %q to %q", e.Slug, e.Title) }

func (e RenameModule) Apply(c *Course) (Edit, error) {
	if err := ValidateTitle(e.Title); err != nil {
		return nil, err
	}
	m, _, err := c.findModule(e.Slug)
	if err != nil {
		return nil, err
	}
	d, err := c.data()
	if err != nil {
		return nil, err
	}
	before, oldTitle := snapshot(d), m.Title
	i := c.listIndex(e.Slug)
	if i >= 0 && d.Lookup("modules").Content[i].Kind == yaml.MappingNode {
		err = d.SetSeqScalar(i, "title", e.Title, "modules")
	} else {
		err = d.SetString(e.Title, "module_titles", e.Slug)
	}
	if err != nil {
		before.restore()
		return nil, err
	}
	m.Title = e.Title
	return &inverse{desc: e.String(), redo: e, undo: func(c *Course) error {
		before.restore()
		m.Title = oldTitle
		return nil
	}}, nil
}

// ReslugModule renames a module's folder, its entry in course.yml and
// every link to it in the course.
type ReslugModule struct {
	Slug, New string
}

func (e ReslugModule) String() string {
	return fmt.Sprintf("rename module folder %q to %q", e.Slug, e.New)
}

func (e ReslugModule) Apply(c *Course) (Edit, error) {
	if err := ValidateSlug(e.New); err != nil {
		return nil, err
	}
	m, _, err := c.findModule(e.Slug)
	if err != nil {
		return nil, err
	}
	if e.New == e.Slug {
		return &inverse{desc: e.String(), redo: e, undo: func(*Course) error { return nil }}, nil
	}
	if err := c.slugFree(e.New); err != nil {
		return nil, err
	}
	d, err := c.data()
	if err != nil {
		return nil, err
	}
	s := snapshot(d)
	before := &s
	mapShape := false
	if i := c.listIndex(e.Slug); i >= 0 {
		key := ""
		if d.Lookup("modules").Content[i].Kind == yaml.MappingNode {
			key, mapShape = "slug", true
		}
		err = d.SetSeqScalar(i, key, e.New, "modules")
	}
	if err == nil {
		err = c.dropModuleTitle(e.Slug)
	}
	if err == nil && !mapShape {
		// The title was the folder name's or module_titles'; keep it.
		err = c.keepTitle(e.New, m.Title)
	}
	if err != nil {
		before.restore()
		return nil, err
	}
	addrs := addressesBefore(m.Pages)
	c.moveModule(m, e.New)
	rw := c.rewriteLinks(moduleRewrite(e.Slug, e.New))
	undoRecords := recordOldAddresses(addrs)
	return &inverse{desc: e.String(), redo: e, undo: func(c *Course) error {
		undoRecords()
		c.moveModule(m, e.Slug)
		rw.undo()
		before.restore()
		return nil
	}}, nil
}

// moveModule points a module and its pages at a new folder name and
// queues the folder move for Save.
func (c *Course) moveModule(m *Module, slug string) {
	from := ModulesDir + "/" + m.Slug
	to := ModulesDir + "/" + slug
	c.ops = append(c.ops, fileOp{from: from, to: to})
	m.Slug = slug
	for _, p := range m.Pages {
		p.Path = pagePostPath(p, slug, p.Date, p.Slug)
	}
}

// MoveModule changes a listed module's position in the top bar.
type MoveModule struct {
	Slug string
	Pos  int // 1-based among listed modules
}

func (e MoveModule) String() string {
	return fmt.Sprintf("move module %q to position %d", e.Slug, e.Pos)
}

func (e MoveModule) Apply(c *Course) (Edit, error) {
	m, from, err := c.findModule(e.Slug)
	if err != nil {
		return nil, err
	}
	if m.Hidden {
		return nil, fmt.Errorf("module %q is hidden; show it first to place it in the top bar", e.Slug)
	}
	listed := c.listedCount()
	if e.Pos < 1 || e.Pos > listed {
		return nil, fmt.Errorf("position %d is outside 1–%d", e.Pos, listed)
	}
	to := e.Pos - 1
	if to == from {
		return &inverse{desc: e.String(), redo: e, undo: func(*Course) error { return nil }}, nil
	}
	before := snapshot(c.Data)
	target := c.Modules[to].Slug
	li := c.listIndex(e.Slug)
	text, err := c.Data.SeqRemove(li, "modules")
	if err == nil {
		at := c.listIndex(target)
		if to > from {
			at++
		}
		err = c.Data.SeqInsertText(at, text, "modules")
	}
	if err != nil {
		before.restore()
		return nil, err
	}
	c.Modules = insertAt(removeAt(c.Modules, from), to, m)
	return &inverse{desc: e.String(), redo: e, undo: func(c *Course) error {
		before.restore()
		if i := c.moduleIndex(m.Slug); i >= 0 {
			c.Modules = insertAt(removeAt(c.Modules, i), from, m)
		}
		return nil
	}}, nil
}

// HideModule takes a module out of course.yml's list: Jekyll stops
// showing it, its folder stays.
type HideModule struct{ Slug string }

func (e HideModule) String() string { return fmt.Sprintf("hide module %q", e.Slug) }

func (e HideModule) Apply(c *Course) (Edit, error) {
	m, from, err := c.findModule(e.Slug)
	if err != nil {
		return nil, err
	}
	if m.Hidden {
		return &inverse{desc: e.String(), redo: e, undo: func(*Course) error { return nil }}, nil
	}
	before := snapshot(c.Data)
	if _, err := c.Data.SeqRemove(c.listIndex(e.Slug), "modules"); err != nil {
		before.restore()
		return nil, err
	}
	if err := c.keepTitle(m.Slug, m.Title); err != nil {
		before.restore()
		return nil, err
	}
	c.Modules = removeAt(c.Modules, from)
	m.Hidden = true
	c.Modules = insertAt(c.Modules, c.listedCount(), m)
	return &inverse{desc: e.String(), redo: e, undo: func(c *Course) error {
		before.restore()
		if i := c.moduleIndex(m.Slug); i >= 0 {
			c.Modules = removeAt(c.Modules, i)
		}
		m.Hidden = false
		c.Modules = insertAt(c.Modules, from, m)
		return nil
	}}, nil
}

// ShowModule lists a hidden module in course.yml so Jekyll shows it.
type ShowModule struct {
	Slug string
	Pos  int // 1-based among listed modules; 0 = last
}

func (e ShowModule) String() string { return fmt.Sprintf("show module %q", e.Slug) }

func (e ShowModule) Apply(c *Course) (Edit, error) {
	m, from, err := c.findModule(e.Slug)
	if err != nil {
		return nil, err
	}
	if !m.Hidden {
		return &inverse{desc: e.String(), redo: e, undo: func(*Course) error { return nil }}, nil
	}
	idx, err := clampPos(e.Pos, c.listedCount())
	if err != nil {
		return nil, err
	}
	if _, err := c.modulesSeq(); err != nil {
		return nil, err
	}
	before := snapshot(c.Data)
	if err := c.dropModuleTitle(m.Slug); err != nil {
		before.restore()
		return nil, err
	}
	if err := c.insertListItem(m.Slug, m.Title, idx); err != nil {
		before.restore()
		return nil, err
	}
	c.Modules = removeAt(c.Modules, from)
	m.Hidden = false
	c.Modules = insertAt(c.Modules, idx, m)
	return &inverse{desc: e.String(), redo: e, undo: func(c *Course) error {
		before.restore()
		if i := c.moduleIndex(m.Slug); i >= 0 {
			c.Modules = removeAt(c.Modules, i)
		}
		m.Hidden = true
		c.Modules = insertAt(c.Modules, from, m)
		return nil
	}}, nil
}

// RemoveModule takes a module out of the list and moves its folder to the
// course's trash, from where undo brings it back.
type RemoveModule struct{ Slug string }

func (e RemoveModule) String() string { return fmt.Sprintf("remove module %q", e.Slug) }

func (e RemoveModule) Apply(c *Course) (Edit, error) {
	m, from, err := c.findModule(e.Slug)
	if err != nil {
		return nil, err
	}
	var before *docState
	if c.Data != nil {
		s := snapshot(c.Data)
		before = &s
		if i := c.listIndex(e.Slug); i >= 0 {
			_, err = c.Data.SeqRemove(i, "modules")
		}
		if err == nil {
			err = c.dropModuleTitle(e.Slug)
		}
		if err != nil {
			before.restore()
			return nil, err
		}
	}
	dir := ModulesDir + "/" + m.Slug
	op := fileOp{from: dir, to: trashPath(dir)}
	c.ops = append(c.ops, op)
	c.Modules = removeAt(c.Modules, from)
	return &inverse{desc: e.String(), redo: e, undo: func(c *Course) error {
		if c.unqueueOrReverse(op) {
			// The folder was trashed by a Save: its pages come back from there.
			for _, p := range m.Pages {
				if p.loadedPath != "" {
					p.loadedPath = op.from + "/_posts/" + path.Base(p.loadedPath)
				}
			}
		}
		if before != nil {
			before.restore()
		}
		c.Modules = insertAt(c.Modules, min(from, len(c.Modules)), m)
		return nil
	}}, nil
}

// unqueueOrReverse undoes a queued move: dropped if Save has not run it
// yet, otherwise moved back by the next Save.
// It reports whether the move had already run.
func (c *Course) unqueueOrReverse(op fileOp) bool {
	for i := len(c.ops) - 1; i >= 0; i-- {
		if c.ops[i] == op {
			c.ops = removeAt(c.ops, i)
			return false
		}
	}
	c.ops = append(c.ops, fileOp{from: op.to, to: op.from})
	return true
}
