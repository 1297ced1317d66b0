package export

import (
	"fmt"
	"strings"

	"github.com/coursewright/coursewright/course/selfcheck"
	"github.com/coursewright/coursewright/publish"
)

// A page's self-check questions go into a Common Cartridge as one QTI 1.2
// assessment, written to the Common Cartridge profile of QTI (the only
// QTI an LMS importing a cartridge must read): the assessment metadata
// cc.exam.v0p1, and each question one item of a profile kind —
//
//	one         cc.multiple_choice.v0p1   response_lid, rcardinality Single
//	several     cc.multiple_response.v0p1 response_lid, rcardinality Multiple,
//	            right when every right option and no wrong one is chosen
//	true-false  cc.true_false.v0p1        response_lid, Single, True and False
//	short       cc.fib.v0p1               response_str with render_fib; each
//	            accepted answer a respcondition, case-insensitive (case="No")
//
// Put-in-order questions are not in the profile (it has no ordering kind),
// so they are left out of the assessment; they stay on their page, with
// their answer in its closed "Answer" (the page as the site shows it
// without JavaScript). A short answer's pattern has no place in the
// profile either: the accepted answers are what the LMS grades. Per-option
// feedback is an itemfeedback shown (displayfeedback) when the option is
// chosen; the hint and the explanation are the general feedback shown
// after any answer.

// qtiNS is the namespace of QTI 1.2's assessment and items.
const qtiNS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"

// qtiQuestion is one question as an assessment item carries it: the
// question, and its texts as HTML (sanitised, as the site shows them).
type qtiQuestion struct {
	ident        string // stable: selfcheck.ID of its page and number
	title        string // "Question 2"
	q            selfcheck.Question
	promptHTML   string
	optionsHTML  []string // one per option
	feedbackHTML []string // one per option, "" when none
	generalHTML  string   // the hint and the explanation, "" when neither
}

// qtiQuestions are a page's rendered questions as assessment items.
func qtiQuestions(r *publish.Rendered, p *publish.RenderedPage) []qtiQuestion {
	var out []qtiQuestion
	for _, rq := range p.Questions {
		var general []string
		if h := strings.TrimSpace(rq.HintHTML); h != "" {
			general = append(general, "<p><strong>"+xmlText.Replace(r.Labels.HintLabel)+"</strong></p>", h)
		}
		if e := strings.TrimSpace(rq.ExplanationHTML); e != "" {
			general = append(general, e)
		}
		out = append(out, qtiQuestion{
			ident:        selfcheck.ID(p.Source, rq.Number),
			title:        fmt.Sprintf(r.Labels.QuestionN, rq.Number),
			q:            rq.Question,
			promptHTML:   rq.PromptHTML,
			optionsHTML:  rq.OptionsHTML,
			feedbackHTML: rq.FeedbackHTML,
			generalHTML:  strings.Join(general, "\n"),
		})
	}
	return out
}

// qtiProfiles are the CC profile of each kind QTI carries.
var qtiProfiles = map[selfcheck.Kind]string{
	selfcheck.One:       "cc.multiple_choice.v0p1",
	selfcheck.Several:   "cc.multiple_response.v0p1",
	selfcheck.TrueFalse: "cc.true_false.v0p1",
	selfcheck.Short:     "cc.fib.v0p1",
}

// qtiAssessment writes the assessment of a page's questions for the
// cartridge version v. Questions of a kind the profile lacks are left
// out; left counts them.
func qtiAssessment(v ccVersion, ident, title string, qs []qtiQuestion) (doc string, items, left int) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<questestinterop xmlns="` + qtiNS + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="` + qtiNS + " " + v.qtiSchema + `">
<assessment ident="` + xmlAttr.Replace(ident) + `" title="` + xmlAttr.Replace(title) + `">
<qtimetadata>
`)
	for _, f := range [][2]string{
		{"cc_profile", "cc.exam.v0p1"},
		{"qmd_assessmenttype", "Examination"},
		{"qmd_scoretype", "Percentage"},
		{"qmd_feedbackpermitted", "Yes"},
		{"qmd_hintspermitted", "Yes"},
		{"qmd_solutionspermitted", "Yes"},
		{"cc_maxattempts", "unlimited"},
	} {
		qtiField(&b, f[0], f[1])
	}
	b.WriteString("</qtimetadata>\n<section ident=\"root_section\">\n")
	for _, q := range qs {
		if qtiProfiles[q.q.Kind] == "" {
			left++
			continue
		}
		qtiItem(&b, q)
		items++
	}
	b.WriteString("</section>\n</assessment>\n</questestinterop>\n")
	return b.String(), items, left
}

func qtiField(b *strings.Builder, label, entry string) {
	b.WriteString("<qtimetadatafield><fieldlabel>" + label + "</fieldlabel><fieldentry>" + xmlText.Replace(entry) + "</fieldentry></qtimetadatafield>\n")
}

// qtiHTML is a mattext of HTML.
func qtiHTML(h string) string {
	return `<material><mattext texttype="text/html">` + xmlText.Replace(strings.TrimSpace(h)) + "</mattext></material>"
}

// qtiOptionIdent names option i (0-based) of an item.
func qtiOptionIdent(i int) string { return fmt.Sprintf("o%d", i+1) }

// qtiItem writes one question as an item of its profile kind.
func qtiItem(b *strings.Builder, q qtiQuestion) {
	b.WriteString(`<item ident="` + xmlAttr.Replace(q.ident) + `" title="` + xmlAttr.Replace(q.title) + "\">\n<itemmetadata>\n<qtimetadata>\n")
	qtiField(b, "cc_profile", qtiProfiles[q.q.Kind])
	qtiField(b, "cc_weighting", "1")
	qtiField(b, "qmd_computerscored", "Yes")
	b.WriteString("</qtimetadata>\n</itemmetadata>\n<presentation>\n" + qtiHTML(q.promptHTML) + "\n")
	if q.q.Kind == selfcheck.Short {
		b.WriteString(`<response_str ident="response1" rcardinality="Single">` + "\n" +
			`<render_fib><response_label ident="answer1" rshuffle="No"/></render_fib>` + "\n</response_str>\n")
	} else {
		card := "Single"
		if q.q.Kind == selfcheck.Several {
			card = "Multiple"
		}
		b.WriteString(`<response_lid ident="response1" rcardinality="` + card + "\">\n<render_choice>\n")
		for i := range q.q.Options {
			b.WriteString(`<response_label ident="` + qtiOptionIdent(i) + `">` + qtiHTML(at(q.optionsHTML, i)) + "</response_label>\n")
		}
		b.WriteString("</render_choice>\n</response_lid>\n")
	}
	b.WriteString("</presentation>\n<resprocessing>\n<outcomes><decvar varname=\"SCORE\" vartype=\"Decimal\" minvalue=\"0\" maxvalue=\"100\"/></outcomes>\n")
	if q.generalHTML != "" {
		b.WriteString(`<respcondition continue="Yes"><conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" linkrefid="general_fb"/></respcondition>` + "\n")
	}
	for i := range q.q.Options {
		if at(q.feedbackHTML, i) != "" {
			b.WriteString(`<respcondition continue="Yes"><conditionvar><varequal respident="response1">` + qtiOptionIdent(i) +
				`</varequal></conditionvar><displayfeedback feedbacktype="Response" linkrefid="` + qtiOptionIdent(i) + `_fb"/></respcondition>` + "\n")
		}
	}
	const right = `<setvar action="Set" varname="SCORE">100</setvar></respcondition>` + "\n"
	switch q.q.Kind {
	case selfcheck.One, selfcheck.TrueFalse:
		for i, o := range q.q.Options {
			if o.Correct {
				b.WriteString(`<respcondition continue="No"><conditionvar><varequal respident="response1">` + qtiOptionIdent(i) + "</varequal></conditionvar>" + right)
			}
		}
	case selfcheck.Several:
		b.WriteString(`<respcondition continue="No"><conditionvar><and>`)
		for i, o := range q.q.Options {
			v := `<varequal respident="response1">` + qtiOptionIdent(i) + "</varequal>"
			if !o.Correct {
				v = "<not>" + v + "</not>"
			}
			b.WriteString(v)
		}
		b.WriteString("</and></conditionvar>" + right)
	case selfcheck.Short:
		// One condition an answer: alike in every reading of QTI,
		// where several in one conditionvar are read as "and" by some
		// and "or" by others.
		for _, a := range q.q.Accept {
			b.WriteString(`<respcondition continue="No"><conditionvar><varequal respident="response1" case="No">` + xmlText.Replace(a) + "</varequal></conditionvar>" + right)
		}
	}
	b.WriteString("</resprocessing>\n")
	if q.generalHTML != "" {
		b.WriteString(`<itemfeedback ident="general_fb"><flow_mat>` + qtiHTML(q.generalHTML) + "</flow_mat></itemfeedback>\n")
	}
	for i := range q.q.Options {
		if fb := at(q.feedbackHTML, i); fb != "" {
			b.WriteString(`<itemfeedback ident="` + qtiOptionIdent(i) + `_fb"><flow_mat>` + qtiHTML(fb) + "</flow_mat></itemfeedback>\n")
		}
	}
	b.WriteString("</item>\n")
}

// at is ss[i], or "" past its end.
func at(ss []string, i int) string {
	if i < len(ss) {
		return ss[i]
	}
	return ""
}
