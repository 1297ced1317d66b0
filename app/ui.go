package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/editor"
)

// Small helpers for the app's dialogs.

func newMessage(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return container.NewGridWrap(fyne.NewSize(420, l.MinSize().Height*2), l)
}

func button(label string, primary bool, tapped func()) *widget.Button {
	b := widget.NewButton(label, tapped)
	if primary {
		b.Importance = widget.HighImportance
	}
	return b
}

func buttons(bs ...*widget.Button) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(bs))
	for i, b := range bs {
		out[i] = b
	}
	return out
}

// errEmpty is a validator's answer, shown as it is made (translated
// then, not when the package loads).
func errEmpty() error { return errors.New(lang.L("this cannot be empty")) }

// dialogPrompt answers the editor's questions with dialogs on a window.
// dialogPrompt asks and tells in dialogs on win; words are the interface
// language's, for the errors it shows.
type dialogPrompt struct {
	win   fyne.Window
	words func() editor.Wording
}

func (p *dialogPrompt) AskText(title, label, initial string, done func(string)) {
	e := widget.NewEntry()
	e.SetText(initial)
	e.Validator = func(s string) error {
		if s == "" {
			return errEmpty()
		}
		return nil
	}
	d := dialog.NewForm(title, lang.L("OK"), lang.L("Cancel"), []*widget.FormItem{widget.NewFormItem(label, e)}, func(ok bool) {
		if ok {
			done(e.Text)
		}
	}, p.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
	p.win.Canvas().Focus(e)
}

func (p *dialogPrompt) ShowError(err error) {
	dialog.ShowError(editor.UserError(p.words(), "", err), p.win)
}

// Confirm asks a yes/no question (the editor's Confirmer).
func (p *dialogPrompt) Confirm(title, message string, done func(bool)) {
	d := dialog.NewConfirm(title, message, done, p.win)
	d.Resize(fyne.NewSize(460, d.MinSize().Height))
	d.Show()
}
