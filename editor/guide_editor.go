package editor

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
)

// GuideEditor edits the facilitator guide: the list of meetings and, for
// the chosen one, its timed agenda as rows (activity, minutes, linked
// page) with the running total against the meeting's length. Saving is
// one undoable course.SetGuideAgenda; adding a meeting is course.AddGuide
// and drafting a whole guide course.WriteDraftGuide, after a preview of
// what it will create.
type GuideEditor struct {
	Meetings *widget.List
	Rows     []*AgendaRow
	// Total is the running total, with a warning when it does not add
	// up to the meeting's length.
	Total  *widget.Label
	Status *widget.Label

	AddRowBtn, SaveBtn, AddMeetingBtn *widget.Button
	// RemoveMeetingBtn moves the meeting shown to the course's trash
	// (undoable, like removing a page).
	RemoveMeetingBtn *widget.Button
	// Preparation, Goals and Tips edit the meeting's three markdown
	// sections.
	Preparation, Goals, Tips *widget.Entry
	// PrintBtn opens the guide, print-ready, through OnPrint.
	PrintBtn *widget.Button
	// OnPrint opens the guide in the browser (the app's preview server).
	OnPrint func()
	// DraftBtn shows DraftPreview; ConfirmDraftBtn then writes the guide.
	DraftBtn, ConfirmDraftBtn *widget.Button
	DraftPreview              *widget.Label

	Content fyne.CanvasObject

	// SectionLabels name the three sections above their fields.
	SectionLabels []*widget.Label

	v       *CourseView
	meeting int // the meeting shown, 0 for none
	rowBox  *fyne.Container
	body    *fyne.Container // the rows and the sections, in the scroller
	heading *widget.Label
	dirty   bool    // the rows differ from the saved agenda
	removeW float32 // the width of a row's delete button
	pageW   float32 // the width the longest page choice needs
}

// AgendaRow is one timed step in the editor.
type AgendaRow struct {
	Activity, Minutes *widget.Entry
	Page              *widget.Select
	Remove            *widget.Button
	box               *fyne.Container
}

// noPage is the page choice for "no linked page".
func noPage() string { return lang.L("(no page)") }

// NewGuideEditor builds the guide editor of the view's course, showing
// its first meeting.
func NewGuideEditor(v *CourseView) *GuideEditor {
	g := &GuideEditor{v: v, Total: widget.NewLabel(""), Status: widget.NewLabel(""), heading: widget.NewLabel("")}
	g.Total.Wrapping = fyne.TextWrapWord
	g.Status.Wrapping = fyne.TextWrapWord
	g.heading.TextStyle = fyne.TextStyle{Bold: true}
	g.heading.Wrapping = fyne.TextWrapWord
	g.DraftPreview = widget.NewLabel("")
	g.DraftPreview.Wrapping = fyne.TextWrapWord
	g.Meetings = widget.NewList(func() int { return len(v.c.Guides) },
		func() fyne.CanvasObject { return widget.NewLabel("Meeting 10: a long meeting title") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(meetingListName(v.c.Guides[i]))
		})
	g.Meetings.OnSelected = func(i widget.ListItemID) {
		if i < len(v.c.Guides) && v.c.Guides[i].Meeting != g.meeting {
			g.ShowMeeting(v.c.Guides[i].Meeting)
		}
	}
	g.rowBox = container.NewVBox()
	section := func(placeholder string) *widget.Entry {
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(4)
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) { g.dirty = true }
		return e
	}
	g.Preparation = section(lang.L("- [ ] Read the pages of this meeting"))
	g.Goals = section(lang.L("By the end of the meeting, learners can…"))
	g.Tips = section(lang.L("- What to watch for, and what to do if time runs short"))
	g.PrintBtn = widget.NewButtonWithIcon(lang.L("Print guide"), theme.DocumentPrintIcon(), func() {
		// The browser shows the files: the meeting shown is saved first.
		if g.guide() != nil {
			if err := g.Save(); err != nil {
				g.report(err)
				return
			}
		}
		if g.OnPrint != nil {
			g.OnPrint()
		}
	})
	g.AddRowBtn = widget.NewButtonWithIcon(lang.L("Add activity"), theme.ContentAddIcon(), func() { g.AddRow(course.AgendaItem{}) })
	g.SaveBtn = widget.NewButtonWithIcon(lang.L("Save agenda"), theme.DocumentSaveIcon(), func() { g.report(g.Save()) })
	g.SaveBtn.Importance = widget.HighImportance
	g.AddMeetingBtn = widget.NewButtonWithIcon(lang.L("Add meeting"), theme.ContentAddIcon(), func() { g.report(g.AddMeeting()) })
	g.RemoveMeetingBtn = widget.NewButtonWithIcon(lang.L("Remove meeting"), theme.DeleteIcon(), func() { g.report(g.RemoveMeeting()) })
	g.DraftBtn = widget.NewButtonWithIcon(lang.L("Draft a guide from the course…"), theme.DocumentCreateIcon(), g.ShowDraft)
	g.ConfirmDraftBtn = widget.NewButton(lang.L("Create these meetings"), func() { g.report(g.WriteDraft()) })
	g.ConfirmDraftBtn.Importance = widget.HighImportance
	g.ConfirmDraftBtn.Hide()

	g.removeW = widget.NewButtonWithIcon("", theme.DeleteIcon(), nil).MinSize().Width
	g.pageW = SelectWidth(g.pageRefs())
	header := container.New(&agendaColumns{removeW: g.removeW, pageW: &g.pageW}, widget.NewLabel(lang.L("Activity")), widget.NewLabel(lang.L("Minutes")), widget.NewLabel(lang.L("Page")), widget.NewLabel(""))
	// The sections read as the headings they are in the page, in the
	// text colour: a form's labels would follow the fields' enabled
	// state, which they do not own.
	notes := container.NewVBox()
	for _, sec := range []struct {
		name string
		e    *widget.Entry
	}{{lang.L("Preparation"), g.Preparation}, {lang.L("Learner goals"), g.Goals}, {lang.L("Facilitator tips"), g.Tips}} {
		l := widget.NewLabelWithStyle(sec.name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		g.SectionLabels = append(g.SectionLabels, l)
		notes.Add(l)
		notes.Add(sec.e)
	}
	g.body = container.NewVBox(g.rowBox, widget.NewSeparator(), notes)
	agenda := container.NewBorder(container.NewVBox(g.heading, header), container.NewVBox(g.Total, newFlowRow(g.AddRowBtn, g.SaveBtn, g.PrintBtn), g.Status), nil, nil,
		container.NewVScroll(g.body))
	side := container.NewBorder(nil, container.NewVBox(newFlowRow(g.AddMeetingBtn, g.RemoveMeetingBtn), g.DraftBtn, g.DraftPreview, g.ConfirmDraftBtn), nil, nil, g.Meetings)
	split := container.NewHSplit(side, agenda)
	split.Offset = 0.3
	g.Content = split
	if len(v.c.Guides) > 0 {
		g.ShowMeeting(v.c.Guides[0].Meeting)
	} else {
		g.ShowMeeting(0)
	}
	return g
}

// guide is the meeting shown, or nil.
func (g *GuideEditor) guide() *course.Guide {
	for _, gd := range g.v.c.Guides {
		if gd.Meeting == g.meeting {
			return gd
		}
	}
	return nil
}

// ShowMeeting shows meeting n's agenda, first saving the rows of the
// meeting it leaves when they changed (and are valid).
func (g *GuideEditor) ShowMeeting(n int) {
	if g.dirty && g.guide() != nil {
		if err := g.Save(); err != nil {
			g.report(err)
			return
		}
	}
	g.meeting = n
	g.Rows = nil
	g.rowBox.RemoveAll()
	gd := g.guide()
	if gd == nil {
		g.heading.SetText(lang.L("No facilitator guide yet: add a meeting, or draft a guide from the course."))
		g.AddRowBtn.Disable()
		g.SaveBtn.Disable()
		g.RemoveMeetingBtn.Disable()
		g.Total.SetText("")
		for _, e := range []*widget.Entry{g.Preparation, g.Goals, g.Tips} {
			e.SetText("")
			e.Disable()
		}
		g.dirty = false
		return
	}
	g.heading.SetText(meetingHeading(gd))
	g.AddRowBtn.Enable()
	g.SaveBtn.Enable()
	g.RemoveMeetingBtn.Enable()
	for _, it := range gd.Agenda {
		g.AddRow(it)
	}
	body := gd.Body()
	for _, s := range []struct {
		e       *widget.Entry
		heading string
	}{{g.Preparation, sectionPreparation}, {g.Goals, sectionGoals}, {g.Tips, sectionTips}} {
		s.e.Enable()
		s.e.SetText(guideSection(body, s.heading))
	}
	for i, x := range g.v.c.Guides {
		if x == gd {
			g.Meetings.Select(i)
		}
	}
	g.dirty = false
	g.updateTotal()
	// The rows were replaced: the scroller's content lays out again, or
	// new rows would lie over the sections below them.
	g.body.Refresh()
}

// pageRefs are the pages an agenda step can link to, as
// "<module>/<page>".
func (g *GuideEditor) pageRefs() []string {
	refs := []string{noPage()}
	for _, m := range g.v.c.Modules {
		for _, p := range m.Pages {
			refs = append(refs, m.Slug+"/"+p.Slug)
		}
	}
	return refs
}

// AddRow adds a step to the agenda shown.
func (g *GuideEditor) AddRow(it course.AgendaItem) *AgendaRow {
	r := &AgendaRow{Activity: widget.NewEntry(), Minutes: widget.NewEntry()}
	r.Activity.SetPlaceHolder(lang.L("Check-in"))
	r.Activity.SetText(it.Activity)
	r.Activity.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return Words(lang.L("type what the group does, like \"Check-in\""))
		}
		return nil
	}
	r.Minutes.SetPlaceHolder("15")
	if it.Minutes > 0 {
		r.Minutes.SetText(strconv.Itoa(it.Minutes))
	}
	r.Minutes.Validator = func(s string) error {
		_, err := minutesOf(s)
		return err
	}
	refs := g.pageRefs()
	if it.Page != "" && !contains(refs, it.Page) {
		refs = append(refs, it.Page) // keep a link Check will point out
	}
	r.Page = widget.NewSelect(refs, func(string) { g.dirty = true })
	if it.Page != "" {
		r.Page.SetSelected(it.Page)
	} else {
		r.Page.SetSelected(noPage())
	}
	r.Activity.OnChanged = func(string) { g.dirty = true }
	r.Minutes.OnChanged = func(string) { g.dirty = true; g.updateTotal() }
	r.Remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { g.RemoveRow(r) })
	g.pageW = max(g.pageW, SelectWidth(refs))
	r.box = container.New(&agendaColumns{removeW: g.removeW, pageW: &g.pageW}, r.Activity, r.Minutes, r.Page, r.Remove)
	g.Rows = append(g.Rows, r)
	g.rowBox.Add(r.box)
	if g.body != nil {
		g.body.Refresh()
	}
	g.dirty = true
	g.updateTotal()
	return r
}

// RemoveRow takes a step out of the agenda shown.
func (g *GuideEditor) RemoveRow(r *AgendaRow) {
	for i, x := range g.Rows {
		if x == r {
			g.Rows = append(g.Rows[:i], g.Rows[i+1:]...)
			g.rowBox.Remove(r.box)
			g.body.Refresh()
			g.dirty = true
			g.updateTotal()
			return
		}
	}
}

// minutesOf reads a minutes entry: empty is 0 while typing.
func minutesOf(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, Words(lang.L("minutes are a whole number, like 15"))
	}
	return n, nil
}

// meetingLength is the planned length of the meeting shown.
func (g *GuideEditor) meetingLength() int {
	if gd := g.guide(); gd != nil && gd.Minutes > 0 {
		return gd.Minutes
	}
	if m := g.v.c.Meta().MeetingMinutes; m > 0 {
		return m
	}
	return course.DefaultMeetingMinutes
}

// updateTotal adds up the rows against the meeting's length.
func (g *GuideEditor) updateTotal() {
	total := 0
	for _, r := range g.Rows {
		n, _ := minutesOf(r.Minutes.Text)
		total += n
	}
	g.Total.SetText(AgendaTotalMessage(total, g.meetingLength()))
}

// AgendaTotalMessage describes an agenda's total against the meeting's
// length, warning when they differ.
func AgendaTotalMessage(total, length int) string {
	data := map[string]any{"Total": total, "Length": length, "Diff": max(length-total, total-length)}
	switch {
	case total < length:
		return lang.L("Total: {{.Total}} of {{.Length}} minutes — warning: {{.Diff}} minutes unplanned", data)
	case total > length:
		return lang.L("Total: {{.Total}} of {{.Length}} minutes — warning: {{.Diff}} minutes too long for the meeting", data)
	}
	return lang.L("Total: {{.Total}} of {{.Length}} minutes — adds up.", data)
}

// Agenda reads the rows; a row that is not valid is an error naming it.
func (g *GuideEditor) Agenda() ([]course.AgendaItem, error) {
	items := []course.AgendaItem{}
	for i, r := range g.Rows {
		if err := r.Activity.Validate(); err != nil {
			return nil, Words(lang.L("activity {{.N}}", map[string]any{"N": i + 1}) + ": " + err.Error())
		}
		n, err := minutesOf(r.Minutes.Text)
		if err != nil {
			return nil, Words(fmt.Sprintf("%s (%s): %s", lang.L("activity {{.N}}", map[string]any{"N": i + 1}), r.Activity.Text, err))
		}
		page := r.Page.Selected
		if page == noPage() {
			page = ""
		}
		items = append(items, course.AgendaItem{Activity: strings.TrimSpace(r.Activity.Text), Minutes: n, Page: page})
	}
	return items, nil
}

// Save writes the agenda shown with SetGuideAgenda.
func (g *GuideEditor) Save() error {
	gd := g.guide()
	if gd == nil {
		return Words(lang.L("no meeting is shown: add a meeting first"))
	}
	items, err := g.Agenda()
	if err != nil {
		return err
	}
	// The sections are the page's text, which Save writes with the
	// agenda edit; the agenda is the undoable step.
	body := gd.Body()
	l := g.v.words.Language()
	body = setGuideSection(l, body, sectionPreparation, g.Preparation.Text)
	body = setGuideSection(l, body, sectionGoals, g.Goals.Text)
	body = setGuideSection(l, body, sectionTips, g.Tips.Text)
	if body != gd.Body() {
		gd.SetBody(body)
	}
	if err := g.v.Apply(course.SetGuideAgenda{Meeting: gd.Meeting, Agenda: items}); err != nil {
		return err
	}
	g.dirty = false
	g.Status.SetText(lang.L("Saved the agenda of meeting {{.N}}.", map[string]any{"N": gd.Meeting}))
	return nil
}

// AddMeeting appends a meeting to the guide and shows it.
func (g *GuideEditor) AddMeeting() error {
	if err := g.v.Apply(course.AddGuide{Lang: g.v.words.Language()}); err != nil {
		return err
	}
	g.Meetings.Refresh()
	last := g.v.c.Guides[len(g.v.c.Guides)-1]
	g.ShowMeeting(last.Meeting)
	g.Status.SetText(lang.L("Added meeting {{.N}}.", map[string]any{"N": last.Meeting}))
	return nil
}

// RemoveMeeting takes the meeting shown out of the guide (its file goes
// to the trash; Undo brings it back) and shows the first one left.
func (g *GuideEditor) RemoveMeeting() error {
	gd := g.guide()
	if gd == nil {
		return Words(lang.L("no meeting is shown: add a meeting first"))
	}
	n := gd.Meeting
	if err := g.v.Apply(course.RemoveGuide{Meeting: n}); err != nil {
		return err
	}
	g.dirty = false
	g.Meetings.UnselectAll()
	g.Meetings.Refresh()
	next := 0
	if len(g.v.c.Guides) > 0 {
		next = g.v.c.Guides[0].Meeting
	}
	g.meeting = -1 // nothing to save from the removed meeting
	g.ShowMeeting(next)
	g.Status.SetText(lang.L("Removed meeting {{.N}}.", map[string]any{"N": n}))
	return nil
}

// DraftSummary describes what "Draft a guide" would create, drafted in
// the interface language code: each meeting's title and agenda total.
func DraftSummary(c *course.Course, code string) string {
	gs := course.DraftGuideIn(c, code)
	if len(gs) == 0 {
		return lang.L("The course lists no modules to draft meetings from.")
	}
	var b strings.Builder
	b.WriteString(lang.L("This creates {{.N}} meetings in {{.Dir}}/:", map[string]any{"N": len(gs), "Dir": course.GuideDir}) + "\n")
	for _, gd := range gs {
		b.WriteString("• " + lang.L("{{.Title}} — {{.Activities}} activities, {{.Total}} of {{.Length}} minutes",
			map[string]any{"Title": gd.Title(), "Activities": len(gd.Agenda), "Total": gd.AgendaMinutes(), "Length": gd.Minutes}) + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// ShowDraft previews the drafted guide and offers to create it.
func (g *GuideEditor) ShowDraft() {
	if len(g.v.c.Guides) > 0 {
		g.DraftPreview.SetText(lang.L("The course already has a guide of {{.N}} meetings; edit those, or remove them to draft a new one.", map[string]any{"N": len(g.v.c.Guides)}))
		g.ConfirmDraftBtn.Hide()
		return
	}
	g.DraftPreview.SetText(DraftSummary(g.v.c, g.v.words.Language()))
	if len(course.DraftGuideIn(g.v.c, g.v.words.Language())) > 0 {
		g.ConfirmDraftBtn.Show()
	}
}

// WriteDraft adds the drafted guide to the course.
func (g *GuideEditor) WriteDraft() error {
	if err := g.v.Apply(course.WriteDraftGuide{Lang: g.v.words.Language()}); err != nil {
		return err
	}
	g.ConfirmDraftBtn.Hide()
	g.DraftPreview.SetText("")
	g.Meetings.Refresh()
	g.ShowMeeting(g.v.c.Guides[0].Meeting)
	g.Status.SetText(lang.L("Drafted {{.N}} meetings: read them through and adjust the timings.", map[string]any{"N": len(g.v.c.Guides)}))
	return nil
}

func (g *GuideEditor) report(err error) {
	if err != nil {
		g.Status.SetText(lang.L("Not saved: {{.Reason}}", map[string]any{"Reason": UserError(g.v.words, "", err).Error()}))
		g.v.fail(err)
	}
}
