package selfcheck

import "strings"

// Find returns every question block of a page body, in order, including
// blocks with syntax errors (their Err set). Markers inside fenced code
// blocks are not questions: a page may show the syntax as an example.
func Find(body string) []Block {
	if !strings.Contains(strings.ToLower(body), "self-check") {
		return nil // most pages: no line by line reading
	}
	lines := splitLines(body)
	var blocks []Block
	var outer fence
	for i := 0; i < len(lines); i++ {
		if outer.step(lines[i].text) {
			continue
		}
		m := openMarker.FindStringSubmatch(lines[i].text)
		if m == nil {
			continue
		}
		open := lines[i]
		// The block ends at its closing marker; another opening marker
		// first means this one was never closed.
		var inner fence
		end, closed := i+1, false
		for ; end < len(lines); end++ {
			if inner.step(lines[end].text) {
				continue
			}
			if closeMarker.MatchString(lines[end].text) {
				closed = true
				break
			}
			if openMarker.MatchString(lines[end].text) {
				break
			}
		}
		b := Block{Start: open.start, Line: open.num}
		if !closed {
			b.End = len(body)
			if end < len(lines) {
				b.End = lines[end].start
			}
			b.Err = syntaxError(open.num, CodeUnclosed,
				"self-check question has no closing <!-- /self-check --> marker")
			blocks = append(blocks, b)
			i = end - 1
			continue
		}
		b.End = lines[end].end
		b.Question, b.Err = parseBlock(strings.TrimSpace(m[1]), open, lines[i+1:end])
		blocks = append(blocks, b)
		i = end
	}
	return blocks
}
