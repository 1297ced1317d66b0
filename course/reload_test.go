package course

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func touchWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
}

func TestReloadExternalChange(t *testing.T) {
	dir := gitCourse(t, "course-in-a-box")
	c := mustLoad(t, dir)
	p := c.Module("setup").Pages[0]
	full := filepath.Join(dir, filepath.FromSlash(p.Path))

	// Changed elsewhere, no local edits: re-read in place.
	touchWrite(t, full, "---\ntitle: Changed elsewhere\n---\nnew body\n")
	res, err := c.Reload()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Changed, []string{p.Path}) || len(res.Conflicts) != 0 {
		t.Fatalf("reload = %+v", res)
	}
	if c.Module("setup").Pages[0] != p || p.Title() != "Changed elsewhere" || p.Body() != "new body\n" {
		t.Errorf("page not re-read in place: %q %q", p.Title(), p.Body())
	}

	// Changed elsewhere while edited here: a conflict, local text kept.
	p.SetBody("my local words\n")
	touchWrite(t, full, "---\ntitle: Again\n---\nother body\n")
	res, err = c.Reload()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Conflicts, []string{p.Path}) || p.Body() != "my local words\n" {
		t.Errorf("conflict not reported or local text lost: %+v %q", res, p.Body())
	}
}

func TestReloadStructureChange(t *testing.T) {
	dir := gitCourse(t, "course-in-a-box")
	c := mustLoad(t, dir)
	touchWrite(t, filepath.Join(dir, "modules/setup/_posts/2000-01-09-new.md"), "---\ntitle: New\n---\n")
	res, err := c.Reload()
	if err != nil {
		t.Fatal(err)
	}
	if !res.Structure || len(c.Module("setup").Pages) != 4 {
		t.Errorf("new page not picked up: %+v", res)
	}
	// With unsaved edits a structural change is a conflict, nothing replaced.
	c.Module("setup").Pages[0].SetBody("unsaved\n")
	touchWrite(t, filepath.Join(dir, "modules/setup/_posts/2000-01-10-newer.md"), "---\ntitle: Newer\n---\n")
	res, err = c.Reload()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Conflicts) == 0 || !strings.Contains(c.Module("setup").Pages[0].Body(), "unsaved") {
		t.Errorf("unsaved work replaced: %+v", res)
	}
}
