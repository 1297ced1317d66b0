package editor

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/coursewright/coursewright/internal/testcorpus"
)

// sliceLimit is the longest one piece of background work handed to the UI
// thread may hold it: a fifth of uiBlockLimit, so that a few of them in a
// row, with a frame drawn between, still leave the thread free within the
// limit (10 ms under COURSEWRIGHT_UI_BLOCK_LIMIT=50ms, issue 11's "slices
// under about 10 ms").
func sliceLimit(t *testing.T) time.Duration { return uiBlockLimit(t) / 5 }

// jobTimes records how long each function handed to the UI thread with
// fyne.Do ran, by the function's name: the time it held the thread,
// without the wait in the queue or the other functions queued with it.
type jobTimes struct {
	mu      sync.Mutex
	longest map[string]time.Duration
}

func (j *jobTimes) add(name string, d time.Duration) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.longest[name] = max(j.longest[name], d)
}

// matching is the longest a function whose name contains part ran.
func (j *jobTimes) matching(part string) (time.Duration, int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	var worst time.Duration
	n := 0
	for name, d := range j.longest {
		if strings.Contains(name, part) {
			worst = max(worst, d)
			n++
		}
	}
	return worst, n
}

// timedApp is the current app with fyne.Do timed (jobTimes).
type timedApp struct {
	fyne.App
	jobs *jobTimes
}

func (a timedApp) Driver() fyne.Driver { return timedDriver{a.App.Driver(), a.jobs} }

type timedDriver struct {
	fyne.Driver
	jobs *jobTimes
}

func (d timedDriver) DoFromGoroutine(fn func(), wait bool) {
	name := runtime.FuncForPC(reflect.ValueOf(fn).Pointer()).Name()
	d.Driver.DoFromGoroutine(func() {
		start := time.Now()
		fn()
		d.jobs.add(name, time.Since(start))
	}, wait)
}

// timeUIJobs makes fyne.Do time the functions it hands to the stand-in UI
// thread (call it after openView).
func timeUIJobs(t *testing.T) *jobTimes {
	jobs := &jobTimes{longest: map[string]time.Duration{}}
	a := fyne.CurrentApp()
	fyne.SetCurrentApp(timedApp{a, jobs})
	t.Cleanup(func() { fyne.SetCurrentApp(a) })
	return jobs
}

// The author opens a 50K page of real course text with some 170 problems
// to list. Opening it (the editor taking its text) is the UI thread's own
// work; what follows comes back from the background and must hold the UI
// thread for a slice only: the preview's result (its widgets and the
// renderer's problems) and the course check's. Wording 170 problems and
// refreshing the whole page editor each time a list of problems arrived
// held it 15–20 ms per result on a quiet machine (16 and 52 ms at a load
// of 5).
func TestProblemResultsHoldTheUIThreadOnlyBriefly(t *testing.T) {
	limit := sliceLimit(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	rel := filepath.Join("modules", "privilege", "_posts", "2000-01-01-checkin.md")
	full := filepath.Join(dir, rel)
	raw, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, append(raw, testcorpus.PageText(t, 50000)...), 0o644); err != nil {
		t.Fatal(err)
	}
	v, _ := openView(t, dir, &fakePrompt{t: t})
	long := v.Course().Module("privilege").Page("checkin")
	short := v.Course().Home
	// Once as the app does at its start (fonts measured, the first
	// preview's widgets made), then timed.
	v.OpenPage(long)
	settle(t, v)
	jobs := timeUIJobs(t)
	for try := 0; try < 3; try++ {
		v.OpenPage(short)
		settle(t, v)
		v.OpenPage(long)
		settle(t, v)
		if n := len(v.Page.Problems()); n < 100 {
			t.Fatalf("the long page lists %d problems; the test needs a long list", n)
		}
	}
	preview, n := jobs.matching("(*Preview).render")
	check, m := jobs.matching("(*CourseView).runCheck")
	if n == 0 || m == 0 {
		t.Fatalf("no preview (%d) or check (%d) result came back through fyne.Do: %v", n, m, jobs.longest)
	}
	t.Logf("a 50K page with %d problems: its preview's result held the UI thread %v at most, the check's %v (limit %v)",
		len(v.Page.Problems()), preview.Round(time.Millisecond/10), check.Round(time.Millisecond/10), limit)
	if preview > limit {
		t.Errorf("the preview's result held the UI thread for %v (limit %v)", preview.Round(time.Millisecond/10), limit)
	}
	if check > limit {
		t.Errorf("the check's result held the UI thread for %v (limit %v)", check.Round(time.Millisecond/10), limit)
	}
}
