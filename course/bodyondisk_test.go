package course

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/gencourse"
)

// A course whose bodies stay on disk reads, for every page of every
// corpus course, exactly what a course holding them reads.
func TestKeepBodiesOnDiskReadsTheSameText(t *testing.T) {
	for _, name := range corpusCourses {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(corpusDir(t), name)
			held, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			onDisk, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			onDisk.KeepBodiesOnDisk()
			a, b := held.AllPages(), onDisk.AllPages()
			if len(a) != len(b) {
				t.Fatalf("%d pages, %d on disk", len(a), len(b))
			}
			dropped := 0
			for i, p := range a {
				q := b[i]
				if q.src != nil {
					dropped++
					if q.body != "" || q.orig != "" {
						t.Errorf("%s: dropped, yet its text is held", q.Path)
					}
				}
				if p.Body() != q.Body() || string(p.Bytes()) != string(q.Bytes()) {
					t.Errorf("%s: the text read from disk differs from the text held", p.Path)
				}
				if p.HeadingTitle() != q.HeadingTitle() || p.BodyWithoutTitle() != q.BodyWithoutTitle() || p.Words() != q.Words() || p.SiteTitle() != q.SiteTitle() {
					t.Errorf("%s: titles or words differ: %q %q", p.Path, p.SiteTitle(), q.SiteTitle())
				}
				if q.Modified() || q.BodyError() != nil {
					t.Errorf("%s: modified %v, error %v", q.Path, q.Modified(), q.BodyError())
				}
			}
			// Every corpus course has LF pages without a byte-order mark.
			if dropped == 0 {
				t.Errorf("no page of %d dropped its text", len(b))
			}
			t.Logf("%d of %d pages read from disk", dropped, len(b))
		})
	}
}

// Edits read a dropped page's text back first: saving an edited front
// matter keeps the body, and an edited body keeps the front matter.
func TestKeepBodiesOnDiskEditsKeepTheText(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	c.KeepBodiesOnDisk()
	var front, body *Page
	for _, p := range c.AllPages() {
		if p.src == nil || !p.HasFront() || strings.TrimSpace(p.Body()) == "" {
			continue
		}
		switch {
		case front == nil:
			front = p
		case body == nil:
			body = p
		}
	}
	if front == nil || body == nil {
		t.Fatal("the course has no two pages with front matter and a body")
	}
	frontWas, bodyWas := front.Body(), string(body.Front().Bytes())
	if err := front.SetFront("title", "A new title"); err != nil {
		t.Fatal(err)
	}
	body.SetBody("A new body.\n")
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	f, b := got.PageByPath(front.Path), got.PageByPath(body.Path)
	if f.Title() != "A new title" || f.Body() != frontWas {
		t.Errorf("%s: title %q; body kept: %v", f.Path, f.Title(), f.Body() == frontWas)
	}
	if b.Body() != "A new body.\n" || string(b.Front().Bytes()) != bodyWas {
		t.Errorf("%s: body %q; front matter kept: %v", b.Path, b.Body(), string(b.Front().Bytes()) == bodyWas)
	}
}

// A file changed after the load, or gone, gives an empty body and says
// why: the changed text was not checked for secrets, and its front matter
// may say other things than the one loaded.
func TestKeepBodiesOnDiskFileChangedOrGone(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	c.KeepBodiesOnDisk()
	var dropped []*Page
	for _, p := range c.AllPages() {
		if p.src != nil && p.HasFront() {
			dropped = append(dropped, p)
		}
	}
	if len(dropped) < 2 {
		t.Fatalf("%d pages dropped their text", len(dropped))
	}
	changed, gone := dropped[0], dropped[1]
	if err := os.WriteFile(filepath.Join(dir, changed.Path), []byte("---\ntitle: Changed\n---\nChanged body, longer than before it was.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := changed.Body(); got != "" || !errors.Is(changed.BodyError(), errChangedSinceLoad) {
		t.Errorf("%s changed on disk: body %q, error %v; want none and the error saying so", changed.Path, got, changed.BodyError())
	}
	// An edit works on the file as it is now.
	changed.SetBody("Edited.\n")
	if got := string(changed.Bytes()); !strings.HasSuffix(got, "\nEdited.\n") || !strings.HasPrefix(got, "---\n") {
		t.Errorf("%s edited after it changed on disk: %q", changed.Path, got)
	}
	if err := os.Remove(filepath.Join(dir, gone.Path)); err != nil {
		t.Fatal(err)
	}
	if got := gone.Body(); got != "" {
		t.Errorf("%s is gone: body %q", gone.Path, got)
	}
	if gone.BodyError() == nil {
		t.Errorf("%s is gone, and BodyError says nothing", gone.Path)
	}
}

// liveHeap is the heap a collection found live.
func liveHeap() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// Issue 12 (scale): a course loaded for a build costs a page its front
// matter and its place in the course, not its text. A one-page module of
// 200 words cost 3.5 KB holding its text, about 1.5 KB without.
func TestKeepBodiesOnDiskMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 1,000 pages; skipped with -short")
	}
	if raceDetector {
		t.Skip("heap figures under -race are the race detector's as much as the course's")
	}
	const pages = 1000
	dir := filepath.Join(t.TempDir(), "gen")
	if err := gencourse.Write(dir, gencourse.Options{Pages: pages, PerModule: 1, Words: 200, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	before := liveHeap()
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	held := liveHeap()
	c.KeepBodiesOnDisk()
	onDisk := liveHeap()
	runtime.KeepAlive(c)
	kb := func(a, b uint64) float64 { return (float64(a) - float64(b)) / pages / 1024 }
	t.Logf("a page costs %.2f KB holding its text, %.2f KB with its text on disk", kb(held, before), kb(onDisk, before))
	if kb(onDisk, before) > 2 {
		t.Errorf("with its text on disk a page still costs %.2f KB, more than 2 KB", kb(onDisk, before))
	}
	if kb(held, onDisk) < 1.25 {
		t.Errorf("dropping the text saved %.2f KB a page, less than 1.25 KB (the text is about 2 KB)", kb(held, onDisk))
	}
}

// While held, a dropped text is read once: a change to the file after
// Hold shows only once the hold is released.
func TestHoldReadsTheFileOnce(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "course-in-a-box"))
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	c.KeepBodiesOnDisk()
	var p *Page
	for _, q := range c.AllPages() {
		if q.src != nil && q.HasFront() {
			p = q
			break
		}
	}
	if p == nil {
		t.Fatal("no page dropped its text")
	}
	was := p.Body()
	release := p.Hold()
	inner := p.Hold()
	if err := os.WriteFile(filepath.Join(dir, p.Path), []byte("---\ntitle: Changed\n---\nChanged.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inner()
	inner() // a second call changes nothing
	if got := p.Body(); got != was {
		t.Errorf("held: body %q, want the text read when held", got)
	}
	release()
	if got := p.Body(); got != "" || p.BodyError() == nil {
		t.Errorf("released: body %q, error %v; want the file's change reported", got, p.BodyError())
	}
}
