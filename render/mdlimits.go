package render

import (
	"fmt"
	"strings"

	"github.com/coursewright/coursewright/course"
)

// maxListDepth is how deeply list markers may nest on one line ("- - - x").
// goldmark's cost grows with the square of that depth (20,000 markers take
// 4 s, 40,000 four times as long); no course nests lists past a handful of
// levels, so markers past this depth are shown as text, with a warning.
const maxListDepth = 32

// limitListNesting escapes the list markers of a line past maxListDepth.
func limitListNesting(text string, d *diagnostics) string {
	if !strings.Contains(text, "- -") && !strings.Contains(text, "* *") && !strings.Contains(text, "+ +") && !strings.Contains(text, ". ") {
		return text
	}
	var b strings.Builder
	changed := false
	line := 0
	for rest := text; rest != ""; {
		line++
		end := strings.IndexByte(rest, '\n')
		cur := rest
		if end >= 0 {
			cur, rest = rest[:end+1], rest[end+1:]
		} else {
			rest = ""
		}
		if at := deepMarker(cur); at >= 0 {
			if !changed {
				d.add(course.CodeRenderLimit, line, course.SeverityWarning,
					fmt.Sprintf("this list is nested more than %d levels deep on one line; the deeper markers are shown as text", maxListDepth),
					"nest lists a few levels at most")
			}
			changed = true
			b.WriteString(cur[:at])
			b.WriteByte('\\')
			b.WriteString(cur[at:])
			continue
		}
		b.WriteString(cur)
	}
	if !changed {
		return text
	}
	return b.String()
}

// deepMarker returns where the list marker past maxListDepth starts on the
// line (the byte to escape: "-", "*", "+", or the "." or ")" of "1."), or
// -1 when the line's markers nest no deeper.
func deepMarker(line string) int {
	pos, depth := 0, 0
	for {
		i := pos
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		mark := i
		switch {
		case i < len(line) && (line[i] == '-' || line[i] == '*' || line[i] == '+'):
			i++
		default:
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == i || j >= len(line) || (line[j] != '.' && line[j] != ')') {
				return -1
			}
			mark, i = j, j+1
		}
		if i >= len(line) || (line[i] != ' ' && line[i] != '\t') {
			return -1
		}
		depth++
		if depth > maxListDepth {
			return mark
		}
		pos = i
	}
}
