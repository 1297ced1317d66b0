package main

import (
	"fmt"
	"path"
	"text/tabwriter"

	"github.com/coursewright/coursewright/course"
)

const pageMoveDoc = `Move a page to position POS of its module, or with --to, to position POS
of another module (one past its last page puts it last). Pages are Jekyll
posts ordered by the date in their file names, so the moved page, and
sometimes its neighbours, get new dates; links to them are updated.`

const pageRemoveDoc = `Remove a page from its module. Its file is not deleted: it moves to
.coursewright/trash/DATE/modules/MODULE/_posts/, which the published site
ignores. To restore it, move the file back.`

func (a *app) pageList(cmd command, args []string) error {
	f := a.flags(cmd).withJSON()
	pos, c, err := a.openFor(f, args)
	if err != nil {
		return err
	}
	m, err := findModule(c, pos[0])
	if err != nil {
		return err
	}
	if *f.json {
		return a.printJSON(pagesJSON(m))
	}
	if len(m.Pages) == 0 {
		fmt.Fprintf(a.stdout, "module %q has no pages yet; add one with: coursewright page add %s \"Title\"\n", m.Title, shellQuote(m.Slug))
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	for i, p := range m.Pages {
		mark := ""
		if !p.Published() {
			mark = " (not published)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s%s\n", i+1, p.Slug, titleOf(p), plural(p.Words(), "word", "words"), mark)
	}
	return tw.Flush()
}

func (a *app) pageAdd(cmd command, args []string) error {
	f := a.flags(cmd)
	slug := f.String("slug", "", "file `NAME` of the page (default: made from the title)")
	at := f.Int("pos", 0, "put the page at position `N` in the module (default: last)")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if err := f.optionalPosition(*at); err != nil {
		return err
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	m, err := findModule(c, pos[0])
	if err != nil {
		return err
	}
	had := map[*course.Page]bool{}
	for _, p := range m.Pages {
		had[p] = true
	}
	touched, err := a.change(c, course.AddPage{Module: pos[0], Title: pos[1], Slug: *slug, Pos: *at})
	if err != nil {
		return err
	}
	for _, p := range m.Pages {
		if !had[p] {
			fmt.Fprintf(a.stdout, "added page %q to module %q at position %d (%s)%s\n",
				pos[1], m.Title, pagePos(m, p), p.Path, reordered(c, touched, ""))
		}
	}
	return nil
}

func (a *app) pageRename(cmd command, args []string) error {
	f := a.flags(cmd)
	pos, c, err := a.openFor(f, args)
	if err != nil {
		return err
	}
	m, err := findModule(c, pos[0])
	if err != nil {
		return err
	}
	p, err := findPage(m, pos[1])
	if err != nil {
		return err
	}
	old := titleOf(p)
	if _, err := a.change(c, course.RenamePage{Module: pos[0], Slug: pos[1], Title: pos[2]}); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "renamed page %q to %q (%s)\n", old, p.Title(), p.Path)
	return nil
}

func (a *app) pageReslug(cmd command, args []string) error {
	f := a.flags(cmd)
	pos, c, err := a.openFor(f, args)
	if err != nil {
		return err
	}
	m, err := findModule(c, pos[0])
	if err != nil {
		return err
	}
	p, err := findPage(m, pos[1])
	if err != nil {
		return err
	}
	from := p.Path
	touched, err := a.change(c, course.ReslugPage{Module: pos[0], Slug: pos[1], New: pos[2]})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "renamed page file %s to %s%s\n", from, path.Base(p.Path), linksNote(touched, from, p.Path))
	return nil
}

func (a *app) pageMove(cmd command, args []string) error {
	f := a.flags(cmd)
	toModule := f.String("to", "", "move the page to `MODULE` (default: keep it in its module)")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	at, err := f.position(pos[2])
	if err != nil {
		return err
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	m, err := findModule(c, pos[0])
	if err != nil {
		return err
	}
	p, err := findPage(m, pos[1])
	if err != nil {
		return err
	}
	t := m
	if *toModule != "" {
		if t, err = findModule(c, *toModule); err != nil {
			return err
		}
	}
	if at > len(t.Pages)+1 || (t == m && at > len(t.Pages)) {
		if t == m {
			return advise(fmt.Errorf("position %d is past the end: module %q has %d pages, so use a position from 1 to %d",
				at, t.Slug, len(t.Pages), len(t.Pages)), nothingChanged)
		}
		return advise(fmt.Errorf("position %d is past the end: module %q has %d pages, so use a position from 1 to %d (%d puts it last)",
			at, t.Slug, len(t.Pages), len(t.Pages)+1, len(t.Pages)+1), nothingChanged)
	}
	from := p.Path
	touched, err := a.change(c, course.MovePage{Module: pos[0], Slug: pos[1], To: *toModule, Pos: at})
	if err != nil {
		return err
	}
	where := ""
	if t != m {
		where = fmt.Sprintf(" of module %q", t.Title)
	}
	moved := ""
	if from != p.Path {
		moved = fmt.Sprintf(" (%s is now %s)", from, p.Path)
	}
	fmt.Fprintf(a.stdout, "moved page %q to position %d%s%s%s\n", titleOf(p), pagePos(t, p), where, moved,
		reordered(c, touched, from))
	return nil
}

func (a *app) pageRemove(cmd command, args []string) error {
	f := a.flags(cmd)
	pos, c, err := a.openFor(f, args)
	if err != nil {
		return err
	}
	m, err := findModule(c, pos[0])
	if err != nil {
		return err
	}
	p, err := findPage(m, pos[1])
	if err != nil {
		return err
	}
	file := p.Path
	touched, err := a.change(c, course.RemovePage{Module: pos[0], Slug: pos[1]})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "removed page %q: its file %s is now in %s (move it back to restore it)\n",
		titleOf(p), file, trashed(touched, file))
	return nil
}
