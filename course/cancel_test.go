package course

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coursewright/coursewright/internal/gencourse"
)

// cancelCoursePages is the size of the course the cancel tests load: big
// enough that a load or check that ignores its context reads hundreds of
// pages after the cancel.
const cancelCoursePages = 1200

// cancelCourse writes a generated course of cancelCoursePages short pages
// (the page count matters here, not their length).
func cancelCourse(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "course")
	o := gencourse.Options{Pages: cancelCoursePages, Words: 150, PerModule: 10, Seed: 3}
	if err := gencourse.Write(dir, o); err != nil {
		t.Fatal(err)
	}
	return dir
}

// countdownCtx is a context that is cancelled on the (n+1)th call of Err:
// the cancel lands at a known point of the work, whatever the machine's
// speed, and the calls counted after it are how far the work went on.
type countdownCtx struct {
	context.Context
	left  atomic.Int64
	calls atomic.Int64 // every call of Err
	after atomic.Int64 // calls of Err once cancelled
	once  sync.Once
	done  chan struct{}
}

func newCountdown(n int64) *countdownCtx {
	c := &countdownCtx{Context: context.Background(), done: make(chan struct{})}
	c.left.Store(n)
	return c
}

func (c *countdownCtx) Err() error {
	c.calls.Add(1)
	if c.left.Add(-1) >= 0 {
		return nil
	}
	c.after.Add(1)
	c.once.Do(func() { close(c.done) })
	return context.Canceled
}

func (c *countdownCtx) Done() <-chan struct{} { return c.done }

// A cancel in the middle of loading a large course stops the load before
// the next file of each reader: the load returns context.Canceled having
// looked at the context about once per page read, and at most once more
// per reader after the cancel.
func TestLoadContextStopsBetweenPages(t *testing.T) {
	dir := cancelCourse(t)
	full := newCountdown(1 << 40)
	c, err := LoadContext(full, dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.AllPages()); n < cancelCoursePages {
		t.Fatalf("the full load has %d pages, want %d or more", n, cancelCoursePages)
	}
	if full.calls.Load() < cancelCoursePages {
		t.Fatalf("the full load looked at its context %d times for %d pages: not once per page", full.calls.Load(), cancelCoursePages)
	}

	for _, at := range []int64{0, 3, 60, cancelCoursePages / 2} {
		ctx := newCountdown(at)
		c, err := LoadContext(ctx, dir)
		if !errors.Is(err, context.Canceled) || c != nil {
			t.Fatalf("cancelled after %d looks: got course %v, error %v; want no course and context.Canceled", at, c != nil, err)
		}
		// Each reader stops at its next look; the folder walks stop at
		// theirs.
		if after, most := ctx.after.Load(), int64(runtime.GOMAXPROCS(0)+4); after > most {
			t.Errorf("cancelled after %d looks: the load went on for %d more looks (at most %d: one per reader and folder walk)", at, after, most)
		}
		t.Logf("cancelled after %d looks: %d looks in all, %d after the cancel", at, ctx.calls.Load(), ctx.after.Load())
	}
}

// A cancel in the middle of checking a large course stops before the next
// page: CheckContext returns context.Canceled and no diagnostics, having
// checked no page after the cancel.
func TestCheckContextStopsBetweenPages(t *testing.T) {
	c, err := Load(cancelCourse(t))
	if err != nil {
		t.Fatal(err)
	}
	full := newCountdown(1 << 40)
	want, err := CheckContext(full, c)
	if err != nil {
		t.Fatal(err)
	}
	if got := Check(c); len(got) != len(want) {
		t.Fatalf("Check found %d problems, CheckContext %d", len(got), len(want))
	}
	if full.calls.Load() < cancelCoursePages {
		t.Fatalf("the full check looked at its context %d times for %d pages: not once per page", full.calls.Load(), cancelCoursePages)
	}
	for _, at := range []int64{0, 2, 40, cancelCoursePages / 2} {
		ctx := newCountdown(at)
		ds, err := CheckContext(ctx, c)
		if !errors.Is(err, context.Canceled) || ds != nil {
			t.Fatalf("cancelled after %d looks: got %d problems, error %v; want none and context.Canceled", at, len(ds), err)
		}
		if ctx.after.Load() != 1 {
			t.Errorf("cancelled after %d looks: the check looked %d more times after the cancel, want it to stop at once", at, ctx.after.Load()-1)
		}
	}
}

// With a real context cancelled from another goroutine while the work
// runs, Load and Check return context.Canceled long before they would
// have finished. The bound is generous (the machine may be busy): a load
// or check that ignored the cancel takes the whole time.
func TestLoadAndCheckReturnSoonAfterCancel(t *testing.T) {
	dir := cancelCourse(t)
	began := time.Now()
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	loadTime := time.Since(began)
	began = time.Now()
	Check(c)
	checkTime := time.Since(began)
	t.Logf("%d pages: load %v, check %v", cancelCoursePages, loadTime.Round(time.Millisecond), checkTime.Round(time.Millisecond))

	work := map[string]func(ctx context.Context) error{
		"load": func(ctx context.Context) error {
			_, err := LoadContext(ctx, dir)
			return err
		},
		"check": func(ctx context.Context) error {
			_, err := CheckContext(ctx, c)
			return err
		},
	}
	for name, run := range work {
		ctx, cancel := context.WithCancel(context.Background())
		// Cancel as soon as the work has looked at its context a few
		// times: it is then well under way.
		cd := &countdownCtx{Context: ctx, done: make(chan struct{})}
		cd.left.Store(1 << 40)
		at := make(chan time.Time, 1)
		var stopped atomic.Bool
		go func() {
			for cd.calls.Load() < 20 && !stopped.Load() {
				runtime.Gosched()
			}
			at <- time.Now()
			cancel()
		}()
		err := run(&realCancel{countdownCtx: cd})
		end := time.Now()
		stopped.Store(true)
		cancelled := <-at
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: got %v, want context.Canceled", name, err)
			cancel()
			continue
		}
		if lag := end.Sub(cancelled); lag > time.Second {
			t.Errorf("%s returned %v after the cancel (limit 1s)", name, lag.Round(time.Millisecond))
		} else {
			t.Logf("%s returned %v after the cancel", name, lag.Round(time.Microsecond))
		}
	}
}

// realCancel counts the looks like countdownCtx but answers with the
// wrapped context's own Err.
type realCancel struct{ *countdownCtx }

func (r *realCancel) Err() error {
	r.calls.Add(1)
	return r.countdownCtx.Context.Err()
}

func (r *realCancel) Done() <-chan struct{} { return r.countdownCtx.Context.Done() }

// LoadProgress counts every page read once, against the number of pages
// in all, from zero to all of them.
func TestLoadProgressCountsThePages(t *testing.T) {
	dir := cancelCourse(t)
	var mu sync.Mutex
	var seen []int
	total := -1
	c, err := LoadProgress(context.Background(), dir, func(read, all int) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, read)
		if total >= 0 && all != total {
			t.Errorf("the total changed from %d to %d", total, all)
		}
		total = all
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Ints(seen)
	for i, n := range seen {
		if n != i+1 {
			t.Fatalf("progress reported read=%d as its %d-th report: each page is counted once, 1 to %d", n, i+1, total)
		}
	}
	if len(seen) != total || total < cancelCoursePages || len(c.AllPages()) > total {
		t.Fatalf("%d reports for %d pages (the course has %d)", len(seen), total, len(c.AllPages()))
	}
}
