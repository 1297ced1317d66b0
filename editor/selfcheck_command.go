package editor

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// The Self-check… command: with the cursor outside any question it
// inserts a new one; inside a question it is "Edit self-check…" and
// reopens the form filled with that question, whose OK replaces it.
// Either way the page changes in one undoable step.

// selfCheckAtCursor is the question block the page editor's cursor is
// in: from the first byte of its opening marker to the end of its closing
// marker's line.
func (v *CourseView) selfCheckAtCursor() (selfcheck.Block, bool) {
	if v.Page.page == nil {
		return selfcheck.Block{}, false
	}
	text := v.Page.Text.Text()
	if !strings.Contains(text, "self-check") { // most pages: no parse per cursor move
		return selfcheck.Block{}, false
	}
	at := v.Page.Text.CursorOffset()
	// The cursor moves far more often than the text changes: the blocks
	// are found again only for a new text (the view hands back the same
	// string until it changes, so comparing them is immediate).
	if !v.scFound || text != v.scText {
		v.scText, v.scBlocks, v.scFound = text, selfcheck.Find(text), true
	}
	for _, b := range v.scBlocks {
		// A question with no closing marker runs on to the next question
		// or the page's end: replacing it would take the text after it
		// along, so it is no question to edit (check reports it).
		if b.Err != nil && b.Err.Code == selfcheck.CodeUnclosed {
			continue
		}
		if b.Start <= at && (at < b.End || at == b.End && b.End == len(text) && !strings.HasSuffix(text, "\n")) {
			return b, true
		}
	}
	return selfcheck.Block{}, false
}

// SelfCheckLabel is the command's label where the cursor is:
// "Edit self-check…" inside a question, "Self-check…" elsewhere.
func (v *CourseView) SelfCheckLabel() string {
	if _, in := v.selfCheckAtCursor(); in {
		return lang.L("Edit self-check…")
	}
	return lang.L("Self-check…")
}

// noteSelfCheckCursor relabels the command when the cursor enters or
// leaves a question.
func (v *CourseView) noteSelfCheckCursor() {
	_, in := v.selfCheckAtCursor()
	if in == v.inSelfCheck {
		return
	}
	v.inSelfCheck = in
	v.Page.SelfCheckBtn.SetText(v.SelfCheckLabel())
	v.Page.bar.box.Refresh()
	if v.OnInSelfCheck != nil {
		v.OnInSelfCheck(in)
	}
}

// SelfCheck runs the command: it builds the form for where the cursor
// is and hands it to OnSelfCheckForm, which shows it.
func (v *CourseView) SelfCheck() {
	f, err := v.NewSelfCheckForm()
	if err != nil {
		v.fail(err)
		return
	}
	if v.OnSelfCheckForm != nil {
		v.OnSelfCheckForm(f)
	}
}

// NewSelfCheckForm is the form SelfCheck shows: empty, whose OK inserts
// a question at the cursor, or filled with the question the cursor is
// in, whose OK replaces it. A question whose markdown has a syntax error
// opens with what could be read of it and the problem named.
func (v *CourseView) NewSelfCheckForm() (*SelfCheckForm, error) {
	if v.Page.page == nil {
		return nil, noPageOpen()
	}
	b, in := v.selfCheckAtCursor()
	if !in {
		f := newSelfCheckForm(nil, v.words, v.insertSelfCheck, v.fail)
		// Selected text is the question to ask: OK puts the question in
		// its place.
		if sel := strings.TrimSpace(v.Page.Text.SelectedText()); sel != "" {
			f.Prompt.SetText(sel)
		}
		return f, nil
	}
	old := v.Page.Text.Text()[b.Start:b.End]
	q := b.Question
	f := newSelfCheckForm(&q, v.words, func(q selfcheck.Question) error { return v.replaceSelfCheck(b.Start, old, q) }, v.fail)
	if b.Err != nil {
		msg := selfCheckProblem(v.words, b.Err.Code, b.Err.Args, b.Err.Problem)
		line := b.Err.Line
		f.ReadError.SetText(lang.L("Line {{.Line}}: {{.Problem}}. The form shows what could be read; OK writes the question whole in its place.",
			map[string]any{"Line": line, "Problem": strings.TrimSuffix(msg, ".")}))
		f.ReadError.Show()
	}
	return f, nil
}

// insertSelfCheck writes a new question at the cursor, as a block of its
// own with blank lines around it.
func (v *CourseView) insertSelfCheck(q selfcheck.Question) error {
	v.insertAtCursor(strings.TrimSuffix(selfcheck.Format(q), "\n"), true)
	return nil
}

// replaceSelfCheck writes q in place of the question that was old at
// start. The form is modal, so the text has not changed under it; should
// it have, nothing is replaced and the author is told.
func (v *CourseView) replaceSelfCheck(start int, old string, q selfcheck.Question) error {
	md := selfcheck.Format(q)
	if !strings.HasSuffix(old, "\n") { // the question ended the page
		md = strings.TrimSuffix(md, "\n")
	}
	if old == md {
		return nil
	}
	if !v.Page.Text.Replace(start, old, md) {
		return Words(lang.L("The page changed while the form was open: the question was not replaced. Open the form again."))
	}
	v.Page.Text.Select(start, start)
	return nil
}

// SelfCheckKey, with Ctrl (Cmd) and Shift, runs the command: K for
// checK, free beside Ctrl+K (link) and the app's other shortcuts.
const SelfCheckKey = fyne.KeyK
