package publish

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGuideAnswers builds a course whose meeting's agenda links a page of
// questions (testdata/selfcheck/check-yourself.md, every kind), a page
// without any and the same page again: the meeting ends with an Answers
// section listing the page's questions once, each with its answer as the
// page's "Answer" shows it (testdata/guide-answers.golden), its links
// relative to the meeting's page.
func TestGuideAnswers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "course")
	md, err := os.ReadFile(filepath.Join("testdata", "selfcheck", "check-yourself.md"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"_config.yml":      "markdown: kramdown\npermalink: /:categories/:title/\n",
		"_data/course.yml": "title: Circles\nlanguage: en\nlicense: CC-BY-SA-4.0\nmodules:\n  - title: First module\n    slug: m\n",
		"index.md":         "---\ntitle: Circles\n---\n\nA course.\n",
		"modules/m/_posts/2000-01-01-check-yourself.md": string(md),
		"modules/m/_posts/2000-01-02-plain.md":          "---\ntitle: Plain\n---\n\nNo questions here.\n",
		"facilitator-guide/meeting-1.md": "---\nlayout: page\ntitle: Meeting 1\nmeeting: 1\nminutes: 60\nagenda:\n" +
			"  - activity: Check yourself\n    minutes: 20\n    page: m/check-yourself\n" +
			"  - activity: Read\n    minutes: 20\n    page: m/plain\n" +
			"  - activity: Check again\n    minutes: 20\n    page: m/check-yourself\n---\n\n## Preparation\n\nRead the pages.\n",
		"facilitator-guide/meeting-2.md": "---\nlayout: page\ntitle: Meeting 2\nmeeting: 2\nagenda:\n  - activity: Read\n    minutes: 20\n    page: m/plain\n---\n\nTalk.\n",
	}
	for name, text := range files {
		f := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	build(t, c, out, BuildOptions{})
	doc := readSite(t, out, "facilitator-guide/meeting-1/index.html")
	got := regexp.MustCompile(`(?s)<section class="guide-answers".*?</section>`).FindString(doc)
	if got == "" {
		t.Fatalf("meeting 1 has no answers:\n%s", doc)
	}
	golden := filepath.Join("testdata", "guide-answers.golden")
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got+"\n" != string(want) {
		t.Errorf("meeting 1's answers differ from %s:\n%s", golden, got)
	}
	if n := strings.Count(got, `<div class="guide-answer">`); n != 5 {
		t.Errorf("%d answers, want the page's 5 once", n)
	}
	if strings.Contains(doc[strings.Index(doc, "guide-answers"):], "<form") {
		t.Error("the answers hold a form")
	}
	if doc := readSite(t, out, "facilitator-guide/meeting-2/index.html"); strings.Contains(doc, "guide-answers") {
		t.Error("meeting 2, whose pages have no questions, shows answers")
	}
	// The theme's markup passes html-validate's recommended preset.
	htmlValidate(t, "htmlvalidate-theme.json", out)

	// Editing the page's questions rebuilds the meeting with the new
	// answers (the meeting depends on the pages its agenda links).
	p := c.PageByPath("modules/m/_posts/2000-01-01-check-yourself.md")
	p.SetBody(strings.Replace(p.Body(), "keeps the group going", "keeps the circle going", 1))
	if _, err := c.Save(); err != nil {
		t.Fatal(err)
	}
	build(t, c, out, BuildOptions{})
	if doc := readSite(t, out, "facilitator-guide/meeting-1/index.html"); !strings.Contains(doc, "keeps the circle going") {
		t.Error("the meeting still shows the old answer after the page changed")
	}
}
