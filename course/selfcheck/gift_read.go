package selfcheck

import (
	"fmt"
	"strconv"
	"strings"
)

// GIFTQuestion is one question read from GIFT.
type GIFTQuestion struct {
	Title    string // the ::title::, "" when none
	Question Question
	Line     int // 1-based line of the file where the question starts
}

// GIFTError is what is wrong with one question of a GIFT file.
type GIFTError struct {
	Line    int // 1-based
	Problem string
}

func (e *GIFTError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Problem) }

// GIFTErrors are every problem of a GIFT file, by line.
type GIFTErrors []*GIFTError

func (es GIFTErrors) Error() string {
	var lines []string
	for _, e := range es {
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

// ReadGIFT reads the questions of a GIFT file. Categories and comments
// are skipped. A question Coursewright has no kind for (essay,
// numerical, matching, a description with no answers) or that is not
// well-formed is an error at its line; the error lists them all, and the
// questions read are returned only when there is none, so that an import
// never takes half a file.
func ReadGIFT(src string) ([]GIFTQuestion, error) {
	var (
		out  []GIFTQuestion
		errs GIFTErrors
	)
	for _, c := range giftChunks(src) {
		q, err := readGIFTQuestion(c)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if q != nil {
			out = append(out, *q)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// giftChunk is the text of one GIFT question (or category), its comment
// lines taken out, and the file line of each of its lines.
type giftChunk struct {
	lines    []string
	numbers  []int
	comments []string // the comment lines before the question, without "//"
}

// giftChunks splits GIFT at blank lines, as Moodle does.
func giftChunks(src string) []giftChunk {
	src = strings.TrimPrefix(src, "\uFEFF")
	var (
		out []giftChunk
		cur giftChunk
	)
	flush := func() {
		if len(cur.lines) > 0 {
			out = append(out, cur)
		}
		cur = giftChunk{}
	}
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(trimmed, "//"):
			if len(cur.lines) == 0 {
				cur.comments = append(cur.comments, strings.TrimSpace(trimmed[2:]))
			}
		default:
			cur.lines = append(cur.lines, line)
			cur.numbers = append(cur.numbers, i+1)
		}
	}
	flush()
	return out
}

// lineAt is the file line of byte offset i of the chunk's lines joined
// with "\n".
func (c giftChunk) lineAt(i int) int {
	for k, l := range c.lines {
		if i <= len(l) {
			return c.numbers[k]
		}
		i -= len(l) + 1
	}
	return c.numbers[len(c.numbers)-1]
}

// readGIFTQuestion reads one chunk: nil for a category.
func readGIFTQuestion(c giftChunk) (*GIFTQuestion, *GIFTError) {
	text := strings.Join(c.lines, "\n")
	start := c.numbers[0]
	fail := func(at int, format string, args ...any) (*GIFTQuestion, *GIFTError) {
		return nil, &GIFTError{Line: c.lineAt(at), Problem: fmt.Sprintf(format, args...)}
	}
	if strings.HasPrefix(strings.TrimSpace(text), "$CATEGORY:") {
		return nil, nil
	}
	g := &GIFTQuestion{Line: start}
	pos := 0
	lead := len(text) - len(strings.TrimLeft(text, " \t\n"))
	if strings.HasPrefix(text[lead:], "::") {
		end := findUnescaped(text, "::", lead+2)
		if end < 0 {
			return fail(lead, "the title's closing :: is missing (write a : in a title as \\:)")
		}
		g.Title = strings.TrimSpace(giftUnescape(text[lead+2 : end]))
		pos = end + 2
	}
	open := findUnescaped(text, "{", pos)
	if open < 0 {
		return fail(pos, "no answers in { }: a description, not a question (Coursewright's self-checks need answers)")
	}
	closing := findUnescaped(text, "}", open+1)
	if closing < 0 {
		return fail(open, "the { of the answers is never closed with }")
	}
	if extra := findUnescaped(text, "{", closing+1); extra >= 0 {
		return fail(extra, "a second { … } in one question: write { and } in a text as \\{ and \\}")
	}
	prompt := strings.TrimSpace(text[pos:open])
	if tail := strings.TrimSpace(text[closing+1:]); tail != "" {
		// Moodle's "missing word" question: the answers stand for a gap.
		sep := " "
		if strings.ContainsRune(".,;:!?)", rune(tail[0])) {
			sep = ""
		}
		prompt += " _____" + sep + tail
	}
	prompt, _ = cutFormat(prompt)
	g.Question.Prompt = strings.TrimSpace(giftUnescape(prompt))
	if g.Question.Prompt == "" {
		return fail(pos, "the question has no text before its answers")
	}
	body := text[open+1 : closing]
	bodyAt := open + 1
	general := ""
	if i := findUnescaped(body, "####", 0); i >= 0 {
		general = giftUnescape(body[i+4:])
		general, _ = cutFormat(strings.TrimSpace(general))
		body = body[:i]
	}
	g.Question.Hint, g.Question.Explanation = splitGeneral(general)

	trimmed := strings.TrimSpace(body)
	switch {
	case trimmed == "":
		return fail(open, "an essay question (no answers in { }): Coursewright's self-checks have no essay kind")
	case strings.HasPrefix(trimmed, "#"):
		return fail(open, "a numerical question ({#…}): Coursewright's self-checks have no numerical kind; make it a short answer")
	}
	if tf, ok := readTrueFalse(trimmed); ok {
		g.Question.Kind = TrueFalse
		g.Question.Options = tf
		return g, nil
	}
	answers, at, err := giftAnswers(body)
	if err != "" {
		return fail(bodyAt+at, "%s", err)
	}
	allRight := true
	for _, a := range answers {
		if a.marker != '=' {
			allRight = false
		}
		if a.match {
			return fail(bodyAt+a.at, "a matching question (->): Coursewright's self-checks have no matching kind")
		}
	}
	if allRight {
		g.Question.Kind = Short
		for _, a := range answers {
			g.Question.Accept = append(g.Question.Accept, strings.Join(strings.Fields(a.text), " "))
		}
		for _, com := range c.comments {
			if p, ok := strings.CutPrefix(com, strings.TrimPrefix(patternComment, "// ")); ok {
				g.Question.Pattern = strings.TrimSpace(p)
			}
		}
		return g, nil
	}
	right := 0
	for _, a := range answers {
		o := Option{Text: strings.Join(strings.Fields(a.text), " "), Feedback: strings.Join(strings.Fields(a.feedback), " ")}
		o.Correct = a.marker == '=' || a.weight > 0
		if o.Correct {
			right++
		}
		if o.Text == "" {
			return fail(bodyAt+a.at, "an answer with no text")
		}
		g.Question.Options = append(g.Question.Options, o)
	}
	switch {
	case right == 0:
		return fail(open, "no right answer: mark it with = (or a positive %%weight%%)")
	case right == 1:
		g.Question.Kind = One
	default:
		g.Question.Kind = Several
	}
	return g, nil
}

// readTrueFalse reads a true-false answer, "T#wrong feedback#right
// feedback" (Moodle's order), into the options True and False.
func readTrueFalse(body string) ([]Option, bool) {
	parts := splitUnescaped(body, "#")
	var answer bool
	switch strings.ToUpper(strings.TrimSpace(parts[0])) {
	case "T", "TRUE":
		answer = true
	case "F", "FALSE":
	default:
		return nil, false
	}
	if len(parts) > 3 {
		return nil, false
	}
	var wrongFB, rightFB string
	if len(parts) > 1 {
		wrongFB = strings.TrimSpace(giftUnescape(parts[1]))
	}
	if len(parts) > 2 {
		rightFB = strings.TrimSpace(giftUnescape(parts[2]))
	}
	wrongFB, _ = cutFormat(wrongFB)
	rightFB, _ = cutFormat(rightFB)
	t := Option{Text: "True", Correct: answer}
	f := Option{Text: "False", Correct: !answer}
	if answer {
		t.Feedback, f.Feedback = rightFB, wrongFB
	} else {
		t.Feedback, f.Feedback = wrongFB, rightFB
	}
	return []Option{t, f}, true
}

// giftAnswer is one answer of a { … } block.
type giftAnswer struct {
	marker   byte // '=' or '~'
	weight   float64
	text     string
	feedback string
	match    bool // holds "->": a matching pair
	at       int  // offset in the body
}

// giftAnswers splits the answers of a { … } block at unescaped = and ~.
func giftAnswers(body string) ([]giftAnswer, int, string) {
	var (
		out   []giftAnswer
		start = -1
	)
	end := func(i int) string {
		if start < 0 {
			if s := strings.TrimSpace(body[:i]); s != "" {
				return "text before the first answer: start each answer with = (right) or ~ (wrong)"
			}
			return ""
		}
		a := giftAnswer{marker: body[start], at: start}
		raw := body[start+1 : i]
		if strings.HasPrefix(raw, "%") {
			close := strings.Index(raw[1:], "%")
			if close < 0 {
				return "a %weight% with no closing %"
			}
			w, err := strconv.ParseFloat(strings.TrimSpace(raw[1:close+1]), 64)
			if err != nil {
				return fmt.Sprintf("the weight %%%s%% is not a number", raw[1:close+1])
			}
			a.weight = w
			raw = raw[close+2:]
		} else if a.marker == '=' {
			a.weight = 100
		}
		if findUnescaped(raw, "->", 0) >= 0 {
			a.match = true
		}
		text, fb, _ := cutUnescaped(raw, "#")
		text, _ = cutFormat(strings.TrimSpace(text))
		fb, _ = cutFormat(strings.TrimSpace(fb))
		a.text, a.feedback = giftUnescape(text), giftUnescape(fb)
		out = append(out, a)
		return ""
	}
	for i := 0; i < len(body); i++ {
		switch body[i] {
		case '\\':
			i++
		case '=', '~':
			if err := end(i); err != "" {
				return nil, max(start, 0), err
			}
			start = i
		}
	}
	if err := end(len(body)); err != "" {
		return nil, max(start, 0), err
	}
	if len(out) == 0 {
		return nil, 0, "no answers: start each answer with = (right) or ~ (wrong)"
	}
	return out, 0, ""
}

// splitGeneral reads general feedback back into the hint and the
// explanation (WriteGIFT's "Hint: …", a blank line, the explanation).
func splitGeneral(s string) (hint, explanation string) {
	s = strings.TrimSpace(s)
	rest, ok := strings.CutPrefix(s, hintPrefix)
	if !ok {
		return "", s
	}
	hint, explanation, _ = strings.Cut(rest, "\n\n")
	return strings.TrimSpace(hint), strings.TrimSpace(explanation)
}

// cutFormat takes a leading [markdown], [html], [plain] or [moodle] off
// a GIFT text. Every one is kept as markdown: plain and Moodle's
// auto-format read the same, and markdown allows inline HTML.
func cutFormat(s string) (string, string) {
	for _, f := range []string{"markdown", "html", "plain", "moodle"} {
		if rest, ok := strings.CutPrefix(s, "["+f+"]"); ok {
			return strings.TrimSpace(rest), f
		}
	}
	return s, ""
}

// findUnescaped is the offset of the first sep in s at or after from not
// escaped by a backslash, or -1.
func findUnescaped(s, sep string, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if strings.HasPrefix(s[i:], sep) {
			return i
		}
	}
	return -1
}

// cutUnescaped cuts s around its first unescaped sep.
func cutUnescaped(s, sep string) (before, after string, found bool) {
	if i := findUnescaped(s, sep, 0); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// splitUnescaped splits s at every unescaped sep.
func splitUnescaped(s, sep string) []string {
	var out []string
	for {
		before, after, found := cutUnescaped(s, sep)
		out = append(out, before)
		if !found {
			return out
		}
		s = after
	}
}

// giftUnescape reads GIFT text: \n is a line break, a backslash before
// any other character stands for that character.
func giftUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == 'n' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
