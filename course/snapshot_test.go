package course

import (
	"path/filepath"
	"reflect"
	"testing"
)

// A snapshot keeps what the course was when it was taken: editing the
// course afterwards (text, titles, metadata, structure) changes nothing
// the snapshot shows, and checking the snapshot finds what checking the
// course found then.
func TestSnapshotIsUnchangedByLaterEdits(t *testing.T) {
	for _, name := range corpusCourses {
		t.Run(name, func(t *testing.T) {
			c, err := Load(copyTree(t, filepath.Join(corpusDir(t), name)))
			if err != nil {
				t.Fatal(err)
			}
			want := Check(c)
			s := c.Snapshot()
			before := describe(s)

			for _, p := range c.AllPages() {
				p.SetBody(p.Body() + "\n[changed](nowhere.md)\n")
			}
			if _, err := c.Apply(SetMeta{Key: "title", Value: "Another title"}); err != nil {
				t.Fatal(err)
			}
			for _, m := range c.Modules {
				if len(m.Pages) > 0 && !m.Missing {
					if _, err := c.Apply(RenamePage{Module: m.Slug, Slug: m.Pages[0].Slug, Title: "Renamed"}); err != nil {
						t.Fatal(err)
					}
					break
				}
			}
			if _, err := c.Apply(AddModule{Title: "A new module"}); err != nil {
				t.Fatal(err)
			}

			if after := describe(s); !reflect.DeepEqual(before, after) {
				t.Errorf("the snapshot changed with the course:\nbefore %v\nafter  %v", before, after)
			}
			if got := Check(s); !reflect.DeepEqual(got, want) {
				t.Errorf("checking the snapshot: %d findings, checking the course before the edits: %d", len(got), len(want))
			}
			if reflect.DeepEqual(describe(c), before) {
				t.Error("the edits did not change the course (the test proves nothing)")
			}
		})
	}
}

// describe is what a reader of a course sees: its title, modules, page
// titles and texts.
func describe(c *Course) []string {
	out := []string{c.Title()}
	for _, m := range c.Modules {
		out = append(out, "module "+m.Slug+" "+m.Title)
	}
	for _, p := range c.AllPages() {
		out = append(out, p.Path+" "+p.Title()+" "+p.Body())
	}
	return out
}
