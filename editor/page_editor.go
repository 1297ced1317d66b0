package editor

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/editor/textview"
)

// WordsPerMinute is the reading speed the reading time assumes.
const WordsPerMinute = 200

// PageEditor edits one page: its title and web address, its markdown
// with a formatting toolbar and find & replace, its word count and
// reading time, and the problems found in it, each leading to its line.
type PageEditor struct {
	widget.BaseWidget

	Title, Slug *widget.Entry
	Text        *textview.View
	Find        *FindBar
	Toolbar     []*widget.Button // in Format order
	// ImageBtn and VideoBtn insert media (after the Format buttons).
	ImageBtn, VideoBtn *widget.Button
	// SelfCheckBtn inserts a self-check question, or edits the one the
	// cursor is in (its label says which).
	SelfCheckBtn *widget.Button
	Status       *widget.Label
	// bar holds Toolbar, ImageBtn and VideoBtn: those that do not fit
	// the editor's width are in its More menu.
	bar *overflowBar

	v        *CourseView
	page     *course.Page
	bodyLine int // file line where the body starts
	check    []course.Diagnostic
	rendered []course.Diagnostic
	diags    []course.Diagnostic // shown: both, by line
	problems *widget.List
	rows     *fyne.Container // holds problems (problem_rows.go)
	// rowHeights are the heights problems was made with; wrap measures
	// messages for them (problem_rows.go).
	rowHeights []float32
	wrap       *prewrapper
	// lines are diags in words (problemLine), made once per problem:
	// wording one takes a translation lookup and a template, and a 50K
	// page can list 170 (lineCache keeps those of the last list).
	lines     []string
	lineCache map[string]string
	probBox   *fyne.Container
	heading   *widget.Label
	splitWith *container.Split // editor above, problems below
	content   *fyne.Container  // the editor alone, or splitWith
}

func newPageEditor(v *CourseView) *PageEditor {
	e := &PageEditor{v: v, wrap: newPrewrapper(), Title: widget.NewEntry(), Slug: widget.NewEntry(), Text: textview.New(), Status: widget.NewLabel("")}
	e.Find = newFindBar(e.Text)
	e.Title.SetPlaceHolder(lang.L("Page title"))
	e.Slug.SetPlaceHolder(lang.L("web-address"))
	e.Title.OnSubmitted = func(s string) { v.renamePage(e.page, s) }
	e.Slug.OnSubmitted = func(s string) { v.reslugPage(e.page, s) }
	e.Text.OnChanged = func() { v.textChanged() }
	e.Text.OnCursorMoved = func() {
		if v.Preview != nil {
			v.Preview.FollowLine(e.Text.CursorPos().Para + 1)
		}
		v.noteSelfCheckCursor()
	}
	e.Text.OnShortcut = func(s fyne.Shortcut) bool { return e.formatShortcut(s) || v.editorShortcut(s) }

	labels := []string{lang.L("Heading"), lang.L("B"), lang.L("I"), lang.L("Link"), lang.L("• List"), lang.L("1. List"), lang.L("Quote"), lang.L("Tip"), lang.L("Table")}
	for i, l := range labels {
		f := Format(i)
		b := widget.NewButton(l, func() { e.Format(f) })
		b.Importance = widget.LowImportance
		e.Toolbar = append(e.Toolbar, b)
	}
	e.ImageBtn = widget.NewButtonWithIcon(lang.L("Image…"), theme.FileImageIcon(), v.InsertImageDialog)
	e.VideoBtn = widget.NewButtonWithIcon(lang.L("Video…"), theme.MediaVideoIcon(), v.AskInsertVideo)
	e.SelfCheckBtn = widget.NewButtonWithIcon(lang.L("Self-check…"), theme.QuestionIcon(), v.SelfCheck)
	for _, b := range []*widget.Button{e.ImageBtn, e.VideoBtn, e.SelfCheckBtn} {
		b.Importance = widget.LowImportance
	}
	e.bar = newOverflowBar(append(append([]*widget.Button{}, e.Toolbar...), e.ImageBtn, e.VideoBtn, e.SelfCheckBtn))
	open := widget.NewButtonWithIcon(lang.L("Open in browser"), theme.ComputerIcon(), func() { v.OpenInBrowser() })

	e.problems = e.newProblemList()
	e.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.rows = container.New(&problemRows{e: e}, e.problems)
	e.probBox = container.NewBorder(e.heading, nil, nil, nil, e.rows)
	e.probBox.Hide()

	// The header: the title on a line of its own (it takes the width it
	// needs), the address with its button, then the toolbar.
	address := newAddressRow(widget.NewLabel(lang.L("Address")), e.Slug, open)
	top := container.NewVBox(e.Title, address, e.bar.box, e.Find)
	bottom := container.NewVBox(e.Status)
	editor := container.NewBorder(top, bottom, nil, nil, e.Text)
	split := container.NewVSplit(editor, e.probBox)
	split.Offset = 0.8
	e.content = container.NewStack(editor)
	e.splitWith = split
	e.ExtendBaseWidget(e)
	return e
}

func (e *PageEditor) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(e.content) }

// Format applies a toolbar action at the selection, as one undoable step.
func (e *PageEditor) Format(f Format) {
	text := e.Text.Text()
	start, end := e.Text.Selection()
	r := applyFormat(f, text, start, end)
	c := diffChange(0, text, r.text)
	e.Text.Replace(c.at, c.old, c.new)
	e.Text.Select(r.sel, r.end)
}

// formatShortcut handles Ctrl+B, Ctrl+I and Ctrl+K typed in the text.
func (e *PageEditor) formatShortcut(s fyne.Shortcut) bool {
	for _, k := range []struct {
		key fyne.KeyName
		f   Format
	}{{fyne.KeyB, FormatBold}, {fyne.KeyI, FormatItalic}, {fyne.KeyK, FormatLink}} {
		if isCtrl(s, k.key, false) {
			e.Format(k.f)
			return true
		}
	}
	return false
}

// Page is the page being edited, or nil.
func (e *PageEditor) Page() *course.Page { return e.page }

// open shows a page.
func (e *PageEditor) open(c *course.Course, p *course.Page) {
	e.page = p
	e.Title.SetText(p.Title())
	e.Title.SetPlaceHolder(lang.L("Page title"))
	e.Slug.SetText(p.Slug)
	if p.Date != "" {
		e.Slug.Enable()
	} else {
		e.Slug.Disable() // only module pages have an address of their own
	}
	if p == c.Home {
		e.Title.SetPlaceHolder(lang.L("Home"))
	}
	e.bodyLine = bodyLine(p)
	e.Text.SetText(p.Body())
	e.rendered = nil
	e.updateStatus()
	e.v.noteSelfCheckCursor()
}

// bodyLine is the file line where a page's body starts, for turning the
// file lines of diagnostics into lines of the text being edited.
func bodyLine(p *course.Page) int {
	full := strings.ReplaceAll(string(p.Bytes()), "\r\n", "\n")
	full = strings.TrimPrefix(full, "\ufeff")
	body := p.Body()
	if strings.HasSuffix(full, body) {
		return 1 + strings.Count(full[:len(full)-len(body)], "\n")
	}
	return 1
}

// updateStatus shows the word count and reading time.
func (e *PageEditor) updateStatus() {
	words := course.CountWords(e.Text.Text())
	minutes := (words + WordsPerMinute - 1) / WordsPerMinute
	e.Status.SetText(lang.N("{{.Count}} words", words, map[string]any{"Count": words}) + " · " +
		lang.L("about {{.Minutes}} min to read", map[string]any{"Minutes": minutes}))
}

// setCheck sets the problems course.Check found in the page.
func (e *PageEditor) setCheck(all []course.Diagnostic) {
	e.check = nil
	if e.page == nil {
		return
	}
	for _, d := range all {
		if d.File == e.page.Path {
			e.check = append(e.check, d)
		}
	}
	e.showProblems()
}

// setRendered sets the problems the renderer found while previewing.
func (e *PageEditor) setRendered(ds []course.Diagnostic) {
	e.rendered = ds
	e.showProblems()
}

func (e *PageEditor) showProblems() {
	seen := map[string]bool{}
	var out []course.Diagnostic
	for _, d := range append(append([]course.Diagnostic(nil), e.check...), e.rendered...) {
		d.Line = max(1, d.Line-e.bodyLine+1) // lines of the text being edited
		key := fmt.Sprint(d.Line, d.Message)
		if !seen[key] {
			seen[key] = true
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	e.diags = out
	e.wordProblems()
	e.sizeProblems()
	shown := fyne.CanvasObject(e.splitWith)
	if len(out) == 0 {
		shown = e.splitWith.Leading
	} else {
		e.heading.SetText(lang.L("Problems ({{.N}})", map[string]any{"N": len(out)}))
		e.probBox.Show()
	}
	e.showContent(shown)
}

// showContent makes o (the editor alone, or the editor above the problems)
// what the page editor shows. Only the layout changes: e.content.Refresh
// would refresh every widget inside, the editor's text included, which
// held the UI thread 4–14 ms each time a list of problems arrived.
func (e *PageEditor) showContent(o fyne.CanvasObject) {
	if len(e.content.Objects) == 1 && e.content.Objects[0] == o {
		return
	}
	e.content.Objects = []fyne.CanvasObject{o}
	e.content.Layout.Layout(e.content.Objects, e.content.Size())
	if o == e.splitWith {
		// The editor was laid out alone meanwhile: lay the split out
		// again. SetOffset does that without refreshing the split's
		// children, but only when the offset changes.
		off := e.splitWith.Offset
		e.splitWith.Offset = -1
		e.splitWith.SetOffset(off)
	}
	canvas.Refresh(e.content)
}

// Problems are the problems shown beside the page, with lines of the text.
func (e *PageEditor) Problems() []course.Diagnostic { return e.diags }

// GoToProblem puts the cursor at the line of problem i.
func (e *PageEditor) GoToProblem(i int) {
	if i >= 0 && i < len(e.diags) {
		e.Text.GoToLine(e.diags[i].Line)
	}
}

// isCtrl reports a Ctrl (Cmd on macOS) shortcut for key.
func isCtrl(s fyne.Shortcut, key fyne.KeyName, shift bool) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.KeyName != key {
		return false
	}
	want := fyne.KeyModifierShortcutDefault
	if shift {
		want |= fyne.KeyModifierShift
	}
	return cs.Modifier == want
}

func isAlt(s fyne.Shortcut, key fyne.KeyName) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && cs.KeyName == key && cs.Modifier == fyne.KeyModifierAlt
}
