package textview

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// visRow is a row on screen: row of paragraph para, drawn at y.
type visRow struct {
	para, row int
	y         float32
}

// renderer draws the rows on screen (plus nothing else): a pool of
// canvas.Text, one per row, and rectangles for the tinted bands, the
// selection, the cursor and the scrollbar. Text textures are cached by
// Fyne by their content, so rows that did not change cost nothing to
// draw again.
type renderer struct {
	v      *View
	bg     *canvas.Rectangle
	texts  []*canvas.Text
	bands  []*canvas.Rectangle
	sels   []*canvas.Rectangle
	cursor *canvas.Rectangle
	thumb  *canvas.Rectangle
	objs   []fyne.CanvasObject
	fresh  freshText
}

// CreateRenderer is Fyne's hook to draw the view.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	r := &renderer{v: v, bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		cursor: canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)),
		thumb:  canvas.NewRectangle(theme.Color(theme.ColorNameScrollBar))}
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.thumb.CornerRadius = 3
	v.rend = r
	return r
}

func (r *renderer) Layout(size fyne.Size) {
	if size != r.v.size {
		if size.Width != r.v.size.Width {
			r.v.hsOK = false // every paragraph wraps again, when drawn
		}
		r.v.size = size
		r.v.normalize()
	}
	r.draw()
}

func (r *renderer) MinSize() fyne.Size           { return fyne.NewSize(120, 80) }
func (r *renderer) Refresh()                     { r.draw() }
func (r *renderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *renderer) Destroy() {
	r.v.blink.stop()
	r.v.stopAutoscroll()
	r.fresh.stop()
}

func (r *renderer) rect(pool *[]*canvas.Rectangle, n int, c color.Color) *canvas.Rectangle {
	for len(*pool) <= n {
		*pool = append(*pool, canvas.NewRectangle(c))
	}
	b := (*pool)[n]
	b.FillColor = c
	return b
}

// draw lays out the rows on screen and puts every object in its place.
func (r *renderer) draw() {
	v := r.v
	size := v.size
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bg.Resize(size)
	r.objs = append(r.objs[:0], r.bg)
	v.rows = v.rows[:0]
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	quote := withAlpha(theme.Color(theme.ColorNamePrimary), 0x28)
	code := withAlpha(theme.Color(theme.ColorNameForeground), 0x12)
	selC := theme.Color(theme.ColorNameSelection)
	textW := v.wrapWidth()
	selA, selB := order(v.sel, v.cur)

	nb, ns := 0, 0
	r.fresh.frame()
	held := false
	var texts []fyne.CanvasObject
	var over []fyne.CanvasObject
	y := pad - v.topOff
	for i := v.top; i < len(v.buf.paras) && y < size.Height; i++ {
		l := v.layoutOf(i)
		p := v.buf.paras[i]
		rowH := l.font.rowH
		for row := range l.rows {
			ry := y + float32(row)*rowH
			if ry+rowH <= 0 {
				continue
			}
			if ry >= size.Height {
				break
			}
			v.rows = append(v.rows, visRow{para: i, row: row, y: ry})
			start, end := l.rows[row], l.rowEnd(row, len(p.text))
			if p.style.kind == kindQuote || p.style.kind == kindCode {
				c := quote
				if p.style.kind == kindCode {
					c = code
				}
				b := r.rect(&r.bands, nb, c)
				nb++
				b.Move(fyne.NewPos(pad/2, ry))
				b.Resize(fyne.NewSize(textW+pad, rowH))
				over = append(over, b)
			}
			// The selected part of the row; a selected line break shows as
			// a space's width after the paragraph's last row.
			if rs, re := (Pos{i, start}), (Pos{i, end}); selA != selB && !re.Before(selA) && rs.Before(selB) {
				a, b := start, end
				if selA.Para == i && selA.Col > a {
					a = selA.Col
				}
				if selB.Para == i && selB.Col < b {
					b = selB.Col
				}
				x1 := v.measure(p.text[start:a], l.font)
				x2 := v.measure(p.text[start:b], l.font)
				if row == len(l.rows)-1 && selB.Para > i {
					x2 += l.font.advance(' ')
				}
				if x2 > x1 {
					s := r.rect(&r.sels, ns, selC)
					ns++
					s.Move(fyne.NewPos(pad+x1, ry))
					s.Resize(fyne.NewSize(x2-x1, rowH))
					over = append(over, s)
				}
			}
			text := drawable(p.text[start:end])
			if !r.fresh.take(text, l.font.key) {
				held = true
				continue
			}
			t := r.textObj(len(texts))
			t.Text = text
			t.TextSize, t.TextStyle, t.Color = l.font.key.size, l.font.key.style, fg
			t.Move(fyne.NewPos(pad, ry+rowGap/2))
			t.Resize(fyne.NewSize(textW, l.font.textH))
			texts = append(texts, t)
		}
		y += l.height()
	}
	r.objs = append(r.objs, over...)
	r.objs = append(r.objs, texts...)
	r.placeCursor()
	r.objs = append(r.objs, r.cursor)
	if v.scrollbarNeeded() {
		ty, th := v.thumb()
		r.thumb.FillColor = theme.Color(theme.ColorNameScrollBar)
		r.thumb.Move(fyne.NewPos(size.Width-barWidth+3, ty))
		r.thumb.Resize(fyne.NewSize(barWidth-5, th))
		r.objs = append(r.objs, r.thumb)
	}
	canvas.Refresh(r.bg)
	if held {
		r.fresh.later(r.draw)
	} else {
		r.fresh.stop()
	}
}

func (r *renderer) textObj(n int) *canvas.Text {
	for len(r.texts) <= n {
		r.texts = append(r.texts, canvas.NewText("", color.Black))
	}
	return r.texts[n]
}

// placeCursor puts the cursor where it is, shown when the view has the
// focus and the blink is on.
func (r *renderer) placeCursor() {
	v := r.v
	c := r.cursor
	c.FillColor = theme.Color(theme.ColorNamePrimary)
	c.Hidden = true
	if !v.focused || !v.blink.on {
		return
	}
	l := v.layoutOf(v.cur.Para)
	row := l.rowOf(v.cur.Col)
	for _, vr := range v.rows {
		if vr.para == v.cur.Para && vr.row == row {
			c.Move(fyne.NewPos(pad+v.xOf(v.cur)-1, vr.y))
			c.Resize(fyne.NewSize(2, l.font.rowH))
			c.Hidden = false
			return
		}
	}
}

// drawCursor redraws only the cursor (the blink).
func (v *View) drawCursor() {
	if v.rend == nil {
		return
	}
	v.rend.placeCursor()
	canvas.Refresh(v.rend.cursor)
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}
