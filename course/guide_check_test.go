package course

import (
	"sort"
	"strings"
	"testing"
)

// guideMeeting80 is a meeting of we-are-ai whose agenda adds up to 80 of its
// 90 minutes, with one agenda page in the wrong module.
const guideMeeting80 = `---
layout: page
title: "Meeting 1: What is AI?"
meeting: 1
minutes: 90
agenda:
  - activity: Check-in
    minutes: 15
    page: what-is-ai/index
  - activity: Read and watch
    minutes: 30
    page: what-is-ai/how-machines-learn
  - activity: Cooking up algorithms
    minutes: 35
    page: what-is-ai/cooking-up-algorithms
---

## Preparation
`

func guideDiags(t *testing.T, dir string) []Diagnostic {
	t.Helper()
	return GuideDiagnostics(mustLoad(t, dir))
}

func TestGuideDiagnosticsAgenda(t *testing.T) {
	dir := copyTree(t, corpusDir(t)+"/we-are-ai")
	guideWriteFile(t, dir, "facilitator-guide/meeting-1.md", guideMeeting80)
	got := guideDiags(t, dir)
	want := []string{
		`facilitator-guide/meeting-1.md:12:1: warning: agenda page "what-is-ai/how-machines-learn": module "what-is-ai" has no page "how-machines-learn"`,
		"facilitator-guide/meeting-1.md:5:1: warning: the agenda adds up to 80 minutes but the meeting is 90 minutes",
	}
	guideCheckDiags(t, got, want)

	// Fixed: the agenda adds up and names real pages; nothing to say.
	fixed := strings.Replace(guideMeeting80, "what-is-ai/how-machines-learn", "learning-from-data/how-machines-learn", 1)
	fixed = strings.Replace(fixed, "minutes: 35", "minutes: 45", 1)
	guideWriteFile(t, dir, "facilitator-guide/meeting-1.md", fixed)
	if d := guideDiags(t, dir); len(d) != 0 {
		t.Errorf("a guide that adds up has diagnostics: %v", d)
	}

	// The meeting without `minutes` is compared with the course's length.
	noMinutes := strings.Replace(fixed, "minutes: 90\n", "", 1)
	noMinutes = strings.Replace(noMinutes, "minutes: 45", "minutes: 40", 1)
	guideWriteFile(t, dir, "facilitator-guide/meeting-1.md", noMinutes)
	guideCheckDiags(t, guideDiags(t, dir), []string{
		"facilitator-guide/meeting-1.md:5:1: warning: the agenda adds up to 85 minutes but the course's meetings are 90 minutes",
	})

	// Malformed items and references.
	bad := strings.Replace(fixed, "    minutes: 15\n    page: what-is-ai/index\n", "    minutes: fifteen\n", 1)
	bad = strings.Replace(bad, "page: what-is-ai/cooking-up-algorithms", "page: cooking-up-algorithms", 1)
	guideWriteFile(t, dir, "facilitator-guide/meeting-1.md", bad)
	guideCheckDiags(t, guideDiags(t, dir), []string{
		"facilitator-guide/meeting-1.md:7:1: warning: agenda item 1 is not an activity with minutes",
		`facilitator-guide/meeting-1.md:14:1: warning: agenda page "cooking-up-algorithms" is not written as <module>/<page>`,
		"facilitator-guide/meeting-1.md:5:1: warning: the agenda adds up to 75 minutes but the meeting is 90 minutes",
	})
}

func TestGuideDiagnosticsNumbers(t *testing.T) {
	dir := copyTree(t, corpusDir(t)+"/we-are-ai")
	meeting := func(n string) string {
		return "---\nlayout: page\ntitle: Meeting\nmeeting: " + n + "\nminutes: 10\nagenda:\n  - activity: Talk\n    minutes: 10\n---\n"
	}
	guideWriteFile(t, dir, "facilitator-guide/meeting-1.md", meeting("1"))
	guideWriteFile(t, dir, "facilitator-guide/meeting-2.md", meeting("1"))
	guideWriteFile(t, dir, "facilitator-guide/meeting-5.md", meeting("5"))
	guideWriteFile(t, dir, "facilitator-guide/notes.md", "---\nlayout: page\ntitle: Notes\n---\n")
	guideWriteFile(t, dir, "facilitator-guide/meeting-x.md", meeting("first"))
	guideCheckDiags(t, guideDiags(t, dir), []string{
		"facilitator-guide/meeting-2.md:4:1: warning: meeting 1 is also planned in facilitator-guide/meeting-1.md",
		"facilitator-guide/meeting-5.md:4:1: warning: meetings 2 to 4 are missing from the facilitator guide: the meetings jump to 5",
		`facilitator-guide/meeting-x.md:4:1: warning: meeting number "first" is not a number from 1 up`,
		"facilitator-guide/notes.md:1:1: warning: this meeting has no meeting number",
	})
}

func TestGuideDiagnosticsMeetingCount(t *testing.T) {
	dir := gitCourse(t, "we-are-ai")
	c := mustLoad(t, dir)
	guideApply(t, c, SetMeta{Key: "meetings", Value: "6"})
	guideApply(t, c, WriteDraftGuide{})
	mustSave(t, c)
	d := GuideDiagnostics(mustLoad(t, dir))
	if len(d) != 1 || d[0].Severity != SeverityInfo || d[0].File != DataFile || d[0].Line != 4 ||
		d[0].Message != "the course has 6 meetings but the facilitator guide plans 5" {
		t.Errorf("meeting count: %v", d)
	}
	// A course with no guide at all is not told about it.
	c2 := mustLoad(t, copyTree(t, corpusDir(t)+"/we-are-ai"))
	guideApply(t, c2, SetMeta{Key: "meetings", Value: "6"})
	if d := GuideDiagnostics(c2); len(d) != 0 {
		t.Errorf("course without a guide: %v", d)
	}
}

// guideCheckDiags compares diagnostics as file:line:col: severity: message,
// ignoring hints, in any order.
func guideCheckDiags(t *testing.T, got []Diagnostic, want []string) {
	t.Helper()
	var gs []string
	for _, d := range got {
		d.Hint = ""
		gs = append(gs, d.String())
	}
	if strings.Join(guideSorted(gs), "\n") != strings.Join(guideSorted(want), "\n") {
		t.Errorf("diagnostics\n  %s\nwant\n  %s", strings.Join(gs, "\n  "), strings.Join(want, "\n  "))
	}
	for _, d := range got {
		if d.Hint == "" {
			t.Errorf("%s has no hint", d)
		}
	}
}

func guideSorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
