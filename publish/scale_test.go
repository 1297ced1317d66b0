package publish

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
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

// buildHeap is the live heap a build of c into a fresh folder adds to
// the heap of the loaded course: settled, when every page is done and
// only what the build keeps of each page (its plan, its manifest entry)
// is left, and at its peak, the largest heap a collection found live
// (one every 25 ms while the build runs, when samplePeak), which adds
// the pages being rendered at that moment (as many as the build has
// workers) and what they allocate while the collection marks.
func buildHeap(t *testing.T, c *course.Course, samplePeak bool) (settled, peak uint64) {
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
	var top atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for samplePeak {
			if h := live(); h > top.Load() {
				top.Store(h)
			}
			select {
			case <-stop:
				return
			case <-time.After(25 * time.Millisecond):
			}
		}
	}()
	var end uint64
	res, err := Build(context.Background(), c, filepath.Join(t.TempDir(), "site"), BuildOptions{Progress: func(n, total int) {
		if n == total { // every file written, the index and manifest next
			end = live()
		}
	}})
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if res.Rendered == 0 {
		t.Fatalf("nothing rendered: %+v", res)
	}
	runtime.KeepAlive(c)
	added := func(h uint64) uint64 {
		if h < before {
			return 0
		}
		return h - before
	}
	return added(end), added(max(top.Load(), end))
}

// medianBuildHeap is the median settled heap of three builds, and the
// peak of the first (sampling the peak slows a build down).
func medianBuildHeap(t *testing.T, c *course.Course) (settled, peak uint64) {
	var ss []uint64
	for i := range 3 {
		s, p := buildHeap(t, c, i == 0)
		ss = append(ss, s)
		if i == 0 {
			peak = p
		}
	}
	slices.Sort(ss)
	return ss[1], peak
}

// Issue 12, item 7 (scale): a build's own memory grows with the course
// only by a little per page (its place in the plan, its manifest entry),
// not by what every page shows: 2,500 one-page modules took 2.26 GB when
// every page carried every module; about 20 KB a page while
// the top bars of every module were kept to the end and the manifest was
// encoded whole in memory; 9 to 12 KB while the search index was
// marshalled whole; and 3 KB while every page's search text was held in
// memory to the end (it is spooled to disk now), the page hashes were hex
// strings and every folder made was remembered. The bound is on what
// each further page adds between 200 and 1,000 one-page modules (each
// with its module's redirect page: two pages and a module per step),
// once every page is done; the peak adds the pages being rendered, a
// number fixed by the workers, not by the course.
func TestBuildMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 3,600 pages; skipped with -short")
	}
	if raceDetector {
		// The race detector's own bookkeeping grows with the
		// goroutines and objects of the build (11.2 KB a page measured
		// under -race): the plain go test run holds the bound.
		t.Skip("heap figures under -race are the race detector's as much as the build's")
	}
	small, smallCourse := genBuildCourse(t, 200)
	smallSettled, smallPeak := medianBuildHeap(t, small)
	small = nil
	large, largeCourse := genBuildCourse(t, 1000)
	largeSettled, largePeak := medianBuildHeap(t, large)
	kb := func(n uint64, pages int) float64 { return float64(n) / float64(pages) / 1024 }
	t.Logf("live heap the build adds, settled: 200 modules %.2f MB, 1,000 modules %.2f MB; at its peak: %.2f MB and %.2f MB (ratio %.2f)",
		float64(smallSettled)/(1<<20), float64(largeSettled)/(1<<20), float64(smallPeak)/(1<<20), float64(largePeak)/(1<<20), float64(largePeak)/float64(smallPeak))
	perPage := kb(largeSettled-min(smallSettled, largeSettled), 800)
	perPagePeak := (float64(largePeak) - float64(smallPeak)) / 800 / 1024
	t.Logf("each further page: %.2f KB settled, %.2f KB at the peak", perPage, perPagePeak)
	// 1.2 to 1.3 KB measured: a page, its module's redirect page and
	// the module itself.
	if perPage > 1.75 {
		t.Errorf("each further one-page module costs the build %.2f KB once done, more than 1.75 KB", perPage)
	}
	// What the CLI's build holds in all: the course as it loads it for
	// a build (texts on disk) and the build's own. 4.8 KB a page while
	// the course held every page's text (3.5 KB of it), 2.9 KB since.
	perPageCourse := (float64(largeCourse) - float64(smallCourse)) / 800 / 1024
	t.Logf("each further page costs the course %.2f KB loaded for a build; course and build %.2f KB", perPageCourse, perPageCourse+perPage)
	if perPageCourse+perPage > 3.5 {
		t.Errorf("each further one-page module costs the course and the build %.2f KB, more than 3.5 KB", perPageCourse+perPage)
	}
}

// genBuildCourse writes a course of one-page modules of 200 words and
// loads it as the CLI's build does, its page texts left on disk; heap is
// the live heap the loaded course takes.
func genBuildCourse(t *testing.T, modules int) (c *course.Course, heap uint64) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "gen")
	if err := gencourse.Write(dir, gencourse.Options{Pages: modules, PerModule: 1, Words: 200, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	live := func() uint64 {
		runtime.GC()
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	before := live()
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	c.KeepBodiesOnDisk()
	if after := live(); after > before {
		heap = after - before
	}
	return c, heap
}

// The CLI builds a course whose page texts stay on disk
// (course.KeepBodiesOnDisk): every corpus course builds the same site,
// byte for byte, as from a course that holds them.
func TestBuildWithBodiesOnDiskSameSite(t *testing.T) {
	for _, name := range corpusCourses(t) {
		t.Run(name, func(t *testing.T) {
			held := corpusCourse(t, name)
			onDisk, err := course.Load(held.Dir)
			if err != nil {
				t.Fatal(err)
			}
			onDisk.KeepBodiesOnDisk()
			a, b := filepath.Join(t.TempDir(), "held"), filepath.Join(t.TempDir(), "disk")
			ra, rb := build(t, held, a, BuildOptions{}), build(t, onDisk, b, BuildOptions{})
			if ra.Pages != rb.Pages || len(ra.Diagnostics) != len(rb.Diagnostics) {
				t.Errorf("held: %d pages, %d diagnostics; on disk: %d pages, %d diagnostics", ra.Pages, len(ra.Diagnostics), rb.Pages, len(rb.Diagnostics))
			}
			files := 0
			_ = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(a, p)
				want, _ := os.ReadFile(p)
				got, err := os.ReadFile(filepath.Join(b, rel))
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s differs (%v)", rel, err)
				}
				files++
				return nil
			})
			if files < 10 {
				t.Errorf("only %d files built", files)
			}
		})
	}
}
