package render

import (
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// selfCheckForm is the HTML of one question (docs/self-checks.md, "What
// learners see"): a form that reads as a question without the script —
// its answer and feedback in a closed <details> — and that the site's
// script (assets/site/selfcheck.js) makes interactive. legend is the
// prompt's first paragraph as inline HTML ("" when the prompt does not
// start with a paragraph), more the prompt's other blocks.
func selfCheckForm(q RenderedQuestion, legend, more string, t *selfCheckText) string {
	var b strings.Builder
	n := strconv.Itoa(q.Number)
	id := "self-check-" + n
	kind := q.Question.Kind
	strs, _ := json.Marshal(t.Script)
	fmt.Fprintf(&b, "<form class=\"self-check\" id=\"%s\" data-kind=\"%s\" data-number=\"%s\" data-strings=\"%s\" novalidate>\n<fieldset>\n",
		id, kind, n, escapeHTML(string(strs)))
	b.WriteString("<legend><span class=\"self-check-number\">" + escapeHTML(fmt.Sprintf(t.Question, q.Number)) + "</span>")
	if legend != "" {
		b.WriteString(" <span class=\"self-check-prompt\">" + legend + "</span>")
	}
	b.WriteString("</legend>\n")
	if more != "" {
		b.WriteString("<div class=\"self-check-more\">\n" + more + "</div>\n")
	}

	switch kind {
	case selfcheck.One, selfcheck.Several, selfcheck.TrueFalse:
		b.WriteString("<ul class=\"self-check-options\">\n")
		for i, o := range q.OptionsHTML {
			v := strconv.Itoa(i + 1)
			typ, name := "radio", id
			if kind == selfcheck.Several {
				// Checkboxes each have their own name (form-dup-name).
				typ, name = "checkbox", id+"-"+v
			}
			fmt.Fprintf(&b, "<li><label><input type=\"%s\" name=\"%s\" value=\"%s\"> <span class=\"self-check-option\">%s</span></label></li>\n",
				typ, name, v, o)
		}
		b.WriteString("</ul>\n")
	case selfcheck.Short:
		fmt.Fprintf(&b, "<p class=\"self-check-short\"><label for=\"%s-answer\">%s</label> <input type=\"text\" id=\"%s-answer\" name=\"%s\" autocomplete=\"off\" spellcheck=\"false\"></p>\n",
			id, escapeHTML(t.YourAnswer), id, id)
	case selfcheck.Order:
		b.WriteString("<ol class=\"self-check-order\">\n")
		for i, o := range q.OptionsHTML {
			fmt.Fprintf(&b, "<li data-option=\"%d\"><span class=\"self-check-option\">%s</span></li>\n", i+1, o)
		}
		b.WriteString("</ol>\n")
	}

	// A form has a submit button (html-validate wcag/h32); hidden until
	// the script, which does the checking, shows it.
	b.WriteString("<p class=\"self-check-actions\"><button type=\"submit\" class=\"self-check-check\" hidden>" +
		escapeHTML(t.Script.Check) + "</button></p>\n")
	b.WriteString("<p class=\"self-check-result\" aria-live=\"polite\"></p>\n")
	if q.HintHTML != "" {
		b.WriteString("<details class=\"self-check-hint\"><summary>" + escapeHTML(t.Hint) + "</summary>\n" + q.HintHTML + "</details>\n")
	}
	b.WriteString("<details class=\"self-check-answer\"><summary>" + escapeHTML(t.Answer) + "</summary>\n")
	switch kind {
	case selfcheck.One, selfcheck.Several, selfcheck.TrueFalse:
		b.WriteString("<ul class=\"self-check-key\">\n")
		for i, o := range q.OptionsHTML {
			right := q.Question.Options[i].Correct
			verdict := t.Script.NotRight
			if right {
				verdict = t.Script.Right
			}
			fmt.Fprintf(&b, "<li data-option=\"%d\" data-correct=\"%t\"><span class=\"self-check-verdict\">%s</span> <span class=\"self-check-option\">%s</span>",
				i+1, right, escapeHTML(verdict), o)
			if fb := q.FeedbackHTML[i]; fb != "" {
				b.WriteString(" <span class=\"self-check-feedback\">" + fb + "</span>")
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ul>\n")
	case selfcheck.Short:
		accept, _ := json.Marshal(q.Question.Accept)
		b.WriteString("<p class=\"self-check-key\" data-accept=\"" + escapeHTML(string(accept)) + "\"")
		if q.Question.Pattern != "" {
			b.WriteString(" data-pattern=\"" + escapeHTML(q.Question.Pattern) + "\"")
		}
		b.WriteString(">" + escapeHTML(t.AcceptedAnswers) + ": " + escapeHTML(strings.Join(q.Question.Accept, ", ")) + "</p>\n")
	case selfcheck.Order:
		order := make([]string, len(q.Question.Order))
		for i, x := range q.Question.Order {
			order[i] = strconv.Itoa(x + 1)
		}
		b.WriteString("<p>" + escapeHTML(t.RightOrder) + ":</p>\n")
		b.WriteString("<ol class=\"self-check-key\" data-order=\"" + strings.Join(order, ",") + "\">\n")
		for _, x := range q.Question.Order {
			b.WriteString("<li><span class=\"self-check-option\">" + q.OptionsHTML[x] + "</span>")
			if fb := q.FeedbackHTML[x]; fb != "" {
				b.WriteString(" <span class=\"self-check-feedback\">" + fb + "</span>")
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ol>\n")
	}
	if q.ExplanationHTML != "" {
		b.WriteString("<div class=\"self-check-explanation\">\n" + q.ExplanationHTML + "</div>\n")
	}
	b.WriteString("</details>\n</fieldset>\n</form>\n")
	return b.String()
}

func escapeHTML(s string) string { return html.EscapeString(s) }

func itoa(n int) string { return strconv.Itoa(n) }
