package editor

import (
	"image/color"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The course conventions get the same distinct look as on the site:
// a tip is a tinted box with a label, a timing line carries a clock.

// tipBox frames a facilitator tip.
func tipBox(words Wording, content []fyne.CanvasObject) fyne.CanvasObject {
	label := widget.NewLabelWithStyle(words.L("Facilitator tip"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head := container.NewHBox(widget.NewIcon(theme.InfoIcon()), label)
	body := container.NewVBox(append([]fyne.CanvasObject{head}, content...)...)
	bg := canvas.NewRectangle(tint(theme.Color(theme.ColorNamePrimary), 0x30))
	bg.CornerRadius = theme.InputRadiusSize()
	bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	bar.SetMinSize(fyne.NewSize(4, 4))
	return container.NewStack(bg, container.NewBorder(nil, nil, bar, nil, container.NewPadded(body)))
}

// timingLine shows a suggested-timing line with a clock.
func timingLine(segs []widget.RichTextSegment) fyne.CanvasObject {
	for _, s := range segs {
		if t, ok := s.(*widget.TextSegment); ok {
			t.Style.ColorName = theme.ColorNamePrimary
			t.Style.TextStyle.Italic = true
		}
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, widget.NewIcon(theme.HistoryIcon()), nil, rt)
}

// videoCard stands for an embedded video: the preview plays nothing, it
// names the video and links to it.
func videoCard(words Wording, title, provider, link string) fyne.CanvasObject {
	if title == "" {
		title = provider + " video"
	}
	name := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Wrapping = fyne.TextWrapWord
	items := []fyne.CanvasObject{name}
	if u, err := url.Parse(link); err == nil && link != "" {
		items = append(items, widget.NewHyperlink(words.L("Watch on {{.Provider}}", map[string]any{"Provider": provider}), u))
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	icon := widget.NewIcon(theme.MediaVideoIcon())
	return container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, icon, nil, container.NewVBox(items...))))
}

func tint(c color.Color, alpha uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: alpha}
}
