package course

import (
	"os"
	"path/filepath"
	"runtime"
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
func (c *Course) Reload() (ReloadResult, error) {
	var res ReloadResult
	known := map[string]*Page{}
	var rels []string
	for _, p := range c.AllPages() {
		if p.loadedPath != "" {
			known[p.loadedPath] = p
			rels = append(rels, p.loadedPath)
		}
	}
	// Listing folders and checking every file's stamp are both system
	// calls by the thousand: run them side by side on all cores.
	stale := c.staleFiles(rels)
	scratch := &Course{Dir: c.Dir, Config: c.Config, stamps: map[string]stamp{}}
	files, dirs, err := scratch.collect()
	changedOnDisk := <-stale
	if err != nil {
		return res, err
	}

	structural := len(files) != len(known) || len(dirs) != c.moduleDirCount()
	for _, f := range files {
		if known[f.rel] == nil {
			structural = true
			res.Changed = append(res.Changed, f.rel)
		}
	}
	for _, rel := range []string{ConfigFile, DataFile} {
		if c.statChanged(rel) {
			structural = true
			res.Changed = append(res.Changed, rel)
		}
	}
	if structural {
		res.Structure = true
		if c.Modified() {
			res.Conflicts = append(res.Conflicts, res.Changed...)
			return res, nil
		}
		fresh, err := Load(c.Dir)
		if err != nil {
			return res, err
		}
		*c = *fresh
		return res, nil
	}

	for _, rel := range changedOnDisk {
		p := known[rel]
		if p.Modified() {
			res.Conflicts = append(res.Conflicts, rel)
			continue
		}
		np := c.loadPage(rel)
		if np == nil {
			continue // refused now (binary, too big): reported in Problems
		}
		np.Path, np.Date, np.Slug = p.Path, p.Date, p.Slug
		*p = *np
		res.Changed = append(res.Changed, rel)
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
