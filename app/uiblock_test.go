package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/coursewright/coursewright/internal/testcorpus"
	"github.com/coursewright/coursewright/internal/uitest"
)

// uiBlockLimit is the longest the UI thread may be kept from the next
// event: uitest.BlockLimit says why, and how to hold the code to 50 ms.
func uiBlockLimit(t *testing.T) time.Duration { return uitest.BlockLimit(t, raceDetector) }

// longPage is n characters of ordinary course markdown: headings,
// paragraphs, a list.
func longPage(n int) string {
	para := "Learners read the article together and note one idea that surprised them, then share it with a partner before the whole group discusses what they found. "
	var b strings.Builder
	b.WriteString("---\nlayout: index\ntitle: Home\n---\n")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "## Part %d\n\n", i+1)
		for j := 0; j < 4; j++ {
			b.WriteString(para + para[:40+j*20] + "\n\n")
		}
		b.WriteString("- a first point to discuss\n- a [second point](https://example.org/)\n\n")
	}
	return b.String()[:n]
}

// A watchdog posts to the UI thread every 10 ms while the app opens a
// course whose home page has 50,000 characters from the start screen
// (the page opens with the course), then opens another page and the long
// one again from the tree, as an author would: the longest gap between
// two pings is the longest the UI thread was blocked.
func TestOpeningA50KPageNeverBlocksTheUIThread(t *testing.T) {
	limit := uiBlockLimit(t)
	d, _ := newTestApp(t)
	<-warmFonts() // as Run does before the first window
	dir := corpusCourse(t, "course-in-a-box")
	if err := os.WriteFile(filepath.Join(dir, "index.md"), []byte(longPage(50000)), 0o644); err != nil {
		t.Fatal(err)
	}
	start := d.ShowStart()
	idle(50 * time.Millisecond) // the start screen is up and quiet

	stop := uitest.Ping(10 * time.Millisecond)
	began := time.Now()
	d.openFrom(start, dir)
	waitFor(t, 60*time.Second, "the course window with its preview and problems", func() bool {
		w := d.windows[dir]
		return w != nil && !w.View.Busy() && len(w.View.Preview.Objects()) > 0
	})
	opened := time.Since(began)
	openGap := stop()

	w := d.windows[dir]
	if n := len(w.View.Page.Text.Text()); n < 49000 {
		t.Fatalf("the editor shows %d characters of the 50K page", n)
	}
	home := w.View.Course().Home
	other := w.View.Course().Modules[0].Pages[0]
	w.View.OpenPage(other)
	waitFor(t, 60*time.Second, "the short page", func() bool { return !w.View.Busy() })

	stop = uitest.Ping(10 * time.Millisecond)
	idle(30 * time.Millisecond)
	w.View.OpenPage(home)
	waitFor(t, 60*time.Second, "the long page's preview and problems", func() bool { return !w.View.Busy() })
	treeGap := stop()

	t.Logf("opening the course: %v until the preview showed; longest UI-thread gap %v; opening the 50K page from the tree: longest gap %v (limit %v)",
		opened.Round(time.Millisecond), openGap.Round(time.Millisecond), treeGap.Round(time.Millisecond), limit)
	if openGap > limit {
		t.Errorf("opening the course blocked the UI thread for %v (limit %v)", openGap, limit)
	}
	if treeGap > limit {
		t.Errorf("opening the 50K page from the tree blocked the UI thread for %v (limit %v)", treeGap, limit)
	}
}

// corpusText is n bytes of the corpus's course pages, front matter
// removed, one after the other: real course text, with the links and
// Liquid that give a page problems to list.
func corpusText(t *testing.T, n int) string {
	files, err := filepath.Glob(filepath.Join(testcorpus.Dir(t), "*", "modules", "*", "_posts", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus pages (%v)", err)
	}
	var b strings.Builder
	for b.Len() < n {
		for _, f := range files {
			s := read(t, f)
			if strings.HasPrefix(s, "---\n") {
				if i := strings.Index(s[4:], "\n---\n"); i >= 0 {
					s = s[4+i+5:]
				}
			}
			b.WriteString(s + "\n")
		}
	}
	s := b.String()[:n]
	return s[:strings.LastIndexByte(s, '\n')+1]
}

// An author clicks a 50K page of real course text in the tree of a
// running app (the page has images and some sixty problems to list):
// the watchdog's longest gap is the longest the UI thread was held,
// the tree's selection, the editor, the preview's slices and the problem
// list included. Before the problem list stopped wrapping every message
// in a probe label and laying the list out again for each row, showing
// the problems alone held it 100–400 ms.
//
// Its default limit is tighter than uiBlockLimit's, 600 ms (2 s under the
// race detector): that still holds on a 2-core machine running other
// tests (51–197 ms measured at loads of 13 to 20; 285 ms under -race),
// and the code it replaced took 0.9–1.5 s at a load of 13. COURSEWRIGHT_UI_BLOCK_LIMIT=50ms holds it
// to issue 11's target on a quiet machine.
func TestOpeningA50KPageFromTheTreeNeverBlocksTheUIThread(t *testing.T) {
	limit := 600 * time.Millisecond
	if raceDetector {
		limit = 2 * time.Second
	}
	if os.Getenv("COURSEWRIGHT_UI_BLOCK_LIMIT") != "" {
		limit = uiBlockLimit(t)
	}
	d, _ := newTestApp(t)
	<-warmFonts()
	dir := corpusCourse(t, "how-to-talk-about-race")
	rel := filepath.Join("modules", "privilege", "_posts", "2000-01-01-checkin.md")
	body := read(t, filepath.Join(dir, rel))
	end := strings.Index(body[4:], "\n---\n") + 4 + 5
	if err := os.WriteFile(filepath.Join(dir, rel), []byte(body[:end]+body[end:]+corpusText(t, 50000)), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := d.OpenCourse(dir)
	if err != nil {
		t.Fatal(err)
	}
	w.Win.Resize(fyne.NewSize(1280, 860))
	waitFor(t, 60*time.Second, "the home page's preview and problems", func() bool { return !w.View.Busy() })
	page := w.View.Course().Module("privilege").Page("checkin")

	stop := uitest.Ping(10 * time.Millisecond)
	idle(30 * time.Millisecond)
	w.View.Tree.Select("p:" + page.Path) // as a click on its row does
	waitFor(t, 60*time.Second, "the long page's preview and problems", func() bool {
		return w.View.Page.Page() == page && !w.View.Busy()
	})
	gap := stop()

	if n := len(w.View.Page.Text.Text()); n < 50000 {
		t.Fatalf("the editor shows %d characters of the long page", n)
	}
	problems := len(w.View.Page.Problems())
	if problems < 20 {
		t.Fatalf("the long page lists %d problems; the test needs a long list", problems)
	}
	t.Logf("opening a 50K page with %d problems from the tree: longest UI-thread gap %v (limit %v)", problems, gap.Round(time.Millisecond), limit)
	if gap > limit {
		t.Errorf("opening the 50K page from the tree blocked the UI thread for %v (limit %v)", gap, limit)
	}
}
