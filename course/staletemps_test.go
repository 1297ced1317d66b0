package course

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Issue 12: a plain save killed between writing its temporary file and
// renaming it (kill -9) leaves ".NAME.DIGITS.tmp" behind; the next load
// removes those older than a minute, in the folders saves write to, and
// nothing else: not younger ones (a save may be under way), not other
// names, not folders.
func TestLoadRemovesStaleTempFiles(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var post string
	for _, m := range c.Modules {
		if len(m.Pages) > 0 {
			post = filepath.Dir(m.Pages[0].Path)
			break
		}
	}
	if post == "" {
		t.Fatal("no module page")
	}
	old := time.Now().Add(-2 * time.Minute)
	write := func(rel string, age time.Time) string {
		full := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("left over"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(full, age, age); err != nil {
			t.Fatal(err)
		}
		return full
	}
	stale := []string{
		write(".index.md.123456.tmp", old),
		write("_data/.course.yml.42.tmp", old),
		write("_config.yml", time.Now()), // kept: a real file
		write("._config.yml.7.tmp", old),
		write(post+"/.2000-01-01-x.md.987654321.tmp", old),
	}
	stale = append(stale[:2], stale[3:]...)
	kept := []string{
		write(".index.md.1234567.tmp", time.Now()), // young: a save may be under way
		write(".notes.tmp", old),                   // no digits
		write(".a.12x.tmp", old),
		write("a.123.tmp", old), // no leading dot
		write(".a.123.tmp.bak", old),
		write(".123.tmp", old),
		write(post+"/.page.md.1.tmp.md", old),
		write("docs/.page.md.5.tmp", old), // a folder saves do not write to
	}
	if err := os.Mkdir(filepath.Join(dir, ".x.md.55.tmp"), 0o755); err != nil { // a folder
		t.Fatal(err)
	}
	kept = append(kept, filepath.Join(dir, ".x.md.55.tmp"))
	if _, err := Load(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range stale {
		if _, err := os.Lstat(f); err == nil {
			t.Errorf("%s: stale, still there", f)
		}
	}
	for _, f := range kept {
		if _, err := os.Lstat(f); err != nil {
			t.Errorf("%s: removed (%v)", f, err)
		}
	}
}

func TestIsAtomicTemp(t *testing.T) {
	// The names WriteFileAtomic makes are of the shape.
	dir := t.TempDir()
	for _, name := range []string{"index.md", "2000-01-01-a-very-long-name-of-a-page-that-goes-on-and-on.md", "course.yml"} {
		f, err := os.CreateTemp(dir, "."+shortName(name, 40)+".*.tmp")
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		if !isAtomicTemp(filepath.Base(f.Name())) {
			t.Errorf("%s: WriteFileAtomic's name not recognised", filepath.Base(f.Name()))
		}
	}
}
