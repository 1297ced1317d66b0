package selfcheck

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// GIFT is Moodle's plain-text format for question banks
// (https://docs.moodle.org/en/GIFT_format). Coursewright writes every
// self-check in it for a question bank and reads it back into a page:
//
//	one         {~wrong#feedback =right#feedback ~wrong}
//	several     {~%50%right ~%50%right ~%-100%wrong}: the right options
//	            share 100%, the wrong ones share -100% (choosing every
//	            option scores nothing)
//	true-false  {T#feedback when wrong#feedback when right}, as Moodle
//	            reads it (the first feedback is for a wrong answer)
//	short       {=accepted =accepted}; GIFT has no pattern, so a pattern
//	            goes on a "// pattern: …" comment line before the
//	            question, which Coursewright reads back and Moodle ignores
//	order       GIFT has no ordering kind: ErrNoGIFTKind, and the export
//	            leaves the question out with a note (a matching question
//	            would grade differently and read back as something else)
//
// The hint and the explanation are the question's general feedback
// (####), "Hint: …" first, a blank line, then the explanation; GIFT has
// no place for a hint of its own. Texts are markdown, so every question
// says [markdown]; line breaks are written \n and ~ = # { } : \ are
// escaped with a backslash, so a question is a few lines with no blank
// line (a blank line ends a GIFT question).

// ErrNoGIFTKind: the question's kind (put in order) has none in GIFT.
var ErrNoGIFTKind = errors.New("GIFT has no put-in-order kind of question")

// hintPrefix starts the general feedback's hint paragraph.
const hintPrefix = "Hint: "

// patternComment is the comment line that carries a short answer's pattern.
const patternComment = "// pattern: "

// WriteGIFT writes q as one GIFT question titled title, ending with a
// line break. Put-in-order questions give ErrNoGIFTKind.
func WriteGIFT(title string, q Question) (string, error) {
	var b strings.Builder
	if q.Kind == Short && q.Pattern != "" {
		// One line: a pattern holds no line break worth keeping.
		b.WriteString(patternComment + strings.Join(strings.Fields(q.Pattern), " ") + "\n")
	}
	b.WriteString("::" + giftEscape(title) + "::[markdown]" + giftEscape(strings.TrimSpace(q.Prompt)) + " {")
	general := generalFeedback(q)
	switch q.Kind {
	case One, Several:
		right, wrong := 0, 0
		for _, o := range q.Options {
			if o.Correct {
				right++
			} else {
				wrong++
			}
		}
		b.WriteString("\n")
		for _, o := range q.Options {
			b.WriteString("\t")
			switch {
			case q.Kind == One && o.Correct:
				b.WriteString("=")
			case q.Kind == One:
				b.WriteString("~")
			case o.Correct:
				b.WriteString("~%" + weight(100, right) + "%")
			default:
				b.WriteString("~%" + weight(-100, wrong) + "%")
			}
			b.WriteString(giftEscape(o.Text))
			if o.Feedback != "" {
				b.WriteString("#" + giftEscape(o.Feedback))
			}
			b.WriteString("\n")
		}
		if general != "" {
			b.WriteString("\t####" + giftEscape(general) + "\n")
		}
	case TrueFalse:
		answer, ifTrue, ifFalse := trueFalse(q)
		rightFB, wrongFB := ifTrue, ifFalse
		if answer {
			b.WriteString("T")
		} else {
			b.WriteString("F")
			rightFB, wrongFB = ifFalse, ifTrue
		}
		switch {
		case rightFB != "":
			b.WriteString("#" + giftEscape(wrongFB) + "#" + giftEscape(rightFB))
		case wrongFB != "":
			b.WriteString("#" + giftEscape(wrongFB))
		}
		if general != "" {
			b.WriteString("####" + giftEscape(general))
		}
	case Short:
		b.WriteString("\n")
		for _, a := range q.Accept {
			b.WriteString("\t=" + giftEscape(a) + "\n")
		}
		if general != "" {
			b.WriteString("\t####" + giftEscape(general) + "\n")
		}
	case Order:
		return "", ErrNoGIFTKind
	default:
		return "", fmt.Errorf("unknown kind of question %q", q.Kind)
	}
	b.WriteString("}\n")
	return b.String(), nil
}

// trueFalse reads a true-false question: its answer and the feedback for
// choosing true and for choosing false.
func trueFalse(q Question) (answer bool, ifTrue, ifFalse string) {
	if len(q.Options) > 0 {
		answer = q.Options[0].Correct
		ifTrue = q.Options[0].Feedback
	}
	if len(q.Options) > 1 {
		ifFalse = q.Options[1].Feedback
	}
	return answer, ifTrue, ifFalse
}

// generalFeedback is the hint and the explanation as GIFT's general
// feedback.
func generalFeedback(q Question) string {
	hint, expl := strings.TrimSpace(q.Hint), strings.TrimSpace(q.Explanation)
	switch {
	case hint == "":
		return expl
	case expl == "":
		return hintPrefix + hint
	}
	return hintPrefix + hint + "\n\n" + expl
}

// weight is total/n as a GIFT percentage, at most five decimals (the
// precision of Moodle's own grades: 33.33333).
func weight(total float64, n int) string {
	if n == 0 {
		return "0"
	}
	w := math.Round(total/float64(n)*1e5) / 1e5
	return strconv.FormatFloat(w, 'f', -1, 64)
}

// giftSpecial are the characters GIFT gives a meaning; a backslash
// before one makes it text.
const giftSpecial = "~=#{}:\\"

// giftEscape writes s as GIFT text: special characters escaped, line
// breaks as \n (carriage returns dropped).
func giftEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\r':
		case r == '\n':
			b.WriteString(`\n`)
		case strings.ContainsRune(giftSpecial, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
