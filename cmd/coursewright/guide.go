package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/coursewright/coursewright/course"
)

const guideDraftDoc = `Draft a facilitator guide from the course: one meeting per listed module,
whose agenda is the module's pages with the minutes their "Suggested time"
lines give, plus a preparation checklist, learner goals and the pages'
facilitator tips. The meetings are written to facilitator-guide/, ready to
edit; existing meetings are not overwritten. The guide's headings and
prompts are written in the course's language (language in _data/course.yml)
when it is English, Spanish, German or French, else in English; --lang
chooses one of those instead.`

// guideJSON is a meeting in guide list --json and guide show --json.
type guideJSON struct {
	Meeting       int                 `json:"meeting"`
	Title         string              `json:"title"`
	Path          string              `json:"path"`
	Minutes       int                 `json:"minutes"`
	AgendaMinutes int                 `json:"agenda_minutes"`
	Agenda        []course.AgendaItem `json:"agenda"`
}

func toGuideJSON(c *course.Course, g *course.Guide) guideJSON {
	agenda := g.Agenda
	if agenda == nil {
		agenda = []course.AgendaItem{}
	}
	return guideJSON{Meeting: g.Meeting, Title: g.Title(), Path: g.Path, Minutes: meetingLength(c, g),
		AgendaMinutes: g.AgendaMinutes(), Agenda: agenda}
}

// meetingLength is how long meeting g is planned to last: its own
// minutes, else the course's meeting length, else the usual 90.
func meetingLength(c *course.Course, g *course.Guide) int {
	if g.Minutes > 0 {
		return g.Minutes
	}
	if m := c.Meta().MeetingMinutes; m > 0 {
		return m
	}
	return course.DefaultMeetingMinutes
}

func (a *app) guideList(cmd command, args []string) error {
	f := a.flags(cmd).withJSON()
	if _, err := f.parse(args); err != nil {
		return err
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	if *f.json {
		out := make([]guideJSON, 0, len(c.Guides))
		for _, g := range c.Guides {
			out = append(out, toGuideJSON(c, g))
		}
		return a.printJSON(out)
	}
	if len(c.Guides) == 0 {
		fmt.Fprintln(a.stdout, "no facilitator guide yet; draft one from the modules with: coursewright guide draft")
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	for _, g := range c.Guides {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", g.Meeting, g.Title(), g.Path, timing(g.AgendaMinutes(), meetingLength(c, g)))
	}
	return tw.Flush()
}

// timing compares an agenda's total with the meeting's length.
func timing(total, length int) string {
	switch {
	case total == length:
		return fmt.Sprintf("%d of %d minutes", total, length)
	case total > length:
		return fmt.Sprintf("%d of %d minutes: %d over", total, length, total-length)
	default:
		return fmt.Sprintf("%d of %d minutes: %d to spare", total, length, length-total)
	}
}

// findGuide is meeting n of the guide.
func findGuide(c *course.Course, n int) (*course.Guide, error) {
	for _, g := range c.Guides {
		if g.Meeting == n {
			return g, nil
		}
	}
	if len(c.Guides) == 0 {
		return nil, fmt.Errorf("the course has no facilitator guide yet; draft one with: coursewright guide draft")
	}
	var ns []string
	for _, g := range c.Guides {
		ns = append(ns, strconv.Itoa(g.Meeting))
	}
	return nil, fmt.Errorf("there is no meeting %d; the meetings are: %s (coursewright guide list shows them)", n, strings.Join(ns, ", "))
}

func (a *app) guideShow(cmd command, args []string) error {
	f := a.flags(cmd).withJSON()
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	n, err := f.position(pos[0])
	if err != nil {
		return err
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	g, err := findGuide(c, n)
	if err != nil {
		return err
	}
	if *f.json {
		return a.printJSON(toGuideJSON(c, g))
	}
	printAgenda(a.stdout, g, meetingLength(c, g))
	return nil
}

// printAgenda writes a meeting's agenda with its total.
func printAgenda(w io.Writer, g *course.Guide, length int) {
	fmt.Fprintf(w, "%s (%s)\n\n", g.Title(), g.Path)
	if len(g.Agenda) == 0 {
		fmt.Fprintln(w, "  no agenda yet")
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, it := range g.Agenda {
		page := ""
		if it.Page != "" {
			page = "page " + it.Page
		}
		fmt.Fprintf(tw, "  %3d min\t%s\t%s\n", it.Minutes, it.Activity, page)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nTotal: %s\n", timing(g.AgendaMinutes(), length))
}

func (a *app) guideAdd(cmd command, args []string) error {
	f := a.flags(cmd)
	title := f.String("title", "", "the meeting's `TITLE` (default: \"Meeting N\")")
	minutes := f.Int("minutes", 0, "the meeting's length in `N` minutes (default: the course's meeting length)")
	if _, err := f.parse(args); err != nil {
		return err
	}
	if *minutes < 0 {
		return f.usageErrorf("--minutes %d: a meeting lasts a positive number of minutes", *minutes)
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	had := map[*course.Guide]bool{}
	for _, g := range c.Guides {
		had[g] = true
	}
	if _, err := a.change(c, course.AddGuide{Title: *title, Minutes: *minutes}); err != nil {
		return err
	}
	for _, g := range c.Guides {
		if !had[g] {
			fmt.Fprintf(a.stdout, "added meeting %d %q (%s), %d minutes\n", g.Meeting, g.Title(), g.Path, meetingLength(c, g))
		}
	}
	return nil
}

// guideLanguages are the languages guide draft writes in (course's
// GuideWordsFor has their words).
var guideLanguages = []string{"en", "es", "de", "fr"}

// guideDraftLanguage is the language to draft the guide in: the one asked
// for, else the course's own language (course.yml's language, "es-MX"
// counting as es) when guides are written in it, else English; from says
// where the choice came from.
func guideDraftLanguage(asked string, c *course.Course) (lang, from string) {
	if asked != "" {
		return asked, "--lang"
	}
	base := strings.ToLower(strings.TrimSpace(c.Meta().Language))
	if i := strings.IndexAny(base, "-_"); i >= 0 {
		base = base[:i]
	}
	if slices.Contains(guideLanguages, base) {
		return base, "the course's language in " + course.DataFile
	}
	return "en", "the default"
}

func (a *app) guideDraft(cmd command, args []string) error {
	f := a.flags(cmd)
	lang := f.String("lang", "", "the `LANGUAGE` to write the guide in: "+strings.Join(guideLanguages, ", ")+
		" (default: the course's language when it is one of those, else en)")
	if _, err := f.parse(args); err != nil {
		return err
	}
	if *lang != "" && !slices.Contains(guideLanguages, *lang) {
		return f.usageErrorf("--lang %s: guides are drafted in %s", *lang, strings.Join(guideLanguages, ", "))
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	l, from := guideDraftLanguage(*lang, c)
	touched, err := a.change(c, course.WriteDraftGuide{Lang: l})
	if err != nil {
		return err
	}
	if len(touched) == 0 {
		fmt.Fprintln(a.stdout, "the facilitator guide is already written; nothing changed")
		return nil
	}
	fmt.Fprintf(a.stdout, "wrote a facilitator guide of %s: %s\n", plural(len(c.Guides), "meeting", "meetings"), strings.Join(touched, ", "))
	fmt.Fprintf(a.stdout, "written in %s (%s; --lang chooses another of %s)\n", l, from, strings.Join(guideLanguages, ", "))
	fmt.Fprintln(a.stdout, "next: coursewright guide show 1")
	return nil
}
