package editor

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/editor/textview"
	"github.com/coursewright/coursewright/internal/uitest"
	"github.com/coursewright/coursewright/render"
)

// Run with a fixed count, e.g.
//
//	go test -run XXX -bench . -benchtime 40x ./editor/
//
// Every op of BenchmarkKeystroke is one key; the metrics are the median
// and 90th percentile of the keys' latencies, with Fyne's test driver
// (no painting) at a window size of 1000×800 and word wrap on.

// pageText makes a realistic page of about n bytes: headings, paragraphs
// of prose, a list now and then.
func pageText(n int) string {
	para := "Learners read the article together and note one idea that surprised them, then share it with a partner before the whole group discusses what they found. "
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "## Part %d\n\n", i+1)
		for j := 0; j < 4; j++ {
			b.WriteString(para + para[:40+j*20] + "\n\n")
		}
		b.WriteString("- a first point to discuss\n- a second point\n\n")
	}
	return b.String()[:n]
}

// render creates every renderer of the tree, as the first paint does.
func renderAll(o fyne.CanvasObject) {
	switch c := o.(type) {
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			renderAll(ch)
		}
	case *fyne.Container:
		for _, ch := range c.Objects {
			renderAll(ch)
		}
	}
}

func quantiles(d []time.Duration) (median, p90 time.Duration) {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2], s[len(s)*9/10]
}

func reportLatency(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	med, p90 := quantiles(d)
	b.ReportMetric(float64(med.Microseconds())/1000, "ms/key-median")
	b.ReportMetric(float64(p90.Microseconds())/1000, "ms/key-p90")
}

// BenchmarkKeystroke types into the middle of pages of growing size, in
// the text view and, for comparison, in a stock multi-line Entry.
func BenchmarkKeystroke(b *testing.B) {
	for _, size := range []int{2000, 10000, 50000, 150000} {
		text := pageText(size)
		b.Run(fmt.Sprintf("textview/%dK", size/1000), func(b *testing.B) {
			test.NewTempApp(b)
			ed := textview.New()
			w := test.NewTempWindow(b, widget.NewLabel(""))
			w.Resize(fyne.NewSize(1000, 800))
			w.SetContent(ed)
			ed.SetText(text)
			renderAll(ed)
			ed.Select(len(text)/2, len(text)/2)
			ed.FocusGained()
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				ed.TypedRune(rune('a' + i%26))
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			reportLatency(b, lat)
			if got := len(ed.Text()); got != size+b.N {
				b.Fatalf("text is %d bytes, want %d", got, size+b.N)
			}
		})
		b.Run(fmt.Sprintf("entry/%dK", size/1000), func(b *testing.B) {
			test.NewTempApp(b)
			e := widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			w := test.NewTempWindow(b, widget.NewLabel(""))
			w.Resize(fyne.NewSize(1000, 800))
			w.SetContent(e)
			e.SetText(text)
			renderAll(e)
			e.CursorRow = 0
			e.FocusGained()
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				e.TypedRune(rune('a' + i%26))
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			reportLatency(b, lat)
		})
	}
}

// BenchmarkOpen50K opens a 50,000-character page: the editor is laid out
// at the window's real size and every block is rendered once.
func BenchmarkOpen50K(b *testing.B) {
	text := pageText(50000)
	test.NewTempApp(b)
	w := test.NewTempWindow(b, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1000, 800))
	var total time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		ed := textview.New()
		w.SetContent(ed)
		ed.SetText(text)
		renderAll(ed)
		total += time.Since(start)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/open")
}

// BenchmarkPreview50K parses a 50,000-character page with the site's
// pipeline and builds the preview's widgets from it.
func BenchmarkPreview50K(b *testing.B) {
	text := pageText(50000)
	test.NewTempApp(b)
	r := render.New(render.Options{})
	p := NewPreview(r)
	w := test.NewTempWindow(b, p)
	w.Resize(fyne.NewSize(600, 800))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pv, _ := r.Preview(render.Input{Source: text})
		p.show(buildPreview(pv, previewContext{}))
		renderAll(p)
	}
}

// BenchmarkCourse5000 opens a course of 5,000 pages in a course window
// and reports the memory it holds.
func BenchmarkCourse5000(b *testing.B) {
	dir := b.TempDir()
	write := func(rel, s string) {
		full := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	var mods []string
	for m := 0; m < 100; m++ {
		slug := fmt.Sprintf("module-%03d", m)
		mods = append(mods, slug)
		for p := 0; p < 50; p++ {
			write(fmt.Sprintf("modules/%s/_posts/2000-01-%02d-page-%02d.md", slug, 1+p%28, p),
				fmt.Sprintf("---\ntitle: Page %d\n---\n\n%s", p, pageText(1500)))
		}
	}
	write("_data/course.yml", "title: Big\nmodules: ["+strings.Join(mods, ", ")+"]\n")
	write("index.md", "---\nlayout: index\n---\nWelcome.\n")
	uitest.NewApp(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		c, err := course.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		v := NewCourseView(c, render.New(render.Options{}), &fakePrompt{t: b}, ViewOptions{})
		w := test.NewTempWindow(b, v.Content)
		w.Resize(fyne.NewSize(1200, 800))
		renderAll(v.Content)
		took := time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-held")
		b.ReportMetric(float64(took.Milliseconds()), "ms/open")
		runtime.KeepAlive(v)
	}
}

// BenchmarkOpenPage50K opens a 50,000-character page in a course window:
// the editor, its problems and the preview.
func BenchmarkOpenPage50K(b *testing.B) {
	dir := b.TempDir()
	files := map[string]string{
		"_data/course.yml": "title: Long\nmodules: [readings]\n",
		"index.md":         "---\nlayout: index\n---\nWelcome.\n",
		"modules/readings/_posts/2000-01-01-a.md": "---\ntitle: A\n---\nShort.\n",
		"modules/readings/_posts/2000-01-02-b.md": "---\ntitle: B\n---\n" + pageText(50000),
	}
	for rel, s := range files {
		full := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	uitest.NewApp(b)
	c, err := course.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	v := NewCourseView(c, render.New(render.Options{}), &fakePrompt{t: b}, ViewOptions{})
	w := test.NewTempWindow(b, v.Content)
	w.Resize(fyne.NewSize(1200, 800))
	renderAll(v.Content)
	short, long := c.Module("readings").Pages[0], c.Module("readings").Pages[1]
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.OpenPage(short)
		renderAll(v.Content)
		start := time.Now()
		v.OpenPage(long)
		renderAll(v.Content)
		total += time.Since(start)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/open")
}
