package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sync"
)

// spoolSuffix ends the name of the folder, beside the staging folder,
// whose one file holds the search text of the pages a build renders until
// the search index and the manifest are written. Its name starts with
// stagingPrefix, so watchers, saved versions and the course's .gitignore
// leave it out, and a build killed midway leaves it to the next build,
// which removes it.
const spoolSuffix = ".spool"

// searchSpool keeps the pages' search text on disk rather than in memory:
// the text is needed only at the end, for the search index and the
// manifest, and held in memory it made a build's heap grow by half a
// kilobyte or more with every page.
type searchSpool struct {
	mu   sync.Mutex
	dir  string
	f    *os.File
	size int64
}

// spoolRef locates one page's search text in the spool.
// Eight bytes, not sixteen: every page's manifest entry holds one.
type spoolRef struct {
	off uint32
	n   uint32 // 0: nothing spooled
}

// openSearchSpool makes the spool in the folder dir, which it removes
// with it.
func openSearchSpool(dir string) (*searchSpool, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "search"), os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	return &searchSpool{dir: dir, f: f}, nil
}

// put appends st to the spool.
func (s *searchSpool) put(st *searchText) (spoolRef, error) {
	data, err := json.Marshal(st)
	if err != nil {
		return spoolRef{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.size+int64(len(data)) > math.MaxUint32 {
		return spoolRef{}, errors.New("build: the pages' search text is over 4 GB")
	}
	if _, err := s.f.WriteAt(data, s.size); err != nil {
		return spoolRef{}, fmt.Errorf("build: keep a page's search text: %w", err)
	}
	ref := spoolRef{off: uint32(s.size), n: uint32(len(data))}
	s.size += int64(len(data))
	return ref, nil
}

// get reads back the search text put at ref.
func (s *searchSpool) get(ref spoolRef) (*searchText, error) {
	buf := make([]byte, ref.n)
	if _, err := s.f.ReadAt(buf, int64(ref.off)); err != nil {
		return nil, fmt.Errorf("build: read a page's search text back: %w", err)
	}
	var st searchText
	if err := json.Unmarshal(buf, &st); err != nil {
		return nil, fmt.Errorf("build: read a page's search text back: %w", err)
	}
	return &st, nil
}

// remove closes and deletes the spool and its folder.
func (s *searchSpool) remove() {
	_ = s.f.Close()
	_ = os.RemoveAll(s.dir)
}

// searchOf is an entry's search text: kept in it (read from the last
// build's manifest) or spooled by this build.
func (s *searchSpool) searchOf(e *outEntry) (*searchText, error) {
	if e.Search != nil || e.spooled.n == 0 || s == nil {
		return e.Search, nil
	}
	return s.get(e.spooled)
}
