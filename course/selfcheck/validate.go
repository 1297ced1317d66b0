package selfcheck

import (
	"regexp"
	"strings"
)

// Validate reports the first thing that makes q no whole question, or
// that Format could not write so that Find reads q back (a blank line
// inside an option, a semicolon inside an accepted answer…): what the
// app's form checks before it writes a question, and what Find reports
// for a block whose lines are each fine but whose question is not. The
// error's Line is 0: a Question alone has no place in a page.
func (q Question) Validate() *SyntaxError {
	if !knownKind(q.Kind) {
		return syntaxError(0, CodeUnknownKind, "unknown self-check kind "+string(q.Kind), "Kind", string(q.Kind))
	}
	if isBlank(q.Prompt) {
		return syntaxError(0, CodeNoPrompt, "the question has no text")
	}
	for _, l := range strings.Split(q.Prompt, "\n") {
		if openMarker.MatchString(l) || closeMarker.MatchString(l) || detailsOpen.MatchString(l) {
			return syntaxError(0, CodeMarkerInPrompt, "the question's text may not hold a self-check marker or <details> line",
				"Text", strings.TrimSpace(l))
		}
	}
	if hasOptions(q.Kind) {
		if len(q.Options) < 2 {
			return syntaxError(0, CodeTooFewOptions, "a "+string(q.Kind)+" question needs at least two options",
				"Kind", string(q.Kind))
		}
		for i, o := range q.Options {
			if isBlank(o.Text) {
				return syntaxError(0, CodeEmptyOption, "option "+itoa(i+1)+" has no text", "Option", itoa(i+1))
			}
			if hasBlankLine(o.Text) {
				return syntaxError(0, CodeBlankLine, "option "+itoa(i+1)+" has a blank line",
					"Field", "option", "Option", itoa(i+1))
			}
			if hasBlankLine(o.Feedback) {
				return syntaxError(0, CodeBlankLine, "the feedback of option "+itoa(i+1)+" has a blank line",
					"Field", "feedback", "Option", itoa(i+1))
			}
		}
	}
	right := 0
	for _, o := range q.Options {
		if o.Correct {
			right++
		}
	}
	switch q.Kind {
	case One:
		if right == 0 {
			return syntaxError(0, CodeNoRightOption, "no option is marked right")
		}
		if right > 1 {
			return syntaxError(0, CodeSeveralRight, "a one-answer question has more than one right option")
		}
	case Several:
		if right == 0 {
			return syntaxError(0, CodeNoRightOption, "no option is marked right")
		}
	case TrueFalse:
		if len(q.Options) != 2 || q.Options[0].Text != "True" || q.Options[1].Text != "False" || right != 1 {
			return syntaxError(0, CodeBadTrueFalse, `a true/false question has the options "True" and "False", one of them right`)
		}
		for _, o := range q.Options {
			if hasBlankLine(o.Feedback) {
				return syntaxError(0, CodeBlankLine, "the feedback of "+o.Text+" has a blank line", "Field", "feedback", "Option", o.Text)
			}
		}
	case Short:
		if len(q.Accept) == 0 {
			return syntaxError(0, CodeBadAccept, "a short-answer question needs at least one accepted answer", "Value", "")
		}
		for _, a := range q.Accept {
			if isBlank(a) || strings.ContainsAny(a, ";\n") {
				return syntaxError(0, CodeBadAccept, "an accepted answer is empty or holds a semicolon or a line break",
					"Value", a)
			}
		}
		if q.Pattern != "" {
			if _, err := regexp.Compile("(?i)" + q.Pattern); err != nil {
				return syntaxError(0, CodeBadPattern, "Pattern is not a regular expression: "+err.Error(),
					"Pattern", q.Pattern, "Reason", err.Error())
			}
		}
	case Order:
		nums := make([]int, len(q.Order))
		for i, x := range q.Order {
			nums[i] = x + 1
		}
		if !permutation(nums, len(q.Options)) {
			return syntaxError(0, CodeBadOrder, "the right order must name every option once",
				"Value", "", "Options", itoa(len(q.Options)))
		}
	}
	return nil
}

func hasBlankLine(s string) bool {
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if isBlank(l) && strings.TrimSpace(s) != "" {
			return true
		}
	}
	return false
}
