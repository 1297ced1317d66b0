package render

import (
	"strings"

	"github.com/coursewright/coursewright/course/selfcheck"
)

// PreviewQuestion is a self-check question as the desktop preview shows
// it: what learners read (the prompt, the options in the order they see
// them) and what the closed "Answer" holds. It is built from the very
// parse the site uses (selfcheck.Find), its markdown through the page's
// pipeline.
type PreviewQuestion struct {
	Number  int            // on its page, 1-based, counting questions with errors
	Kind    selfcheck.Kind // what sort of answer it wants
	Prompt  []Block
	Options [][]Run // as learners see them; none for true-false and short questions
	// Correct and Feedback are per option (for true-false questions, per
	// "True" and "False"); Feedback[i] is nil when option i has none.
	Correct  []bool
	Feedback [][]Run
	// Order, for order questions, is the right sequence: indexes into
	// Options.
	Order []int
	// Accept and Pattern, for short questions: the accepted answers and
	// an optional regular expression.
	Accept  []string
	Pattern string
	// Hint and Explanation are nil when the question has none.
	Hint, Explanation []Block
}

// placedQuestion is a whole question and the bytes of the parsed source
// its block spans.
type placedQuestion struct {
	start, end int
	q          *PreviewQuestion
	shown      bool // previewPage has put it out already
}

// previewQuestions finds the whole self-check questions of a parsed
// markdown page. Blocks with a syntax error are not among them: they
// show as the plain markdown they are, as on the site, and `check`
// reports them.
func (r *Renderer) previewQuestions(p parsed) []placedQuestion {
	if p.md == nil || !strings.Contains(p.text, "self-check") {
		return nil
	}
	var out []placedQuestion
	for i, b := range selfcheck.Find(p.text) {
		if b.Err != nil {
			continue
		}
		out = append(out, placedQuestion{start: b.Start, end: b.End, q: previewQuestion(p, b.Question, i+1)})
	}
	return out
}

func previewQuestion(p parsed, q selfcheck.Question, n int) *PreviewQuestion {
	pq := &PreviewQuestion{Number: n, Kind: q.Kind, Prompt: markdownBlocks(p, q.Prompt), Order: q.Order,
		Accept: q.Accept, Pattern: q.Pattern, Hint: markdownBlocks(p, q.Hint), Explanation: markdownBlocks(p, q.Explanation)}
	for _, o := range q.Options {
		if q.Kind != selfcheck.TrueFalse {
			pq.Options = append(pq.Options, markdownRuns(p, o.Text))
		}
		pq.Correct = append(pq.Correct, o.Correct)
		pq.Feedback = append(pq.Feedback, markdownRuns(p, o.Feedback))
	}
	return pq
}

// markdownBlocks is a piece of a question's markdown as preview blocks,
// parsed by the page's own pipeline; nil when it is empty.
func markdownBlocks(p parsed, md string) []Block {
	if strings.TrimSpace(md) == "" {
		return nil
	}
	src := []byte(md)
	return previewBlocks(p.md.Parser().Parse(textReader(md)), src)
}

// markdownRuns is a line of inline markdown (an option, a feedback) as
// runs; nil when it is empty. Text that does not parse as a paragraph
// ("1. x", "# x") shows as it is written.
func markdownRuns(p parsed, md string) []Run {
	if strings.TrimSpace(md) == "" {
		return nil
	}
	if bs := markdownBlocks(p, md); len(bs) == 1 && bs[0].Kind == BlockParagraph {
		return bs[0].Runs
	}
	return []Run{{Kind: RunText, Text: md}}
}

// questionAt says whether a top-level node starting at off is part of a
// question: the question, and whether it is the question's first node.
func questionAt(qs []placedQuestion, off int, ok bool) (*PreviewQuestion, bool, bool) {
	if !ok {
		return nil, false, false
	}
	for i := range qs {
		if qs[i].start <= off && off < qs[i].end {
			first := !qs[i].shown
			qs[i].shown = true
			return qs[i].q, first, true
		}
	}
	return nil, false, false
}
