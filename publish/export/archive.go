package export

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path"
	"sort"
	"time"
)

// fixedTime is the modification time of every file in an export, so the
// same course gives the same bytes.
var fixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// archive writes a deterministic zip: fixed times and modes, entries in
// the order added (callers add them sorted, or in the order a format
// requires, like EPUB's mimetype first).
type archive struct {
	zw   *zip.Writer
	seen map[string]bool
}

func newArchive(w io.Writer) *archive {
	return &archive{zw: zip.NewWriter(w), seen: map[string]bool{}}
}

// add writes one file; stored (uncompressed) when store is true.
func (a *archive) add(name string, data []byte, store bool) error {
	if a.seen[name] {
		return nil
	}
	a.seen[name] = true
	h := &zip.FileHeader{Name: name, Method: zip.Deflate}
	if store {
		h.Method = zip.Store
	}
	// The time goes in the MS-DOS fields only: Modified would add an
	// extra field, which EPUB forbids on mimetype.
	//lint:ignore SA1019 the MS-DOS fields are the only way to a time without an extra field
	h.ModifiedDate = uint16((fixedTime.Year()-1980)<<9 | int(fixedTime.Month())<<5 | fixedTime.Day())
	//lint:ignore SA1019 as above
	h.ModifiedTime = uint16(fixedTime.Hour()<<11 | fixedTime.Minute()<<5 | fixedTime.Second()/2)
	h.SetMode(0o644)
	w, err := a.zw.CreateHeader(h)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// addFile copies a file from disk.
func (a *archive) addFile(name, full string) error {
	data, err := os.ReadFile(full)
	if err != nil {
		return err
	}
	return a.add(name, data, false)
}

func (a *archive) close() error { return a.zw.Close() }

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// relPath is the relative address from the file from to the file to, both
// slash paths in the same package.
func relPath(from, to string) string {
	fromDir := path.Dir(from)
	if fromDir == "." {
		return to
	}
	up := ""
	dir := fromDir
	for dir != "." && !hasPrefixDir(to, dir) {
		up += "../"
		dir = path.Dir(dir)
	}
	if dir == "." {
		return up + to
	}
	return up + to[len(dir)+1:]
}

func hasPrefixDir(p, dir string) bool {
	return len(p) > len(dir) && p[:len(dir)] == dir && p[len(dir)] == '/'
}

// zipFiles writes files (archive name → path on disk) into a zip in name
// order, so the same files always give the same bytes; it stops when ctx
// is cancelled.
func zipFiles(ctx context.Context, w io.Writer, files map[string]string) error {
	a := newArchive(w)
	for _, rel := range sortedKeys(files) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := a.addFile(rel, files[rel]); err != nil {
			return err
		}
	}
	return a.close()
}
