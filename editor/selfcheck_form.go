package editor

import (
	"errors"
	"regexp"
	"regexp/syntax"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// SelfCheckForm writes one self-check question: the author fills in the
// question, its kind, its options and answers in plain words, and OK
// writes the question's markdown (selfcheck.Format) into the page. The
// form checks the question as the author types: OK stays disabled, with
// the reason shown above it, until the question is whole.
type SelfCheckForm struct {
	Prompt *widget.Entry // the question itself (markdown, several lines)
	Kind   *widget.Select
	// Options are the option rows of one, several and order questions;
	// for order questions they are in their right order.
	Options   []*OptionRow
	AddOption *widget.Button
	// TrueFalse says whether the statement is true; IfTrue and IfFalse
	// are the feedback for each answer.
	TrueFalse       *widget.RadioGroup
	IfTrue, IfFalse *widget.Entry
	// Accept holds the accepted short answers, one a line; Pattern is an
	// optional regular expression, PatternError what is wrong with it.
	Accept, Pattern *widget.Entry
	PatternError    *widget.Label
	Hint            *widget.Entry
	Explanation     *widget.Entry
	// Problem says why OK is disabled.
	Problem *widget.Label
	// ReadError, shown above the fields, names what was wrong in the
	// markdown of a question opened for editing: the form holds what
	// could be read of it.
	ReadError *widget.Label
	OK        *widget.Button
	Cancel    *widget.Button
	Content   fyne.CanvasObject
	// Title is the form's title: "Insert self-check" or "Edit self-check".
	Title string
	// OnClose closes the form's dialog (the app sets it).
	OnClose func()

	optionsHead           *widget.Label
	optionsBox            *fyne.Container
	options, tf, short    *fyne.Container
	loaded                *selfcheck.Question
	apply                 func(selfcheck.Question) error
	fail                  func(error)
	words                 Wording
	settingKind, settling bool
}

// OptionRow is one option of the form: its text, whether it is a right
// answer, the feedback a learner who picks it reads, and buttons that
// move it or remove it.
type OptionRow struct {
	Text, Feedback   *widget.Entry
	Correct          *widget.Check
	Up, Down, Remove *widget.Button
	box              *fyne.Container
}

// kindLabels are the plain words the form offers for each kind, in
// selfcheck.Kinds order.
func kindLabels() []string {
	return []string{lang.L("One answer"), lang.L("Several answers"), lang.L("True or false"), lang.L("Short answer"), lang.L("Put in order")}
}

// Model words of true-false questions: the options are these two, in
// English, whatever the interface language (the syntax is English).
const (
	optionTrue  = "True"
	optionFalse = "False"
)

// newSelfCheckForm builds the form for q (the zero Question for a new
// one); apply writes the question into the page. words are the
// interface language's, for the syntax problems the form reports.
func newSelfCheckForm(q *selfcheck.Question, words Wording, apply func(selfcheck.Question) error, fail func(error)) *SelfCheckForm {
	f := &SelfCheckForm{apply: apply, fail: fail, loaded: q, words: words}
	f.Title = lang.L("Insert self-check")
	if q != nil {
		f.Title = lang.L("Edit self-check")
	}
	f.Prompt = multiLine(lang.L("What do you want to ask?"), 3)
	f.Kind = widget.NewSelect(kindLabels(), func(string) { f.kindChanged() })
	f.optionsHead = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.optionsHead.Wrapping = fyne.TextWrapWord
	f.optionsBox = container.NewVBox()
	f.AddOption = widget.NewButtonWithIcon(lang.L("Add option"), theme.ContentAddIcon(), func() {
		f.addOption(selfcheck.Option{})
		f.layoutOptions()
		f.changed()
	})
	f.options = container.NewVBox(f.optionsHead, f.optionsBox, container.NewHBox(f.AddOption))

	f.TrueFalse = widget.NewRadioGroup([]string{lang.L("True"), lang.L("False")}, func(string) { f.changed() })
	f.TrueFalse.Horizontal = true
	f.IfTrue = oneLine(lang.L("Feedback for “True” (optional)"))
	f.IfFalse = oneLine(lang.L("Feedback for “False” (optional)"))
	f.tf = container.NewVBox(bold(lang.L("The statement is")), f.TrueFalse, f.IfTrue, f.IfFalse)

	f.Accept = multiLine(lang.L("One accepted answer a line"), 2)
	f.Pattern = oneLine(lang.L("For example ^circles?$"))
	f.PatternError = widget.NewLabel("")
	f.PatternError.Importance = widget.DangerImportance
	f.PatternError.Wrapping = fyne.TextWrapWord
	f.PatternError.Hide()
	f.short = container.NewVBox(
		bold(lang.L("Accepted answers")),
		hint(lang.L("Capitals and extra spaces do not matter.")),
		f.Accept,
		bold(lang.L("Pattern (optional)")),
		hint(lang.L("A regular expression an answer may match instead.")),
		f.Pattern, f.PatternError)

	f.Hint = multiLine(lang.L("A clue for learners who are stuck (optional)"), 2)
	f.Explanation = multiLine(lang.L("Why the answer is what it is (optional)"), 2)
	f.ReadError = widget.NewLabel("")
	f.ReadError.Importance = widget.WarningImportance
	f.ReadError.Wrapping = fyne.TextWrapWord
	f.ReadError.Hide()
	f.Problem = widget.NewLabel("")
	f.Problem.Importance = widget.DangerImportance
	f.Problem.Wrapping = fyne.TextWrapWord
	f.OK = widget.NewButton(lang.L("OK"), f.submit)
	f.OK.Importance = widget.HighImportance
	f.Cancel = widget.NewButton(lang.L("Cancel"), f.close)

	for _, e := range []*widget.Entry{f.Prompt, f.IfTrue, f.IfFalse, f.Accept, f.Pattern, f.Hint, f.Explanation} {
		e.OnChanged = func(string) { f.changed() }
	}
	body := container.NewVBox(
		f.ReadError,
		bold(lang.L("Question")), f.Prompt,
		bold(lang.L("Kind of answer")), f.Kind,
		f.options, f.tf, f.short,
		bold(lang.L("Hint")), f.Hint,
		bold(lang.L("Explanation")), f.Explanation,
	)
	buttons := container.NewHBox(layout.NewSpacer(), f.Cancel, f.OK)
	// Only the fields scroll: the problem and the buttons stay in view
	// at any window size.
	f.Content = container.NewBorder(nil, container.NewVBox(f.Problem, buttons), nil, nil, container.NewVScroll(container.NewPadded(body)))

	if q == nil {
		q = &selfcheck.Question{Kind: selfcheck.One, Options: []selfcheck.Option{{}, {}, {}}}
	}
	f.load(*q)
	return f
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func hint(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

func oneLine(placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	return e
}

func multiLine(placeholder string, rows int) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.SetPlaceHolder(placeholder)
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	return e
}

// load fills the form with q.
func (f *SelfCheckForm) load(q selfcheck.Question) {
	f.settling = true
	defer func() { f.settling = false; f.kindChanged() }()
	f.Prompt.SetText(q.Prompt)
	f.Hint.SetText(q.Hint)
	f.Explanation.SetText(q.Explanation)
	f.Accept.SetText(strings.Join(q.Accept, "\n"))
	f.Pattern.SetText(q.Pattern)
	f.Options = nil
	switch q.Kind {
	case selfcheck.TrueFalse:
		for _, o := range q.Options {
			switch {
			case strings.EqualFold(o.Text, optionTrue):
				f.IfTrue.SetText(o.Feedback)
				if o.Correct {
					f.TrueFalse.SetSelected(lang.L("True"))
				}
			case strings.EqualFold(o.Text, optionFalse):
				f.IfFalse.SetText(o.Feedback)
				if o.Correct {
					f.TrueFalse.SetSelected(lang.L("False"))
				}
			}
		}
	case selfcheck.Order:
		// The form lists the items in their right order; what learners
		// see is written on OK.
		seen := make([]bool, len(q.Options))
		for _, i := range q.Order {
			if i >= 0 && i < len(q.Options) && !seen[i] {
				seen[i] = true
				f.addOption(q.Options[i])
			}
		}
		for i, o := range q.Options { // an incomplete Order read from a broken block
			if !seen[i] {
				f.addOption(o)
			}
		}
	default:
		for _, o := range q.Options {
			f.addOption(o)
		}
	}
	if q.Kind != selfcheck.Short && q.Kind != selfcheck.TrueFalse {
		for len(f.Options) < 2 {
			f.addOption(selfcheck.Option{})
		}
	}
	f.layoutOptions()
	kind := q.Kind
	if kind == "" {
		kind = selfcheck.One
	}
	for i, k := range selfcheck.Kinds {
		if k == kind {
			f.settingKind = true
			f.Kind.SetSelectedIndex(i)
			f.settingKind = false
		}
	}
}

// addOption adds an option row at the end (layoutOptions shows it).
func (f *SelfCheckForm) addOption(o selfcheck.Option) *OptionRow {
	r := &OptionRow{Text: oneLine(lang.L("Option")), Feedback: oneLine(lang.L("Feedback when chosen (optional)"))}
	r.Text.SetText(o.Text)
	r.Feedback.SetText(o.Feedback)
	r.Text.OnChanged = func(string) { f.changed() }
	r.Feedback.OnChanged = func(string) { f.changed() }
	r.Correct = widget.NewCheck(lang.L("Right answer"), func(on bool) { f.correctChanged(r, on) })
	r.Correct.SetChecked(o.Correct)
	r.Up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { f.moveOption(r, -1) })
	r.Down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { f.moveOption(r, 1) })
	r.Remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { f.removeOption(r) })
	for _, b := range []*widget.Button{r.Up, r.Down, r.Remove} {
		b.Importance = widget.LowImportance
	}
	tools := container.NewHBox(r.Up, r.Down, r.Remove)
	r.box = container.NewVBox(
		container.NewBorder(nil, nil, r.Correct, tools, r.Text),
		container.NewBorder(nil, nil, widget.NewIcon(theme.MailReplyIcon()), nil, r.Feedback),
		widget.NewSeparator())
	f.Options = append(f.Options, r)
	return r
}

// layoutOptions shows the rows in their order, the first unable to go up
// and the last unable to go down.
func (f *SelfCheckForm) layoutOptions() {
	objs := make([]fyne.CanvasObject, 0, len(f.Options))
	for i, r := range f.Options {
		objs = append(objs, r.box)
		enable(r.Up, i > 0)
		enable(r.Down, i < len(f.Options)-1)
		enable(r.Remove, len(f.Options) > 2)
	}
	f.optionsBox.Objects = objs
	f.optionsBox.Refresh()
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// moveOption moves a row up (-1) or down (+1).
func (f *SelfCheckForm) moveOption(r *OptionRow, delta int) {
	i := f.rowIndex(r)
	j := i + delta
	if i < 0 || j < 0 || j >= len(f.Options) {
		return
	}
	f.Options[i], f.Options[j] = f.Options[j], f.Options[i]
	f.layoutOptions()
	f.changed()
}

func (f *SelfCheckForm) removeOption(r *OptionRow) {
	i := f.rowIndex(r)
	if i < 0 || len(f.Options) <= 2 {
		return
	}
	f.Options = append(f.Options[:i], f.Options[i+1:]...)
	f.layoutOptions()
	f.changed()
}

func (f *SelfCheckForm) rowIndex(r *OptionRow) int {
	for i, x := range f.Options {
		if x == r {
			return i
		}
	}
	return -1
}

// correctChanged keeps a one-answer question to one right option: ticking
// one unticks the others.
func (f *SelfCheckForm) correctChanged(r *OptionRow, on bool) {
	if on && f.kind() == selfcheck.One && !f.settling {
		f.settling = true
		for _, x := range f.Options {
			if x != r {
				x.Correct.SetChecked(false)
			}
		}
		f.settling = false
	}
	f.changed()
}

// kind is the kind chosen.
func (f *SelfCheckForm) kind() selfcheck.Kind {
	i := f.Kind.SelectedIndex()
	if i < 0 || i >= len(selfcheck.Kinds) {
		return selfcheck.One
	}
	return selfcheck.Kinds[i]
}

// kindChanged shows the fields the kind has.
func (f *SelfCheckForm) kindChanged() {
	if f.settling {
		return
	}
	k := f.kind()
	show(f.options, k == selfcheck.One || k == selfcheck.Several || k == selfcheck.Order)
	show(f.tf, k == selfcheck.TrueFalse)
	show(f.short, k == selfcheck.Short)
	switch k {
	case selfcheck.Order:
		f.optionsHead.SetText(lang.L("Items, in their right order (learners see them mixed up)"))
	case selfcheck.Several:
		f.optionsHead.SetText(lang.L("Options: tick every right answer"))
	default:
		f.optionsHead.SetText(lang.L("Options: tick the right answer"))
	}
	for _, r := range f.Options {
		show(r.Correct, k != selfcheck.Order)
	}
	if k == selfcheck.One && !f.settingKind {
		// From several to one: keep the first right option only.
		f.settling = true
		seen := false
		for _, r := range f.Options {
			if r.Correct.Checked && seen {
				r.Correct.SetChecked(false)
			}
			seen = seen || r.Correct.Checked
		}
		f.settling = false
	}
	f.changed()
}

func show(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// spaces are runs of white space, line breaks included: an option is one
// line of the markdown.
var spaces = regexp.MustCompile(`\s+`)

func inline(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

func block(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// Question is the question as the form stands.
func (f *SelfCheckForm) Question() selfcheck.Question {
	q := selfcheck.Question{Kind: f.kind(), Prompt: block(f.Prompt.Text), Hint: block(f.Hint.Text), Explanation: block(f.Explanation.Text)}
	switch q.Kind {
	case selfcheck.One, selfcheck.Several:
		for _, r := range f.Options {
			q.Options = append(q.Options, selfcheck.Option{Text: inline(r.Text.Text), Correct: r.Correct.Checked, Feedback: inline(r.Feedback.Text)})
		}
	case selfcheck.Order:
		right := make([]selfcheck.Option, len(f.Options))
		for i, r := range f.Options {
			right[i] = selfcheck.Option{Text: inline(r.Text.Text), Feedback: inline(r.Feedback.Text)}
		}
		q.Options, q.Order = mixUp(right, f.loaded)
	case selfcheck.TrueFalse:
		sel := f.TrueFalse.Selected
		q.Options = []selfcheck.Option{
			{Text: optionTrue, Correct: sel == lang.L("True"), Feedback: inline(f.IfTrue.Text)},
			{Text: optionFalse, Correct: sel == lang.L("False"), Feedback: inline(f.IfFalse.Text)},
		}
	case selfcheck.Short:
		for _, l := range strings.Split(f.Accept.Text, "\n") {
			if l = inline(l); l != "" {
				q.Accept = append(q.Accept, l)
			}
		}
		q.Pattern = strings.TrimSpace(f.Pattern.Text)
	}
	return q
}

// problem is the first thing that keeps the question from being whole,
// in the author's words; "" when OK may write it.
func (f *SelfCheckForm) problem(q selfcheck.Question) string {
	if q.Prompt == "" {
		return lang.L("Write the question.")
	}
	switch q.Kind {
	case selfcheck.One, selfcheck.Several, selfcheck.Order:
		if len(q.Options) < 2 {
			return lang.L("Give at least two options.")
		}
		for i, r := range f.Options {
			if inline(r.Text.Text) == "" {
				return lang.L("Option {{.N}} has no text.", map[string]any{"N": i + 1})
			}
		}
		right := 0
		for _, o := range q.Options {
			if o.Correct {
				right++
			}
		}
		switch {
		case q.Kind == selfcheck.One && right == 0:
			return lang.L("Tick the right answer.")
		case q.Kind == selfcheck.One && right > 1:
			return lang.L("Tick only one right answer, or choose “Several answers”.")
		case q.Kind == selfcheck.Several && right == 0:
			return lang.L("Tick at least one right answer.")
		}
	case selfcheck.TrueFalse:
		if f.TrueFalse.Selected == "" {
			return lang.L("Say whether the statement is true or false.")
		}
	case selfcheck.Short:
		if len(q.Accept) == 0 {
			return lang.L("Give at least one accepted answer.")
		}
		for _, a := range q.Accept {
			if strings.Contains(a, ";") {
				return lang.L("An accepted answer may not hold a semicolon: put each on a line of its own.")
			}
		}
		if q.Pattern != "" {
			if _, err := regexp.Compile(q.Pattern); err != nil {
				return lang.L("The pattern is not a valid regular expression.")
			}
		}
	}
	// The answer key's values run to the next blank line.
	if strings.Contains(q.Hint, "\n\n") {
		return lang.L("The hint must be one paragraph: remove the blank line.")
	}
	if strings.Contains(q.Explanation, "\n\n") {
		return lang.L("The explanation must be one paragraph: remove the blank line.")
	}
	if err := q.Validate(); err != nil {
		return asSentence(selfCheckProblem(f.words, err.Code, err.Args, err.Problem))
	}
	return ""
}

// changed checks the question again: the pattern's own error beside it,
// the first problem above the buttons, OK only when there is none.
func (f *SelfCheckForm) changed() {
	if f.settling || f.OK == nil {
		return
	}
	f.PatternError.Hide()
	if p := strings.TrimSpace(f.Pattern.Text); p != "" && f.kind() == selfcheck.Short {
		if _, err := regexp.Compile(p); err != nil {
			f.PatternError.SetText(patternProblem(err))
			f.PatternError.Show()
		}
	}
	msg := f.problem(f.Question())
	if msg != "" {
		f.OK.Disable()
	} else {
		f.OK.Enable()
	}
	f.Problem.SetText(msg)
	show(f.Problem, msg != "")
}

// patternProblem says what is wrong with a pattern in the author's
// language: the kind of mistake Go's regexp found, and where.
func patternProblem(err error) string {
	var se *syntax.Error
	if !errors.As(err, &se) {
		return lang.L("Not a valid pattern.")
	}
	args := map[string]any{"Part": se.Expr}
	switch se.Code {
	case syntax.ErrMissingParen, syntax.ErrUnexpectedParen:
		return lang.L("Not a valid pattern: a bracket ( or ) has no partner in {{.Part}}", args)
	case syntax.ErrMissingBracket:
		return lang.L("Not a valid pattern: the [ has no closing ] in {{.Part}}", args)
	case syntax.ErrMissingRepeatArgument, syntax.ErrInvalidRepeatOp, syntax.ErrInvalidRepeatSize:
		return lang.L("Not a valid pattern: *, + or ? must follow what they repeat, at {{.Part}}", args)
	case syntax.ErrTrailingBackslash, syntax.ErrInvalidEscape:
		return lang.L("Not a valid pattern: the backslash is not followed by what it escapes, at {{.Part}}", args)
	}
	return lang.L("Not a valid pattern near {{.Part}}", args)
}

func (f *SelfCheckForm) submit() {
	q := f.Question()
	if f.problem(q) != "" {
		return
	}
	if err := f.apply(q); err != nil {
		f.fail(err)
		return
	}
	f.close()
}

func (f *SelfCheckForm) close() {
	if f.OnClose != nil {
		f.OnClose()
	}
}
