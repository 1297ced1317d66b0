package course

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestPageMinutes(t *testing.T) {
	cases := []struct {
		name string
		body string
		want int
		ok   bool
	}{
		// Page-level lines, as the corpus writes them.
		{"we-are-ai time", "## Introduction to AI\n_Suggested time: 20 min_\n\nText.\n", 20, true},
		{"race timing", "# Activity\n_Suggested timing: 40 minutes_\n", 40, true},
		{"trailing space", "# Activity\n_Suggested timing: 35 minutes_ \n", 35, true},
		{"one hour", "Suggested time: 1 hour\n", 60, true},
		{"bold label", "**Suggested time:** 1.5 hours\n", 90, true},
		{"hour and minutes", "_Suggested time: 1 hour 15 minutes_\n", 75, true},
		{"half an hour", "_Suggested time: half an hour_\n", 30, true},
		{"range counts its upper end", "_Suggested timing: 30–40 minutes_\n", 40, true},
		{"in a blockquote", "> _Suggested time: 10 min_\n", 10, true},
		{"page line wins over sections", "_Suggested time: 20 min_\n\n### Welcome (10 minutes)\n\n### Discussion (10 minutes)\n### Extra (5 min)\n", 20, true},
		// Timed sections, summed when the page has no timing line.
		{"sections", "### Welcome back! (5 minutes)\n\ntext\n\n### Module 1 review (10 minutes)\n", 15, true},
		{"sections min", "### Watch \"Ethics in AI\" (9 min)\n\n### Group Discussion (8 min)\n", 17, true},
		{"one section", "#### Discussion (10 min)\n", 10, true},
		{"nested sections count once", "### Activity (30 min)\n#### Part A (10 min)\n#### Part B (20 min)\n### Wrap up (5 min)\n", 35, true},
		{"about", "## Activity (about 1 hour)\n", 60, true},
		// Not timings.
		{"no timing", "## Comic\n\n<a href=\"x.pdf\">Download PDF (8.4MB)</a>\n", 0, false},
		{"homework list", "### Before the Next Meeting\n\n* 2 min: Watch a video\n* 20 min: Read an article\n", 0, false},
		{"timed list lines", "**5 min:** Watch the video\n\n**20 min:** Small group discussion\n", 0, false},
		{"prose minutes", "Give everyone 1–2 minutes to say hello.\nTake 15 minutes to fill out the matrix.\n", 0, false},
		{"code fence", "```\n### Solo activity (10 min)\n_Suggested time: 5 min_\n```\n", 0, false},
		{"html comment", "<!-- _Suggested time: 10 min_ -->\n", 0, false},
		{"liquid comment", "{% comment %}\n### Old activity (10 min)\n{% endcomment %}\n", 0, false},
		{"timing word without length", "Timing: after the break\n", 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := PageMinutes(tc.body)
			if got != tc.want || ok != tc.ok {
				t.Errorf("PageMinutes(%q) = %d, %v; want %d, %v", tc.body, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// Every page of the learning-circle courses that has a timing line must
// parse to the number on that line.
func TestPageMinutesCorpus(t *testing.T) {
	lineRE := regexp.MustCompile(`(?m)^_Suggested tim(?:e|ing): (\d+) min(?:utes)?_ *$`)
	n := 0
	for _, name := range []string{"we-are-ai", "how-to-talk-about-race"} {
		c := mustLoad(t, filepath.Join(corpusDir(t), name))
		for _, m := range c.Modules {
			for _, p := range m.Pages {
				want := lineRE.FindStringSubmatch(p.Body())
				if want == nil {
					continue
				}
				n++
				got, ok := PageMinutes(p.Body())
				if !ok || want[1] != strconv.Itoa(got) {
					t.Errorf("%s: PageMinutes = %d, %v; the page says %q", p.Path, got, ok, want[0])
				}
			}
		}
	}
	if n < 40 {
		t.Errorf("only %d timed pages found in the corpus", n)
	}
}

func TestDraftGuideWeAreAI(t *testing.T) {
	dir := gitCourse(t, "we-are-ai")
	c := mustLoad(t, dir)
	gs := DraftGuide(c)
	if len(gs) != 5 {
		t.Fatalf("DraftGuide made %d meetings, want 5 (one per listed module; design-notes is hidden)", len(gs))
	}
	if len(c.Guides) != 0 || c.Modified() {
		t.Fatal("DraftGuide changed the course")
	}
	modules := []string{"what-is-ai", "learning-from-data", "who-lives-who-dies-who-decides", "all-about-that-bias", "we-are-ai"}
	for i, g := range gs {
		n := i + 1
		if g.Meeting != n || g.Minutes != 90 || g.Path != "facilitator-guide/meeting-"+strconv.Itoa(n)+".md" {
			t.Errorf("meeting %d: got meeting %d, %d minutes, path %s", n, g.Meeting, g.Minutes, g.Path)
		}
		if !strings.HasPrefix(g.Title(), "Meeting "+strconv.Itoa(n)+": ") {
			t.Errorf("meeting %d: title %q", n, g.Title())
		}
		if g.AgendaMinutes() != 90 {
			t.Errorf("meeting %d: agenda adds up to %d, want 90: %+v", n, g.AgendaMinutes(), g.Agenda)
		}
		m := c.Module(modules[i])
		if len(g.Agenda) != len(m.Pages) {
			t.Errorf("meeting %d: %d agenda items for %d pages", n, len(g.Agenda), len(m.Pages))
		}
		for _, it := range g.Agenda {
			mod, slug, _ := strings.Cut(it.Page, "/")
			if mod != modules[i] || c.Module(mod) == nil || c.Module(mod).Page(slug) == nil {
				t.Errorf("meeting %d: agenda page %q is not a page of module %s", n, it.Page, modules[i])
			}
		}
		// Jekyll renders the guide as a plain page, front matter in the
		// order an author reads it.
		want := "---\nlayout: page\ntitle: \"Meeting " + strconv.Itoa(n) + ": " + m.Title + "\"\nmeeting: " + strconv.Itoa(n) + "\nminutes: 90\nagenda:\n  - activity: "
		if got := string(g.Bytes()); !strings.HasPrefix(got, want) {
			t.Errorf("meeting %d starts\n%s\nwant\n%s", n, got[:min(len(got), len(want))], want)
		}
		body := g.Body()
		p, gl, tp := strings.Index(body, "\n## Preparation\n"), strings.Index(body, "\n## Learner goals\n"), strings.Index(body, "\n## Facilitator tips\n")
		if p < 0 || gl < p || tp < gl {
			t.Errorf("meeting %d: sections missing or out of order:\n%s", n, body)
		}
	}

	// Minutes from the pages' own timing lines ("_Suggested time: 20 min_"),
	// and the comic, which has none, gets what is left of the 90 minutes.
	m1 := gs[0].Agenda
	wantM1 := []AgendaItem{
		{"Check-In and Overview", 20, "what-is-ai/index"},
		{"Introduction to AI", 20, "what-is-ai/introduction-to-ai"},
		{"Cooking Up Algorithms", 30, "what-is-ai/cooking-up-algorithms"},
		{"Wrap Up & Looking Forward", 5, "what-is-ai/wrap-up"},
		{"Comic", 15, "what-is-ai/comic"},
	}
	if len(m1) != len(wantM1) {
		t.Fatalf("meeting 1 agenda %+v", m1)
	}
	for i := range wantM1 {
		if m1[i] != wantM1[i] {
			t.Errorf("meeting 1 item %d = %+v, want %+v", i+1, m1[i], wantM1[i])
		}
	}
	if it := gs[2].Agenda[3]; it.Page != "who-lives-who-dies-who-decides/the-ethics-matrix" || it.Minutes != 35 {
		t.Errorf("meeting 3 item 4 = %+v, want the ethics matrix, 35 minutes", it)
	}
	if it := gs[3].Agenda[4]; it.Page != "all-about-that-bias/comic" || it.Minutes != 20 {
		t.Errorf("meeting 4 comic = %+v, want 20 minutes (90 - 5 - 30 - 30 - 5)", it)
	}

	// Facilitator tips, with the page they come from.
	b1 := gs[0].Body()
	tips := b1[strings.Index(b1, "## Facilitator tips"):]
	for _, want := range []string{
		"- Use the Talking Stick discussion technique to allow the group to run itself",
		"who’s had a turn. (from [Introduction to AI]({{ site.baseurl }}/modules/what-is-ai/introduction-to-ai/))",
		"- For groups larger than 6, consider using breakout sessions to create richer opportunities for participation. (from [Cooking Up Algorithms]",
	} {
		if !strings.Contains(tips, want) {
			t.Errorf("meeting 1 tips lack %q:\n%s", want, tips)
		}
	}
	if got := strings.Count(tips, "\n- "); got != 6 {
		t.Errorf("meeting 1 has %d tips, want the 6 of its pages", got)
	}
	if !strings.Contains(gs[1].Body(), "You can also use an [icebreaker](https://handbook.p2pu.org/methodology/learning-circle-structure#check-in)") {
		t.Error("meeting 2 lacks the icebreaker tip")
	}

	// Preparation drafted from the pages.
	for _, want := range []string{
		"- [ ] Read through [Cooking Up Algorithms]({{ site.baseurl }}/modules/what-is-ai/cooking-up-algorithms/) (30 minutes in the agenda).",
		"- [ ] Test the video on [Introduction to AI]",
		"<https://www.youtube.com/embed/aITHjoFQyoI>",
		"- [ ] Get [Download PDF (8.4MB)](http://bit.ly/we-are-aicomicsvol1) from [Comic]",
	} {
		if !strings.Contains(b1, want) {
			t.Errorf("meeting 1 preparation lacks %q:\n%s", want, b1)
		}
	}

	// Learner goals: the course sets no outcomes, so the section is left
	// for the facilitator to write (a page's first paragraph is not a
	// goal; issue 16).
	if !strings.Contains(gs[1].Body(), "## Learner goals\n\n## Facilitator tips\n") {
		t.Errorf("meeting 2 goals:\n%s", gs[1].Body())
	}
}

func TestDraftGuideSettings(t *testing.T) {
	c := mustLoad(t, copyTree(t, filepath.Join(corpusDir(t), "we-are-ai")))
	for _, e := range []Edit{
		SetMeta{Key: "meeting_minutes", Value: "120"},
		SetMeta{Key: "outcomes", Value: "Recognize AI in everyday life; Ask who an AI system serves"},
	} {
		if _, err := c.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	gs := DraftGuide(c)
	g := gs[0]
	if g.Minutes != 120 || g.AgendaMinutes() != 120 {
		t.Errorf("meeting 1: %d minutes, agenda %d; want 120", g.Minutes, g.AgendaMinutes())
	}
	if last := g.Agenda[len(g.Agenda)-1]; last.Minutes != 45 {
		t.Errorf("the untimed comic gets %d minutes, want 120-75 = 45", last.Minutes)
	}
	want := "## Learner goals\n\nThis meeting works towards the course's learning outcomes:\n\n- Recognize AI in everyday life\n- Ask who an AI system serves\n"
	if !strings.Contains(g.Body(), want) {
		t.Errorf("goals from outcomes missing:\n%s", g.Body())
	}
}

func TestDraftAgendaEvenShare(t *testing.T) {
	m := &Module{Slug: "m"}
	mk := func(slug, body string) *Page {
		p := newPage(modulePostPath("m", "2000-01-01", slug), strings.ToUpper(slug), body)
		return p
	}
	pages := []*Page{mk("a", "_Suggested time: 20 min_\n"), mk("b", "no timing\n"), mk("c", "nothing\n"), mk("d", "none\n")}
	got := draftAgenda(m, pages, 90)
	want := []int{20, 24, 23, 23} // 70 left, shared evenly, odd minutes first
	for i := range want {
		if got[i].Minutes != want[i] {
			t.Errorf("item %d: %d minutes, want %d (%+v)", i, got[i].Minutes, want[i], got)
		}
	}
	over := draftAgenda(m, []*Page{mk("a", "_Suggested time: 100 min_\n"), mk("b", "x\n")}, 90)
	if over[1].Minutes != 0 {
		t.Errorf("nothing left of the meeting, yet the untimed page gets %d minutes", over[1].Minutes)
	}
}

func TestFacilitatorTips(t *testing.T) {
	body := "Intro.\n\n" +
		"> Facilitator tip: Prepare four or five claims before the meeting and print\n" +
		"> them or put them on a slide.\n" +
		">\n" +
		"> Recent local rumors work best;\n" +
		"fact-checking sites help.\n" +
		"\n" +
		"> A quotation, not a tip.\n" +
		"\n" +
		"> **Facilitator tip:** Keep time.\n" +
		"## Next\n" +
		"```\n> Facilitator tip: in code\n```\n"
	got := FacilitatorTips(body)
	want := []string{
		"Prepare four or five claims before the meeting and print\nthem or put them on a slide.\n\nRecent local rumors work best;\nfact-checking sites help.",
		"Keep time.",
	}
	if len(got) != len(want) {
		t.Fatalf("FacilitatorTips = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("tip %d = %q, want %q", i+1, got[i], want[i])
		}
	}
}

// A multi-line tip stays one list item in the guide, and a relative link
// in a tip still leads to the same page from the guide.
func TestDraftGuideMultilineTipAndLinks(t *testing.T) {
	dir := copyTree(t, filepath.Join(corpusDir(t), "we-are-ai"))
	page := filepath.Join(dir, "modules", "what-is-ai", "_posts", "2000-01-04-wrap-up.md")
	raw, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	raw = append(raw, "\n> Facilitator tip: Prepare four or five claims before the meeting and print\n"+
		"> them, or see the [glossary](../../../glossary/#algorithm) first.\n"...)
	if err := os.WriteFile(page, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	c := mustLoad(t, dir)
	b := DraftGuide(c)[0].Body()
	want := "- Prepare four or five claims before the meeting and print\n" +
		"  them, or see the [glossary]({{ site.baseurl }}/glossary/#algorithm) first." +
		" (from [Wrap Up & Looking Forward]({{ site.baseurl }}/modules/what-is-ai/wrap-up/))\n"
	if !strings.Contains(b, want) {
		t.Errorf("multi-line tip not kept in one item with its link rewritten:\n%s", b)
	}
}
