package editor

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// openSelfCheckPage opens a page of a corpus course holding text, with
// the cursor at offset at.
func openSelfCheckPage(t *testing.T, text string, at int) *CourseView {
	t.Helper()
	v, w := openView(t, corpusCourse(t, "course-in-a-box"), &fakePrompt{t: t})
	w.Resize(fyne.NewSize(900, 650))
	v.OpenPage(v.Course().Modules[0].Pages[0])
	settle(t, v)
	v.Page.Text.SetText(text)
	v.Page.Text.Select(at, at)
	return v
}

// formIn opens the Self-check… form where the cursor is, in a dialog
// over the view's window (a small laptop's), as the app shows it.
func formIn(t *testing.T, v *CourseView) *SelfCheckForm {
	t.Helper()
	var shown *SelfCheckForm
	v.OnSelfCheckForm = func(f *SelfCheckForm) { shown = f }
	v.SelfCheck()
	if shown == nil {
		t.Fatal("the command showed no form")
	}
	w := fyne.CurrentApp().Driver().AllWindows()[0]
	d := dialog.NewCustomWithoutButtons(shown.Title, shown.Content, w)
	shown.OnClose = d.Hide
	d.Resize(fyne.NewSize(760, 610))
	d.Show()
	return shown
}

// setOptions fills the option rows (adding rows as needed): text, right
// or not, feedback.
func setOptions(f *SelfCheckForm, opts ...selfcheck.Option) {
	for len(f.Options) < len(opts) {
		test.Tap(f.AddOption)
	}
	for len(f.Options) > len(opts) {
		test.Tap(f.Options[len(f.Options)-1].Remove)
	}
	for i, o := range opts {
		f.Options[i].Text.SetText(o.Text)
		f.Options[i].Feedback.SetText(o.Feedback)
		f.Options[i].Correct.SetChecked(o.Correct)
	}
}

// Filling the form for each kind writes exactly the question's markdown
// at the cursor, as a block of its own, in one undoable step.
func TestSelfCheckFormWritesEachKind(t *testing.T) {
	const before, after = "Some text.\n", "\nMore text.\n"
	for _, tc := range []struct {
		name string
		fill func(f *SelfCheckForm)
		want string
	}{
		{"one answer", func(f *SelfCheckForm) {
			f.Prompt.SetText("**Who leads a learning circle?**")
			setOptions(f,
				selfcheck.Option{Text: "An expert teacher", Feedback: "Not quite: learning circles have no teacher."},
				selfcheck.Option{Text: "A facilitator who is a peer", Correct: true, Feedback: "Right."},
				selfcheck.Option{Text: "The library director"})
			f.Hint.SetText("Think about who organises the meetings.")
			f.Explanation.SetText("A learning circle is led by a peer facilitator.")
		}, `<!-- self-check -->
**Who leads a learning circle?**

1. An expert teacher
2. A facilitator who is a peer
3. The library director

<details markdown="1">
<summary>Answer</summary>

Answer: 2

1. Not quite: learning circles have no teacher.
2. Right.
3.

Hint: Think about who organises the meetings.

Explanation: A learning circle is led by a peer facilitator.

</details>
<!-- /self-check -->
`},
		{"several answers", func(f *SelfCheckForm) {
			f.Kind.SetSelectedIndex(1)
			f.Prompt.SetText("Which help a circle?")
			setOptions(f,
				selfcheck.Option{Text: "Snacks", Correct: true},
				selfcheck.Option{Text: "Silence"},
				selfcheck.Option{Text: "A shared goal", Correct: true},
				selfcheck.Option{Text: "Grades"})
		}, `<!-- self-check -->
Which help a circle?

1. Snacks
2. Silence
3. A shared goal
4. Grades

<details markdown="1">
<summary>Answer</summary>

Answers: 1, 3

</details>
<!-- /self-check -->
`},
		{"true or false", func(f *SelfCheckForm) {
			f.Kind.SetSelectedIndex(2)
			f.Prompt.SetText("Learning circles need a teacher.")
			f.TrueFalse.SetSelected("False")
			f.IfTrue.SetText("No: peers lead them.")
		}, `<!-- self-check -->
Learning circles need a teacher.

<details markdown="1">
<summary>Answer</summary>

Answer: false

If true: No: peers lead them.

</details>
<!-- /self-check -->
`},
		{"short answer", func(f *SelfCheckForm) {
			f.Kind.SetSelectedIndex(3)
			f.Prompt.SetText("What do we call a group that learns together?")
			f.Accept.SetText("learning circle\n\n  learning   circles \n")
			f.Pattern.SetText("^(learning )?circles?$")
		}, `<!-- self-check -->
What do we call a group that learns together?

<details markdown="1">
<summary>Answer</summary>

Accept: learning circle; learning circles

Pattern: ^(learning )?circles?$

</details>
<!-- /self-check -->
`},
		{"put in order", func(f *SelfCheckForm) {
			f.Kind.SetSelectedIndex(4)
			f.Prompt.SetText("Put a meeting's parts in order.")
			setOptions(f, selfcheck.Option{Text: "Check in"}, selfcheck.Option{Text: "Work together"}, selfcheck.Option{Text: "Reflect"})
		}, orderWant(t, "Put a meeting's parts in order.", "Check in", "Work together", "Reflect")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := openSelfCheckPage(t, before+after, len(before))
			if got := v.SelfCheckLabel(); got != "Self-check…" {
				t.Errorf("label outside a question %q", got)
			}
			f := formIn(t, v)
			if !f.OK.Disabled() {
				t.Error("OK is enabled on an empty form")
			}
			tc.fill(f)
			if f.OK.Disabled() {
				t.Fatalf("OK disabled: %s", f.Problem.Text)
			}
			test.Tap(f.OK)
			want := before + "\n" + tc.want + after
			if got := v.Page.Text.Text(); got != want {
				t.Fatalf("the page reads\n%s\nwant\n%s", got, want)
			}
			// The cursor in the new question: the command edits it.
			v.Page.Text.Select(len(before)+5, len(before)+5)
			if got := v.Page.SelfCheckBtn.Text; got != "Edit self-check…" {
				t.Errorf("in the new question the button says %q", got)
			}
			// One undoable step.
			v.Page.Text.Undo()
			if got := v.Page.Text.Text(); got != before+after {
				t.Fatalf("after one undo the page reads\n%s", got)
			}
			if got := v.Page.SelfCheckBtn.Text; got != "Self-check…" {
				t.Errorf("after undo the button says %q", got)
			}
		})
	}
}

// orderWant is the markdown of an order question whose items, in their
// right order, are items: shown in the form's mixed-up order, checked to
// differ from the right one.
func orderWant(t *testing.T, prompt string, items ...string) string {
	right := make([]selfcheck.Option, len(items))
	for i, s := range items {
		right[i] = selfcheck.Option{Text: s}
	}
	shown, order := mixUp(right, nil)
	var b strings.Builder
	b.WriteString("<!-- self-check -->\n" + prompt + "\n\n")
	same := true
	for k, o := range shown {
		b.WriteString(itoa(k+1) + ". " + o.Text + "\n")
		same = same && o.Text == items[k]
	}
	if same {
		t.Fatalf("the items are shown in their right order")
	}
	nums := make([]string, len(order))
	for j, k := range order {
		nums[j] = itoa(k + 1)
		if shown[k].Text != items[j] {
			t.Fatalf("Order[%d] = %d names %q, want %q", j, k, shown[k].Text, items[j])
		}
	}
	b.WriteString("\n<details markdown=\"1\">\n<summary>Answer</summary>\n\nOrder: " + strings.Join(nums, ", ") + "\n\n</details>\n<!-- /self-check -->\n")
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

const editable = `Intro.

<!-- self-check -->
**Who leads a learning circle?**

1. An expert teacher
2. A facilitator who is a peer
3. The library director

<details markdown="1">
<summary>Answer</summary>

Answer: 2

1. Not quite: learning circles have no teacher.

Hint: Think about who organises the meetings.

</details>
<!-- /self-check -->

The end.
`

// With the cursor in a question, the command is "Edit self-check…": the
// form opens filled from the page, OK replaces the question exactly, and
// one undo brings the old one back.
func TestSelfCheckFormEditsQuestion(t *testing.T) {
	at := strings.Index(editable, "An expert")
	v := openSelfCheckPage(t, editable, at)
	if got := v.SelfCheckLabel(); got != "Edit self-check…" {
		t.Fatalf("label in a question %q", got)
	}
	if got := v.Page.SelfCheckBtn.Text; got != "Edit self-check…" {
		t.Errorf("the toolbar button says %q", got)
	}
	f := formIn(t, v)
	if f.Title != "Edit self-check" || f.ReadError.Visible() {
		t.Errorf("title %q, read error %q", f.Title, f.ReadError.Text)
	}
	if f.Prompt.Text != "**Who leads a learning circle?**" || len(f.Options) != 3 || !f.Options[1].Correct.Checked ||
		f.Options[0].Feedback.Text != "Not quite: learning circles have no teacher." || f.Hint.Text != "Think about who organises the meetings." {
		t.Fatalf("the form holds prompt %q, %d options, hint %q", f.Prompt.Text, len(f.Options), f.Hint.Text)
	}
	f.Options[2].Text.SetText("The library's director")
	f.Options[2].Correct.SetChecked(true) // one answer: unticks option 2
	if f.Options[1].Correct.Checked {
		t.Error("two options ticked in a one-answer question")
	}
	test.Tap(f.OK)
	want := strings.Replace(strings.Replace(editable, "3. The library director", "3. The library's director", 1), "Answer: 2", "Answer: 3", 1)
	want = strings.Replace(want, "1. Not quite: learning circles have no teacher.\n", "1. Not quite: learning circles have no teacher.\n2.\n3.\n", 1)
	if got := v.Page.Text.Text(); got != want {
		t.Fatalf("the page reads\n%s\nwant\n%s", got, want)
	}
	// Ctrl+Z in the editor, as the author types it.
	v.Undo()
	if got := v.Page.Text.Text(); got != editable {
		t.Fatalf("after undo the page reads\n%s", got)
	}
}

// Moving an option moves its right tick and feedback with it; removing
// one keeps at least two.
func TestSelfCheckFormMovesOptions(t *testing.T) {
	v := openSelfCheckPage(t, "", 0)
	f := formIn(t, v)
	f.Prompt.SetText("Q?")
	setOptions(f, selfcheck.Option{Text: "a", Feedback: "fa"}, selfcheck.Option{Text: "b", Correct: true}, selfcheck.Option{Text: "c"})
	if !f.Options[0].Up.Disabled() || !f.Options[2].Down.Disabled() {
		t.Error("the first option can go up or the last down")
	}
	test.Tap(f.Options[1].Up)
	test.Tap(f.Options[1].Down)
	q := f.Question()
	got := []string{q.Options[0].Text, q.Options[1].Text, q.Options[2].Text}
	if !reflect.DeepEqual(got, []string{"b", "c", "a"}) || !q.Options[0].Correct || q.Options[2].Feedback != "fa" {
		t.Fatalf("after moving: %+v", q.Options)
	}
	test.Tap(f.Options[0].Remove)
	if len(f.Options) != 2 || !f.Options[0].Remove.Disabled() {
		t.Fatalf("%d options left, remove enabled %v", len(f.Options), !f.Options[0].Remove.Disabled())
	}
	if !f.OK.Disabled() || f.Problem.Text != "Tick the right answer." {
		t.Errorf("without its right option: OK disabled %v, problem %q", f.OK.Disabled(), f.Problem.Text)
	}
}

// The form says what is missing, OK disabled meanwhile; a bad pattern is
// an error beside it.
func TestSelfCheckFormValidates(t *testing.T) {
	v := openSelfCheckPage(t, "", 0)
	f := formIn(t, v)
	steps := []struct {
		do      func()
		problem string
	}{
		{func() {}, "Write the question."},
		{func() { f.Prompt.SetText("What is it?") }, "Option 1 has no text."},
		{func() { setOptions(f, selfcheck.Option{Text: "x"}, selfcheck.Option{Text: "y"}) }, "Tick the right answer."},
		{func() { f.Options[0].Correct.SetChecked(true) }, ""},
		{func() { f.Kind.SetSelectedIndex(2) }, "Say whether the statement is true or false."},
		{func() { f.TrueFalse.SetSelected("True") }, ""},
		{func() { f.Kind.SetSelectedIndex(3) }, "Give at least one accepted answer."},
		{func() { f.Accept.SetText("it") }, ""},
		{func() { f.Pattern.SetText("(unclosed") }, "The pattern is not a valid regular expression."},
		{func() { f.Pattern.SetText("^its?$") }, ""},
		{func() { f.Hint.SetText("one\n\ntwo") }, "The hint must be one paragraph: remove the blank line."},
	}
	for i, s := range steps {
		s.do()
		if f.Problem.Text != s.problem || f.OK.Disabled() != (s.problem != "") || f.Problem.Visible() != (s.problem != "") {
			t.Errorf("step %d: problem %q (shown %v), OK disabled %v; want %q", i, f.Problem.Text, f.Problem.Visible(), f.OK.Disabled(), s.problem)
		}
		if want := i == 8; f.PatternError.Visible() != want {
			t.Errorf("step %d: the pattern's error shown %v: %q", i, f.PatternError.Visible(), f.PatternError.Text)
		}
		if want := "Not a valid pattern: a bracket ( or ) has no partner in (unclosed"; i == 8 && f.PatternError.Text != want {
			t.Errorf("the pattern's error says %q, want %q", f.PatternError.Text, want)
		}
	}
}

// A question with a syntax error opens with what could be read and the
// problem named; OK writes it whole in its place.
func TestSelfCheckFormOpensBrokenQuestion(t *testing.T) {
	broken := strings.Replace(editable, "Answer: 2", "Answer: 7", 1)
	v := openSelfCheckPage(t, broken, strings.Index(broken, "Who leads"))
	f := formIn(t, v)
	if !f.ReadError.Visible() || !strings.Contains(f.ReadError.Text, "Line 13") {
		t.Fatalf("read error %q (shown %v)", f.ReadError.Text, f.ReadError.Visible())
	}
	if f.Prompt.Text != "**Who leads a learning circle?**" || len(f.Options) != 3 || f.Options[2].Text.Text != "The library director" {
		t.Fatalf("the form holds %q and %d options", f.Prompt.Text, len(f.Options))
	}
	f.Options[1].Correct.SetChecked(true)
	test.Tap(f.OK)
	if got := v.Page.Text.Text(); !strings.Contains(got, "Answer: 2\n") || strings.Count(got, "<!-- self-check -->") != 1 || !strings.HasSuffix(got, "\n\nThe end.\n") {
		t.Fatalf("the page reads\n%s", got)
	}
	if bs := selfcheck.Find(v.Page.Text.Text()); len(bs) != 1 || bs[0].Err != nil {
		t.Fatalf("the question written is not whole: %+v", bs)
	}
}

// A question without its closing marker is not edited: its block would
// run on over the text after it. The command inserts a new question
// instead, and nothing of the page is lost.
func TestSelfCheckUnclosedIsNotEdited(t *testing.T) {
	unclosed := strings.Replace(editable, "<!-- /self-check -->\n", "", 1)
	v := openSelfCheckPage(t, unclosed, strings.Index(unclosed, "Who leads"))
	if got := v.SelfCheckLabel(); got != "Self-check…" {
		t.Fatalf("label in an unclosed question %q", got)
	}
	f := formIn(t, v)
	f.Prompt.SetText("New?")
	setOptions(f, selfcheck.Option{Text: "a", Correct: true}, selfcheck.Option{Text: "b"})
	test.Tap(f.OK)
	if got := v.Page.Text.Text(); !strings.Contains(got, "New?") || !strings.Contains(got, "The library director") || !strings.HasSuffix(got, "The end.\n") {
		t.Fatalf("the page reads\n%s", got)
	}
}

// Text selected when the command runs is the question's prompt, and the
// question takes its place.
func TestSelfCheckFromSelection(t *testing.T) {
	v := openSelfCheckPage(t, "Intro.\n\nIs this a question?\n\nEnd.\n", 0)
	v.Page.Text.Select(len("Intro.\n\n"), len("Intro.\n\nIs this a question?"))
	f := formIn(t, v)
	if f.Prompt.Text != "Is this a question?" {
		t.Fatalf("the prompt is %q", f.Prompt.Text)
	}
	f.Kind.SetSelectedIndex(2)
	f.TrueFalse.SetSelected("True")
	test.Tap(f.OK)
	want := "Intro.\n\n" + selfcheck.Format(selfcheck.Question{Kind: selfcheck.TrueFalse, Prompt: "Is this a question?",
		Options: []selfcheck.Option{{Text: "True", Correct: true}, {Text: "False"}}}) + "\nEnd.\n"
	if got := v.Page.Text.Text(); got != want {
		t.Fatalf("the page reads\n%s\nwant\n%s", got, want)
	}
}

// The typed shortcut runs the command from the page editor.
func TestSelfCheckShortcut(t *testing.T) {
	v := openSelfCheckPage(t, editable, strings.Index(editable, "Hint:"))
	var shown *SelfCheckForm
	v.OnSelfCheckForm = func(f *SelfCheckForm) { shown = f }
	v.Page.Text.TypedShortcut(ctrlShift(SelfCheckKey))
	if shown == nil || shown.Title != "Edit self-check" {
		t.Fatalf("Ctrl+Shift+K showed %v", shown)
	}
	v.Page.Text.Select(0, 0)
	if got := v.Page.SelfCheckBtn.Text; got != "Self-check…" {
		t.Errorf("outside the question the button says %q", got)
	}
}

// An order question's items are mixed up the same way every time, never
// in their right order, and keep the order learners saw when the author
// edits something else.
func TestSelfCheckOrderMixUp(t *testing.T) {
	for n := 2; n <= 7; n++ {
		var right []selfcheck.Option
		for i := 0; i < n; i++ {
			right = append(right, selfcheck.Option{Text: "item " + itoa(i)})
		}
		shown, order := mixUp(right, nil)
		again, _ := mixUp(right, nil)
		if !reflect.DeepEqual(shown, again) {
			t.Errorf("%d items: two different orders", n)
		}
		identity := true
		for j, k := range order {
			identity = identity && j == k
			if shown[k] != right[j] {
				t.Errorf("%d items: Order[%d]=%d names %q", n, j, k, shown[k].Text)
			}
		}
		if identity {
			t.Errorf("%d items shown in their right order", n)
		}
		loaded := selfcheck.Question{Kind: selfcheck.Order, Options: []selfcheck.Option{right[n-1]}}
		loaded.Options = append(loaded.Options, right[:n-1]...)
		kept, _ := mixUp(right, &loaded)
		if !reflect.DeepEqual(kept, loaded.Options) {
			t.Errorf("%d items: edited order %v, want the old %v", n, kept, loaded.Options)
		}
	}
}
