package course

import (
	"context"
	"errors"
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

// The app reads the folder off its UI thread: PrepareReload, then Scan on
// another goroutine, then ApplyReload. What the author did in between
// wins: a page edited meanwhile is a conflict (its text kept), and a save
// meanwhile makes the scan stale (nothing applied) rather than putting
// older text over what was saved.
func TestReloadInStepsKeepsWhatHappenedMeanwhile(t *testing.T) {
	dir := gitCourse(t, "course-in-a-box")
	c := mustLoad(t, dir)
	p := c.Module("setup").Pages[0]
	full := filepath.Join(dir, filepath.FromSlash(p.Path))

	// Saved while the scan ran: stale, nothing applied.
	q := c.Module("setup").Pages[1]
	s := c.PrepareReload()
	if err := s.Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	q.SetBody("saved during the scan\n")
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ApplyReload(s); !errors.Is(err, ErrReloadStale) {
		t.Fatalf("apply after a save: got %v, want ErrReloadStale", err)
	}
	if q.Body() != "saved during the scan\n" {
		t.Fatalf("a stale scan changed the page: %q", q.Body())
	}

	// Changed elsewhere, edited here while the scan ran.
	before := p.Body()
	touchWrite(t, full, "---\ntitle: Changed elsewhere\n---\nnew body\n")
	s = c.PrepareReload()
	done := make(chan error)
	go func() { done <- s.Scan(context.Background()) }()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	p.SetBody("typed during the scan\n")
	res, err := c.ApplyReload(s)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Conflicts, []string{p.Path}) || p.Body() != "typed during the scan\n" {
		t.Fatalf("the edit made during the scan was not kept as a conflict: %+v, body %q", res, p.Body())
	}

	p.SetBody(before) // the author gives the edit up

	// A scan cancelled stops with the context's error.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	touchWrite(t, filepath.Join(dir, "modules/setup/_posts/2000-01-09-new.md"), "---\ntitle: New\n---\n")
	if err := c.PrepareReload().Scan(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled scan: got %v, want context.Canceled", err)
	}
	// Re-read in steps as a whole after the structure changed: the pages
	// keep their course (their permalinks follow its settings).
	s = c.PrepareReload()
	if err := s.Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	if res, err := c.ApplyReload(s); err != nil || !res.Structure || c.PageByPath("modules/setup/_posts/2000-01-09-new.md") == nil {
		t.Fatalf("structure change in steps: %+v, %v", res, err)
	}
}
