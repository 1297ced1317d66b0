package editor

import (
	"strconv"
	"strings"
)

// Format is a toolbar action on the markdown being edited.
type Format int

// The formatting toolbar's actions, in toolbar order.
const (
	FormatHeading Format = iota
	FormatBold
	FormatItalic
	FormatLink
	FormatList
	FormatNumbered
	FormatQuote
	FormatTip
	FormatTable
)

// formatted is text after a formatting action, with the part to select
// afterwards (byte offsets; sel == end for a bare cursor).
type formatted struct {
	text     string
	sel, end int
}

// applyFormat formats the selection [sel, end) of text. Actions that mark
// up inline text wrap the selection (or a placeholder) and unwrap it when
// applied twice; line actions prefix every line the selection touches.
func applyFormat(f Format, text string, sel, end int) formatted {
	switch f {
	case FormatBold:
		return wrapInline(text, sel, end, "**", "bold text")
	case FormatItalic:
		return wrapInline(text, sel, end, "_", "italic text")
	case FormatLink:
		return makeLink(text, sel, end)
	case FormatHeading:
		return prefixLines(text, sel, end, func(int) string { return "## " }, isHeading)
	case FormatList:
		return prefixLines(text, sel, end, func(int) string { return "- " }, func(l string) bool { return strings.HasPrefix(l, "- ") })
	case FormatNumbered:
		return prefixLines(text, sel, end, func(i int) string { return strconv.Itoa(i+1) + ". " }, isNumbered)
	case FormatQuote:
		return prefixLines(text, sel, end, func(int) string { return "> " }, func(l string) bool { return strings.HasPrefix(l, ">") })
	case FormatTip:
		return insertBlock(text, sel, end, "> Facilitator tip: ", "write the tip here")
	case FormatTable:
		return insertBlock(text, sel, end, "| Column 1 | Column 2 |\n| --- | --- |\n| ", "Text")
	}
	return formatted{text, sel, end}
}

func wrapInline(text string, sel, end int, mark, placeholder string) formatted {
	inner := text[sel:end]
	// Applied to text that is already wrapped: unwrap.
	if sel >= len(mark) && end+len(mark) <= len(text) && text[sel-len(mark):sel] == mark && text[end:end+len(mark)] == mark {
		out := text[:sel-len(mark)] + inner + text[end+len(mark):]
		return formatted{out, sel - len(mark), end - len(mark)}
	}
	if inner == "" {
		inner = placeholder
	}
	// Markdown does not emphasise text that starts or ends with a space:
	// keep the spaces of a sloppy selection outside the marks.
	lead := len(inner) - len(strings.TrimLeft(inner, " "))
	trail := len(inner) - len(strings.TrimRight(inner, " "))
	core := inner[lead : len(inner)-trail]
	out := text[:sel] + inner[:lead] + mark + core + mark + inner[len(inner)-trail:] + text[end:]
	start := sel + lead + len(mark)
	return formatted{out, start, start + len(core)}
}

func makeLink(text string, sel, end int) formatted {
	label := text[sel:end]
	if label == "" {
		label = "link text"
	}
	const target = "https://"
	out := text[:sel] + "[" + label + "](" + target + ")" + text[end:]
	start := sel + len(label) + 3
	return formatted{out, start, start + len(target)}
}

func isNumbered(l string) bool {
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && strings.HasPrefix(l[i:], ". ")
}

// prefixLines adds prefix(i) to each line the selection touches, or,
// when every one of them already has it (has), removes the markup.
func prefixLines(text string, sel, end int, prefix func(int) string, has func(string) bool) formatted {
	start := strings.LastIndexByte(text[:sel], '\n') + 1
	stop := len(text)
	if i := strings.IndexByte(text[end:], '\n'); i >= 0 {
		stop = end + i
	}
	if end > sel && end > start && text[end-1] == '\n' {
		stop = end - 1 // a selection of whole lines ends before the next one
	}
	lines := strings.Split(text[start:stop], "\n")
	all := true
	for _, l := range lines {
		if !has(l) {
			all = false
		}
	}
	for i, l := range lines {
		if all {
			lines[i] = stripMarkup(l)
		} else {
			lines[i] = prefix(i) + stripMarkup(l)
		}
	}
	block := strings.Join(lines, "\n")
	out := text[:start] + block + text[stop:]
	if sel == end {
		// A bare cursor ends up at the end of its line.
		return formatted{out, start + len(block), start + len(block)}
	}
	return formatted{out, start, start + len(block)}
}

// stripMarkup removes a line's heading, list or quote markup.
func stripMarkup(l string) string {
	switch {
	case isHeading(l):
		return strings.TrimLeft(strings.TrimLeft(l, "#"), " ")
	case strings.HasPrefix(l, "- "), strings.HasPrefix(l, "* "):
		return l[2:]
	case isNumbered(l):
		return l[strings.Index(l, ". ")+2:]
	case strings.HasPrefix(l, "> "):
		return l[2:]
	case strings.HasPrefix(l, ">"):
		return l[1:]
	}
	return l
}

// insertBlock puts a block (a tip, a table) on lines of its own at the
// selection, separated from the text around it by blank lines, and
// selects its placeholder (or the selected text it took in).
func insertBlock(text string, sel, end int, head, placeholder string) formatted {
	inner := text[sel:end]
	if inner == "" {
		inner = placeholder
	}
	before, after := text[:sel], text[end:]
	lead := ""
	switch {
	case before == "" || strings.HasSuffix(before, "\n\n"):
	case strings.HasSuffix(before, "\n"):
		lead = "\n"
	default:
		lead = "\n\n"
	}
	tail := ""
	if strings.HasPrefix(head, "|") {
		tail = " | Text |"
	}
	trail := ""
	switch {
	case after == "":
		trail = "\n"
	case strings.HasPrefix(after, "\n\n"):
	case strings.HasPrefix(after, "\n"):
		trail = "\n"
	default:
		trail = "\n\n"
	}
	start := len(before) + len(lead) + len(head)
	out := before + lead + head + inner + tail + trail + after
	return formatted{out, start, start + len(inner)}
}

func isHeading(line string) bool {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(line) || line[n] == ' ' || line[n] == '\t')
}
