package export

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/course/selfcheck"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The test course with self-checks: we-are-ai with a question of every
// kind on a page of its first module, and on a page of its second a
// true-false question and a question with no answer key (an error).
const (
	selfCheckPage  = "modules/what-is-ai/_posts/2000-01-02-introduction-to-ai.md"
	selfCheckPage2 = "modules/learning-from-data/_posts/2000-02-02-how-machines-learn.md"
)

// selfCheckCourse copies we-are-ai and adds the test questions to it.
func selfCheckCourse(t *testing.T) *course.Course {
	t.Helper()
	dir := testcorpus.Copy(t, "we-are-ai")
	for page, fixture := range map[string]string{selfCheckPage: "selfchecks.md", selfCheckPage2: "selfchecks-2.md"} {
		add, err := os.ReadFile(filepath.Join("testdata", fixture))
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(filepath.Join(dir, page), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(add); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func exportGIFT(t *testing.T, c *course.Course) ([]byte, *Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := Export(context.Background(), c, GIFT, &buf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), res
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what was written:\n%s", p, got)
	}
}

// TestGIFTExport writes the test course's questions: a category per
// module, each page's questions after its comment, the order question
// and the broken one left out with a note naming the file and line.
func TestGIFTExport(t *testing.T) {
	data, res := exportGIFT(t, selfCheckCourse(t))
	golden(t, "selfchecks.gift", data)
	notes := strings.Join(res.Notes, "\n")
	for _, want := range []string{
		"1 put-in-order questions left out: GIFT has no ordering kind",
		selfCheckPage2 + ":", "question 2 left out",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q lack %q", notes, want)
		}
	}
	// The same course gives the same bytes.
	again, _ := exportGIFT(t, selfCheckCourse(t))
	if !bytes.Equal(data, again) {
		t.Error("two exports differ")
	}
	// A course with no questions says so.
	c, err := course.Load(testcorpus.Copy(t, "course-in-a-box"))
	if err != nil {
		t.Fatal(err)
	}
	if _, res := exportGIFT(t, c); !strings.Contains(strings.Join(res.Notes, "\n"), "no self-check questions") {
		t.Errorf("notes %q", res.Notes)
	}
}

// giftParse runs gift-pegjs (npm, a GIFT parser written by others) on a
// GIFT file through node and returns what it read.
const giftParse = `const parser = require(process.argv[2]);
const src = require("fs").readFileSync(process.argv[3], "utf8");
process.stdout.write(JSON.stringify(parser.parse(src)));
`

type pegText struct {
	Format, Text string
}

type pegQuestion struct {
	Type           string
	Title          string
	Stem           pegText
	GlobalFeedback *pegText
	Choices        []struct {
		IsCorrect bool
		Weight    *float64
		Text      pegText
		Feedback  *pegText
	}
	IsTrue        bool
	TrueFeedback  *pegText // the first feedback: shown for a wrong answer, in Moodle
	FalseFeedback *pegText // the second: shown for a right answer
}

func pegString(t *pegText) string {
	if t == nil {
		return ""
	}
	return t.Text
}

// TestGIFTPegjs parses the export with gift-pegjs and checks that it
// reads the same questions, answers and feedback as Coursewright wrote.
func TestGIFTPegjs(t *testing.T) {
	lib := os.Getenv("GIFT_PEGJS")
	if lib == "" {
		needTool(t, "GIFT_PEGJS is not set (.ci/run installs gift-pegjs and sets it)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		needTool(t, "node is not installed")
	}
	c := selfCheckCourse(t)
	data, _ := exportGIFT(t, c)
	dir := t.TempDir()
	script, file := filepath.Join(dir, "parse.js"), filepath.Join(dir, "questions.txt")
	os.WriteFile(script, []byte(giftParse), 0o644)
	os.WriteFile(file, data, 0o644)
	var stderr bytes.Buffer
	cmd := exec.Command(node, script, lib, file)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gift-pegjs: %v\n%s", err, stderr.Bytes())
	}
	var parsed []pegQuestion
	if err := json.Unmarshal(out, &parsed); err != nil {
		t.Fatal(err)
	}
	var got []pegQuestion
	categories := 0
	for _, q := range parsed {
		if q.Type == "Category" {
			categories++
			continue
		}
		got = append(got, q)
	}
	if categories != 2 {
		t.Errorf("%d categories, want one per module with questions", categories)
	}
	// What Coursewright wrote: every whole question but the order one.
	type want struct {
		id string
		q  selfcheck.Question
	}
	var wants []want
	for _, path := range []string{selfCheckPage, selfCheckPage2} {
		for i, b := range selfcheck.Find(c.PageByPath(path).Body()) {
			if b.Err == nil && b.Question.Kind != selfcheck.Order {
				wants = append(wants, want{selfcheck.ID(path, i+1), b.Question})
			}
		}
	}
	if len(got) != len(wants) || len(wants) != 5 {
		t.Fatalf("gift-pegjs read %d questions, want %d (5)", len(got), len(wants))
	}
	kinds := map[selfcheck.Kind]string{selfcheck.One: "MC", selfcheck.Several: "MC", selfcheck.TrueFalse: "TF", selfcheck.Short: "Short"}
	for i, w := range wants {
		g, q := got[i], w.q
		if g.Title != w.id || g.Type != kinds[q.Kind] || g.Stem.Format != "markdown" || g.Stem.Text != q.Prompt {
			t.Errorf("%s: read %s %q %s %q", w.id, g.Type, g.Title, g.Stem.Format, g.Stem.Text)
		}
		if gf := pegString(g.GlobalFeedback); gf != generalText(q) {
			t.Errorf("%s: general feedback %q, want %q", w.id, gf, generalText(q))
		}
		switch q.Kind {
		case selfcheck.TrueFalse:
			wrong, right := q.Options[1].Feedback, q.Options[0].Feedback
			if !q.Options[0].Correct {
				wrong, right = right, wrong
			}
			if g.IsTrue != q.Options[0].Correct || pegString(g.TrueFeedback) != wrong || pegString(g.FalseFeedback) != right {
				t.Errorf("%s: true %v, feedback %q / %q", w.id, g.IsTrue, pegString(g.TrueFeedback), pegString(g.FalseFeedback))
			}
		case selfcheck.Short:
			var accepted []string
			for _, ch := range g.Choices {
				if !ch.IsCorrect {
					t.Errorf("%s: a wrong short answer %q", w.id, ch.Text.Text)
				}
				accepted = append(accepted, ch.Text.Text)
			}
			if strings.Join(accepted, "|") != strings.Join(q.Accept, "|") {
				t.Errorf("%s: accepts %q, want %q", w.id, accepted, q.Accept)
			}
		default:
			if len(g.Choices) != len(q.Options) {
				t.Fatalf("%s: %d choices", w.id, len(g.Choices))
			}
			for j, ch := range g.Choices {
				o := q.Options[j]
				right := ch.IsCorrect || (ch.Weight != nil && *ch.Weight > 0)
				if ch.Text.Text != o.Text || right != o.Correct || pegString(ch.Feedback) != o.Feedback {
					t.Errorf("%s option %d: read %q right %v feedback %q; want %+v", w.id, j+1, ch.Text.Text, right, pegString(ch.Feedback), o)
				}
			}
		}
	}
}

// generalText is what a question's general feedback says.
func generalText(q selfcheck.Question) string {
	switch {
	case q.Hint == "":
		return q.Explanation
	case q.Explanation == "":
		return "Hint: " + q.Hint
	}
	return "Hint: " + q.Hint + "\n\n" + q.Explanation
}
