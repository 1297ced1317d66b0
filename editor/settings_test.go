package editor

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/uitest"
)

// TestSettingsForm changes the course settings as an author would and
// checks that both YAML files keep their comments and unknown keys.
func TestSettingsForm(t *testing.T) {
	uitest.NewApp(t)
	dir := corpusCourse(t, "course-in-a-box")
	// The corpus course.yml has no comment: give it one, and a key
	// Coursewright does not know, which must both survive.
	yml := "# Course data — keep this comment\ntitle: Course-in-a-Box\n" +
		"description: An open-source project for creating online courses\n" +
		"modules: [\"setup\", \"content\", \"customize\"] # order matters\n" +
		"x_custom: keep me\n"
	if err := os.WriteFile(filepath.Join(dir, "_data", "course.yml"), []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	p := &fakePrompt{t: t}
	v, _ := openView(t, dir, p)
	f := NewSettingsForm(v)
	w := test.NewTempWindow(t, f.Content)
	_ = w

	if f.Title.Text != "Course-in-a-Box" || f.Image.Selected != "img/jumbotron-image.svg" || f.Icon.Selected != "img/box-icon.png" {
		t.Fatalf("form not filled from the course: title %q image %q icon %q", f.Title.Text, f.Image.Selected, f.Icon.Selected)
	}

	// Invalid input is refused as it is typed, with the model's reason.
	test.Type(f.Meetings, "six")
	if err := f.Meetings.Validate(); err == nil || !strings.Contains(err.Error(), "whole number") {
		t.Fatalf("meetings \"six\": %v", err)
	}
	if _, err := f.Save(); err == nil {
		t.Fatal("saved with an invalid field")
	}
	f.Meetings.SetText("")
	test.Type(f.Meetings, "6")
	test.Type(f.Language, "xx-not-a-tag-123456789")
	if err := f.Language.Validate(); err == nil || !strings.Contains(err.Error(), "language tag") {
		t.Fatalf("language: %v", err)
	}
	f.Language.SetText("")
	test.Type(f.Language, "es")
	test.Type(f.Domain, "https://x.org/")
	if err := f.Domain.Validate(); err == nil {
		t.Fatal("a URL was accepted as a domain")
	}
	f.Domain.SetText("")
	test.Type(f.Domain, "curso.example.org")

	// The colour: a live swatch and contrast message.
	f.Color.SetText("")
	test.Type(f.Color, "#777")
	if !strings.Contains(f.Contrast.Text, "warning") || !strings.Contains(f.Contrast.Text, ":1") {
		t.Fatalf("mid grey: %q", f.Contrast.Text)
	}
	f.Color.SetText("")
	test.Type(f.Color, "#1f2f3f")
	if !strings.Contains(f.Contrast.Text, "white") || strings.Contains(f.Contrast.Text, "warning") {
		t.Fatalf("dark blue: %q", f.Contrast.Text)
	}
	test.Type(f.MeetingMinutes, "90")
	test.Type(f.Authors, "Ana, Ben")
	test.Type(f.Outcomes, "Explain the layout\nPublish a course")
	f.License.SetSelected(f.License.Options[1]) // CC BY-SA 4.0
	f.Icon.SetSelected("img/logo.png")
	if f.Level.Selected != "(not set)" {
		t.Fatalf("level of a course that names none: %q", f.Level.Selected)
	}
	for _, name := range f.Level.Options[1:] {
		if slices.Contains(course.Levels, name) {
			t.Errorf("level %q has no plain-language name", name)
		}
	}
	f.Level.SetSelected("Adults, lifelong learning")
	test.Type(f.Subjects, "web publishing, open education")
	f.Title.SetText("")
	test.Type(f.Title, "Curso en una caja")

	test.Tap(f.SaveBtn)
	if !strings.HasPrefix(f.Status.Text, "Saved") {
		t.Fatalf("status after save: %q (errors %v)", f.Status.Text, p.errs)
	}
	got := readFile(t, dir, "_data/course.yml")
	for _, want := range []string{"# Course data — keep this comment", "# order matters", "x_custom: keep me",
		"title: Curso en una caja", "license: CC-BY-SA-4.0", "language: es", "meetings: 6", "meeting_minutes: 90",
		"Ana", "Ben", "Explain the layout", "Publish a course", "domain: curso.example.org",
		"level: adult", "- web publishing", "- open education"} {
		if !strings.Contains(got, want) {
			t.Errorf("course.yml lacks %q:\n%s", want, got)
		}
	}
	cfg := readFile(t, dir, "_config.yml")
	for _, want := range []string{"# basic configuration", "# jumbotron_mask:", "#1f2f3f", "jumbotron_icon: \"img/logo.png\""} {
		if !strings.Contains(cfg, want) {
			t.Errorf("_config.yml lacks %q:\n%s", want, cfg)
		}
	}

	// Saving again changes nothing; undo steps back one setting.
	if n, err := f.Save(); n != 0 || err != nil {
		t.Fatalf("second save: %d, %v", n, err)
	}
	v.UndoStructure()
	if got := readFile(t, dir, "_data/course.yml"); strings.Contains(got, "curso.example.org") || !strings.Contains(got, "x_custom: keep me") {
		t.Fatalf("undo of the domain:\n%s", got)
	}
	if len(p.errs) > 0 {
		t.Fatalf("errors shown: %v", p.errs)
	}
}

// TestLicenseTexts keeps the translatable license texts equal to
// course's own in English, for every license course describes: the
// chooser's, the older 3.0 ones and any other SPDX license; and in a
// Spanish interface none of them is left in English.
func TestLicenseTexts(t *testing.T) {
	licenses := course.CourseLicenses()
	for _, id := range []string{"CC-BY-3.0", "CC-BY-SA-3.0", "MIT", "GPL-3.0-only"} {
		l, ok := course.LookupLicense(id)
		if !ok {
			t.Fatalf("course does not know %s", id)
		}
		licenses = append(licenses, l)
	}
	for _, l := range licenses {
		if got := LicenseText(l); got != l.Plain {
			t.Errorf("%s: %q, course says %q", l.ID, got, l.Plain)
		}
	}
	// A license course does not know shows as its id in any language.
	if got := LicenseText(course.LicenseInfo{ID: "Our-Own-1.0", Plain: "Our-Own-1.0"}); got != "Our-Own-1.0" {
		t.Errorf("an unknown license shows %q", got)
	}

	uitest.NewApp(t)
	// Registered before t.Setenv, this cleanup runs after LANGUAGE is
	// put back: Fyne's translations follow it again.
	t.Cleanup(func() { _ = RegisterTranslations() })
	t.Setenv("LANGUAGE", "es")
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
	for _, l := range licenses {
		if got := LicenseText(l); got == l.Plain {
			t.Errorf("%s in Spanish: %q", l.ID, got)
		}
	}
	if got, want := LicenseText(licenses[len(licenses)-1]), "Con la licencia GPL-3.0-only: su texto dice qué pueden hacer otros con el curso"; got != want {
		t.Errorf("GPL-3.0-only in Spanish: %q, want %q", got, want)
	}
}

// TestSettingsClose: the settings have a Close button; it closes at once
// when nothing changed, and asks before dropping changed settings.
func TestSettingsClose(t *testing.T) {
	dir := corpusCourse(t, "course-in-a-box")
	p := &confirmPrompt{fakePrompt: fakePrompt{t: t}}
	c, err := course.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	v := newTestView(t, c, p) // closed and waited for at the end: its check must not fire into the next test
	f := NewSettingsForm(v)
	w := test.NewTempWindow(t, f.Content)
	w.Resize(fyne.NewSize(720, 760))
	closed := 0
	f.OnClose = func() { closed++ }
	if f.Changed() {
		t.Fatal("a fresh form says it has changes")
	}
	if f.CloseBtn == nil || f.CloseBtn.Text != "Close" || !f.CloseBtn.Visible() {
		t.Fatal("no Close button")
	}
	test.Tap(f.CloseBtn)
	if closed != 1 || len(p.questions) != 0 {
		t.Fatalf("unchanged form: closed %d, asked %v", closed, p.questions)
	}
	f.Title.SetText("Another title")
	if !f.Changed() {
		t.Fatal("a changed title is not a change")
	}
	test.Tap(f.CloseBtn) // answered no: the form stays
	if closed != 1 || len(p.questions) != 1 {
		t.Fatalf("changed form, kept: closed %d, asked %v", closed, p.questions)
	}
	p.yes = true
	test.Tap(f.CloseBtn)
	if closed != 2 || v.Course().Meta().Title == "Another title" {
		t.Fatalf("changed form, dropped: closed %d, title %q", closed, c.Meta().Title)
	}
	// Saved, the form closes without asking.
	if _, err := f.Save(); err != nil {
		t.Fatal(err)
	}
	test.Tap(f.CloseBtn)
	if closed != 3 || len(p.questions) != 2 {
		t.Fatalf("saved form: closed %d, asked %v", closed, p.questions)
	}
}
