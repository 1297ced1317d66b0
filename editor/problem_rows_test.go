package editor

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/internal/uitest"
)

// The problem list counts each message's rows from its characters'
// widths instead of wrapping it in a label (problem_rows.go): the count
// must never cut a message (fewer rows than the label wraps it into)
// and may add at most one row.
func TestProblemRowCountsMatchTheLabel(t *testing.T) {
	uitest.NewApp(t)
	messages := []string{
		"line 8: {% post_url /modules/Introduction/2000-02-01-intro %} names no page of the course, so the site will not build — use the page's file name without .md, e.g. {% post_url 2000-01-01-intro %}",
		"line 63: the link \"{{'/syllabus' | relative_url}}\" leads nowhere: the course has no page or file at /syllabus — fix the link, or add the page or file it points to",
		"line 1: short",
		"line 12: https://example.org/a/very/long/address/without/any/spaces/in/it/at/all/that/must/be/cut/somewhere/in/the/middle",
		"line 140: l'image « photo-de-groupe.jpg » est introuvable — vérifiez son nom dans le dossier img/",
	}
	wrap := newPrewrapper()
	one, step := labelRowHeights()
	probe := widget.NewLabel("")
	probe.Wrapping = fyne.TextWrapWord
	for _, width := range []float32{160, 240, 333, 480, 700} {
		for _, msg := range messages {
			probe.SetText(msg)
			probe.Resize(fyne.NewSize(width, 10))
			real := probe.MinSize().Height
			rows := wrap.rows(msg, width-2*theme.InnerPadding()-wrapSlack, fyne.TextStyle{}, theme.TextSize())
			got := one + float32(rows-1)*step
			if got < real-0.5 || got > real+step+0.5 {
				t.Errorf("width %v: %q counted %d rows (%.1f high), the label is %.1f high", width, msg, rows, got, real)
			}
		}
	}
}
