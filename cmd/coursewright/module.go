package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/coursewright/coursewright/course"
)

const moduleReslugDoc = `Rename a module's folder, modules/SLUG, to modules/NEW. The folder name is
also the module's web address (/modules/NEW/...), so links to its pages
elsewhere in the course are updated too. The title does not change; use
coursewright module rename for that.`

const moduleHideDoc = `Take a module off the site's menu: it leaves the module list of
_data/course.yml and Jekyll no longer shows it. Its folder and pages stay
as they are; coursewright module show SLUG puts it back.`

const moduleRemoveDoc = `Remove a module from the course. Its folder is not deleted: it moves to
.coursewright/trash/DATE/modules/SLUG, which the published site ignores.
To restore it, move the folder back to modules/ and run
coursewright module show SLUG.`

func (a *app) moduleList(cmd command, args []string) error {
	f := a.flags(cmd).withJSON()
	if _, err := f.parse(args); err != nil {
		return err
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	if *f.json {
		return a.printJSON(modulesJSON(c))
	}
	if len(c.Modules) == 0 {
		fmt.Fprintln(a.stdout, `no modules yet; add one with: coursewright module add "Title"`)
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	n := 0
	for _, m := range c.Modules {
		num := "-"
		if !m.Hidden {
			n++
			num = fmt.Sprint(n)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s\n", num, m.Slug, m.Title, plural(len(m.Pages), "page", "pages"), moduleMarks(m))
	}
	return tw.Flush()
}

func (a *app) moduleAdd(cmd command, args []string) error {
	f := a.flags(cmd)
	slug := f.String("slug", "", "folder `NAME` of the module (default: made from the title)")
	at := f.Int("pos", 0, "put the module at position `N` in the menu (default: last)")
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
	had := map[*course.Module]bool{}
	for _, m := range c.Modules {
		had[m] = true
	}
	if _, err := a.change(c, course.AddModule{Title: pos[0], Slug: *slug, Pos: *at}); err != nil {
		return err
	}
	for _, m := range c.Modules {
		if !had[m] {
			fmt.Fprintf(a.stdout, "added module %q (%s/%s)\n", m.Title, course.ModulesDir, m.Slug)
		}
	}
	return nil
}

func (a *app) moduleRename(cmd command, args []string) error {
	f := a.flags(cmd)
	pos, c, err := a.openFor(f, args)
	if err != nil {
		return err
	}
	m, err := findModule(c, pos[0])
	if err != nil {
		return err
	}
	old := m.Title
	if _, err := a.change(c, course.RenameModule{Slug: pos[0], Title: pos[1]}); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "renamed module %q to %q (%s/%s)\n", old, m.Title, course.ModulesDir, m.Slug)
	return nil
}

func (a *app) moduleReslug(cmd command, args []string) error {
	f := a.flags(cmd)
	pos, c, err := a.openFor(f, args)
	if err != nil {
		return err
	}
	m, err := findModule(c, pos[0])
	if err != nil {
		return err
	}
	touched, err := a.change(c, course.ReslugModule{Slug: pos[0], New: pos[1]})
	if err != nil {
		return err
	}
	from, to := course.ModulesDir+"/"+pos[0], course.ModulesDir+"/"+m.Slug
	fmt.Fprintf(a.stdout, "moved module %q from %s to %s%s\n", m.Title, from, to, linksNote(touched, from, to))
	return nil
}

// linksNote says how many other pages Save rewrote, for edits that
// update links. The pages moved themselves (skip: a page, or a module
// folder and so every page in it) are not counted: their front matter
// gained their old address (redirect_from).
func linksNote(touched []string, skip ...string) string {
	seen := map[string]bool{course.DataFile: true, course.ConfigFile: true}
	for _, s := range skip {
		seen[s] = true
	}
	inSkipped := func(t string) bool {
		for _, s := range skip {
			if strings.HasPrefix(t, s+"/") {
				return true
			}
		}
		return false
	}
	n := 0
	for _, t := range touched {
		if !seen[t] && !inSkipped(t) {
			seen[t] = true
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; updated links in %s", plural(n, "page", "pages"))
}

func (a *app) moduleMove(cmd command, args []string) error {
	f := a.flags(cmd)
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	to, err := f.position(pos[1])
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
	if _, err := a.change(c, course.MoveModule{Slug: pos[0], Pos: to}); err != nil {
		return err
	}
	now, listed := modulePos(c, m.Slug)
	fmt.Fprintf(a.stdout, "moved module %q to position %d of %d\n", m.Title, now, listed)
	return nil
}

func (a *app) moduleHide(cmd command, args []string) error {
	f := a.flags(cmd)
	pos, c, err := a.openFor(f, args)
	if err != nil {
		return err
	}
	m, err := findModule(c, pos[0])
	if err != nil {
		return err
	}
	if m.Hidden {
		fmt.Fprintf(a.stdout, "module %q is already hidden\n", m.Title)
		return nil
	}
	if _, err := a.change(c, course.HideModule{Slug: pos[0]}); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "hid module %q: the site no longer lists it; its pages stay in %s/%s (coursewright module show %s lists it again)\n",
		m.Title, course.ModulesDir, m.Slug, shellQuote(m.Slug))
	return nil
}

func (a *app) moduleShow(cmd command, args []string) error {
	f := a.flags(cmd)
	at := f.Int("pos", 0, "put the module at position `N` in the menu (default: last)")
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
	if !m.Hidden {
		now, listed := modulePos(c, m.Slug)
		fmt.Fprintf(a.stdout, "module %q is already listed, at position %d of %d\n", m.Title, now, listed)
		return nil
	}
	if _, err := a.change(c, course.ShowModule{Slug: pos[0], Pos: *at}); err != nil {
		return err
	}
	now, listed := modulePos(c, m.Slug)
	fmt.Fprintf(a.stdout, "listed module %q (%s/%s) at position %d of %d\n", m.Title, course.ModulesDir, m.Slug, now, listed)
	return nil
}

func (a *app) moduleRemove(cmd command, args []string) error {
	f := a.flags(cmd)
	pos, c, err := a.openFor(f, args)
	if err != nil {
		return err
	}
	m, err := findModule(c, pos[0])
	if err != nil {
		return err
	}
	touched, err := a.change(c, course.RemoveModule{Slug: pos[0]})
	if err != nil {
		return err
	}
	dir := course.ModulesDir + "/" + m.Slug
	if m.Missing {
		fmt.Fprintf(a.stdout, "removed module %q from the course list (it had no folder)\n", m.Title)
		return nil
	}
	fmt.Fprintf(a.stdout, "removed module %q: its folder %s is now in %s (move it back to restore it)\n",
		m.Title, dir, trashed(touched, dir))
	return nil
}
