package course

import (
	"fmt"
	"strings"
)

// newPage makes an unsaved page with a title in its front matter.
func newPage(path, title, body string) *Page {
	p := &Page{Path: path, open: "---\n", close: "---\n", body: body, dirty: true}
	p.front = &Doc{}
	_ = p.front.SetString(title, "title")
	if m := postNameRE.FindStringSubmatch(path[strings.LastIndexByte(path, '/')+1:]); m != nil {
		p.Date, p.Slug = m[1], m[2]
	}
	return p
}

// pendingLocation is where a file loaded from rel will be once the queued
// folder moves have run.
func (c *Course) pendingLocation(rel string) string {
	for _, op := range c.ops {
		if rel == op.from || strings.HasPrefix(rel, op.from+"/") {
			rel = op.to + rel[len(op.from):]
		}
	}
	return rel
}

// AddPage creates a page in a module.
type AddPage struct {
	Module string
	Title  string
	Slug   string // made from Title when empty
	Pos    int    // 1-based; 0 = last
	Body   string // markdown; a heading with the title when empty
}

func (e AddPage) String() string { return fmt.Sprintf("add page %q to module %q", e.Title, e.Module) }

func (e AddPage) Apply(c *Course) (Edit, error) {
	if err := ValidateTitle(e.Title); err != nil {
		return nil, err
	}
	m, _, err := c.findModule(e.Module)
	if err != nil {
		return nil, err
	}
	slug := e.Slug
	if slug == "" {
		slug = uniqueSlug(Slugify(e.Title), m)
	}
	if err := ValidateSlug(slug); err != nil {
		return nil, err
	}
	if m.Page(slug) != nil {
		return nil, errorOf(ErrExists, "module %q already has a page %q", e.Module, slug)
	}
	idx, err := clampPos(e.Pos, len(m.Pages))
	if err != nil {
		return nil, err
	}
	body := e.Body
	if body == "" {
		body = "\n"
	}
	p := newPage("", e.Title, body)
	p.Slug = slug
	p.course = c
	order := insertAt(append([]*Page(nil), m.Pages...), idx, p)
	lay := c.saveLayout(m)
	undoLayout := c.relayout(m, order)
	return &inverse{desc: e.String(), redo: e, undo: func(c *Course) error {
		undoLayout()
		lay.restore()
		if p.loadedPath != "" { // saved since: its file goes to the trash
			at := c.pendingLocation(p.loadedPath)
			c.ops = append(c.ops, fileOp{from: at, to: trashPath(at)})
			p.holdText()
			p.loadedPath, p.orig, p.saved, p.dirty = "", "", false, true
		}
		return nil
	}}, nil
}

// uniqueSlug adds -2, -3, … to a slug the module already has.
func uniqueSlug(slug string, m *Module) string {
	s := slug
	for n := 2; m.Page(s) != nil; n++ {
		s = fmt.Sprintf("%s-%d", slug, n)
	}
	return s
}

// layout is a snapshot of modules' page order, dates and paths.
type layout struct {
	mods  []*Module
	pages [][]*Page
	state map[*Page][3]string // date, slug, path
}

func (c *Course) saveLayout(mods ...*Module) *layout {
	l := &layout{state: map[*Page][3]string{}}
	for _, m := range mods {
		l.mods = append(l.mods, m)
		l.pages = append(l.pages, append([]*Page(nil), m.Pages...))
		for _, p := range m.Pages {
			l.state[p] = [3]string{p.Date, p.Slug, p.Path}
		}
	}
	return l
}

func (l *layout) restore() {
	for i, m := range l.mods {
		m.Pages = append([]*Page(nil), l.pages[i]...)
	}
	for p, s := range l.state {
		p.Date, p.Slug, p.Path = s[0], s[1], s[2]
	}
}

// relayout gives module m the page order given, dating pages so the
// fewest files are renamed, rewrites links to every page whose name or
// place changed, and records the old address of every page whose address
// changed in its redirect_from. It returns the undo of the rewrites and
// records (the caller restores the layout).
func (c *Course) relayout(m *Module, order []*Page) (undo func()) {
	before := addressesBefore(order)
	dates := assignDates(order)
	type move struct {
		p                  *Page
		oldModule, oldDate string
		newDate            string
	}
	var moves []move
	for i, p := range order {
		oldModule := moduleOfPath(p.Path)
		if p.Path == "" {
			oldModule = m.Slug
		}
		if p.Path != "" && (dates[i] != p.Date || oldModule != m.Slug) {
			moves = append(moves, move{p: p, oldModule: oldModule, oldDate: p.Date, newDate: dates[i]})
		}
		p.Date = dates[i]
		p.Path = pagePostPath(p, m.Slug, p.Date, p.Slug)
	}
	m.Pages = order
	var rws []*linkRewrite
	for _, mv := range moves {
		rws = append(rws, c.rewriteLinks(pageRewrite(mv.oldModule, mv.oldDate, mv.p.Slug, m.Slug, mv.newDate, mv.p.Slug)))
	}
	undoRecords := recordOldAddresses(before)
	return func() {
		undoRecords()
		undoRewrites(rws)
	}
}

func moduleOfPath(p string) string {
	rest := strings.TrimPrefix(p, ModulesDir+"/")
	if i := strings.Index(rest, "/_posts/"); i >= 0 {
		return rest[:i]
	}
	return ""
}

func undoRewrites(rws []*linkRewrite) {
	for i := len(rws) - 1; i >= 0; i-- {
		rws[i].undo()
	}
}

// RenamePage changes a page's title (its front matter), keeping its file.
type RenamePage struct {
	Module, Slug, Title string
}

func (e RenamePage) String() string {
	return fmt.Sprintf("rename page %q in module %q to %q", e.Slug, e.Module, e.Title)
}

func (e RenamePage) Apply(c *Course) (Edit, error) {
	if err := ValidateTitle(e.Title); err != nil {
		return nil, err
	}
	_, p, _, err := c.findPage(e.Module, e.Slug)
	if err != nil {
		return nil, err
	}
	return setPageTitle(p, e.Title, e.String(), e)
}

func setPageTitle(p *Page, title, desc string, redo Edit) (Edit, error) {
	if p.front != nil && p.front.root == nil && len(p.front.src) > 0 {
		return nil, fmt.Errorf("%s: the front matter is not valid YAML; fix it first", p.Path)
	}
	hadFront := p.front != nil
	before := snapshot(p.Front())
	if err := p.SetFront("title", title); err != nil {
		return nil, err
	}
	return &inverse{desc: desc, redo: redo, undo: func(*Course) error {
		before.restore()
		if !hadFront {
			p.front, p.open, p.close = nil, "", ""
		}
		p.dirty = true
		return nil
	}}, nil
}

// ReslugPage renames a page's file (its URL) and rewrites links to it.
type ReslugPage struct {
	Module, Slug, New string
}

func (e ReslugPage) String() string {
	return fmt.Sprintf("rename page file %q in module %q to %q", e.Slug, e.Module, e.New)
}

func (e ReslugPage) Apply(c *Course) (Edit, error) {
	if err := ValidateSlug(e.New); err != nil {
		return nil, err
	}
	m, p, _, err := c.findPage(e.Module, e.Slug)
	if err != nil {
		return nil, err
	}
	if e.New == e.Slug {
		return &inverse{desc: e.String(), redo: e, undo: func(*Course) error { return nil }}, nil
	}
	if m.Page(e.New) != nil {
		return nil, errorOf(ErrExists, "module %q already has a page %q", e.Module, e.New)
	}
	lay := c.saveLayout(m)
	before := addressesBefore([]*Page{p})
	p.Slug = e.New
	p.Path = pagePostPath(p, m.Slug, p.Date, e.New)
	rw := c.rewriteLinks(pageRewrite(m.Slug, p.Date, e.Slug, m.Slug, p.Date, e.New))
	undoRecord := recordOldAddresses(before)
	return &inverse{desc: e.String(), redo: e, undo: func(*Course) error {
		undoRecord()
		lay.restore()
		rw.undo()
		return nil
	}}, nil
}

// MovePage moves a page within its module or to another module.
type MovePage struct {
	Module, Slug string
	To           string // target module; "" = same module
	Pos          int    // 1-based in the target module; 0 = last
}

func (e MovePage) String() string {
	to := e.To
	if to == "" {
		to = e.Module
	}
	return fmt.Sprintf("move page %q from module %q to position %d of %q", e.Slug, e.Module, e.Pos, to)
}

func (e MovePage) Apply(c *Course) (Edit, error) {
	m, p, i, err := c.findPage(e.Module, e.Slug)
	if err != nil {
		return nil, err
	}
	t := m
	if e.To != "" && e.To != e.Module {
		if t, _, err = c.findModule(e.To); err != nil {
			return nil, err
		}
		if t.Page(e.Slug) != nil {
			return nil, errorOf(ErrExists, "module %q already has a page %q; rename one first", e.To, e.Slug)
		}
	}
	var lay *layout
	if t == m {
		lay = c.saveLayout(m)
	} else {
		lay = c.saveLayout(m, t)
	}
	rest := removeAt(append([]*Page(nil), m.Pages...), i)
	var undoLayout func()
	if t == m {
		idx, err := clampPos(e.Pos, len(rest))
		if err != nil {
			return nil, err
		}
		if idx == i {
			return &inverse{desc: e.String(), redo: e, undo: func(*Course) error { return nil }}, nil
		}
		undoLayout = c.relayout(m, insertAt(rest, idx, p))
	} else {
		idx, err := clampPos(e.Pos, len(t.Pages))
		if err != nil {
			return nil, err
		}
		m.Pages = rest
		undoLayout = c.relayout(t, insertAt(append([]*Page(nil), t.Pages...), idx, p))
	}
	return &inverse{desc: e.String(), redo: e, undo: func(*Course) error {
		undoLayout()
		lay.restore()
		return nil
	}}, nil
}

// RemovePage takes a page out of its module and moves its file to the
// course's trash, from where undo brings it back.
type RemovePage struct {
	Module, Slug string
}

func (e RemovePage) String() string {
	return fmt.Sprintf("remove page %q from module %q", e.Slug, e.Module)
}

func (e RemovePage) Apply(c *Course) (Edit, error) {
	m, p, i, err := c.findPage(e.Module, e.Slug)
	if err != nil {
		return nil, err
	}
	var op *fileOp
	if p.loadedPath != "" {
		at := c.pendingLocation(p.loadedPath)
		op = &fileOp{from: at, to: trashPath(at)}
		c.ops = append(c.ops, *op)
	}
	m.Pages = removeAt(m.Pages, i)
	return &inverse{desc: e.String(), redo: e, undo: func(c *Course) error {
		if op != nil && c.unqueueOrReverse(*op) {
			p.loadedPath = op.from
		}
		m.Pages = insertAt(m.Pages, min(i, len(m.Pages)), p)
		return nil
	}}, nil
}
