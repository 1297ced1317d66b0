package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/language"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/editor"
	"github.com/coursewright/coursewright/templates"
)

// newCourseForm is what the New course dialog asks.
type newCourseForm struct {
	Title   *widget.Entry
	License *widget.Select // the licenses' short names ("CC BY-SA 4.0")
	// LicensePlain says what the chosen license lets others do, in plain
	// words, wrapped under the choice: the sentences are too long for a
	// drop-down in a dialog (in Spanish, 690 px for the default one).
	LicensePlain *widget.Label
	Language     *widget.Entry
	Place        *widget.Entry // the folder the course folder goes in
	licenses     []course.LicenseInfo
}

// newNewCourseForm starts the form on a course in language (the interface
// language: an author working in Spanish most likely writes in Spanish),
// in the folder home.
func newNewCourseForm(home, language string) *newCourseForm {
	f := &newCourseForm{Title: widget.NewEntry(), Language: widget.NewEntry(), Place: widget.NewEntry(), licenses: course.CourseLicenses()}
	f.Title.SetPlaceHolder(lang.L("e.g. Finding Good Information Online"))
	var names []string
	for _, l := range f.licenses {
		names = append(names, licenseName(l.ID))
	}
	f.LicensePlain = widget.NewLabel("")
	f.LicensePlain.Wrapping = fyne.TextWrapWord
	f.License = widget.NewSelect(names, func(string) {
		for _, l := range f.licenses {
			if licenseName(l.ID) == f.License.Selected {
				f.LicensePlain.SetText(editor.LicenseText(l))
			}
		}
	})
	// Share-alike is what most open courses for learning circles use.
	f.License.SetSelected(licenseName("CC-BY-SA-4.0"))
	f.Language.SetText(language)
	f.Place.SetText(home)
	return f
}

// license is the SPDX id of the chosen license.
func (f *newCourseForm) license() string {
	for _, l := range f.licenses {
		if licenseName(l.ID) == f.License.Selected {
			return l.ID
		}
	}
	return "CC-BY-SA-4.0"
}

// licenseName is a license's short name, as Creative Commons writes it:
// "CC BY-SA 4.0" for CC-BY-SA-4.0, "CC0 1.0" for CC0-1.0.
func licenseName(id string) string {
	parts := strings.Split(id, "-")
	switch {
	case len(parts) > 2 && parts[0] == "CC":
		return "CC " + strings.Join(parts[1:len(parts)-1], "-") + " " + parts[len(parts)-1]
	case len(parts) == 2:
		return parts[0] + " " + parts[1]
	}
	return id
}

// dir is the folder the course will be created in.
func (f *newCourseForm) dir() string {
	return filepath.Join(f.Place.Text, course.Slugify(f.Title.Text))
}

// where says where the course will be created: before a title is typed
// there is no folder name yet (it would have said ".../Courses/page").
func (f *newCourseForm) where() string {
	if strings.TrimSpace(f.Title.Text) == "" {
		return lang.L("The course folder will be named after its title, in {{.Place}}", map[string]any{"Place": f.Place.Text})
	}
	return lang.L("The course folder will be {{.Dir}}", map[string]any{"Dir": f.dir()})
}

// create makes the course on disk from the form.
func (f *newCourseForm) create() (string, error) {
	if err := course.ValidateTitle(f.Title.Text); err != nil {
		return "", err
	}
	tag, err := language.Parse(f.Language.Text)
	if err != nil {
		return "", editor.Words(lang.L("{{.Language}} is not a language tag: use one such as en, es, de or pt-BR.", map[string]any{"Language": f.Language.Text}))
	}
	dir := f.dir()
	vars := map[string]string{"title": f.Title.Text, "license": f.license(), "language": tag.String(), "description": ""}
	if err := templates.CopyTo(templates.NewCourse(), dir, vars); err != nil {
		if errors.Is(err, templates.ErrNotEmpty) {
			return "", editor.Words(lang.L("{{.Folder}} already has files in it: choose another title or place.", map[string]any{"Folder": dir}))
		}
		return "", err
	}
	return dir, nil
}

// defaultPlace is where new courses go unless the author says otherwise.
func defaultPlace() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return os.TempDir()
	}
	return filepath.Join(home, "Courses")
}

// showNewCourse asks for a title, a license and a language and creates
// the course.
func (d *App) showNewCourse(parent fyne.Window) {
	f := newNewCourseForm(defaultPlace(), d.interfaceLanguage())
	where := widget.NewLabel("")
	update := func() { where.SetText(f.where()) }
	f.Title.OnChanged = func(string) { update() }
	f.Place.OnChanged = func(string) { update() }
	update()
	choose := widget.NewButton(lang.L("Choose…"), func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				f.Place.SetText(u.Path())
			}
		}, parent)
	})
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Title"), f.Title),
		widget.NewFormItem(lang.L("License"), f.License),
		widget.NewFormItem("", f.LicensePlain),
		widget.NewFormItem(lang.L("Language"), f.Language),
		widget.NewFormItem(lang.L("Place"), container.NewBorder(nil, nil, nil, choose, f.Place)),
		widget.NewFormItem("", where),
	}
	dlg := dialog.NewForm(lang.L("New course"), lang.L("Create"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		dir, err := f.create()
		if err != nil {
			dialog.ShowError(editor.UserError(d.wording(), lang.L("Could not create the course."), err), parent)
			return
		}
		d.openFrom(parent, dir)
	}, parent)
	dlg.Resize(fyne.NewSize(640, dlg.MinSize().Height))
	dlg.Show()
	parent.Canvas().Focus(f.Title)
}
