package app

import (
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/editor"
)

// adaptForm is the "Adapt a course…" form: where the course comes from,
// where the adaptation goes, and what changes at once (title, language).
type adaptForm struct {
	Source, Title, Language, Place *widget.Entry
	Permission                     *widget.Check
}

func newAdaptForm(place string) *adaptForm {
	f := &adaptForm{Source: widget.NewEntry(), Title: widget.NewEntry(), Language: widget.NewEntry(), Place: widget.NewEntry()}
	f.Source.SetPlaceHolder("https://github.com/p2pu/how-to-talk-about-race.git")
	f.Title.SetPlaceHolder(lang.L("Keep the original title"))
	f.Language.SetPlaceHolder(lang.L("Keep the original language"))
	f.Place.SetText(place)
	f.Permission = widget.NewCheck(lang.L("I have the authors' permission to adapt it"), nil)
	return f
}

// dir is the folder the adaptation is made in: the place, plus a folder
// named after the source.
func (f *adaptForm) dir() string {
	name := strings.TrimSuffix(filepath.Base(strings.TrimRight(strings.TrimSpace(f.Source.Text), "/")), ".git")
	name = strings.TrimSuffix(name, ".zip")
	if name == "" || name == "." {
		name = "adaptation"
	}
	return filepath.Join(strings.TrimSpace(f.Place.Text), name+"-adapted")
}

func (f *adaptForm) options() adapt.Options {
	return adapt.Options{Title: strings.TrimSpace(f.Title.Text), Language: strings.TrimSpace(f.Language.Text),
		IHavePermission: f.Permission.Checked}
}

// showAdaptCourse asks for a course to adapt and makes the adaptation in
// the background, then opens it.
func (d *App) showAdaptCourse(parent fyne.Window) {
	f := newAdaptForm(defaultPlace())
	where := widget.NewLabel("")
	update := func() { where.SetText(lang.L("The course folder will be {{.Dir}}", map[string]any{"Dir": f.dir()})) }
	f.Source.OnChanged = func(string) { update() }
	f.Place.OnChanged = func(string) { update() }
	update()
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Course to adapt"), f.Source),
		widget.NewFormItem(lang.L("Title"), f.Title),
		widget.NewFormItem(lang.L("Language"), f.Language),
		widget.NewFormItem(lang.L("Place"), f.Place),
		widget.NewFormItem("", container.NewVBox(f.Permission, where)),
	}
	dlg := dialog.NewForm(lang.L("Adapt a course"), lang.L("Adapt"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			d.adaptInBackground(parent, strings.TrimSpace(f.Source.Text), f.dir(), f.options())
		}
	}, parent)
	dlg.Resize(fyne.NewSize(640, dlg.MinSize().Height))
	dlg.Show()
}

func (d *App) adaptInBackground(parent fyne.Window, source, dir string, opts adapt.Options) {
	progress := dialog.NewCustomWithoutButtons(lang.L("Adapting the course…"), widget.NewProgressBarInfinite(), parent)
	progress.Show()
	words := d.wording()
	go func() {
		err := adaptCourse(words, source, dir, opts)
		fyne.Do(func() {
			progress.Hide()
			if err != nil {
				dialog.ShowError(err, parent)
				return
			}
			d.openFrom(parent, dir)
		})
	}()
}

// adaptCourse is the work behind the dialog: the same call as
// `coursewright adapt`, with its refusals worded for the dialog in the
// interface language w.
func adaptCourse(w editor.Wording, source, dir string, opts adapt.Options) error {
	if source == "" {
		return editor.Words(lang.L("Give the address or folder of the course to adapt."))
	}
	_, err := adapt.Adapt(context.Background(), source, dir, opts)
	if err != nil {
		return editor.UserError(w, lang.L("The course could not be adapted")+".", err)
	}
	return nil
}
