package course

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// staleTempAge is how old a temporary file of WriteFileAtomic must be
// before a load takes it for one a killed save left behind: a save
// writes, flushes and renames its file within moments, so a minute-old
// one belongs to no save still running.
const staleTempAge = time.Minute

// isAtomicTemp reports whether name has the shape of WriteFileAtomic's
// temporary files: ".NAME.DIGITS.tmp" (os.CreateTemp puts the digits).
func isAtomicTemp(name string) bool {
	if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".tmp") {
		return false
	}
	mid := name[1 : len(name)-len(".tmp")]
	dot := strings.LastIndexByte(mid, '.')
	if dot <= 0 || dot == len(mid)-1 {
		return false
	}
	return strings.Trim(mid[dot+1:], "0123456789") == ""
}

// removeStaleTemps removes from the course folder rel (listed as
// entries) the temporary files of WriteFileAtomic older than
// staleTempAge: a save killed between writing one and renaming it into
// place (kill -9, a power cut) leaves it there for good otherwise. Only
// regular files of exactly that shape go; failures are ignored (the
// next load tries again).
func (c *Course) removeStaleTemps(rel string, entries []fs.DirEntry) {
	now := time.Now()
	for _, e := range entries {
		if !e.Type().IsRegular() || !isAtomicTemp(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) < staleTempAge {
			continue
		}
		_ = os.Remove(filepath.Join(c.Dir, filepath.FromSlash(rel), e.Name()))
	}
}
