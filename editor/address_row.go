package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// addressRow lays out the page's address line: its label, the address
// field and "Open in browser". When the window is too narrow for the
// field to keep addressMinWidth beside the whole button (a small laptop
// window, a long translation: "Abrir en el navegador"), the button shows
// its icon only, so the address stays readable (issue 16's screen
// review found it cut to 30 px in Spanish at 900×650).
type addressRow struct {
	label, field fyne.CanvasObject
	open, icon   *widget.Button
}

const addressMinWidth = 160

func newAddressRow(label, field fyne.CanvasObject, open *widget.Button) *fyne.Container {
	icon := widget.NewButtonWithIcon("", open.Icon, open.OnTapped)
	icon.Hide()
	r := &addressRow{label: label, field: field, open: open, icon: icon}
	return container.New(r, label, field, open, icon)
}

func (r *addressRow) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	lw := r.label.MinSize().Width
	button := r.open
	if size.Width-lw-r.open.MinSize().Width-2*pad < addressMinWidth {
		button = r.icon
		r.open.Hide()
		r.icon.Show()
	} else {
		r.icon.Hide()
		r.open.Show()
	}
	bw := button.MinSize().Width
	r.label.Move(fyne.NewPos(0, 0))
	r.label.Resize(fyne.NewSize(lw, size.Height))
	r.field.Move(fyne.NewPos(lw+pad, 0))
	r.field.Resize(fyne.NewSize(max(0, size.Width-lw-bw-2*pad), size.Height))
	button.Move(fyne.NewPos(size.Width-bw, 0))
	button.Resize(fyne.NewSize(bw, size.Height))
}

func (r *addressRow) MinSize([]fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	h := max(r.label.MinSize().Height, r.field.MinSize().Height, r.icon.MinSize().Height)
	return fyne.NewSize(r.label.MinSize().Width+r.field.MinSize().Width+r.icon.MinSize().Width+2*pad, h)
}
