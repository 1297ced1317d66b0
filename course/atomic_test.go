package course

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// dirNames lists a folder, to check that no temp files are left behind.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileAtomic(t *testing.T) {
	tests := []struct {
		name     string
		existing []byte      // nil: no file before the write
		oldMode  fs.FileMode // mode of the existing file
		perm     fs.FileMode
		data     []byte
		wantMode fs.FileMode
	}{
		{name: "new file gets perm", perm: 0o644, data: []byte("# Hello\n"), wantMode: 0o644},
		{name: "new empty file", perm: 0o640, data: nil, wantMode: 0o640},
		{name: "replaces content", existing: []byte("old old old old\n"), oldMode: 0o644, perm: 0o644, data: []byte("new\n"), wantMode: 0o644},
		{name: "keeps 0600 of existing file", existing: []byte("secret"), oldMode: 0o600, perm: 0o644, data: []byte("still secret"), wantMode: 0o600},
		{name: "keeps 0755 of existing file", existing: []byte("#!/bin/sh\n"), oldMode: 0o755, perm: 0o644, data: []byte("#!/bin/sh\necho\n"), wantMode: 0o755},
		{name: "long name", perm: 0o644, data: []byte("x"), wantMode: 0o644},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			name := "2000-01-01-page.md"
			if tt.name == "long name" {
				name = strings.Repeat("ü", 120) + ".md" // 243 bytes: a temp name built from it must be shortened
			}
			p := filepath.Join(dir, name)
			if tt.existing != nil {
				must(t, os.WriteFile(p, tt.existing, 0o644))
				must(t, os.Chmod(p, tt.oldMode))
			}
			if err := WriteFileAtomic(p, tt.data, tt.perm); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(p)
			must(t, err)
			if !bytes.Equal(got, tt.data) {
				t.Errorf("content = %q, want %q", got, tt.data)
			}
			if runtime.GOOS != "windows" { // Windows has only a read-only bit
				st, err := os.Stat(p)
				must(t, err)
				if st.Mode().Perm() != tt.wantMode {
					t.Errorf("mode = %v, want %v", st.Mode().Perm(), tt.wantMode)
				}
			}
			if names := dirNames(t, dir); len(names) != 1 || names[0] != name {
				t.Errorf("folder holds %q, want only %q", names, name)
			}
		})
	}
}

func TestWriteFileAtomicRepeated(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "index.md")
	for _, s := range []string{"one", "two, longer", "3"} {
		must(t, WriteFileAtomic(p, []byte(s), 0o644))
		if got, _ := os.ReadFile(p); string(got) != s {
			t.Fatalf("content = %q, want %q", got, s)
		}
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("folder holds %q, want only index.md", names)
	}
}

func TestWriteFileAtomicMissingDir(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "missing", "page.md")
	err := WriteFileAtomic(p, []byte("x"), 0o644)
	if err == nil {
		t.Fatal("write into a missing folder succeeded")
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v does not wrap fs.ErrNotExist", err)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("folder holds %q after a failed write, want nothing", names)
	}
}

func TestWriteFileAtomicOverFolder(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "page.md")
	must(t, os.Mkdir(p, 0o755))
	if err := WriteFileAtomic(p, []byte("x"), 0o644); err == nil {
		t.Fatal("replacing a folder with a file succeeded")
	}
	if names := dirNames(t, dir); len(names) != 1 || names[0] != "page.md" {
		t.Errorf("folder holds %q after a failed write, want only page.md", names)
	}
	if st, err := os.Stat(p); err != nil || !st.IsDir() {
		t.Errorf("the folder was damaged: %v", err)
	}
}

func TestWriteFileAtomicReplacesLink(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "target.md")
	must(t, os.WriteFile(outside, []byte("outside"), 0o644))
	p := filepath.Join(dir, "page.md")
	symlinkOrSkip(t, outside, p)
	must(t, WriteFileAtomic(p, []byte("inside"), 0o644))
	if got, _ := os.ReadFile(outside); string(got) != "outside" {
		t.Errorf("the link's target was written: %q", got)
	}
	st, err := os.Lstat(p)
	must(t, err)
	if !st.Mode().IsRegular() {
		t.Errorf("page.md is %v, want a regular file", st.Mode())
	}
}

func TestFsyncDir(t *testing.T) {
	if err := fsyncDir(t.TempDir()); err != nil {
		t.Errorf("fsyncDir: %v", err)
	}
	if runtime.GOOS != "windows" {
		if err := fsyncDir(filepath.Join(t.TempDir(), "missing")); err == nil {
			t.Error("fsyncDir of a missing folder succeeded")
		}
	}
}
