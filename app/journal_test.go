package app

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// TestSpliceKeepsWholeCharacters checks that each splice turns the old
// text into the new one and never cuts a character (JSON would turn half
// a character into U+FFFD).
func TestSpliceKeepsWholeCharacters(t *testing.T) {
	cases := []struct{ a, b string }{
		{"", "x"},
		{"abc", "abc"},
		{"abc", "abXc"},
		{"abc", ""},
		{"héllo", "hèllo"}, // é and è share their first byte
		{"日本語", "日本人語"},
		{"aaaa", "aaaaa"},
		{"ü", "üü"},
		{"x🙂y", "x🙃y"},
	}
	for _, c := range cases {
		at, del, ins := splice(c.a, c.b)
		if got := c.a[:at] + ins + c.a[at+del:]; got != c.b {
			t.Errorf("splice(%q, %q) = %d,%d,%q gives %q", c.a, c.b, at, del, ins, got)
		}
		if !validUTF8(ins) {
			t.Errorf("splice(%q, %q) inserts half a character: %q", c.a, c.b, ins)
		}
	}
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// TestJournalLogAppends checks that the log appends splices (the file only
// grows, by little for one key), that reading replays them, and that a
// torn last line loses only that line.
func TestJournalLogAppends(t *testing.T) {
	j := journal{root: t.TempDir()}
	dir := t.TempDir()
	l := newJournalLog(j, dir)
	long := strings.Repeat("A long page of text. ", 5000) // 100K
	pages := map[string]string{"index.md": long, "about.md": "About"}
	if err := l.write(l.snapshot(pages)); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(j.path(dir))
	first := st.Size()
	text := long
	for _, r := range "ünïcödé typed" {
		text = text[:100] + string(r) + text[100:]
		if err := l.write(l.snapshot(map[string]string{"index.md": text, "about.md": "About"})); err != nil {
			t.Fatal(err)
		}
	}
	st, _ = os.Stat(j.path(dir))
	if grew := st.Size() - first; grew <= 0 || grew > 13*120 {
		t.Fatalf("13 keys grew the journal by %d bytes (want a small append each)", grew)
	}
	e, ok := j.read(dir)
	if !ok || e.Pages["index.md"] != text || e.Pages["about.md"] != "About" || e.Dir != dir {
		t.Fatalf("read back %v, dir %q", ok, e.Dir)
	}

	// An older snapshot taken before is dropped, not written over a newer.
	old := l.snapshot(map[string]string{"index.md": "stale"})
	newer := l.snapshot(map[string]string{"index.md": text + "!"})
	if err := l.write(newer); err != nil {
		t.Fatal(err)
	}
	if err := l.write(old); err != nil {
		t.Fatal(err)
	}
	e, _ = j.read(dir)
	if e.Pages["index.md"] != text+"!" {
		t.Fatal("an older snapshot overwrote a newer one")
	}
	if _, ok := e.Pages["about.md"]; ok {
		t.Fatal("a page no longer unsaved is still journaled")
	}

	// A kill in the middle of an append leaves a torn last line.
	f, err := os.OpenFile(j.path(dir), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString(`{"t":"2026-01-01T00:00:00Z","path":"index.md","splice":true,"at":3,"ins":"tor`)
	_ = f.Close()
	e, ok = j.read(dir)
	if !ok || e.Pages["index.md"] != text+"!" {
		t.Fatalf("a torn last line lost what came before it (%v)", ok)
	}

	// Nothing unsaved: the file goes.
	if err := l.write(l.snapshot(map[string]string{})); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(j.path(dir)); !os.IsNotExist(err) {
		t.Fatalf("the journal is still there with nothing unsaved: %v", err)
	}
}

// TestJournalLogCompacts checks that a long session does not grow the
// file without end: past a few times the text it holds, it is rewritten.
func TestJournalLogCompacts(t *testing.T) {
	j := journal{root: t.TempDir()}
	dir := t.TempDir()
	l := newJournalLog(j, dir)
	text := "short"
	for i := 0; i < 5000; i++ {
		text = text[:2] + "x" + text[2:]
		if err := l.write(l.snapshot(map[string]string{"a.md": text})); err != nil {
			t.Fatal(err)
		}
	}
	st, _ := os.Stat(j.path(dir))
	if st.Size() > int64(4*len(text)+64<<10+200) {
		t.Fatalf("the journal grew to %d bytes for %d bytes of text", st.Size(), len(text))
	}
	pages, err := ReadJournalFile(j.path(dir))
	if err != nil || pages["a.md"] != text {
		t.Fatalf("after compaction the journal reads back wrong (%v)", err)
	}
}

// TestJournalThrottle types without a pause for longer than the journal's
// bound: the journal must follow the typing, not wait for it to stop.
func TestJournalThrottle(t *testing.T) {
	d, _ := newTestApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, err := d.OpenCourse(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := w.View.Page.Page().Path
	w.View.Page.Text.Select(0, 0)
	var typed strings.Builder
	var worst time.Duration
	for i := 0; i < 60; i++ { // 60 keys, 25 ms apart: 1.5 s of typing
		r := rune('a' + i%26)
		typeKey(w, r)
		typed.WriteRune(r)
		sent := time.Now()
		want := typed.String()
		idle(25 * time.Millisecond)
		// Every few keys, check that a key typed JournalBound ago is in.
		if i%10 == 9 {
			deadline := sent.Add(loadedBound)
			for {
				e, ok := d.journal.read(dir)
				if ok && strings.HasPrefix(e.Pages[path], want) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("key %d was not in the journal %v after it was typed", i, loadedBound)
				}
				idle(5 * time.Millisecond)
			}
			worst = max(worst, time.Since(sent))
		}
	}
	t.Logf("slowest key to reach the journal: %v", worst)
}

// typeKey types one character where the editor's cursor is.
func typeKey(w *CourseWindow, r rune) {
	test.Type(w.View.Page.Text, string(r))
}

// TestRestoreOfferStaysUntilAnswered closes the window, then quits the
// app, while "Restore unsaved work?" is showing: the journal must still
// be there, and offered again, at the next start.
func TestRestoreOfferStaysUntilAnswered(t *testing.T) {
	d, _ := newTestApp(t)
	crashesBeforeAutosave(d)
	dir := corpusCourse(t, "how-to-talk-about-race")
	w, _ := d.OpenCourse(dir)
	typeIn(w, "Unanswered offers keep this. ")
	w.writeJournal()

	for _, leave := range []string{"close the window", "quit"} {
		d2, _ := restart(t)
		w2, _ := d2.OpenCourse(dir)
		if findButton(w2.Win, "Restore") == nil {
			t.Fatalf("before %s: no restore offer", leave)
		}
		if leave == "quit" {
			d2.flushJournals() // what Run does after the event loop ends
		} else {
			w2.askClose()
		}
		e, ok := d2.journal.read(dir)
		if !ok || !strings.Contains(e.Pages[w.View.Page.Page().Path], "Unanswered offers keep this. ") {
			t.Fatalf("after the author chose to %s without answering, the journal is gone", leave)
		}
	}
}

// loadedBound is JournalBound with room for a loaded test machine: the
// in-process tests tell a throttle from a debounce (which writes nothing
// while typing goes on); the real-window kill test
// (cmd/coursewright) holds the app to JournalBound itself.
const loadedBound = 2 * JournalBound
