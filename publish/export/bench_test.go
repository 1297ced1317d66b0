package export

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/gencourse"
	"github.com/coursewright/coursewright/publish"
)

// The exports of the 1,000-page synthetic course, each to be compared
// with publish's BenchmarkBuild1000 on the same course (the goal: under
// 2× the build's time; pdf is reported on its own, as Chromium lays out
// the book: about 4,000 printed pages, in parts of 100 course pages, see
// bookPartPages). CI runs no benchmarks; the pdf one alone, against the
// build in the same minute:
//
//	go test ./publish ./publish/export -run XXX -bench '1000'
//	go test ./publish/export -run XXX -bench 'Export1000/pdf' -benchtime 1x
//	go test ./publish -run XXX -bench 'Build1000' -benchtime 1x
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

func BenchmarkExport1000(b *testing.B) {
	c := benchCourse(b)
	for _, f := range []Format{ZIP, EPUB, IMSCC, IMSCC11, SCORM12, PDF} {
		b.Run(string(f), func(b *testing.B) {
			if f == PDF && findChromium() == "" {
				b.Skip("no Chromium")
			}
			for b.Loop() {
				if _, err := Export(context.Background(), c, f, io.Discard, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRenderCourse1000 is the shared step: the site build's
// rendering of every page.
func BenchmarkRenderCourse1000(b *testing.B) {
	c := benchCourse(b)
	for b.Loop() {
		if _, err := publish.RenderCourse(context.Background(), c, publish.RenderOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
