package repo

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// siteCache remembers the blob hash of each file of a folder published
// with CommitTree, by size and modification time, so publishing a rebuilt
// site reads only the files the build rewrote (as git's index does for a
// work tree). An entry whose modification time is not older than the time
// the cache was recorded is hashed again: the file may have changed in
// the same clock tick (git's "racily clean" rule).
type siteCache struct {
	Recorded int64                     `json:"recorded"` // Unix nanoseconds when the folder was read
	Files    map[string]siteCacheEntry `json:"files"`
}

type siteCacheEntry struct {
	Size  int64  `json:"size"`
	Mtime int64  `json:"mtime"`
	Ctime int64  `json:"ctime"` // changes with any write or time change, where the system has it
	Inode uint32 `json:"inode"`
	Hash  string `json:"hash"`
}

// entryOf is what the cache compares for a file.
func entryOf(fi os.FileInfo) siteCacheEntry {
	var ie index.Entry
	fillStat(&ie, fi)
	e := siteCacheEntry{Size: fi.Size(), Mtime: fi.ModTime().UnixNano(), Inode: ie.Inode}
	if !ie.CreatedAt.IsZero() {
		e.Ctime = ie.CreatedAt.UnixNano()
	}
	return e
}

// siteCachePath keeps one cache per published folder, in .git where no
// tool looks and nothing is published.
func (r *Repo) siteCachePath(dir string) string {
	sum := sha256.Sum256([]byte(dir))
	return filepath.Join(r.gitDir, "coursewright", "site-"+hex.EncodeToString(sum[:8])+".json")
}

func (r *Repo) loadSiteCache(dir string) *siteCache {
	c := &siteCache{Files: map[string]siteCacheEntry{}}
	b, err := os.ReadFile(r.siteCachePath(dir))
	if err != nil || json.Unmarshal(b, c) != nil || c.Files == nil {
		return &siteCache{Files: map[string]siteCacheEntry{}}
	}
	return c
}

// lookup returns the cached hash of a file whose size and time still match.
func (c *siteCache) lookup(rel string, fi os.FileInfo) (plumbing.Hash, bool) {
	e, ok := c.Files[rel]
	now := entryOf(fi)
	if !ok || e.Size != now.Size || e.Mtime != now.Mtime || e.Ctime != now.Ctime || e.Inode != now.Inode ||
		now.Mtime >= c.Recorded || now.Ctime >= c.Recorded {
		return plumbing.ZeroHash, false
	}
	return plumbing.NewHash(e.Hash), true
}

// saveSiteCache records the hashes of the files just read; started is when
// reading began. A cache that cannot be written only costs speed.
func (r *Repo) saveSiteCache(dir string, started time.Time, files map[string]treeFile, infos map[string]os.FileInfo) {
	c := siteCache{Recorded: started.UnixNano(), Files: make(map[string]siteCacheEntry, len(infos))}
	for rel, fi := range infos {
		if f, ok := files[rel]; ok {
			e := entryOf(fi)
			e.Hash = f.Hash.String()
			c.Files[rel] = e
		}
	}
	b, err := json.Marshal(c)
	if err != nil {
		return
	}
	path := r.siteCachePath(dir)
	if os.MkdirAll(filepath.Dir(path), 0o755) == nil {
		_ = course.WriteFileAtomic(path, b, 0o644)
	}
}
