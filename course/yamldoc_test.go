package course

import (
	"testing"

	"gopkg.in/yaml.v3"
)

func TestDocSetString(t *testing.T) {
	cases := []struct {
		name, src, value string
		path             []string
		want             string
	}{
		{"plain", "title: Old\nx: 1\n", "New", []string{"title"}, "title: New\nx: 1\n"},
		{"keeps double quotes", "title: \"Old\" # note\n", "New", []string{"title"}, "title: \"New\" # note\n"},
		{"keeps single quotes", "title: 'Old'\n", "It's", []string{"title"}, "title: 'It''s'\n"},
		{"quotes when needed", "title: Old\n", "a: b", []string{"title"}, "title: \"a: b\"\n"},
		{"empty value", "title:\nx: 1\n", "New", []string{"title"}, "title: New\nx: 1\n"},
		{"adds key before trailing blank lines", "a: 1\n\n\n", "v", []string{"b"}, "a: 1\nb: v\n\n\n"},
		{"adds key after a block list", "m:\n  - a\n  - b\n# end\n", "v", []string{"k"}, "m:\n  - a\n  - b\nk: v\n# end\n"},
		{"adds nested", "a: 1\n", "T", []string{"titles", "x"}, "a: 1\ntitles:\n  x: T\n"},
		{"adds into nested", "titles:\n  x: T\nz: 1\n", "U", []string{"titles", "y"}, "titles:\n  x: T\n  y: U\nz: 1\n"},
		{"replaces block scalar", "d: |\n  one\n  two\nz: 1\n", "short", []string{"d"}, "d: short\nz: 1\n"},
		{"empty doc", "", "v", []string{"k"}, "k: v\n"},
		{"unicode column", "t: \"Übung\" # ü\nu: x\n", "Ü2", []string{"u"}, "t: \"Übung\" # ü\nu: Ü2\n"},
		{"no newline at end", "a: 1", "v", []string{"b"}, "a: 1\nb: v\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseDoc([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if err := d.SetString(tc.value, tc.path...); err != nil {
				t.Fatal(err)
			}
			if got := string(d.Bytes()); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
			if got := d.String(tc.path...); got != tc.value {
				t.Errorf("reads back %q", got)
			}
		})
	}
}

func TestDocSeqInsertRemoveRoundTrip(t *testing.T) {
	srcs := []string{
		"modules: [\"setup\", \"content\", \"customize\"]\n",
		"modules: [what-is-ai, learning-from-data]\n",
		"modules: []\n",
		"modules: \n  - title: Implicit Bias\n    slug: implicit-bias\n  - title: Privilege\n    slug: privilege\n\n\n",
		"modules:\n- a\n- b\nother: 1\n",
		"modules: [{title: A, slug: a}, {title: B, slug: b}]\n",
	}
	for _, src := range srcs {
		d, err := ParseDoc([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		seq := d.Lookup("modules")
		n := len(seq.Content)
		item := &yaml.Node{Kind: yaml.ScalarNode, Value: "new one"}
		if n > 0 && seq.Content[0].Kind == yaml.MappingNode {
			item = &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
				{Kind: yaml.ScalarNode, Value: "title"}, {Kind: yaml.ScalarNode, Value: "New: One"},
				{Kind: yaml.ScalarNode, Value: "slug"}, {Kind: yaml.ScalarNode, Value: "new-one"}}}
		}
		for pos := 0; pos <= n; pos++ {
			text, err := d.FormatSeqItem(item, "modules")
			if err != nil {
				t.Fatal(err)
			}
			if err := d.SeqInsertText(pos, text, "modules"); err != nil {
				t.Fatalf("%q insert at %d: %v", src, pos, err)
			}
			got := d.Lookup("modules").Content
			if len(got) != n+1 || itemSlug(got[pos]) != itemSlug(item) && got[pos].Value != "new one" {
				t.Fatalf("%q insert at %d gave %s", src, pos, d.Bytes())
			}
			removed, err := d.SeqRemove(pos, "modules")
			if err != nil {
				t.Fatal(err)
			}
			if string(d.Bytes()) != src {
				t.Fatalf("insert+remove at %d:\n%q\nwant\n%q", pos, d.Bytes(), src)
			}
			if removed != text && removed+"\n" != text {
				t.Errorf("removed %q, inserted %q", removed, text)
			}
		}
		// Removing then re-inserting any item gives the original back.
		for i := 0; i < n; i++ {
			text, err := d.SeqRemove(i, "modules")
			if err != nil {
				t.Fatal(err)
			}
			if err := d.SeqInsertText(i, text, "modules"); err != nil {
				t.Fatal(err)
			}
			if string(d.Bytes()) != src {
				t.Fatalf("remove+insert %d:\n%q\nwant\n%q", i, d.Bytes(), src)
			}
		}
	}
}

func TestParseDocReportsLine(t *testing.T) {
	_, err := ParseDoc([]byte("title: x\nmodules: [a, b\nother: 1\n"))
	ye, ok := err.(*YAMLError)
	if !ok || ye.Line == 0 {
		t.Fatalf("err = %v, want a YAMLError with a line", err)
	}
}
