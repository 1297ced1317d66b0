package publish

import (
	"io/fs"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gencourse"
)

// genCourse writes a generated course of modules × perModule pages.
func genCourse(t testing.TB, modules, perModule, words int) *course.Course {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "gen")
	if err := gencourse.Write(dir, gencourse.Options{Pages: modules * perModule, PerModule: perModule, Words: words, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// meanModulePage is the mean size of the module pages of a built site.
func meanModulePage(t testing.TB, out string) float64 {
	var total, n int64
	_ = filepath.WalkDir(filepath.Join(out, course.ModulesDir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" && strings.Count(filepath.ToSlash(strings.TrimPrefix(p, out)), "/") > 3 {
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
				n++
			}
		}
		return nil
	})
	if n == 0 {
		t.Fatal("no module pages built")
	}
	return float64(total) / float64(n)
}

// Issue 12, item 7 (scale): a page's size does not grow with the number
// of modules: the top bar lists the modules around the current one.
func TestPageSizeIndependentOfModuleCount(t *testing.T) {
	few := genCourse(t, 10, 1, 40)
	many := genCourse(t, 400, 1, 40)
	outFew, outMany := filepath.Join(t.TempDir(), "few"), filepath.Join(t.TempDir(), "many")
	build(t, few, outFew, BuildOptions{})
	build(t, many, outMany, BuildOptions{})
	a, b := meanModulePage(t, outFew), meanModulePage(t, outMany)
	t.Logf("mean module page: 10 modules %.0f bytes, 400 modules %.0f bytes", a, b)
	if b > 1.3*a {
		t.Errorf("with 40 times the modules a page is %.1f times as large", b/a)
	}
}

// BenchmarkBuild200x25 builds a course of 200 modules of 25 pages (5,000
// pages) from scratch.
func BenchmarkBuild200x25(b *testing.B) {
	c := genCourse(b, 200, 25, 300)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(b.TempDir(), "site")
		build(b, c, out, BuildOptions{})
	}
}

// peakBuildHeap builds c into a fresh folder and returns the live heap
// the build added at its peak: the largest heap a collection found live
// (one every 25 ms while it runs) less the heap live before it, when the
// course was already loaded.
func peakBuildHeap(t *testing.T, c *course.Course) uint64 {
	t.Helper()
	// The heap the collection marked live: unlike HeapAlloc after it,
	// this leaves out what the workers allocated while it ran.
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	live := func() uint64 {
		runtime.GC()
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	before := live()
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			if h := live(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-time.After(25 * time.Millisecond):
			}
		}
	}()
	build(t, c, filepath.Join(t.TempDir(), "site"), BuildOptions{})
	close(stop)
	<-done
	runtime.KeepAlive(c)
	if peak.Load() < before {
		return 0
	}
	return peak.Load() - before
}

// Issue 12, item 7 (scale): a build's own memory grows with the course
// only by a little per page (its search text, its manifest entry, its
// place in the plan), not by what every page shows: 2,500 one-page
// modules took 2.26 GB when every page carried every module, and still
// about 18 KB a page more than now while the top bars of every module
// were kept to the end and the manifest was encoded whole in memory, and
// 9 to 12 KB while the search index was marshalled whole (three copies
// at once) and each excerpt kept its page's whole text; 5.5 to 7 KB now.
// The bound is on the cost of each further page between 300 and 1,500
// modules.
func TestBuildMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 1,800 pages; skipped with -short")
	}
	if raceDetector {
		// The race detector's own bookkeeping grows with the
		// goroutines and objects of the build (11.2 KB a page measured
		// under -race): the plain go test run holds the bound.
		t.Skip("heap figures under -race are the race detector's as much as the build's")
	}
	small := genCourse(t, 300, 1, 200)
	smallHeap := peakBuildHeap(t, small)
	small = nil
	large := genCourse(t, 1500, 1, 200)
	largeHeap := peakBuildHeap(t, large)
	t.Logf("live heap added by the build at its peak: 300 modules %.1f MB (%.1f KB a page), 1,500 modules %.1f MB (%.1f KB a page); ratio %.2f",
		float64(smallHeap)/(1<<20), float64(smallHeap)/300/1024, float64(largeHeap)/(1<<20), float64(largeHeap)/1500/1024, float64(largeHeap)/float64(smallHeap))
	perPage := (float64(largeHeap) - float64(smallHeap)) / 1200
	t.Logf("each further page: %.1f KB", perPage/1024)
	if perPage > 10<<10 {
		t.Errorf("each further page costs the build %.1f KB, more than 10 KB", perPage/1024)
	}
}
