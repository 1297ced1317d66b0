package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/testcorpus"
)

// Issue 12, item 15: escape sequences in a course's or a page's title are
// printed visibly, never raw, by every verb that shows titles; --json
// keeps them as JSON escapes.
func TestTitlesCannotDriveTheTerminal(t *testing.T) {
	dir := testcorpus.Copy(t, "course-in-a-box")
	yml := filepath.Join(dir, "_data", "course.yml")
	b, _ := os.ReadFile(yml)
	b = bytes.Replace(b, []byte("title: Course-in-a-Box"), []byte(`title: "Box \e]0;pwned\a\e[2J\u009b31m\u202eevil"`), 1)
	b = append(b, "module_titles:\n  setup: \"Set\\e[5mup\"\n"...)
	if err := os.WriteFile(yml, b, 0o644); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "modules", "setup", "_posts", "2000-01-01-getting-started.md")
	p, _ := os.ReadFile(page)
	p = bytes.Replace(p, []byte("---\n"), []byte("---\ntitle: \"Page \\e[31mred\\e]8;;http://x\\a\"\n"), 1)
	if err := os.WriteFile(page, p, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"info"}, {"meta", "get"}, {"meta", "get", "title"}, {"module", "list"}, {"page", "list", "setup"}, {"check"}} {
		var out, errOut bytes.Buffer
		run(append([]string{"-C", dir}, args...), strings.NewReader(""), &out, &errOut)
		all := out.String() + errOut.String()
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
			if strings.Contains(all, bad) {
				t.Errorf("%v printed %q raw:\n%q", args, bad, all)
			}
		}
		if args[0] != "check" && !strings.Contains(all, `\u001b`) {
			t.Errorf("%v does not show the escape visibly:\n%s", args, all)
		}
		out.Reset()
		errOut.Reset()
		if args[0] == "meta" && len(args) == 3 {
			continue
		}
		run(append([]string{"-C", dir}, append(args, "--json")...), strings.NewReader(""), &out, &errOut)
		if strings.ContainsAny(out.String(), "\x1b\x07") {
			t.Errorf("%v --json printed a raw escape", args)
		}
		dec := json.NewDecoder(&out)
		for dec.More() {
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Errorf("%v --json: %v", args, err)
				break
			}
		}
	}
}
