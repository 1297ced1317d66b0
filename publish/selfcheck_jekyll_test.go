package publish

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course/selfcheck"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// everyKindOfQuestion is one question of each kind, with feedback, a
// hint and an explanation where the kind has them.
var everyKindOfQuestion = []selfcheck.Question{
	{Kind: selfcheck.One, Prompt: "**Who leads a learning circle?**",
		Options: []selfcheck.Option{
			{Text: "An expert teacher", Feedback: "Not quite: learning circles have no teacher."},
			{Text: "A facilitator who is a *peer*", Correct: true, Feedback: "Right: the facilitator keeps the group going."},
			{Text: "The library director"}},
		Hint: "Think about who organises the meetings.", Explanation: "A learning circle is led by a peer facilitator."},
	{Kind: selfcheck.Several, Prompt: "Which of these does a facilitator do?",
		Options: []selfcheck.Option{{Text: "Keeps time", Correct: true}, {Text: "Grades the learners", Feedback: "No grades in a circle."}, {Text: "Asks questions", Correct: true}}},
	{Kind: selfcheck.TrueFalse, Prompt: "Learning circles meet in libraries.",
		Options: []selfcheck.Option{{Text: "True", Correct: true, Feedback: "Most of them do."}, {Text: "False", Feedback: "Most of them do meet in libraries."}}},
	{Kind: selfcheck.Short, Prompt: "What do we call a group of peers who meet to learn together?",
		Accept: []string{"learning circle", "learning circles"}, Pattern: "^circles?$", Hint: "Two words."},
	{Kind: selfcheck.Order, Prompt: "Put the parts of a meeting in order.",
		Options: []selfcheck.Option{{Text: "Reflect"}, {Text: "Check in"}, {Text: "Work together"}}, Order: []int{1, 2, 0},
		Explanation: "Check in first, reflect last."},
}

// Issue 18: the same course built by Jekyll 4.3 (Debian's package, plain
// kramdown as GitHub Pages runs it, no Coursewright theme or script)
// shows every kind of question as readable text, its prompt and its
// options, with the answers inside closed <details>.
func TestSelfCheckWithJekyll(t *testing.T) {
	jekyll, err := exec.LookPath("jekyll")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("jekyll is not installed, and CI must run this test (apt-get install jekyll)")
		}
		t.Skip("jekyll is not installed (apt-get install jekyll)")
	}
	src := t.TempDir()
	var page strings.Builder
	page.WriteString("---\ntitle: Check yourself\n---\n\nA few questions before the next meeting.\n\n")
	for i, q := range everyKindOfQuestion {
		if e := q.Validate(); e != nil {
			t.Fatalf("question %d: %v", i+1, e)
		}
		page.WriteString(selfcheck.Format(q) + "\n")
	}
	page.WriteString("See you next week.\n")
	for name, text := range map[string]string{
		"_config.yml": "title: Questions\nmarkdown: kramdown\ntheme: null\nplugins: []\n",
		"modules/meeting/_posts/2000-01-01-check-yourself.md": page.String(),
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(src, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(src, name), text)
	}
	out := filepath.Join(t.TempDir(), "site")
	cmd := exec.Command(jekyll, "build", "--safe", "--quiet", "-s", src, "-d", out)
	cmd.Env = append(os.Environ(), "JEKYLL_ENV=production", "LANG=C.UTF-8")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("jekyll build: %v\n%s", err, b)
	}
	built, err := filepath.Glob(filepath.Join(out, "modules", "meeting", "2000", "01", "01", "check-yourself.html"))
	if err != nil || len(built) != 1 {
		all, _ := filepath.Glob(filepath.Join(out, "*", "*", "*", "*", "*"))
		t.Fatalf("the page was not built where expected: %v", all)
	}
	b, err := os.ReadFile(built[0])
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	// What a reader sees at first: all text outside <details>; what the
	// answers hold: the text inside each (closed) <details>.
	var visible, hidden strings.Builder
	details := 0
	var walk func(n *html.Node, inDetails bool)
	walk = func(n *html.Node, inDetails bool) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Details {
			details++
			for _, a := range n.Attr {
				if a.Key == "open" {
					t.Errorf("a <details> is open: the answers show at once")
				}
			}
			if c := firstElement(n); c == nil || c.DataAtom != atom.Summary {
				t.Errorf("a <details> does not start with its <summary>: the reader sees no button to open")
			}
			inDetails = true
		}
		if n.Type == html.TextNode {
			if inDetails {
				hidden.WriteString(n.Data + " ")
			} else {
				visible.WriteString(n.Data + " ")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inDetails)
		}
	}
	walk(doc, false)
	if details != len(everyKindOfQuestion) {
		t.Errorf("%d <details>, want one per question (%d)\n%s", details, len(everyKindOfQuestion), b)
	}
	see, answers := strings.Join(strings.Fields(visible.String()), " "), strings.Join(strings.Fields(hidden.String()), " ")
	for _, q := range everyKindOfQuestion {
		want := []string{strings.Trim(q.Prompt, "*")}
		if q.Kind != selfcheck.TrueFalse {
			for _, o := range q.Options {
				want = append(want, strings.ReplaceAll(o.Text, "*", ""))
			}
		}
		for _, w := range want {
			if !strings.Contains(see, w) {
				t.Errorf("%s question: %q is not readable text outside the answers:\n%s", q.Kind, w, see)
			}
		}
	}
	for _, w := range []string{"Answer: 2", "Answers: 1, 3", "Answer: true", "Accept: learning circle; learning circles", "Order: 2, 3, 1",
		"Not quite: learning circles have no teacher.", "Explanation: A learning circle", "Hint: Two words."} {
		if !strings.Contains(answers, w) {
			t.Errorf("%q is not inside a closed <details>:\n%s", w, answers)
		}
		if strings.Contains(see, w) {
			t.Errorf("%q shows outside the answers", w)
		}
	}
}
