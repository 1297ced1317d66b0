package editor

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/coursewright/coursewright/course"
)

// The three sections every meeting page has, as course writes them
// (course/guide_draft.go), by their English headings; a page drafted in
// another language has them in its words (course.GuideHeadings), which
// the guide editor finds too. It edits the text under each; anything
// else in the page stays as it is.
const (
	sectionPreparation = "## Preparation"
	sectionGoals       = "## Learner goals"
	sectionTips        = "## Facilitator tips"
)

// guideSection returns the markdown under a "## " heading of body, up to
// the next "## " heading, trimmed; "" when the heading is missing.
func guideSection(body, heading string) string {
	lines := strings.Split(body, "\n")
	start := -1
	for i, l := range lines {
		if isSectionHeading(l, heading) {
			start = i + 1
			break
		}
	}
	if start < 0 {
		return ""
	}
	end := sectionEnd(lines, start)
	return strings.TrimSpace(strings.Join(lines[start:end], "\n"))
}

// sectionEnd is the line where the section starting at line start ends:
// the next heading of the same or a higher level, outside code fences.
func sectionEnd(lines []string, start int) int {
	fence := ""
	for i := start; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		switch {
		case fence != "" && strings.HasPrefix(t, fence):
			fence = ""
		case fence != "":
		case strings.HasPrefix(t, "```"), strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		case strings.HasPrefix(t, "## ") || strings.HasPrefix(t, "# ") || t == "##" || t == "#":
			return i
		}
	}
	return len(lines)
}

// isSectionHeading reports whether line is the section heading (its
// English words) in any language guides are drafted in.
func isSectionHeading(line, heading string) bool {
	line = strings.TrimSpace(line)
	for _, h := range course.GuideHeadings(heading) {
		if line == h {
			return true
		}
	}
	return false
}

// localHeading is a section heading in the interface language code, for
// a section the author adds to a page that has none.
func localHeading(code, heading string) string {
	w := course.GuideWordsFor(code)
	switch heading {
	case sectionPreparation:
		return "## " + w.Preparation
	case sectionGoals:
		return "## " + w.Goals
	case sectionTips:
		return "## " + w.Tips
	}
	return heading
}

// setGuideSection replaces the text under a heading of body, adding the
// section at the end, headed in the interface language code, when the
// page has none.
func setGuideSection(code, body, heading, text string) string {
	text = strings.TrimSpace(text)
	lines := strings.Split(body, "\n")
	start := -1
	for i, l := range lines {
		if isSectionHeading(l, heading) {
			start = i + 1
			break
		}
	}
	if start < 0 {
		if text == "" {
			return body
		}
		return strings.TrimRight(body, "\n") + "\n\n" + localHeading(code, heading) + "\n\n" + text + "\n"
	}
	end := sectionEnd(lines, start)
	var out []string
	out = append(out, lines[:start]...)
	out = append(out, "")
	if text != "" {
		out = append(out, strings.Split(text, "\n")...)
		out = append(out, "")
	}
	out = append(out, lines[end:]...)
	res := strings.Join(out, "\n")
	if end == len(lines) {
		res = strings.TrimRight(res, "\n") + "\n"
	}
	return res
}

// meetingNamed matches a meeting title that already names its number
// ("Meeting 2: Privilege", "Encuentro 2: …"), as drafted guides' titles do.
var meetingNamed = regexp.MustCompile(`^\pL+\s+(\d+)\b`)

// titleNamesMeeting reports whether gd's title starts with a word and its
// meeting number.
func titleNamesMeeting(gd *course.Guide) bool {
	m := meetingNamed.FindStringSubmatch(gd.Title())
	return m != nil && m[1] == strconv.Itoa(gd.Meeting)
}

// meetingHeading is the guide editor's heading for a meeting: its title
// when that names the meeting already, else "Meeting N: title".
func meetingHeading(gd *course.Guide) string {
	if titleNamesMeeting(gd) {
		return gd.Title()
	}
	return lang.L("Meeting {{.N}}: {{.Title}}", map[string]any{"N": gd.Meeting, "Title": gd.Title()})
}

// meetingListName is a meeting in the list of meetings: "N. title", or
// the title alone when it names the meeting.
func meetingListName(gd *course.Guide) string {
	if titleNamesMeeting(gd) {
		return gd.Title()
	}
	return fmt.Sprintf("%d. %s", gd.Meeting, gd.Title())
}

// agendaColumns lays out an agenda row and its header: the activity takes
// the room left by the minutes, the page and the delete button, whose
// columns have the same widths in every row. The page column is as wide
// as the longest page choice needs (pageW, shared by the rows), so that
// no choice is cut with an ellipsis; when that leaves the activity less
// than agendaActivityMinW (a narrow window, long page names), the page
// goes on a line of its own under the activity, as wide as the row.
type agendaColumns struct {
	removeW float32
	pageW   *float32
	width   float32 // the width laid out last: the row's height follows it
}

const (
	agendaMinutesW     = 80
	agendaPageMinW     = 160
	agendaPageMaxW     = 280
	agendaActivityMinW = 280
)

// page is the width of the page column on one line.
func (a *agendaColumns) page(total float32) float32 {
	page := min(max(total*0.3, agendaPageMinW), agendaPageMaxW)
	if a.pageW != nil {
		page = max(page, *a.pageW)
	}
	return page
}

// twoLines says whether a row total wide puts its page on a second line.
func (a *agendaColumns) twoLines(total float32) bool {
	return total > 0 && total-agendaMinutesW-a.page(total)-a.removeW-3*theme.Padding() < agendaActivityMinW
}

func (a *agendaColumns) widths(total float32) (activity, minutes, page, remove float32) {
	pad := theme.Padding()
	minutes, remove = agendaMinutesW, a.removeW
	if a.twoLines(total) {
		return max(total-minutes-remove-2*pad, 0), minutes, total - remove - pad, remove
	}
	page = a.page(total)
	activity = max(total-minutes-page-remove-3*pad, 0)
	return activity, minutes, page, remove
}

func (a *agendaColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 4 {
		return
	}
	a.width = size.Width
	pad := theme.Padding()
	ws := [4]float32{}
	ws[0], ws[1], ws[2], ws[3] = a.widths(size.Width)
	if a.twoLines(size.Width) {
		// Activity, minutes and delete on the first line, the page under
		// them.
		h := a.lineHeight(objs[0], objs[1], objs[3])
		x := float32(0)
		for _, i := range []int{0, 1, 3} {
			o := objs[i]
			oh := o.MinSize().Height
			o.Move(fyne.NewPos(x, (h-oh)/2))
			o.Resize(fyne.NewSize(ws[i], oh))
			x += ws[i] + pad
		}
		objs[2].Move(fyne.NewPos(0, h+pad))
		objs[2].Resize(fyne.NewSize(ws[2], objs[2].MinSize().Height))
		return
	}
	x := float32(0)
	for i, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(ws[i], h))
		x += ws[i] + pad
	}
}

func (a *agendaColumns) lineHeight(objs ...fyne.CanvasObject) float32 {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return h
}

// MinSize is as narrow as a row on two lines can be (a row on one line
// that is narrowed goes on two: its minimum must not keep it on one), as
// high as the row is at the width it was laid out at.
func (a *agendaColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	page := float32(agendaPageMinW)
	if a.pageW != nil {
		page = max(page, *a.pageW)
	}
	width := max(120+agendaMinutesW+a.removeW+2*pad, page+a.removeW+pad)
	if len(objs) == 4 && a.twoLines(a.width) {
		// A gap under the page keeps each step's two lines together.
		return fyne.NewSize(width, a.lineHeight(objs[0], objs[1], objs[3])+pad+objs[2].MinSize().Height+2*pad)
	}
	return fyne.NewSize(width, a.lineHeight(objs...))
}

// SelectWidth is the width a Select needs to show the longest of
// options in full: the text, the padding around it and the drop-down
// icon, as Fyne's select lays them out (its MinSize follows its
// placeholder, not its choices).
func SelectWidth(options []string) float32 {
	text := float32(0)
	for _, o := range options {
		text = max(text, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	return text + 3*theme.InnerPadding() - theme.Padding() + theme.IconInlineSize() + 2
}
