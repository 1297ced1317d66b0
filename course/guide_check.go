package course

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// GuideDiagnostics checks the facilitator guide: that every meeting has
// one number and the numbers run without gaps, that each agenda adds up to
// its meeting's length and names pages that exist, and that the guide has
// as many meetings as course.yml says the course has.
func GuideDiagnostics(c *Course) []Diagnostic {
	var out []Diagnostic
	warn := func(code Code, file string, line int, msg, hint string, args ...string) {
		out = append(out, Diagnostic{File: file, Line: line, Severity: SeverityWarning, Code: code, Args: argMap(args), Message: msg, Hint: hint})
	}

	byNumber := map[int]*Guide{}
	for _, g := range c.Guides {
		root := guideFront(g)
		if root == nil {
			if g.front == nil || len(g.front.src) == 0 {
				warn(CodeGuideNoMeetingNumber, g.Path, 0, "this page in facilitator-guide/ has no meeting number",
					"add front matter with `meeting: N`, or move the page out of facilitator-guide/ if it is not a meeting")
			}
			continue // invalid front matter is reported when the course loads
		}
		mk, mv := mapEntry(root, "meeting")
		switch {
		case mk == nil:
			warn(CodeGuideNoMeetingNumber, g.Path, 0, "this meeting has no meeting number",
				"add `meeting: N` to the front matter, N being its place in the learning circle")
		case g.Meeting <= 0:
			warn(CodeGuideMeetingNumberInvalid, g.Path, guideFrontLine(mk), fmt.Sprintf("meeting number %q is not a number from 1 up", mv.Value),
				"write the meeting's place in the learning circle, e.g. `meeting: 1`", "Value", mv.Value)
		default:
			if first, dup := byNumber[g.Meeting]; dup {
				warn(CodeGuideMeetingTwice, g.Path, guideFrontLine(mk), fmt.Sprintf("meeting %d is also planned in %s", g.Meeting, first.Path),
					"give each meeting its own number, or remove one of the two pages", "Meeting", strconv.Itoa(g.Meeting), "Other", first.Path)
			} else {
				byNumber[g.Meeting] = g
			}
		}
		// A page with no meeting number, agenda or length is not a meeting
		// plan at all: the warning above says so, and one is enough.
		if mk != nil || g.front.Lookup("agenda") != nil || g.front.Lookup("minutes") != nil {
			out = append(out, guideAgendaDiagnostics(c, g, root)...)
		}
	}

	// Gaps: each missing number is reported on the meeting that follows it.
	nums := make([]int, 0, len(byNumber))
	for n := range byNumber {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	prev := 0
	for _, n := range nums {
		if n > prev+1 {
			g := byNumber[n]
			mk, _ := mapEntry(guideFront(g), "meeting")
			missing := fmt.Sprintf("meeting %d is", prev+1)
			if n > prev+2 {
				missing = fmt.Sprintf("meetings %d to %d are", prev+1, n-1)
			}
			warn(CodeGuideMeetingsGap, g.Path, guideFrontLine(mk), fmt.Sprintf("%s missing from the facilitator guide: the meetings jump to %d", missing, n),
				"renumber the meetings so they run 1, 2, 3…, or add the missing ones", "Previous", strconv.Itoa(prev), "Next", strconv.Itoa(n))
		}
		prev = n
	}

	if want := c.Meta().Meetings; want > 0 && len(c.Guides) > 0 && len(c.Guides) != want {
		line := 0
		if c.Data != nil && c.Data.Root() != nil {
			if k, _ := mapEntry(c.Data.Root(), "meetings"); k != nil {
				line = k.Line
			}
		}
		out = append(out, Diagnostic{File: DataFile, Line: line, Severity: SeverityInfo, Code: CodeGuideMeetingCount,
			Args:    argMap([]string{"Meetings", strconv.Itoa(want), "Planned", strconv.Itoa(len(c.Guides))}),
			Message: fmt.Sprintf("the course has %d meetings but the facilitator guide plans %d", want, len(c.Guides)),
			Hint:    "change `meetings` to match the guide, or add or remove meetings in the guide"})
	}
	return out
}

// guideFront is the guide's front matter mapping, or nil when it has none
// or it is not valid YAML.
func guideFront(g *Guide) *yaml.Node {
	if g.front == nil {
		return nil
	}
	return g.front.Root()
}

// guideFrontLine turns a front matter line into a file line: the front matter
// starts on line 2, after the opening ---.
func guideFrontLine(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	return n.Line + 1
}

// guideAgendaDiagnostics checks one meeting's agenda items and its total.
func guideAgendaDiagnostics(c *Course, g *Guide, root *yaml.Node) []Diagnostic {
	var out []Diagnostic
	warn := func(code Code, line int, msg, hint string, args ...string) {
		out = append(out, Diagnostic{File: g.Path, Line: line, Severity: SeverityWarning, Code: code, Args: argMap(args), Message: msg, Hint: hint})
	}
	ak, av := mapEntry(root, "agenda")
	total := 0
	if av != nil && !(av.Kind == yaml.ScalarNode && av.Tag == "!!null") {
		if av.Kind != yaml.SequenceNode {
			warn(CodeGuideAgendaNotList, guideFrontLine(ak), "the agenda is not a list of activities",
				"write it as a list of `- activity: …` items with `minutes:` and, optionally, `page: <module>/<page>`")
			return out
		}
		for i, it := range av.Content {
			var item AgendaItem
			if it.Kind != yaml.MappingNode || it.Decode(&item) != nil {
				warn(CodeGuideAgendaItemInvalid, guideFrontLine(it), fmt.Sprintf("agenda item %d is not an activity with minutes", i+1),
					"write it as `- activity: Check-in` with `minutes: 15` (a whole number) below it", "Item", strconv.Itoa(i+1))
				continue
			}
			total += item.Minutes
			if strings.TrimSpace(item.Activity) == "" {
				warn(CodeGuideAgendaItemNoActivity, guideFrontLine(it), fmt.Sprintf("agenda item %d has no activity", i+1),
					"add `activity:` with what the group does, e.g. `activity: Check-in`", "Item", strconv.Itoa(i+1))
			}
			if item.Page != "" {
				if msg, hint := guideAgendaPageProblem(c, item.Page); msg != "" {
					pk, _ := mapEntry(it, "page")
					warn(CodeGuideAgendaPage, guideFrontLine(pk), msg, hint, "Page", item.Page)
				}
			}
		}
	}

	mk, _ := mapEntry(root, "minutes")
	planned, what := g.Minutes, "the meeting is"
	line := guideFrontLine(mk)
	if mk == nil || g.Minutes <= 0 {
		planned, what = c.plannedMeetingMinutes(), "the course's meetings are"
		if line == 0 {
			line = guideFrontLine(ak)
		}
	}
	if total != planned {
		msg := fmt.Sprintf("the agenda adds up to %d minutes but %s %d minutes", total, what, planned)
		hint := "change the activities' minutes, or the meeting's `minutes`, so they match"
		if av == nil || len(av.Content) == 0 {
			msg = fmt.Sprintf("the agenda is empty but %s %d minutes", what, planned)
			hint = "add the meeting's activities with their minutes"
		}
		warn(CodeGuideAgendaMinutes, line, msg, hint, "Total", strconv.Itoa(total), "Minutes", strconv.Itoa(planned))
	}
	return out
}

// guideAgendaPageProblem explains why an agenda item's page names no course
// page, or returns "" when it does.
func guideAgendaPageProblem(c *Course, ref string) (msg, hint string) {
	module, slug, ok := strings.Cut(ref, "/")
	if !ok || module == "" || slug == "" {
		return fmt.Sprintf("agenda page %q is not written as <module>/<page>", ref),
			"write the module's folder name and the page's name, e.g. `page: " + guideExampleRef(c) + "`"
	}
	m := c.Module(module)
	if m == nil {
		return fmt.Sprintf("agenda page %q: the course has no module %q", ref, module),
			"the module may have been renamed or removed; modules: " + strings.Join(guideModuleSlugs(c), ", ")
	}
	if m.Page(slug) == nil {
		var names []string
		for _, p := range m.Pages {
			names = append(names, p.Slug)
		}
		return fmt.Sprintf("agenda page %q: module %q has no page %q", ref, module, slug),
			"the page may have been renamed or removed; its pages: " + strings.Join(names, ", ")
	}
	return "", ""
}

func guideModuleSlugs(c *Course) []string {
	var out []string
	for _, m := range c.Modules {
		out = append(out, m.Slug)
	}
	return out
}

func guideExampleRef(c *Course) string {
	for _, m := range c.Modules {
		if len(m.Pages) > 0 {
			return m.Slug + "/" + m.Pages[0].Slug
		}
	}
	return "module/page"
}
