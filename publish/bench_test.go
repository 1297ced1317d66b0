package publish

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gencourse"
)

// benchCourse generates the 1,000-page synthetic course with the
// project's generator (internal/gencourse, also bench/gencourse).
func benchCourse(b *testing.B) *course.Course {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "course")
	if err := gencourse.Write(dir, gencourse.DefaultOptions(1000)); err != nil {
		b.Fatal(err)
	}
	c, err := course.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkBuild1000 builds the 1,000-page course into an empty folder.
func BenchmarkBuild1000(b *testing.B) {
	c := benchCourse(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		out := filepath.Join(b.TempDir(), "site")
		b.StartTimer()
		res, err := Build(context.Background(), c, out, BuildOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Pages < 1000 || res.Rendered != res.Pages {
			b.Fatalf("%+v", res)
		}
	}
}

// BenchmarkIncrementalOnePage rebuilds the 1,000-page course after one
// page's text changed: one page is rendered, two files are written (the
// page and the search index). Goal: under 50 ms.
func BenchmarkIncrementalOnePage(b *testing.B) {
	c := benchCourse(b)
	out := filepath.Join(b.TempDir(), "site")
	if _, err := Build(context.Background(), c, out, BuildOptions{}); err != nil {
		b.Fatal(err)
	}
	p := c.Modules[len(c.Modules)/2].Pages[3]
	bodies := []string{p.Body() + "\nAn added sentence.\n", p.Body()}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p.SetBody(bodies[i%2])
		res, err := Build(context.Background(), c, out, BuildOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Rendered != 1 || res.Written != 1 && res.Written != 2 {
			b.Fatalf("%+v", res)
		}
	}
}
