package course

import (
	"fmt"
	"strings"
)

// Edits of the facilitator guide. Meetings are pages like any other, so
// removing one moves its file to the trash and undoing a saved addition
// does the same, exactly as for module pages.

// guideIndexPath is the guide's intro page.
const guideIndexPath = GuideDir + "/" + HomeFile

// The guide index lists the meetings between these two comments, which
// Jekyll and the preview do not show. Only the list between them is
// rewritten when meetings are added or removed, so the author can write
// anything around it; an index without them is never touched.
const (
	meetingListStart = "<!-- meetings: Coursewright keeps this list up to date -->"
	meetingListEnd   = "<!-- /meetings -->"
)

// AddGuide appends a meeting to the facilitator guide: the next meeting
// number, an empty agenda and the three sections to fill in.
type AddGuide struct {
	Title   string // "Meeting N" when empty
	Minutes int    // the course's meeting_minutes (or 90) when 0
	// Lang is the language of the words written (the title when empty,
	// the section headings): see GuideWordsFor.
	Lang string
}

func (e AddGuide) String() string {
	if e.Title == "" {
		return "add a meeting to the facilitator guide"
	}
	return fmt.Sprintf("add meeting %q to the facilitator guide", e.Title)
}

func (e AddGuide) Apply(c *Course) (Edit, error) {
	n := 1
	for _, g := range c.Guides {
		n = max(n, g.Meeting+1)
	}
	w := GuideWordsFor(e.Lang)
	title := e.Title
	if title == "" {
		title = fmt.Sprintf(w.Meeting, n)
	}
	if err := ValidateTitle(title); err != nil {
		return nil, err
	}
	minutes := e.Minutes
	if minutes < 0 {
		return nil, fmt.Errorf("a meeting of %d minutes: give its length in minutes, or 0 for the course's usual length", minutes)
	}
	if minutes == 0 {
		minutes = c.plannedMeetingMinutes()
	}
	path := guideMeetingPath(n)
	if err := c.guideFileFree(path); err != nil {
		return nil, err
	}
	prep, goals, tips := guideSections(w)
	body := "\n" + prep + "\n\n" + goals + "\n\n" + tips + "\n"
	g := newGuide(n, title, minutes, nil, body)
	before := append([]*Guide(nil), c.Guides...)
	c.Guides = append(c.Guides, g)
	sortGuides(c.Guides)
	undoIndex := c.refreshGuideIndex()
	return &inverse{desc: e.String(), redo: e, undo: func(c *Course) error {
		undoIndex()
		c.Guides = before
		c.trashAddedPage(g.Page)
		return nil
	}}, nil
}

// guideFileFree refuses a guide path that a page or a file already has
// (a meeting file can exist without being loaded, e.g. when it is not
// UTF-8, and must not be overwritten).
func (c *Course) guideFileFree(path string) error {
	if c.PageByPath(path) != nil || c.willExist(path) {
		return errorOf(ErrExists, "%s already exists; rename or remove it first", path)
	}
	return nil
}

// trashAddedPage undoes the addition of a page: nothing to do before it was
// saved; once saved, its file goes to the trash like any removal. With no
// loaded path and marked dirty, the page counts as new again (Save writes
// it in full) should the addition be redone.
func (c *Course) trashAddedPage(p *Page) {
	if p.loadedPath == "" {
		return
	}
	at := c.pendingLocation(p.loadedPath)
	c.ops = append(c.ops, fileOp{from: at, to: trashPath(at)})
	p.loadedPath, p.dirty = "", true
}

// WriteDraftGuide adds the guide DraftGuide drafts to a course that has
// none, with an intro page (facilitator-guide/index.md) when the course
// has none either.
type WriteDraftGuide struct {
	// Lang is the language the guide is written in (see GuideWordsFor):
	// the app passes its interface language; "" is English.
	Lang string
}

func (e WriteDraftGuide) String() string { return "draft a facilitator guide" }

func (e WriteDraftGuide) Apply(c *Course) (Edit, error) {
	if len(c.Guides) > 0 {
		return nil, errorOf(ErrExists, "the course already has a facilitator guide (%d meetings in %s/); edit those meetings, or remove them first to draft a new guide",
			len(c.Guides), GuideDir)
	}
	gs := DraftGuideIn(c, e.Lang)
	if len(gs) == 0 {
		return nil, errorOf(ErrNotInCourse, "the course lists no modules to draft meetings from; add a module first")
	}
	for _, g := range gs {
		if err := c.guideFileFree(g.Path); err != nil {
			return nil, err
		}
	}
	var index *Page
	if c.guideIndex == nil && !c.willExist(guideIndexPath) {
		index = newGuideIndex(c, gs, GuideWordsFor(e.Lang))
	}
	before := c.Guides
	c.Guides = gs
	if index != nil {
		c.guideIndex = index
	}
	undoIndex := c.refreshGuideIndex()
	return &inverse{desc: e.String(), redo: e, undo: func(c *Course) error {
		undoIndex()
		c.Guides = before
		for _, g := range gs {
			c.trashAddedPage(g.Page)
		}
		if index != nil {
			c.guideIndex = nil
			c.trashAddedPage(index)
		}
		return nil
	}}, nil
}

// newGuideIndex makes the guide's intro page.
func newGuideIndex(c *Course, gs []*Guide, w GuideWords) *Page {
	var b strings.Builder
	b.WriteString("\n")
	course := w.ThisCourse
	if t := strings.TrimSpace(c.Title()); t != "" {
		course = "*" + t + "*"
	}
	b.WriteString(fmt.Sprintf(w.IndexIntro, course) + "\n\n")
	b.WriteString(fmt.Sprintf(w.IndexLength, c.plannedMeetingMinutes()) + "\n\n")
	b.WriteString("## " + w.Meetings + "\n\n")
	b.WriteString(meetingListStart + "\n\n")
	b.WriteString(guideMeetingList(gs, w))
	b.WriteString("\n" + meetingListEnd + "\n")
	return newFrontPage(guideIndexPath, w.IndexTitle, b.String())
}

// guideMeetingList is the markdown list of meetings the index shows.
func guideMeetingList(gs []*Guide, w GuideWords) string {
	var b strings.Builder
	for _, g := range gs {
		title := strings.TrimSpace(g.Title())
		if title == "" {
			title = fmt.Sprintf(w.Meeting, g.Meeting)
		}
		fmt.Fprintf(&b, "- [%s](%s)", draftLinkText(title), draftSiteLink(g.URL()))
		if g.Minutes > 0 {
			fmt.Fprintf(&b, w.ListMinutes, g.Minutes)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// refreshGuideIndex rewrites the meeting list of the guide index, when it
// has one, and returns what undoes that.
func (c *Course) refreshGuideIndex() (undo func()) {
	p := c.guideIndex
	nothing := func() {}
	if p == nil {
		return nothing
	}
	p.holdText()
	start := strings.Index(p.body, meetingListStart)
	if start < 0 {
		return nothing
	}
	from := start + len(meetingListStart)
	end := strings.Index(p.body[from:], meetingListEnd)
	if end < 0 {
		return nothing
	}
	end += from
	list := "\n\n" + guideMeetingList(c.Guides, guideIndexWords(p.body)) + "\n"
	if p.body[from:end] == list {
		return nothing
	}
	old := p.body
	p.SetBody(old[:from] + list + old[end:])
	return func() {
		p.body = old
		p.dirty = true // Save compares bytes; after a save the old text differs from the file
	}
}

// findGuideMeeting returns the guide of meeting n (the first one when two
// pages claim the same number) and its index in c.Guides.
func (c *Course) findGuideMeeting(n int) (*Guide, int, error) {
	for i, g := range c.Guides {
		if g.Meeting == n {
			return g, i, nil
		}
	}
	return nil, -1, errorOf(ErrNotInCourse, "no meeting %d in the facilitator guide", n)
}

// SetGuideAgenda replaces a meeting's agenda.
type SetGuideAgenda struct {
	Meeting int
	Agenda  []AgendaItem
}

func (e SetGuideAgenda) String() string {
	return fmt.Sprintf("change the agenda of meeting %d", e.Meeting)
}

func (e SetGuideAgenda) Apply(c *Course) (Edit, error) {
	g, _, err := c.findGuideMeeting(e.Meeting)
	if err != nil {
		return nil, err
	}
	for i, it := range e.Agenda {
		if err := validateAgendaItem(it); err != nil {
			return nil, fmt.Errorf("agenda item %d: %w", i+1, err)
		}
	}
	if g.front != nil && g.front.root == nil && len(g.front.src) > 0 {
		return nil, fmt.Errorf("%s: the front matter is not valid YAML; fix it first", g.Path)
	}
	hadFront := g.front != nil
	before := snapshot(g.Front())
	oldAgenda := g.Agenda
	items := e.Agenda
	if items == nil {
		items = []AgendaItem{} // `agenda: []` keeps the key for the author to fill in
	}
	if err := g.SetAgenda(items); err != nil {
		before.restore()
		if !hadFront {
			g.front, g.open, g.close = nil, "", ""
		}
		return nil, err
	}
	return &inverse{desc: e.String(), redo: e, undo: func(*Course) error {
		before.restore()
		if !hadFront {
			g.front, g.open, g.close = nil, "", ""
		}
		g.Agenda = oldAgenda
		g.dirty = true
		return nil
	}}, nil
}

// validateAgendaItem checks what the front matter can hold and a
// facilitator can use: a one-line activity and a length.
func validateAgendaItem(it AgendaItem) error {
	switch {
	case strings.TrimSpace(it.Activity) == "":
		return fmt.Errorf("%w: the activity has no name; type what the group does", ErrBadTitle)
	case strings.ContainsAny(it.Activity, "\n\r\u0085\u2028\u2029"):
		return fmt.Errorf("%w: the activity %q has a line break; keep it on one line", ErrBadTitle, it.Activity)
	case it.Minutes < 0:
		return fmt.Errorf("the activity %q has %d minutes; give its length in minutes", it.Activity, it.Minutes)
	case strings.ContainsAny(it.Page, "\n\r"):
		return fmt.Errorf("the page %q of %q has a line break; write it as <module>/<page>", it.Page, it.Activity)
	}
	return nil
}

// RemoveGuide takes a meeting out of the facilitator guide and moves its
// file to the course's trash, from where undo brings it back. The other
// meetings keep their numbers; Check points out the gap.
type RemoveGuide struct{ Meeting int }

func (e RemoveGuide) String() string {
	return fmt.Sprintf("remove meeting %d from the facilitator guide", e.Meeting)
}

func (e RemoveGuide) Apply(c *Course) (Edit, error) {
	g, i, err := c.findGuideMeeting(e.Meeting)
	if err != nil {
		return nil, err
	}
	var op *fileOp
	if g.loadedPath != "" {
		at := c.pendingLocation(g.loadedPath)
		op = &fileOp{from: at, to: trashPath(at)}
		c.ops = append(c.ops, *op)
	}
	before := append([]*Guide(nil), c.Guides...)
	c.Guides = removeAt(c.Guides, i)
	undoIndex := c.refreshGuideIndex()
	return &inverse{desc: e.String(), redo: e, undo: func(c *Course) error {
		undoIndex()
		if op != nil && c.unqueueOrReverse(*op) {
			g.loadedPath = op.from
		}
		c.Guides = before
		return nil
	}}, nil
}
