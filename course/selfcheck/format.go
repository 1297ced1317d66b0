package selfcheck

import (
	"strconv"
	"strings"
)

// Format writes q in the markdown syntax, from its opening marker to
// its closing marker and a final line break. The kind is never written
// in the marker: the answer key tells it (Answer: 2 for one answer,
// Answers: … for several). Continuation lines of an option or a feedback
// item are indented four spaces, so they never read as list items.
func Format(q Question) string {
	var b strings.Builder
	b.WriteString("<!-- self-check -->\n")
	b.WriteString(strings.Trim(q.Prompt, "\n"))
	b.WriteString("\n\n")
	withOptions := hasOptions(q.Kind)
	if withOptions {
		for i, o := range q.Options {
			writeItem(&b, i+1, o.Text)
		}
		b.WriteString("\n")
	}
	b.WriteString("<details markdown=\"1\">\n<summary>Answer</summary>\n\n")
	switch q.Kind {
	case One, Several:
		var right []string
		for i, o := range q.Options {
			if o.Correct {
				right = append(right, strconv.Itoa(i+1))
			}
		}
		k := "Answer: "
		if q.Kind == Several {
			k = "Answers: "
		}
		b.WriteString(k + strings.Join(right, ", ") + "\n\n")
	case TrueFalse:
		answer := "false"
		if len(q.Options) > 0 && q.Options[0].Correct {
			answer = "true"
		}
		b.WriteString("Answer: " + answer + "\n\n")
		for i, k := range []string{"If true: ", "If false: "} {
			if i < len(q.Options) && q.Options[i].Feedback != "" {
				b.WriteString(k + q.Options[i].Feedback + "\n\n")
			}
		}
	case Short:
		accept := make([]string, 0, len(q.Accept))
		for _, a := range q.Accept {
			accept = append(accept, strings.Join(strings.Fields(a), " "))
		}
		b.WriteString("Accept: " + strings.Join(accept, "; ") + "\n\n")
		if q.Pattern != "" {
			b.WriteString("Pattern: " + q.Pattern + "\n\n")
		}
	case Order:
		nums := make([]string, len(q.Order))
		for i, x := range q.Order {
			nums[i] = strconv.Itoa(x + 1)
		}
		b.WriteString("Order: " + strings.Join(nums, ", ") + "\n\n")
	}
	if withOptions && anyFeedback(q.Options) {
		for i, o := range q.Options {
			writeItem(&b, i+1, o.Feedback)
		}
		b.WriteString("\n")
	}
	if q.Hint != "" {
		b.WriteString("Hint: " + q.Hint + "\n\n")
	}
	if q.Explanation != "" {
		b.WriteString("Explanation: " + q.Explanation + "\n\n")
	}
	b.WriteString("</details>\n<!-- /self-check -->\n")
	return b.String()
}

// writeItem writes one numbered list item; an empty one is the bare
// number, which keeps the numbers of the items after it.
func writeItem(b *strings.Builder, n int, text string) {
	b.WriteString(strconv.Itoa(n) + ".")
	if text != "" {
		first, rest, _ := strings.Cut(text, "\n")
		b.WriteString(" " + first)
		for _, l := range strings.Split(rest, "\n") {
			if rest != "" {
				b.WriteString("\n    " + strings.TrimSpace(l))
			}
		}
	}
	b.WriteString("\n")
}

func anyFeedback(options []Option) bool {
	for _, o := range options {
		if o.Feedback != "" {
			return true
		}
	}
	return false
}
