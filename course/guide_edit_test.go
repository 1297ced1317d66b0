package course

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// Two hand-written meetings for how-to-talk-about-race, in the layout of
// the design notes, with a comment an edit must keep.
const (
	raceMeeting1 = `---
layout: page
title: "Meeting 1: Implicit Bias"
meeting: 1
minutes: 90
# Timings from the module pages.
agenda:
  - activity: Check-in
    minutes: 15
    page: implicit-bias/checkin
  - activity: Read & Watch
    minutes: 30
    page: implicit-bias/read&watch
  - activity: Activity
    minutes: 40
    page: implicit-bias/activity
  - activity: Reflection
    minutes: 5
    page: implicit-bias/reflection
---

## Preparation

- Test both videos on the room's screen.

## Learner goals

- Notice a single story they hold.

## Facilitator tips

- Start on time; latecomers can join at the videos.
`
	raceMeeting2 = `---
layout: page
title: "Meeting 2: Microaggressions"
meeting: 2
minutes: 90
agenda:
  - activity: Check-in
    minutes: 10
    page: microaggressions/checkin
  - activity: Read & Watch
    minutes: 40
    page: microaggressions/read&watch
  - activity: Activity
    minutes: 25
    page: microaggressions/activity
  - activity: Reflection
    minutes: 15
    page: microaggressions/reflection
---

## Preparation

## Learner goals

## Facilitator tips
`
)

// guideGitCourse is how-to-talk-about-race with a two-meeting guide, in a
// git repository with everything committed.
func guideGitCourse(t *testing.T) string {
	t.Helper()
	dir := gitCourse(t, "how-to-talk-about-race")
	guideWriteFile(t, dir, "facilitator-guide/meeting-1.md", raceMeeting1)
	guideWriteFile(t, dir, "facilitator-guide/meeting-2.md", raceMeeting2)
	guideCommit(t, dir)
	return dir
}

func guideWriteFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func guideCommit(t *testing.T, dir string) {
	t.Helper()
	git(t, dir, "add", "-A")
	git(t, dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "step")
}

func guideApply(t *testing.T, c *Course, e Edit) Edit {
	t.Helper()
	inv, err := c.Apply(e)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func guideWantChanges(t *testing.T, dir string, want ...string) {
	t.Helper()
	got := gitChanges(t, dir)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("git sees\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func guideTrashFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(filepath.Join(dir, TrashDir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, filepath.Base(p))
		}
		return nil
	})
	return out
}

func TestWriteDraftGuide(t *testing.T) {
	dir := gitCourse(t, "we-are-ai")
	c := mustLoad(t, dir)
	inv := guideApply(t, c, WriteDraftGuide{})
	if len(c.Guides) != 5 || c.guideIndex == nil {
		t.Fatalf("%d guides, index %v", len(c.Guides), c.guideIndex)
	}
	mustSave(t, c)
	guideWantChanges(t, dir,
		"?? facilitator-guide/index.md",
		"?? facilitator-guide/meeting-1.md", "?? facilitator-guide/meeting-2.md", "?? facilitator-guide/meeting-3.md",
		"?? facilitator-guide/meeting-4.md", "?? facilitator-guide/meeting-5.md")

	// The files load back as the same guide.
	c2 := mustLoad(t, dir)
	if len(c2.Guides) != 5 {
		t.Fatalf("reloaded %d guides, want 5", len(c2.Guides))
	}
	for i, g := range c2.Guides {
		w := c.Guides[i]
		if g.Meeting != w.Meeting || g.Minutes != w.Minutes || g.Title() != w.Title() || !reflect.DeepEqual(g.Agenda, w.Agenda) {
			t.Errorf("meeting %d reloaded as %d %q %d min %+v\nwant %d %q %d min %+v",
				i+1, g.Meeting, g.Title(), g.Minutes, g.Agenda, w.Meeting, w.Title(), w.Minutes, w.Agenda)
		}
		if l := g.Front().String("layout"); l != "page" {
			t.Errorf("%s: layout %q, want page (Jekyll renders it like any single page)", g.Path, l)
		}
	}
	idx := c2.guideIndex
	if idx == nil || idx.Front().String("layout") != "page" || idx.Title() != "Facilitator guide" {
		t.Fatalf("guide index not loaded as a page: %+v", idx)
	}
	for i := 1; i <= 5; i++ {
		link := "({{ site.baseurl }}/facilitator-guide/meeting-" + strconv.Itoa(i) + "/)"
		if !strings.Contains(idx.Body(), link) {
			t.Errorf("index does not link meeting %d:\n%s", i, idx.Body())
		}
	}
	if d := GuideDiagnostics(c2); len(d) != 0 {
		t.Errorf("the drafted guide has diagnostics: %v", d)
	}
	if c2.Modified() {
		t.Error("a freshly loaded drafted guide counts as modified")
	}

	// A second draft is refused.
	if _, err := c2.Apply(WriteDraftGuide{}); !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "already has a facilitator guide") {
		t.Errorf("second WriteDraftGuide: %v", err)
	}

	// Undo after save: the files go to the trash, git is clean.
	redo := guideApply(t, c, inv)
	if len(c.Guides) != 0 || c.guideIndex != nil {
		t.Fatal("undo left guides behind")
	}
	mustSave(t, c)
	guideWantChanges(t, dir)
	if n := len(guideTrashFiles(t, dir)); n != 6 {
		t.Errorf("%d files in the trash, want 6", n)
	}

	// Redo after that writes them again; undo again leaves git clean.
	inv = guideApply(t, c, redo)
	mustSave(t, c)
	if got := len(gitChanges(t, dir)); got != 6 {
		t.Errorf("redo wrote %d files, want 6", got)
	}
	guideApply(t, c, inv)
	mustSave(t, c)
	guideWantChanges(t, dir)
}

func TestWriteDraftGuideUndoBeforeSave(t *testing.T) {
	dir := gitCourse(t, "we-are-ai")
	c := mustLoad(t, dir)
	inv := guideApply(t, c, WriteDraftGuide{})
	guideApply(t, c, inv)
	if c.Modified() || len(c.Guides) != 0 || c.guideIndex != nil {
		t.Fatal("undo before save did not restore the course")
	}
	touched, err := c.Save()
	if err != nil || len(touched) != 0 {
		t.Fatalf("Save after undo touched %v (%v)", touched, err)
	}
	guideWantChanges(t, dir)
}

func TestWriteDraftGuideRefusesExisting(t *testing.T) {
	dir := guideGitCourse(t)
	c := mustLoad(t, dir)
	_, err := c.Apply(WriteDraftGuide{})
	if !errors.Is(err, ErrExists) {
		t.Fatalf("WriteDraftGuide on a course with a guide: %v", err)
	}
	if c.Modified() {
		t.Error("a refused edit changed the course")
	}
}

// An index page the author wrote is kept; only missing meetings are added.
func TestWriteDraftGuideKeepsIndex(t *testing.T) {
	dir := gitCourse(t, "we-are-ai")
	if err := os.MkdirAll(filepath.Join(dir, GuideDir), 0o755); err != nil {
		t.Fatal(err)
	}
	own := "---\nlayout: page\ntitle: Our guide\n---\n\nWritten by hand.\n"
	if err := os.WriteFile(filepath.Join(dir, GuideDir, "index.md"), []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	guideCommit(t, dir)
	c := mustLoad(t, dir)
	guideApply(t, c, WriteDraftGuide{})
	mustSave(t, c)
	guideWantChanges(t, dir,
		"?? facilitator-guide/meeting-1.md", "?? facilitator-guide/meeting-2.md", "?? facilitator-guide/meeting-3.md",
		"?? facilitator-guide/meeting-4.md", "?? facilitator-guide/meeting-5.md")
}

func TestAddGuide(t *testing.T) {
	dir := guideGitCourse(t)
	c := mustLoad(t, dir)
	if len(c.Guides) != 2 {
		t.Fatalf("fixture has %d guides, want 2", len(c.Guides))
	}
	inv := guideApply(t, c, AddGuide{Title: "Meeting 3: Privilege"})
	g := c.Guides[len(c.Guides)-1]
	if g.Meeting != 3 || g.Minutes != 90 || g.Path != "facilitator-guide/meeting-3.md" || len(g.Agenda) != 0 {
		t.Fatalf("added %d %d %s %+v", g.Meeting, g.Minutes, g.Path, g.Agenda)
	}
	mustSave(t, c)
	guideWantChanges(t, dir, "?? facilitator-guide/meeting-3.md")
	raw, err := os.ReadFile(filepath.Join(dir, "facilitator-guide", "meeting-3.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := "---\nlayout: page\ntitle: \"Meeting 3: Privilege\"\nmeeting: 3\nminutes: 90\nagenda: []\n---\n\n## Preparation\n\n## Learner goals\n\n## Facilitator tips\n"
	if string(raw) != want {
		t.Errorf("meeting-3.md =\n%s\nwant\n%s", raw, want)
	}
	c2 := mustLoad(t, dir)
	if len(c2.Guides) != 3 || c2.Guides[2].Meeting != 3 {
		t.Fatalf("reloaded %d guides", len(c2.Guides))
	}
	d := GuideDiagnostics(c2)
	if len(d) != 1 || d[0].File != "facilitator-guide/meeting-3.md" || d[0].Line != 5 ||
		d[0].Message != "the agenda is empty but the meeting is 90 minutes" {
		t.Errorf("diagnostics of the new meeting: %v", d)
	}

	// Undo after save: trashed, git clean.
	guideApply(t, c, inv)
	mustSave(t, c)
	guideWantChanges(t, dir)
	if len(c.Guides) != 2 {
		t.Errorf("%d guides after undo, want 2", len(c.Guides))
	}

	// Defaults: the next number, "Meeting N", the course's meeting length.
	if _, err := c.Apply(SetMeta{Key: "meeting_minutes", Value: "60"}); err != nil {
		t.Fatal(err)
	}
	guideApply(t, c, AddGuide{})
	g = c.Guides[len(c.Guides)-1]
	if g.Title() != "Meeting 3" || g.Minutes != 60 {
		t.Errorf("default meeting: %q, %d minutes", g.Title(), g.Minutes)
	}
	if _, err := c.Apply(AddGuide{Minutes: -5}); err == nil {
		t.Error("negative minutes accepted")
	}
	if _, err := c.Apply(AddGuide{Title: "two\nlines"}); !errors.Is(err, ErrBadTitle) {
		t.Errorf("bad title: %v", err)
	}
}

func TestSetGuideAgenda(t *testing.T) {
	dir := guideGitCourse(t)
	c := mustLoad(t, dir)
	orig, err := os.ReadFile(filepath.Join(dir, "facilitator-guide", "meeting-1.md"))
	if err != nil {
		t.Fatal(err)
	}
	agenda := []AgendaItem{
		{Activity: "Check-in", Minutes: 10, Page: "implicit-bias/checkin"},
		{Activity: "Social identity wheel: in pairs", Minutes: 50, Page: "implicit-bias/activity"},
		{Activity: "Reflection", Minutes: 30},
	}
	inv := guideApply(t, c, SetGuideAgenda{Meeting: 1, Agenda: agenda})
	mustSave(t, c)
	guideWantChanges(t, dir, "M facilitator-guide/meeting-1.md")
	raw, _ := os.ReadFile(filepath.Join(dir, "facilitator-guide", "meeting-1.md"))
	// Only the agenda changed: the lines before it, its comment and the
	// body are as they were.
	head := "---\nlayout: page\ntitle: \"Meeting 1: Implicit Bias\"\nmeeting: 1\nminutes: 90\n# Timings from the module pages.\nagenda:\n"
	body := string(orig[strings.Index(string(orig), "\n---\n"):])
	if !strings.HasPrefix(string(raw), head) || !strings.HasSuffix(string(raw), body) {
		t.Errorf("SetGuideAgenda rewrote more than the agenda:\n%s", raw)
	}
	c2 := mustLoad(t, dir)
	if !reflect.DeepEqual(c2.Guides[0].Agenda, agenda) {
		t.Errorf("reloaded agenda %+v, want %+v", c2.Guides[0].Agenda, agenda)
	}
	if d := GuideDiagnostics(c2); len(d) != 0 {
		t.Errorf("diagnostics after a 90-minute agenda: %v", d)
	}

	// Undo after save restores the file exactly.
	guideApply(t, c, inv)
	if len(c.Guides[0].Agenda) != 4 {
		t.Errorf("undo left agenda %+v", c.Guides[0].Agenda)
	}
	mustSave(t, c)
	guideWantChanges(t, dir)

	// Undo before save leaves nothing to save.
	inv = guideApply(t, c, SetGuideAgenda{Meeting: 2, Agenda: nil})
	if got := c.Guides[1].Front().Lookup("agenda"); got == nil || len(got.Content) != 0 {
		t.Errorf("empty agenda not written as a list")
	}
	guideApply(t, c, inv)
	if c.Modified() {
		t.Error("undo before save left the course modified")
	}
	if len(c.Guides[1].Agenda) != 4 {
		t.Errorf("undo left agenda %+v", c.Guides[1].Agenda)
	}

	for _, bad := range []SetGuideAgenda{
		{Meeting: 9, Agenda: agenda},
		{Meeting: 1, Agenda: []AgendaItem{{Activity: "", Minutes: 10}}},
		{Meeting: 1, Agenda: []AgendaItem{{Activity: "Talk", Minutes: -1}}},
		{Meeting: 1, Agenda: []AgendaItem{{Activity: "a\nb", Minutes: 1}}},
	} {
		if _, err := c.Apply(bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	if _, err := c.Apply(SetGuideAgenda{Meeting: 9}); !errors.Is(err, ErrNotInCourse) {
		t.Errorf("unknown meeting: %v", err)
	}
	if c.Modified() {
		t.Error("refused edits changed the course")
	}
}

func TestRemoveGuide(t *testing.T) {
	dir := guideGitCourse(t)
	c := mustLoad(t, dir)
	inv := guideApply(t, c, RemoveGuide{Meeting: 2})
	if len(c.Guides) != 1 || c.Guides[0].Meeting != 1 {
		t.Fatalf("guides after remove: %d", len(c.Guides))
	}
	mustSave(t, c)
	guideWantChanges(t, dir, "D facilitator-guide/meeting-2.md")
	if got := guideTrashFiles(t, dir); !reflect.DeepEqual(got, []string{"meeting-2.md"}) {
		t.Errorf("trash holds %v", got)
	}
	guideApply(t, c, inv)
	mustSave(t, c)
	guideWantChanges(t, dir)
	if c2 := mustLoad(t, dir); len(c2.Guides) != 2 {
		t.Errorf("after undo, %d guides load", len(c2.Guides))
	}
	if _, err := c.Apply(RemoveGuide{Meeting: 7}); !errors.Is(err, ErrNotInCourse) {
		t.Errorf("remove unknown meeting: %v", err)
	}

	// Removing a meeting never saved leaves nothing on disk.
	guideApply(t, c, AddGuide{})
	guideApply(t, c, RemoveGuide{Meeting: 3})
	if c.Modified() {
		t.Error("add then remove of an unsaved meeting left changes")
	}
}

// The drafted index keeps its meeting list in step with the meetings.
func TestGuideIndexFollowsMeetings(t *testing.T) {
	dir := gitCourse(t, "we-are-ai")
	c := mustLoad(t, dir)
	guideApply(t, c, WriteDraftGuide{})
	mustSave(t, c)
	guideCommit(t, dir)

	inv := guideApply(t, c, RemoveGuide{Meeting: 5})
	if strings.Contains(c.guideIndex.Body(), "meeting-5/") {
		t.Error("index still lists the removed meeting")
	}
	mustSave(t, c)
	guideWantChanges(t, dir, "D facilitator-guide/meeting-5.md", "M facilitator-guide/index.md")
	guideApply(t, c, inv)
	mustSave(t, c)
	guideWantChanges(t, dir)

	add := guideApply(t, c, AddGuide{Title: "Closing circle", Minutes: 60})
	if !strings.Contains(c.guideIndex.Body(), "- [Closing circle]({{ site.baseurl }}/facilitator-guide/meeting-6/) (60 minutes)\n") {
		t.Errorf("index does not list the new meeting:\n%s", c.guideIndex.Body())
	}
	mustSave(t, c)
	guideWantChanges(t, dir, "?? facilitator-guide/meeting-6.md", "M facilitator-guide/index.md")
	guideApply(t, c, add)
	mustSave(t, c)
	guideWantChanges(t, dir)
}
