package course

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// WriteFileAtomic replaces the file at path with data so that a crash or a
// full disk leaves either the old file or the new one, never a truncated
// page: it writes a temporary file in the same folder (so the rename stays
// on one file system), flushes it to disk, renames it over path and then
// flushes the folder so the rename itself survives a power cut.
//
// An existing file keeps its permission bits; a new one gets perm as given
// (not reduced by the umask, which can't be read without changing it). If
// path is a link, the link is replaced by a regular file rather than the
// target written through it, so a save never lands outside the course.
// Owner and extended attributes of an existing file are not kept.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) error {
	return WriteFileAtomicIf(path, data, perm, nil)
}

// WriteFileAtomicIf is WriteFileAtomic that asks check, right before the
// rename puts the new file in place, whether it may: a check that reads
// the file still there and returns an error leaves that file as it is,
// and the error is returned. The window between check and rename is a
// few system calls, not the time it took to write and sync the data.
func WriteFileAtomicIf(path string, data []byte, perm fs.FileMode, check func() error) (err error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	mode := perm.Perm()
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		mode = st.Mode().Perm()
	}

	// The leading dot hides a leftover temp file from Jekyll and from the
	// course loader if the program dies before cleaning up.
	tmp, err := os.CreateTemp(dir, "."+shortName(name, 40)+".*.tmp")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	tmpName := tmp.Name()
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				_ = tmp.Close()
			}
			_ = os.Remove(tmpName)
		}
	}()

	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	closed = true
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	// CreateTemp makes the file 0600; set the final mode before the rename
	// so the file is never visible with the wrong permissions.
	if err = os.Chmod(tmpName, mode); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if check != nil {
		if err = check(); err != nil {
			return err
		}
	}
	if err = replaceFile(tmpName, path); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	// The new content is in place from here on: the temp file no longer
	// exists, so the deferred cleanup has nothing to remove.
	if err := fsyncDir(filepath.Clean(dir)); err != nil {
		return fmt.Errorf("save %s: saved, but could not flush the folder to disk: %w", path, err)
	}
	return nil
}

// shortName keeps the temp file name under the 255-byte limit of most file
// systems however long the real name is, without splitting a rune.
func shortName(name string, max int) string {
	if len(name) <= max {
		return name
	}
	for max > 0 && !utf8.RuneStart(name[max]) {
		max--
	}
	return strings.TrimRight(name[:max], " .")
}

// ReplaceFile renames from over to, retrying for about a second on
// Windows while another program holds the target open (a server reading
// the site, a virus scanner). The built site's staged files are swapped in
// with it.
func ReplaceFile(from, to string) error { return replaceFile(from, to) }
