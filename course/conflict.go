package course

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// DiskConflict is a page whose file another program changed or removed
// since the course last read or wrote it. Save leaves such a file as it
// is: it never overwrites another program's work.
type DiskConflict struct {
	Page    *Page
	Deleted bool   // the file is gone
	Disk    string // the file's text now, when not deleted
}

func (d *DiskConflict) Error() string {
	if d.Deleted {
		return fmt.Sprintf("%s was deleted by another program", d.Page.Path)
	}
	return fmt.Sprintf("%s was changed by another program", d.Page.Path)
}

// ConflictError is what Save returns when it left pages unsaved because
// their files changed on disk; everything else was saved.
type ConflictError struct {
	Conflicts []*DiskConflict
}

func (e *ConflictError) Error() string {
	var names []string
	for _, c := range e.Conflicts {
		names = append(names, c.Error())
	}
	return "not saved, to keep another program's changes: " + strings.Join(names, "; ")
}

// unchangedOnDisk is the check Save makes right before a page's new file
// replaces the old: the file must still hash to what the course last
// read or wrote there.
func (c *Course) unchangedOnDisk(p *Page, full string) func() error {
	return func() error {
		raw, err := os.ReadFile(full)
		if errors.Is(err, fs.ErrNotExist) {
			return &DiskConflict{Page: p, Deleted: true}
		}
		if err != nil {
			return fmt.Errorf("save %s: %w", p.Path, err)
		}
		if sha256.Sum256(raw) != sha256.Sum256([]byte(p.origText())) {
			return &DiskConflict{Page: p, Disk: string(raw)}
		}
		return nil
	}
}

// MergeWithDisk merges the page's unsaved changes with another program's
// version of its file, paragraph by paragraph, against the text both
// started from (see Merge3). The texts are compared without byte-order
// mark and with LF line endings.
func (p *Page) MergeWithDisk(disk string) []MergeChunk {
	return Merge3(normalText(p.origText()), normalText(p.text()), normalText(disk))
}

func normalText(s string) string {
	return strings.ReplaceAll(strings.TrimPrefix(s, bomUTF8), "\r\n", "\n")
}

// Rebase records that the page's file now holds disk (another program's
// version) and makes the page's text merged: the whole file, front
// matter included, with LF endings, as a merge gives it. The page keeps
// the byte-order mark and line endings of the file on disk. The page is
// unsaved until Save, which then checks the file against disk.
func (c *Course) Rebase(p *Page, disk, merged string) {
	style, _ := parsePage(p.Path, disk)
	np, _ := parsePage(p.Path, merged)
	np.bom, np.crlf = style.bom, style.crlf
	np.Date, np.Slug, np.course = p.Date, p.Slug, p.course
	np.orig, np.saved, np.loadedPath, np.dirty = disk, true, p.Path, true
	*p = *np
	c.restamp(p.Path)
}

// HasFile reports whether the page was read from or saved to a file (a
// new page has none until it is saved).
func (p *Page) HasFile() bool { return p.loadedPath != "" }

// Detach makes the page one that has no file: its file was deleted by
// another program and the author keeps their version, which Save writes
// as a new file.
func (c *Course) Detach(p *Page) {
	p.saved, p.loadedPath, p.dirty = false, "", true
	delete(c.stamps, p.Path)
}

// Forget takes a page out of the course without touching the disk: its
// file was deleted by another program and the author agrees.
func (c *Course) Forget(p *Page) {
	if c.Home == p {
		c.Home = nil
	}
	c.Pages = without(c.Pages, p)
	for _, m := range c.Modules {
		m.Pages = without(m.Pages, p)
	}
	c.other = without(c.other, p)
	delete(c.stamps, p.loadedPath)
}

func without(ps []*Page, p *Page) []*Page {
	out := ps[:0]
	for _, q := range ps {
		if q != p {
			out = append(out, q)
		}
	}
	return out
}

// restamp records a file's size and time as the course's own, so that
// Reload does not take it for another program's change.
func (c *Course) restamp(rel string) {
	if st, err := os.Stat(filepath.Join(c.Dir, filepath.FromSlash(rel))); err == nil {
		c.stamps[rel] = stamp{st.Size(), st.ModTime()}
	}
}
