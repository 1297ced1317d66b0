package editor

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/screencheck"
	"github.com/coursewright/coursewright/internal/uitest"
)

// TestGuideEditorAgenda builds a three-meeting guide with a timed agenda
// through the editor and checks the total, its warning and the files.
func TestGuideEditorAgenda(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "course-in-a-box")
	p := &fakePrompt{t: t}
	v, _ := openView(t, dir, p)
	g := NewGuideEditor(v)
	test.NewTempWindow(t, g.Content)

	for range 3 {
		test.Tap(g.AddMeetingBtn)
	}
	if len(v.Course().Guides) != 3 {
		t.Fatalf("%d meetings after adding three", len(v.Course().Guides))
	}
	for n := 1; n <= 3; n++ {
		if !exists(dir, "facilitator-guide/meeting-"+string(rune('0'+n))+".md") {
			t.Fatalf("meeting %d is not on disk", n)
		}
	}
	g.Meetings.Select(0)
	if g.meeting != 1 {
		t.Fatalf("selecting the first meeting shows meeting %d", g.meeting)
	}

	rows := []struct {
		activity, minutes, page string
	}{{"Check-in", "15", ""}, {"Read & watch", "30", "setup"}, {"Activity", "30", ""}}
	refs := g.pageRefs()
	for _, r := range rows {
		test.Tap(g.AddRowBtn)
		row := g.Rows[len(g.Rows)-1]
		test.Type(row.Activity, r.activity)
		test.Type(row.Minutes, r.minutes)
		if r.page != "" {
			ref := ""
			for _, x := range refs {
				if strings.HasPrefix(x, "setup/") {
					ref = x
					break
				}
			}
			if ref == "" {
				t.Fatalf("no setup page among %v", refs)
			}
			row.Page.SetSelected(ref)
		}
	}
	if want := "Total: 75 of 90 minutes — warning: 15 minutes unplanned"; g.Total.Text != want {
		t.Fatalf("total %q, want %q", g.Total.Text, want)
	}
	// A bad minutes value is refused as typed.
	test.Tap(g.AddRowBtn)
	extra := g.Rows[len(g.Rows)-1]
	test.Type(extra.Activity, "Check-out")
	test.Type(extra.Minutes, "x")
	if extra.Minutes.Validate() == nil {
		t.Fatal("minutes \"x\" accepted")
	}
	if err := g.Save(); err == nil {
		t.Fatal("saved an agenda with minutes \"x\"")
	}
	extra.Minutes.SetText("")
	test.Type(extra.Minutes, "25")
	if want := "Total: 100 of 90 minutes — warning: 10 minutes too long for the meeting"; g.Total.Text != want {
		t.Fatalf("total %q, want %q", g.Total.Text, want)
	}
	test.Tap(extra.Remove)
	test.Tap(g.AddRowBtn)
	last := g.Rows[len(g.Rows)-1]
	test.Type(last.Activity, "Reflection")
	test.Type(last.Minutes, "15")
	if want := "Total: 90 of 90 minutes — adds up."; g.Total.Text != want {
		t.Fatalf("total %q, want %q", g.Total.Text, want)
	}
	g.Tips.SetText("")
	test.Type(g.Tips, "- Start on time, even if few have arrived")
	g.Goals.SetText("Learners can name the parts of a course.")
	printed := 0
	g.OnPrint = func() { printed++ }
	test.Tap(g.PrintBtn) // saves first
	if printed != 1 {
		t.Fatal("Print guide did not open the guide")
	}
	if !strings.HasPrefix(g.Status.Text, "Saved") {
		t.Fatalf("status %q, errors %v", g.Status.Text, p.errs)
	}
	got := readFile(t, dir, "facilitator-guide/meeting-1.md")
	for _, want := range []string{"activity: Check-in", "minutes: 15", "activity: Read & watch", "page: setup/", "activity: Reflection"} {
		if !strings.Contains(got, want) {
			t.Errorf("meeting-1.md lacks %q:\n%s", want, got)
		}
	}
	if !strings.Contains(got, "## Facilitator tips\n\n- Start on time, even if few have arrived\n") || !strings.Contains(got, "## Learner goals\n\nLearners can name the parts of a course.\n") {
		t.Errorf("meeting-1.md sections:\n%s", got)
	}
	if strings.Contains(got, "Check-out") {
		t.Errorf("the removed row is saved:\n%s", got)
	}

	// Switching meetings saves the rows of the one left.
	g.Meetings.Select(1)
	test.Tap(g.AddRowBtn)
	test.Type(g.Rows[0].Activity, "Warm-up")
	test.Type(g.Rows[0].Minutes, "10")
	g.Meetings.Select(2)
	if got := readFile(t, dir, "facilitator-guide/meeting-2.md"); !strings.Contains(got, "activity: Warm-up") {
		t.Fatalf("meeting 2 not saved on switching:\n%s", got)
	}
	if len(g.Rows) != 0 || !strings.Contains(g.Total.Text, "0 of 90") {
		t.Fatalf("meeting 3 shows %d rows, %q", len(g.Rows), g.Total.Text)
	}
	// Remove the third meeting; undo brings it back.
	test.Tap(g.RemoveMeetingBtn)
	if exists(dir, "facilitator-guide/meeting-3.md") || len(v.Course().Guides) != 2 || g.meeting != 1 {
		t.Fatalf("after removing meeting 3: %d meetings, showing %d (errors %v)", len(v.Course().Guides), g.meeting, p.errs)
	}
	v.UndoStructure()
	if !exists(dir, "facilitator-guide/meeting-3.md") {
		t.Fatal("undo did not bring meeting 3 back")
	}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Guides) != 3 || c.Guides[0].AgendaMinutes() != 90 || len(c.Guides[0].Agenda) != 4 {
		t.Fatalf("reloaded guide: %d meetings, first %+v", len(c.Guides), c.Guides[0].Agenda)
	}
	if len(p.errs) > 0 {
		t.Fatalf("errors shown: %v", p.errs)
	}
}

// TestGuideEditorDraft previews the drafted guide, then creates it.
func TestGuideEditorDraft(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "how-to-talk-about-race")
	p := &fakePrompt{t: t}
	v, _ := openView(t, dir, p)
	g := NewGuideEditor(v)
	test.NewTempWindow(t, g.Content)

	test.Tap(g.DraftBtn)
	if !strings.Contains(g.DraftPreview.Text, "This creates") || !strings.Contains(g.DraftPreview.Text, "Meeting 1:") || !strings.Contains(g.DraftPreview.Text, "minutes") {
		t.Fatalf("draft preview: %q", g.DraftPreview.Text)
	}
	if g.ConfirmDraftBtn.Hidden {
		t.Fatal("no button to create the draft")
	}
	if exists(dir, "facilitator-guide/meeting-1.md") {
		t.Fatal("the preview wrote files")
	}
	test.Tap(g.ConfirmDraftBtn)
	if !exists(dir, "facilitator-guide/meeting-1.md") || len(v.Course().Guides) == 0 {
		t.Fatalf("no guide after confirming (errors %v)", p.errs)
	}
	if g.meeting != 1 || len(g.Rows) == 0 {
		t.Fatalf("the editor shows meeting %d with %d rows", g.meeting, len(g.Rows))
	}
	// A second draft is refused with the reason.
	test.Tap(g.DraftBtn)
	if !strings.Contains(g.DraftPreview.Text, "already has a guide") || !g.ConfirmDraftBtn.Hidden {
		t.Fatalf("second draft: %q", g.DraftPreview.Text)
	}
}

func TestGuideSections(t *testing.T) {
	body := "Intro\n\n## Preparation\n\n- [ ] Read\n\n## Learner goals\n\nOld goals\n```\n## not a heading\n```\n\n## Facilitator tips\n\n- Tip\n"
	if got := guideSection(body, sectionGoals); got != "Old goals\n```\n## not a heading\n```" {
		t.Fatalf("goals %q", got)
	}
	got := setGuideSection("en", body, sectionGoals, "New goals")
	want := "Intro\n\n## Preparation\n\n- [ ] Read\n\n## Learner goals\n\nNew goals\n\n## Facilitator tips\n\n- Tip\n"
	if got != want {
		t.Fatalf("set goals:\n%q\nwant\n%q", got, want)
	}
	if got := setGuideSection("en", want, sectionTips, "- Other"); !strings.HasSuffix(got, "## Facilitator tips\n\n- Other\n") {
		t.Fatalf("set tips: %q", got)
	}
	if got := setGuideSection("en", "Intro\n", sectionTips, "- Tip"); got != "Intro\n\n## Facilitator tips\n\n- Tip\n" {
		t.Fatalf("added section: %q", got)
	}
}

// TestGuideEditorAfterDraft: after "Create these meetings" the rows sit
// above the sections (not over them), every column is wide enough for
// what it shows, the heading names the meeting once, the section labels
// are headings in the text colour, and the learner goals are left for
// the facilitator to write (issue 16).
func TestGuideEditorAfterDraft(t *testing.T) {
	for _, tc := range []struct {
		course string
		size   fyne.Size
	}{
		{"we-are-ai", fyne.Size{Width: 980, Height: 640}}, {"we-are-ai", fyne.Size{Width: 900, Height: 650}}, {"we-are-ai", fyne.Size{Width: 1400, Height: 900}},
		// Long page choices ("Introduction/technology"), which the page
		// column once cut with an ellipsis at 900 px.
		{"ECS154B", fyne.Size{Width: 900, Height: 650}}, {"ECS154B", fyne.Size{Width: 1400, Height: 900}},
	} {
		size := tc.size
		dir := corpusCourse(t, tc.course)
		v, _ := openView(t, dir, &fakePrompt{t: t})
		g := NewGuideEditor(v)
		w := test.NewTempWindow(t, g.Content)
		w.Resize(size)
		test.Tap(g.DraftBtn)
		test.Tap(g.ConfirmDraftBtn)
		if len(v.Course().Guides) == 0 || len(g.Rows) == 0 {
			t.Fatalf("%v: no meetings or rows after drafting", size)
		}
		if h := g.heading.Text; strings.Count(h, "Meeting 1") != 1 {
			t.Errorf("%v: heading %q", size, h)
		}
		abs := func(o fyne.CanvasObject) fyne.Position {
			return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		}
		prepTop := abs(g.SectionLabels[0]).Y
		for i, r := range g.Rows {
			if bottom := abs(r.box).Y + r.box.Size().Height; bottom > prepTop+1 {
				t.Errorf("%v: row %d ends at %.0f, below the Preparation label at %.0f", size, i+1, bottom, prepTop)
			}
			for name, o := range map[string]fyne.CanvasObject{"minutes": r.Minutes, "page": r.Page, "delete": r.Remove} {
				if o.Size().Width < o.MinSize().Width || !o.Visible() {
					t.Errorf("%v: row %d's %s is %.0f px wide, needs %.0f", size, i+1, name, o.Size().Width, o.MinSize().Width)
				}
				if right := abs(o).X + o.Size().Width; right > size.Width {
					t.Errorf("%v: row %d's %s ends at %.0f, past the window's %.0f", size, i+1, name, right, size.Width)
				}
			}
			if r.Remove.Size().Width > 60 || r.Activity.Size().Width < agendaActivityMinW {
				t.Errorf("%v: row %d: activity %.0f px, delete %.0f px", size, i+1, r.Activity.Size().Width, r.Remove.Size().Width)
			}
		}
		for _, p := range screencheck.Check(g.Content, screencheck.Options{}) {
			if p.Kind == "truncated" && strings.Contains(p.Where, "widget.Select") {
				t.Errorf("%s %v: %s", tc.course, size, p)
			}
		}
		for _, l := range g.SectionLabels {
			if !l.TextStyle.Bold || l.Importance != widget.MediumImportance {
				t.Errorf("%v: section label %q is not a heading in the text colour", size, l.Text)
			}
		}
		if g.Goals.Text != "" || g.Goals.PlaceHolder == "" {
			t.Errorf("%v: learner goals %q (placeholder %q)", size, g.Goals.Text, g.Goals.PlaceHolder)
		}
	}
}

// A guide drafted from a Spanish interface is written in Spanish —
// headings, titles, the checklist's sentences, the guide's index — and
// the guide editor finds its sections under their Spanish headings.
func TestGuideEditorDraftsInTheInterfaceLanguage(t *testing.T) {
	uitest.NewApp(t)
	// Registered before t.Setenv, this cleanup runs after LANGUAGE is
	// put back: Fyne's translations follow it again.
	t.Cleanup(func() { _ = RegisterTranslations() })
	t.Setenv("LANGUAGE", "es")
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
	dir := corpusCourse(t, "we-are-ai")
	p := &fakePrompt{t: t}
	v, _ := openView(t, dir, p)
	v.SetLanguage("es")
	g := NewGuideEditor(v)
	test.NewTempWindow(t, g.Content)
	test.Tap(g.DraftBtn)
	if !strings.Contains(g.DraftPreview.Text, "Encuentro 1:") {
		t.Fatalf("draft summary: %q", g.DraftPreview.Text)
	}
	test.Tap(g.ConfirmDraftBtn)
	if len(v.Course().Guides) == 0 {
		t.Fatalf("no guide after confirming (errors %v)", p.errs)
	}
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	page := readFile(t, dir, "facilitator-guide/meeting-1.md")
	for _, want := range []string{"title: \"Encuentro 1: ", "## Preparación\n", "- [ ] Lee [", "minutos en la agenda).", "## Objetivos de aprendizaje\n", "## Consejos para la facilitación\n"} {
		if !strings.Contains(page, want) {
			t.Errorf("the drafted meeting lacks %q:\n%s", want, page)
		}
	}
	for _, english := range []string{"## Preparation", "Read through", "Facilitator tips", "Meeting 1"} {
		if strings.Contains(page, english) {
			t.Errorf("the drafted meeting has English %q:\n%s", english, page)
		}
	}
	if index := readFile(t, dir, "facilitator-guide/index.md"); !strings.Contains(index, "## Encuentros\n") || !strings.Contains(index, "Esta es la guía de facilitación") {
		t.Errorf("the guide's index is not in Spanish:\n%s", index)
	}
	if !strings.Contains(g.Preparation.Text, "- [ ] Lee [") {
		t.Fatalf("the editor does not find the Spanish Preparation section: %q", g.Preparation.Text)
	}
	// Edited and saved, the section stays under its Spanish heading.
	g.Tips.SetText("- Un consejo propio")
	if err := g.Save(); err != nil {
		t.Fatal(err)
	}
	if body := v.Course().Guides[0].Body(); strings.Count(body, "Consejos para la facilitación") != 1 || !strings.Contains(body, "- Un consejo propio") || strings.Contains(body, "Facilitator tips") {
		t.Fatalf("after editing the tips:\n%s", body)
	}
}
