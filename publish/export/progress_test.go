package export

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

// TestExportProgress: an export reports its stages in order and ends
// with StageDone; the zip reports the site build's files as it goes.
func TestExportProgress(t *testing.T) {
	for _, f := range []Format{ZIP, EPUB} {
		c, err := course.Load(testcorpus.Copy(t, "we-are-ai"))
		if err != nil {
			t.Fatal(err)
		}
		var got []Progress
		var buf bytes.Buffer
		if _, err := Export(context.Background(), c, f, &buf, Options{Progress: func(p Progress) { got = append(got, p) }}); err != nil {
			t.Fatal(err)
		}
		if len(got) < 3 || got[0].Stage != StageRender || got[len(got)-1].Stage != StageDone {
			t.Fatalf("%s: progress %v", f, got)
		}
		counted, packaged := false, false
		for i, p := range got {
			if i > 0 && p.Stage < got[i-1].Stage {
				t.Fatalf("%s: stage went back at %d: %v", f, i, got)
			}
			if p.Total > 0 && p.Done > p.Total {
				t.Fatalf("%s: %d of %d", f, p.Done, p.Total)
			}
			counted = counted || (p.Stage == StageRender && p.Total > 0)
			packaged = packaged || p.Stage == StagePackage
		}
		if !packaged || (f == ZIP && !counted) {
			t.Fatalf("%s: progress %v", f, got)
		}
	}
}

// TestExportCancelled: a cancelled context stops the export with the
// context's error.
func TestExportCancelled(t *testing.T) {
	c, err := course.Load(testcorpus.Copy(t, "we-are-ai"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	for _, f := range []Format{ZIP, EPUB} {
		if _, err := Export(ctx, c, f, &buf, Options{}); !errors.Is(err, context.Canceled) {
			t.Fatalf("%s: a cancelled export gave %v", f, err)
		}
	}
}
