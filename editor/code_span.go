package editor

// codeSpanText is the text an inline code segment shows: the code after
// a zero-width space. Fyne 2.7's RichText wraps a segment that starts
// where not even one of its letters fits on the line one letter per line
// to the end (lineBounds keeps measuring against the little room left on
// the first line); a code span, in the wider monospace letters, met that
// in a narrow preview ("#sign-up" came out as a column of letters). The
// zero-width space always fits, so the rest wraps like text: on the next
// line, or at its spaces.
func codeSpanText(code string) string { return "\u200b" + code }
