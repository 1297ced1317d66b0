package selfcheck

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// keyValue is a key's value in a block's answer part and the line the
// key is on.
type keyValue struct {
	value string
	line  int
}

// answerPart is what the lines inside a block's <details> say.
type answerPart struct {
	keys     map[string]*keyValue // "answer" for both Answer and Answers
	plural   bool                 // the key was written "Answers"
	feedback map[int]*keyValue    // per option number
	itemLine int                  // the first feedback item's line
}

// blockParser collects the syntax errors of one block; the block reports
// the one on the earliest line.
type blockParser struct {
	errs []*SyntaxError
}

func (p *blockParser) fail(e *SyntaxError) { p.errs = append(p.errs, e) }

func (p *blockParser) first() *SyntaxError {
	var first *SyntaxError
	for _, e := range p.errs {
		if first == nil || e.Line < first.Line {
			first = e
		}
	}
	return first
}

// parseBlock reads the lines between a block's markers. markerKind is
// what the opening marker says after "self-check", "" when nothing.
func parseBlock(markerKind string, open line, inner []line) (Question, *SyntaxError) {
	p := &blockParser{}
	var q Question
	if markerKind != "" {
		if k := Kind(strings.ToLower(markerKind)); knownKind(k) {
			q.Kind = k
		} else {
			p.fail(syntaxError(open.num, CodeUnknownKind,
				"unknown self-check kind "+strconv.Quote(markerKind)+" (one, several, true-false, short, order)",
				"Kind", markerKind))
		}
	}

	// The question part runs to <details>, the answer part from there
	// to </details>.
	question := inner
	var ans answerPart
	details := -1
	var f fence
	for j, l := range inner {
		if !f.step(l.text) && detailsOpen.MatchString(l.text) {
			details = j
			break
		}
	}
	answerLine := open.num
	if details < 0 {
		p.fail(syntaxError(open.num, CodeNoAnswer,
			`self-check question has no answer: add <details markdown="1"> with an Answer, Accept or Order line`))
	} else {
		question = inner[:details]
		answerLine = inner[details].num
		end := -1
		for j := details + 1; j < len(inner); j++ {
			if detailsClose.MatchString(inner[j].text) {
				end = j
				break
			}
		}
		if end < 0 {
			p.fail(syntaxError(inner[details].num, CodeUnclosedAnswer,
				"the answer's <details> has no </details> before <!-- /self-check -->"))
			end = len(inner)
		} else {
			for _, l := range inner[end+1:] {
				if !isBlank(l.text) {
					p.fail(syntaxError(l.num, CodeTextAfterAnswer,
						"text after </details>: a self-check question ends with its answer"))
					break
				}
			}
		}
		summary := detailsOpen.FindStringSubmatch(inner[details].text)[1] != ""
		ans = p.readAnswer(inner[details+1:end], summary)
	}

	kind, nums, keyLine := p.answerKind(&q, ans, answerLine)
	parseKind := kind
	if parseKind == "" {
		parseKind = q.Kind // the marker's, if the answer key is wrong
	}

	prompt := question
	if hasOptions(parseKind) {
		start, options := p.findOptions(question, parseKind, open.num)
		if start >= 0 {
			prompt = question[:start]
		}
		q.Options = options
	}
	q.Prompt = joinLines(prompt)
	if q.Prompt == "" {
		p.fail(syntaxError(open.num, CodeNoPrompt, "self-check question has no question text after <!-- self-check -->"))
	}
	if kind == "" {
		return q, p.first()
	}
	q.Kind = kind
	p.fillAnswer(&q, ans, nums, keyLine)
	if len(p.errs) == 0 {
		if e := q.Validate(); e != nil {
			e.Line = open.num
			p.fail(e)
		}
	}
	return q, p.first()
}

// readAnswer reads the lines inside <details>: key lines ("Answer: 2"),
// whose value runs to the next blank line or key; a numbered list of
// per-option feedback; Hint and Explanation, which may run over several
// paragraphs. A <summary> line may come first.
func (p *blockParser) readAnswer(lines []line, summary bool) answerPart {
	a := answerPart{keys: map[string]*keyValue{}, feedback: map[int]*keyValue{}}
	var cur *keyValue // the key or feedback item later lines continue
	curKey := ""
	blank, seen := true, false
	for _, l := range lines {
		if isBlank(l.text) {
			blank = true
			if curKey != "hint" && curKey != "explanation" {
				cur, curKey = nil, ""
			}
			continue
		}
		if !seen && !summary && summaryLine.MatchString(l.text) {
			summary, seen = true, true
			continue
		}
		seen = true
		if k, v, ok := key(l.text); ok {
			if k == "answers" {
				k, a.plural = "answer", true
			}
			cur, curKey = nil, ""
			if _, dup := a.keys[k]; dup {
				p.fail(syntaxError(l.num, CodeDuplicateKey, "the key "+strconv.Quote(k)+" is given twice", "Key", k))
			} else {
				cur, curKey = &keyValue{value: v, line: l.num}, k
				a.keys[k] = cur
			}
			blank = false
			continue
		}
		if n, text, ok := item(l.text); ok {
			cur, curKey = nil, ""
			if a.itemLine == 0 {
				a.itemLine = l.num
			}
			if _, dup := a.feedback[n]; dup {
				p.fail(syntaxError(l.num, CodeDuplicateFeedback,
					"feedback for option "+itoa(n)+" is given twice", "Option", itoa(n)))
			} else {
				cur = &keyValue{value: text, line: l.num}
				a.feedback[n] = cur
			}
			blank = false
			continue
		}
		switch {
		case cur != nil && cur.value == "":
			cur.value = strings.TrimSpace(l.text)
		case cur != nil && !blank && curKey == "": // a feedback item's lines, as an option's
			cur.value += "\n" + strings.TrimSpace(l.text)
		case cur != nil && !blank:
			cur.value += "\n" + l.text
		case cur != nil && blank: // only Hint and Explanation stay current over a blank line
			cur.value += "\n\n" + l.text
		default:
			p.fail(syntaxError(l.num, CodeUnknownLine,
				"unexpected line in the answer: only Answer, Accept, Order, Pattern, If true, If false, Hint, Explanation lines and a numbered feedback list belong there",
				"Text", strings.TrimSpace(l.text)))
		}
		blank = false
	}
	return a
}

// answerKind works out the question's kind from its answer key and the
// marker, and reads the key's numbers.
func (p *blockParser) answerKind(q *Question, a answerPart, answerLine int) (kind Kind, nums []int, keyLine int) {
	var keyName string
	for _, k := range []string{"answer", "accept", "order"} {
		kv := a.keys[k]
		if kv == nil {
			continue
		}
		if keyName != "" {
			other := a.keys[keyName]
			later, laterName, earlierName := kv, k, keyName
			if other.line > kv.line {
				later, laterName, earlierName = other, keyName, k
			}
			p.fail(syntaxError(later.line, CodeConflictingKeys,
				"a question has one answer key: "+strconv.Quote(laterName)+" conflicts with "+strconv.Quote(earlierName),
				"Key", laterName, "Other", earlierName))
			continue
		}
		keyName = k
	}
	if keyName == "" {
		if a.keys != nil {
			p.fail(syntaxError(answerLine, CodeNoAnswer,
				"self-check question has no Answer, Accept or Order line"))
		}
		return "", nil, 0
	}
	kv := a.keys[keyName]
	keyLine = kv.line
	var keyKind Kind
	switch keyName {
	case "answer":
		switch strings.ToLower(kv.value) {
		case "true", "false":
			keyKind = TrueFalse
		default:
			var ok bool
			nums, ok = numbers(kv.value)
			if !ok || len(nums) == 0 {
				p.fail(syntaxError(kv.line, CodeBadAnswer,
					"Answer must be option numbers (Answer: 2, Answers: 1, 3) or true or false",
					"Value", kv.value))
				return "", nil, 0
			}
			keyKind = One
			if a.plural || len(nums) > 1 {
				keyKind = Several
			}
		}
	case "accept":
		keyKind = Short
	case "order":
		var ok bool
		nums, ok = numbers(kv.value)
		if !ok || len(nums) == 0 {
			p.fail(syntaxError(kv.line, CodeBadOrder,
				"Order must be the option numbers in the right order (Order: 3, 1, 2)",
				"Value", kv.value, "Options", ""))
			return "", nil, 0
		}
		keyKind = Order
	}
	switch {
	case q.Kind == "":
		return keyKind, nums, keyLine
	case q.Kind == keyKind, q.Kind == Several && keyKind == One:
		return q.Kind, nums, keyLine
	}
	p.fail(syntaxError(kv.line, CodeKindMismatch,
		"the marker says "+string(q.Kind)+" but the "+keyName+" line is for another kind",
		"Kind", string(q.Kind), "Key", keyName))
	return "", nil, 0
}

// fillAnswer puts the answer part into q, whose Kind and Options are
// known.
func (p *blockParser) fillAnswer(q *Question, a answerPart, nums []int, keyLine int) {
	notFor := func(k string, line int) {
		p.fail(syntaxError(line, CodeKeyNotForKind,
			strconv.Quote(k)+" does not belong to a "+string(q.Kind)+" question",
			"Key", k, "Kind", string(q.Kind)))
	}
	if kv := a.keys["pattern"]; kv != nil && q.Kind != Short {
		notFor("pattern", kv.line)
	}
	for _, k := range []string{"if true", "if false"} {
		if kv := a.keys[k]; kv != nil && q.Kind != TrueFalse {
			notFor(k, kv.line)
		}
	}
	switch q.Kind {
	case One, Several:
		for _, n := range nums {
			switch {
			case n < 1 || n > len(q.Options):
				p.fail(syntaxError(keyLine, CodeAnswerRange,
					"Answer "+itoa(n)+" is not an option number (1 to "+itoa(len(q.Options))+")",
					"Option", itoa(n), "Options", itoa(len(q.Options))))
			case q.Options[n-1].Correct:
				p.fail(syntaxError(keyLine, CodeBadAnswer, "option "+itoa(n)+" is in the answer twice",
					"Value", a.keys["answer"].value))
			default:
				q.Options[n-1].Correct = true
			}
		}
	case TrueFalse:
		right := strings.ToLower(a.keys["answer"].value) == "true"
		q.Options = []Option{{Text: "True", Correct: right}, {Text: "False", Correct: !right}}
		if kv := a.keys["if true"]; kv != nil {
			q.Options[0].Feedback = kv.value
		}
		if kv := a.keys["if false"]; kv != nil {
			q.Options[1].Feedback = kv.value
		}
	case Short:
		kv := a.keys["accept"]
		for _, s := range strings.Split(kv.value, ";") {
			if s = strings.Join(strings.Fields(s), " "); s != "" {
				q.Accept = append(q.Accept, s)
			}
		}
		if len(q.Accept) == 0 {
			p.fail(syntaxError(kv.line, CodeBadAccept,
				"Accept must list the accepted answers, separated by semicolons", "Value", kv.value))
		}
		if kv := a.keys["pattern"]; kv != nil && kv.value != "" {
			q.Pattern = kv.value
			if _, err := regexp.Compile("(?i)" + kv.value); err != nil {
				p.fail(syntaxError(kv.line, CodeBadPattern, "Pattern is not a regular expression: "+err.Error(),
					"Pattern", kv.value, "Reason", err.Error()))
			}
		}
	case Order:
		if !permutation(nums, len(q.Options)) {
			p.fail(syntaxError(keyLine, CodeBadOrder,
				"Order must name every option number once (1 to "+itoa(len(q.Options))+")",
				"Value", a.keys["order"].value, "Options", itoa(len(q.Options))))
		} else {
			q.Order = make([]int, len(nums))
			for i, n := range nums {
				q.Order[i] = n - 1
			}
		}
	}
	if len(a.feedback) > 0 {
		if q.Kind == Short || q.Kind == TrueFalse {
			notFor("feedback list", a.itemLine)
			return
		}
		for n, kv := range a.feedback {
			if n < 1 || n > len(q.Options) {
				p.fail(syntaxError(kv.line, CodeFeedbackRange,
					"feedback item "+itoa(n)+" is not an option number (1 to "+itoa(len(q.Options))+")",
					"Option", itoa(n), "Options", itoa(len(q.Options))))
				continue
			}
			q.Options[n-1].Feedback = kv.value
		}
	}
	if kv := a.keys["hint"]; kv != nil {
		q.Hint = kv.value
	}
	if kv := a.keys["explanation"]; kv != nil {
		q.Explanation = kv.value
	}
}

// findOptions finds the numbered list of options that ends the question
// part: the first list item numbered 1 from which every line to the end
// is a list item, a blank line or a line continuing an item. It returns
// the list's first line (-1 when none) and the options.
func (p *blockParser) findOptions(lines []line, kind Kind, openLine int) (int, []Option) {
	var f fence
	for i, l := range lines {
		if f.step(l.text) {
			continue
		}
		if n, _, ok := item(l.text); !ok || n != 1 {
			continue
		}
		if options, ok := p.readOptions(lines[i:]); ok {
			return i, options
		}
	}
	p.fail(syntaxError(openLine, CodeNoOptions,
		"a "+string(kind)+" question needs its options as a numbered list (1. 2. …) just before <details>",
		"Kind", string(kind)))
	return -1, nil
}

// readOptions reads lines as a numbered list of options; ok is false
// when they are not one.
func (p *blockParser) readOptions(lines []line) (options []Option, ok bool) {
	var numbers []line
	var errs []*SyntaxError
	blank := false
	for _, l := range lines {
		switch n, text, isItem := item(l.text); {
		case isItem:
			options = append(options, Option{Text: text})
			numbers = append(numbers, l)
			if n != len(options) {
				errs = append(errs, syntaxError(l.num, CodeOptionNumber,
					"options are numbered 1, 2, 3… in order: expected "+itoa(len(options))+", found "+itoa(n),
					"Expected", itoa(len(options)), "Found", itoa(n)))
			}
			blank = false
		case isBlank(l.text):
			blank = true
		case blank:
			return nil, false
		default:
			o := &options[len(options)-1]
			if o.Text == "" {
				o.Text = strings.TrimSpace(l.text)
			} else {
				o.Text += "\n" + strings.TrimSpace(l.text)
			}
		}
	}
	p.errs = append(p.errs, errs...)
	for i, o := range options {
		if o.Text == "" {
			p.fail(syntaxError(numbers[i].num, CodeEmptyOption, "option "+itoa(i+1)+" has no text",
				"Option", itoa(i+1)))
		}
	}
	return options, true
}

func hasOptions(k Kind) bool { return k == One || k == Several || k == Order }

func knownKind(k Kind) bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}

// numbers reads option numbers separated by commas or spaces.
func numbers(s string) ([]int, bool) {
	var nums []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > 1e6 {
			return nil, false
		}
		nums = append(nums, n)
	}
	return nums, true
}

// permutation reports whether nums holds 1..n, each once.
func permutation(nums []int, n int) bool {
	if len(nums) != n {
		return false
	}
	seen := make([]bool, n+1)
	for _, x := range nums {
		if x < 1 || x > n || seen[x] {
			return false
		}
		seen[x] = true
	}
	return true
}

// joinLines joins lines' text without the blank lines at either end.
func joinLines(lines []line) string {
	for len(lines) > 0 && isBlank(lines[0].text) {
		lines = lines[1:]
	}
	for len(lines) > 0 && isBlank(lines[len(lines)-1].text) {
		lines = lines[:len(lines)-1]
	}
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.text
	}
	return strings.Join(texts, "\n")
}
