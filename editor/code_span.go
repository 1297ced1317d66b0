package editor

import (
	"strings"

	"fyne.io/fyne/v2/widget"
)

// segmentStart begins every text segment that follows another on a line
// of the preview: a zero-width space. Fyne 2.7's RichText wraps a
// segment that starts where not even one of its letters fits on the line
// one letter per line to the end (lineBounds keeps measuring against the
// little room left on the first line): a code span ("#sign-up") and a
// link ("materials page") came out as columns of letters in a narrow
// preview. The zero-width space always fits, so the rest wraps like text:
// on the next line, or at its spaces.
const segmentStart = "\u200b"

// guardSegmentStarts puts segmentStart before the text of each text
// segment of segs that follows another segment on its line.
func guardSegmentStarts(segs []widget.RichTextSegment) {
	for i := 1; i < len(segs); i++ {
		ts, ok := segs[i].(*widget.TextSegment)
		if !ok || !ts.Inline() || ts.Text == "" || strings.HasPrefix(ts.Text, segmentStart) {
			continue
		}
		if prev, ok := segs[i-1].(*widget.TextSegment); ok && !prev.Inline() {
			continue // a line break: this segment starts a line
		}
		ts.Text = segmentStart + ts.Text
	}
}
