package editor

import (
	"regexp"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/editor/textview"
)

// matches finds every occurrence of query in text as byte ranges.
func matches(text, query string, matchCase bool) [][]int {
	if query == "" {
		return nil
	}
	expr := regexp.QuoteMeta(query)
	if !matchCase {
		expr = "(?i)" + expr
	}
	return regexp.MustCompile(expr).FindAllStringIndex(text, -1)
}

// nextMatch picks the match after the cursor (or before it, going back),
// wrapping around the end of the page.
func nextMatch(ms [][]int, cursor int, back bool) ([]int, bool) {
	if len(ms) == 0 {
		return nil, false
	}
	if back {
		for i := len(ms) - 1; i >= 0; i-- {
			if ms[i][0] < cursor {
				return ms[i], true
			}
		}
		return ms[len(ms)-1], true
	}
	for _, m := range ms {
		if m[0] >= cursor {
			return m, true
		}
	}
	return ms[0], true
}

// FindBar finds and replaces text in the page's text view. It searches
// the whole page, and each replacement is one undo step.
type FindBar struct {
	widget.BaseWidget
	Query, With *widget.Entry
	MatchCase   *widget.Check

	ed         *textview.View
	status     *widget.Label
	replaceRow *fyne.Container
	box        *fyne.Container
}

func newFindBar(ed *textview.View) *FindBar {
	f := &FindBar{ed: ed, Query: widget.NewEntry(), With: widget.NewEntry(), status: widget.NewLabel("")}
	f.Query.SetPlaceHolder(lang.L("Find"))
	f.With.SetPlaceHolder(lang.L("Replace with"))
	f.Query.OnSubmitted = func(string) { f.Next() }
	f.Query.OnChanged = func(string) { f.count() }
	f.With.OnSubmitted = func(string) { f.ReplaceOne() }
	f.MatchCase = widget.NewCheck(lang.L("Match case"), func(bool) { f.count() })
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), f.Next)
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), f.Prev)
	closeB := widget.NewButtonWithIcon("", theme.CancelIcon(), f.Hide)
	findRow := container.NewBorder(nil, nil, nil, container.NewHBox(prev, next, f.MatchCase, f.status, closeB), f.Query)
	f.replaceRow = container.NewBorder(nil, nil, nil, container.NewHBox(
		widget.NewButton(lang.L("Replace"), f.ReplaceOne), widget.NewButton(lang.L("Replace all"), func() { f.ReplaceAll() })), f.With)
	f.box = container.NewVBox(findRow, f.replaceRow)
	f.ExtendBaseWidget(f)
	f.BaseWidget.Hide()
	return f
}

func (f *FindBar) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(f.box) }

// Open shows the bar, with the replace row when replace is set, starting
// from the selected text, and focuses the search field.
func (f *FindBar) Open(replace bool) {
	start, end := f.ed.Selection()
	if end > start {
		f.Query.SetText(f.ed.Text()[start:end])
	}
	if replace {
		f.replaceRow.Show()
	} else {
		f.replaceRow.Hide()
	}
	f.Show()
	f.count()
	if c := fyne.CurrentApp().Driver().CanvasForObject(f); c != nil {
		c.Focus(f.Query)
	}
}

func (f *FindBar) count() {
	n := len(matches(f.ed.Text(), f.Query.Text, f.MatchCase.Checked))
	switch {
	case f.Query.Text == "":
		f.status.SetText("")
	case n == 1:
		f.status.SetText(lang.N("{{.Count}} matches", 1, map[string]any{"Count": 1}))
	default:
		f.status.SetText(lang.N("{{.Count}} matches", n, map[string]any{"Count": n}))
	}
}

// Next selects the next match after the cursor; it reports whether there
// was one.
func (f *FindBar) Next() { f.find(false) }

// Prev selects the match before the cursor.
func (f *FindBar) Prev() { f.find(true) }

func (f *FindBar) find(back bool) bool {
	start, end := f.ed.Selection()
	from := end
	if back {
		from = start
	}
	m, ok := nextMatch(matches(f.ed.Text(), f.Query.Text, f.MatchCase.Checked), from, back)
	if ok {
		f.ed.Select(m[0], m[1])
	}
	return ok
}

// ReplaceOne replaces the selected match and selects the next one.
func (f *FindBar) ReplaceOne() {
	start, end := f.ed.Selection()
	text := f.ed.Text()
	for _, m := range matches(text, f.Query.Text, f.MatchCase.Checked) {
		if m[0] == start && m[1] == end {
			f.ed.Replace(start, text[start:end], f.With.Text)
			f.ed.Select(start+len(f.With.Text), start+len(f.With.Text))
			break
		}
	}
	f.find(false)
	f.count()
}

// ReplaceAll replaces every match as one undo step and returns how many.
func (f *FindBar) ReplaceAll() int {
	text := f.ed.Text()
	ms := matches(text, f.Query.Text, f.MatchCase.Checked)
	if len(ms) == 0 {
		return 0
	}
	out := make([]byte, 0, len(text))
	last := 0
	for _, m := range ms {
		out = append(out, text[last:m[0]]...)
		out = append(out, f.With.Text...)
		last = m[1]
	}
	out = append(out, text[last:]...)
	c := diffChange(0, text, string(out))
	f.ed.Replace(c.at, c.old, c.new)
	f.count()
	return len(ms)
}
