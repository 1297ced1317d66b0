package course

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// errDiskFull stands for the failure a full disk gives, injected at a
// chosen move or write of Save.
var errDiskFull = errors.New("no space left on device (injected)")

func failAt(c *Course, step string) {
	c.failHook = func(s string) error {
		if strings.HasPrefix(s, step) {
			return errDiskFull
		}
		return nil
	}
}

func journalExists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(EditJournalFile)))
	return err == nil
}

// Issue 12, item 11: a multi-file edit cut short midway is completed by
// the next open, whatever point it reached; the journal is gone after.
func TestInterruptedEditIsCompletedOnOpen(t *testing.T) {
	for name, tc := range map[string]struct {
		edit   Edit
		failAt string
		check  func(t *testing.T, c *Course)
	}{
		"reslug, folder moved but course.yml not written": {
			edit:   ReslugModule{Slug: "setup", New: "getting-started"},
			failAt: "write " + DataFile,
			check: func(t *testing.T, c *Course) {
				if m := c.Module("getting-started"); m == nil || m.Missing || len(m.Pages) == 0 {
					t.Fatalf("the module is not under its new name: %+v", m)
				}
				if m := c.Module("setup"); m != nil && !m.Missing {
					t.Error("the old module name is still in use")
				}
				if _, err := os.Stat(filepath.Join(c.Dir, ModulesDir, "setup")); err == nil {
					t.Error("the old folder is still there")
				}
			},
		},
		"reslug, nothing moved yet": {
			edit:   ReslugModule{Slug: "setup", New: "getting-started"},
			failAt: "move ",
			check: func(t *testing.T, c *Course) {
				if m := c.Module("getting-started"); m == nil || m.Missing || len(m.Pages) == 0 {
					t.Fatalf("the module is not under its new name: %+v", m)
				}
			},
		},
		"page moved across modules, cut before its writes": {
			edit:   MovePage{Module: "setup", Slug: firstPageSlug(t, "setup"), To: "content"},
			failAt: "write ",
			check: func(t *testing.T, c *Course) {
				slug := firstPageSlug(t, "setup")
				if c.Module("content").Page(slug) == nil {
					t.Errorf("page %s is not in its new module", slug)
				}
				if c.Module("setup").Page(slug) != nil {
					t.Errorf("page %s is still in its old module", slug)
				}
			},
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
			c := mustLoad(t, dir)
			if _, err := c.Apply(tc.edit); err != nil {
				t.Fatal(err)
			}
			failAt(c, tc.failAt)
			if _, err := c.Save(); !errors.Is(err, errDiskFull) {
				t.Fatalf("save: %v, want the injected failure", err)
			}
			if !journalExists(dir) {
				t.Fatal("no journal left by the save that failed")
			}
			c2 := mustLoad(t, dir)
			if journalExists(dir) {
				t.Error("the journal is still there after the course was opened")
			}
			tc.check(t, c2)
			if ds := Check(c2); hasErrors(ds) {
				t.Errorf("the completed course has errors: %v", ds)
			}
		})
	}
}

// A save that moves nothing keeps no journal, and a save that succeeds
// removes its own.
func TestJournalOnlyWhileMoving(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	c := mustLoad(t, dir)
	if _, err := c.Apply(ReslugModule{Slug: "setup", New: "start"}); err != nil {
		t.Fatal(err)
	}
	saw := false
	c.failHook = func(string) error {
		saw = saw || journalExists(dir)
		return nil
	}
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if !saw {
		t.Error("the reslug was saved without a journal")
	}
	if journalExists(dir) {
		t.Error("a successful save left its journal")
	}
	if _, err := c.Apply(RenameModule{Slug: "start", Title: "Start here"}); err != nil {
		t.Fatal(err)
	}
	saw = false
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if saw {
		t.Error("a save that moves nothing wrote a journal")
	}
}

// Issue 12, item 11: a module added on a full disk leaves no empty folder.
func TestFailedModuleAddLeavesNoFolder(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	c := mustLoad(t, dir)
	if _, err := c.Apply(AddModule{Title: "Brand New"}); err != nil {
		t.Fatal(err)
	}
	failAt(c, "write "+ModulesDir+"/")
	if _, err := c.Save(); !errors.Is(err, errDiskFull) {
		t.Fatalf("save: %v, want the injected failure", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ModulesDir, "brand-new")); err == nil {
		t.Error("the failed module add left its folder")
	}
}

func firstPageSlug(t *testing.T, module string) string {
	t.Helper()
	c := mustLoad(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	m := c.Module(module)
	if m == nil || len(m.Pages) == 0 {
		t.Fatalf("no pages in module %s", module)
	}
	return m.Pages[0].Slug
}

func hasErrors(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// A save killed while it wrote a file (between WriteFileAtomic's
// temporary file and its rename) or its journal leaves that temporary
// file: completing the save removes it, and nothing else that looks like
// one (found by the CLI's kill -9 test, TestKill9DuringMultiFileEdit).
func TestInterruptedEditLeavesNoTempFiles(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	c := mustLoad(t, dir)
	if _, err := c.Apply(ReslugModule{Slug: "setup", New: "getting-started"}); err != nil {
		t.Fatal(err)
	}
	failAt(c, "write "+DataFile)
	if _, err := c.Save(); !errors.Is(err, errDiskFull) {
		t.Fatalf("save: %v, want the injected failure", err)
	}
	data := filepath.Join(dir, filepath.FromSlash(DataFile))
	journalDir := filepath.Dir(filepath.Join(dir, filepath.FromSlash(EditJournalFile)))
	left := []string{filepath.Join(filepath.Dir(data), ".course.yml.4242.tmp"), filepath.Join(journalDir, ".edit-journal.17.tmp")}
	kept := []string{filepath.Join(filepath.Dir(data), ".course.yml.notes.tmp"), filepath.Join(filepath.Dir(data), "course.yml.4242.tmp")}
	for _, p := range append(append([]string{}, left...), kept...) {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustLoad(t, dir)
	for _, p := range left {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
	for _, p := range kept {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s, not a temporary file of a save, was removed", p)
		}
	}

	// Only a journal's temporary file: the save was killed before it
	// changed anything; the file goes all the same.
	orphan := filepath.Join(journalDir, ".edit-journal.99.tmp")
	if err := os.WriteFile(orphan, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, dir)
	if _, err := os.Stat(orphan); err == nil {
		t.Error("a journal's temporary file with no journal is still there")
	}
}
