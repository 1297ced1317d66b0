package course

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"sync"
)

// ReloadResult says what Reload found changed on disk.
type ReloadResult struct {
	// Changed lists the files re-read because another program changed them.
	Changed []string
	// Conflicts lists files changed on disk that also have unsaved edits
	// here; they were left as they are in memory for the caller to decide.
	Conflicts []string
	// Structure is set when files were added or removed or the course
	// YAML changed: the whole course was re-read.
	Structure bool
}

// Reload brings the course up to date after another program changed its
// folder. A page changed on disk is re-read in place (the *Page stays the
// same, so the editor keeps its references) unless it has unsaved edits
// here, which are never overwritten: it is listed as a conflict instead.
// When files appeared or vanished, or the YAML changed, the course is
// re-read as a whole if nothing is unsaved; otherwise those paths are
// conflicts too.
//
// Reload reads the whole folder where it is called. The app, whose course
// belongs to its UI thread, splits it instead: PrepareReload there (a
// copy of the file stamps), ReloadScan.Scan on another goroutine (every
// system call and file read), and ApplyReload back there (pointers only).
func (c *Course) Reload() (ReloadResult, error) {
	s := c.PrepareReload()
	if err := s.Scan(context.Background()); err != nil {
		return ReloadResult{}, err
	}
	return c.ApplyReload(s)
}

// ErrReloadStale says the course was saved or changed between
// PrepareReload and ApplyReload: what the scan read may be older than the
// course, so nothing was applied. Prepare and scan again.
var ErrReloadStale = errors.New("the course changed while its folder was being read again")

// ReloadScan is what a reload reads on disk, without touching the course
// it was prepared from: Scan may run on any goroutine while the course's
// owner goes on using it.
type ReloadScan struct {
	dir      string
	config   *Doc             // the settings collect needs (excludes)
	stamps   map[string]stamp // the course's stamps when prepared
	known    []string         // the files its pages were read from
	modDirs  int              // module folders it had
	modified bool             // it had unsaved changes (no whole re-read then)

	structural bool
	changed    []string // structural: the files that appeared or changed
	fresh      *Course  // structural and nothing unsaved: the course re-read
	pages      []rereadPage
}

// rereadPage is a page file another program changed, read again.
type rereadPage struct {
	rel      string
	page     *Page // nil: refused now (binary, too large…)
	problems []Diagnostic
	st       stamp
	read     bool // st is the file's new stamp
}

// PrepareReload copies what a scan of the folder needs from c: its file
// stamps, settings and the paths its pages were read from. It reads no
// file, so the app calls it on its UI thread.
func (c *Course) PrepareReload() *ReloadScan {
	s := &ReloadScan{dir: c.Dir, config: c.Config.snapshot(), stamps: maps.Clone(c.stamps),
		modDirs: c.moduleDirCount(), modified: c.Modified()}
	for _, p := range c.AllPages() {
		if p.loadedPath != "" {
			s.known = append(s.known, p.loadedPath)
		}
	}
	return s
}

// Scan reads the folder: which files changed, appeared or vanished, and
// the changed ones (or, when the structure changed and nothing was
// unsaved, the whole course) read again. It stops with ctx.Err() when
// ctx is done.
func (s *ReloadScan) Scan(ctx context.Context) error {
	basis := &Course{Dir: s.dir, Config: s.config, stamps: s.stamps}
	// Listing folders and checking every file's stamp are both system
	// calls by the thousand: run them side by side on all cores.
	stale := basis.staleFiles(s.known)
	scratch := &Course{Dir: s.dir, Config: s.config, stamps: map[string]stamp{}}
	files, dirs, err := scratch.collect(ctx)
	changedOnDisk := <-stale
	if err != nil {
		return err
	}
	known := make(map[string]bool, len(s.known))
	for _, rel := range s.known {
		known[rel] = true
	}
	structural := len(files) != len(known) || len(dirs) != s.modDirs
	for _, f := range files {
		if !known[f.rel] {
			structural = true
			s.changed = append(s.changed, f.rel)
		}
	}
	for _, rel := range []string{ConfigFile, DataFile} {
		if basis.statChanged(rel) {
			structural = true
			s.changed = append(s.changed, rel)
		}
	}
	if structural {
		s.structural = true
		if s.modified {
			return nil // the changes are conflicts: nothing to read
		}
		s.fresh, err = LoadContext(ctx, s.dir)
		return err
	}
	for _, rel := range changedOnDisk {
		if err := ctx.Err(); err != nil {
			return err
		}
		rd := &Course{Dir: s.dir, stamps: map[string]stamp{}}
		r := rereadPage{rel: rel, page: rd.loadPage(rel), problems: rd.Problems}
		r.st, r.read = rd.stamps[rel]
		s.pages = append(s.pages, r)
	}
	return nil
}

// ApplyReload puts what s read into c, which s was prepared from: the
// same result Reload gives. Pages with unsaved edits here are never
// overwritten (they are conflicts); when c was saved or changed since
// PrepareReload, it applies nothing and returns ErrReloadStale. It reads
// no file.
func (c *Course) ApplyReload(s *ReloadScan) (ReloadResult, error) {
	var res ReloadResult
	if !maps.Equal(c.stamps, s.stamps) || (s.structural && !s.modified && s.fresh == nil) {
		return res, ErrReloadStale
	}
	if s.structural {
		res.Structure = true
		res.Changed = slices.Clone(s.changed)
		if c.Modified() || s.fresh == nil {
			res.Conflicts = append(res.Conflicts, res.Changed...)
			return res, nil
		}
		*c = *s.fresh
		return res, nil
	}
	known := map[string]*Page{}
	for _, p := range c.AllPages() {
		if p.loadedPath != "" {
			known[p.loadedPath] = p
		}
	}
	for _, r := range s.pages {
		p := known[r.rel]
		if p == nil {
			continue // gone from the course meanwhile (an unsaved move)
		}
		if p.Modified() {
			res.Conflicts = append(res.Conflicts, r.rel)
			continue
		}
		c.Problems = append(c.Problems, r.problems...)
		if r.read {
			c.stamps[r.rel] = r.st
		}
		np := r.page
		if np == nil {
			continue // refused now (binary, too big): reported in Problems
		}
		np.Path, np.Date, np.Slug = p.Path, p.Date, p.Slug
		np.course, np.readmeIndex = p.course, p.readmeIndex // set when the course was assembled
		*p = *np
		res.Changed = append(res.Changed, r.rel)
	}
	sort.Strings(res.Changed)
	sort.Strings(res.Conflicts)
	// Guides read their meeting fields from the front matter.
	for i, g := range c.Guides {
		c.Guides[i] = parseGuide(g.Page)
	}
	return res, nil
}

// staleFiles checks the stamps of rels in the background and sends the
// ones that changed.
func (c *Course) staleFiles(rels []string) <-chan []string {
	out := make(chan []string, 1)
	workers := runtime.GOMAXPROCS(0)
	parts := make([][]string, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(rels); i += workers {
				if c.statChanged(rels[i]) {
					parts[w] = append(parts[w], rels[i])
				}
			}
		}(w)
	}
	go func() {
		wg.Wait()
		var all []string
		for _, p := range parts {
			all = append(all, p...)
		}
		out <- all
	}()
	return out
}

func (c *Course) moduleDirCount() int {
	n := 0
	for _, m := range c.Modules {
		if !m.Missing {
			n++
		}
	}
	return n
}

// statChanged reports whether a file's size or modification time differ
// from when it was read (or whether it appeared or vanished).
func (c *Course) statChanged(rel string) bool {
	st, err := os.Stat(filepath.Join(c.Dir, filepath.FromSlash(rel)))
	old, had := c.stamps[rel]
	if err != nil {
		return had
	}
	return !had || st.Size() != old.size || !st.ModTime().Equal(old.mod)
}
