package selfcheck

import (
	"regexp"
	"strconv"
	"strings"
)

// line is one line of a page body.
type line struct {
	text       string // without its line break and trailing carriage returns
	start, end int    // byte offsets in the body; end is after the line break
	num        int    // 1-based
}

func splitLines(body string) []line {
	var lines []line
	for start, num := 0, 1; start < len(body); num++ {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start + 1
		}
		text := strings.TrimRight(strings.TrimSuffix(body[start:end], "\n"), "\r")
		lines = append(lines, line{text: text, start: start, end: end, num: num})
		start = end
	}
	return lines
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// The markers and the lines that mean something inside a block. Markers
// and keys are matched without regard to case; like markdown, they may
// be indented by up to three spaces.
var (
	openMarker    = regexp.MustCompile(`(?i)^ {0,3}<!--[ \t]*self-check(?:[ \t]+([^>]*?))?[ \t]*-->[ \t]*$`)
	closeMarker   = regexp.MustCompile(`(?i)^ {0,3}<!--[ \t]*/self-check[ \t]*-->[ \t]*$`)
	detailsOpen   = regexp.MustCompile(`(?i)^ {0,3}<details(?:[ \t]+markdown[ \t]*=[ \t]*(?:"1"|'1'|1))?[ \t]*>[ \t]*(<summary>.*</summary>)?[ \t]*$`)
	detailsClose  = regexp.MustCompile(`(?i)^ {0,3}</details>[ \t]*$`)
	summaryLine   = regexp.MustCompile(`(?i)^ {0,3}<summary>.*</summary>[ \t]*$`)
	numberedItem  = regexp.MustCompile(`^ {0,3}([0-9]{1,9})[.)](?:[ \t]+(.*))?$`)
	keyLine       = regexp.MustCompile(`(?i)^ {0,3}(answers?|accept|pattern|order|hint|explanation|if[ \t]+true|if[ \t]+false)[ \t]*:(.*)$`)
	fenceOpenLine = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
)

// item reads a numbered list item line: its number and text.
func item(s string) (n int, text string, ok bool) {
	m := numberedItem.FindStringSubmatch(s)
	if m == nil {
		return 0, "", false
	}
	n, _ = strconv.Atoi(m[1])
	return n, strings.TrimSpace(m[2]), true
}

// key reads a key line: the key in lower case with one space, and the
// value.
func key(s string) (k, value string, ok bool) {
	m := keyLine.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	k = strings.ToLower(strings.Join(strings.Fields(m[1]), " "))
	return k, strings.TrimSpace(m[2]), true
}

// fence follows fenced code blocks, inside which nothing is a marker,
// an option or a key.
type fence struct {
	marker string // the opening fence while inside one
}

// step reads the next line and reports whether it belongs to a fenced
// code block (its opening or closing fence included).
func (f *fence) step(s string) bool {
	if f.marker != "" {
		t := strings.TrimSpace(s)
		if strings.HasPrefix(t, f.marker) && strings.Trim(t, f.marker[:1]) == "" && len(s)-len(strings.TrimLeft(s, " ")) < 4 {
			f.marker = ""
		}
		return true
	}
	m := fenceOpenLine.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	// A backtick fence's info string may not hold a backtick.
	if m[1][0] == '`' && strings.Contains(s[len(m[0]):], "`") {
		return false
	}
	f.marker = m[1]
	return true
}
