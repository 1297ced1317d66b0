package editor

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course/selfcheck"
	"github.com/coursewright/coursewright/render"
)

// The preview shows a self-check question as learners see it on the site
// without its script: the prompt, the options with a round (one answer)
// or square (several) marker, a box for a short answer, the list to put
// in order, and a closed "Answer" (and "Hint") that the author can open
// to read the key and the feedback.

// Option markers, as the site's radio buttons and checkboxes look.
const (
	markOne     = "○ "
	markSeveral = "☐ "
)

// QuestionBox is a question in the preview.
type QuestionBox struct {
	widget.BaseWidget
	Q *render.PreviewQuestion
	// Reveal holds the closed Hint (when there is one) and Answer.
	Reveal  *widget.Accordion
	content fyne.CanvasObject
}

func (b *previewBuilder) question(q *render.PreviewQuestion) fyne.CanvasObject {
	box := &QuestionBox{Q: q}
	head := widget.NewLabelWithStyle(b.ctx.words.L("Question {{.N}}", map[string]any{"N": q.Number}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	items := []fyne.CanvasObject{head}
	items = append(items, buildBlocks(q.Prompt, b.ctx)...)
	switch q.Kind {
	case selfcheck.One, selfcheck.Several:
		mark := markOne
		if q.Kind == selfcheck.Several {
			mark = markSeveral
		}
		items = append(items, b.marked(mark, q.Options))
	case selfcheck.TrueFalse:
		items = append(items, b.marked(markOne, b.trueFalse()))
	case selfcheck.Short:
		items = append(items, b.answerBox())
	case selfcheck.Order:
		items = append(items, b.numbered(q.Options))
	}
	box.Reveal = widget.NewAccordion()
	if len(q.Hint) > 0 {
		box.Reveal.Append(widget.NewAccordionItem(b.ctx.words.L("Hint"), container.NewVBox(buildBlocks(q.Hint, b.ctx)...)))
	}
	box.Reveal.Append(widget.NewAccordionItem(b.ctx.words.L("Answer"), b.key(q)))
	items = append(items, box.Reveal)

	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	box.content = container.NewStack(bg, container.NewPadded(container.NewVBox(items...)))
	box.ExtendBaseWidget(box)
	return box
}

func (b *QuestionBox) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.content)
}

// trueFalse is the options of a true-false question, in the interface's
// words.
func (b *previewBuilder) trueFalse() [][]render.Run {
	return [][]render.Run{{{Kind: render.RunText, Text: b.ctx.words.L("True")}}, {{Kind: render.RunText, Text: b.ctx.words.L("False")}}}
}

// marked is options, one a line, each after its marker.
func (b *previewBuilder) marked(mark string, options [][]render.Run) fyne.CanvasObject {
	var segs []widget.RichTextSegment
	for _, o := range options {
		segs = append(segs, &widget.TextSegment{Style: inlineStyle(fyne.TextStyle{Bold: true}), Text: mark})
		segs = append(segs, b.inlines(o, fyne.TextStyle{})...)
		segs = append(segs, &widget.TextSegment{Style: paragraphEnd})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// numbered is a numbered list of options.
func (b *previewBuilder) numbered(options [][]render.Run) fyne.CanvasObject {
	seg := &widget.ListSegment{Ordered: true}
	for _, o := range options {
		seg.Items = append(seg.Items, &widget.ParagraphSegment{Texts: b.inlines(o, fyne.TextStyle{})})
	}
	rt := widget.NewRichText(seg)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// answerBox stands for the field a learner types a short answer in.
func (b *previewBuilder) answerBox() fyne.CanvasObject {
	frame := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	frame.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	frame.StrokeWidth = 1
	frame.CornerRadius = theme.InputRadiusSize()
	l := widget.NewLabel(b.ctx.words.L("Your answer"))
	l.Importance = widget.LowImportance
	return container.NewStack(frame, l)
}

// key is what the closed Answer holds: each option's verdict and
// feedback, the accepted answers, or the right order; then the
// explanation.
func (b *previewBuilder) key(q *render.PreviewQuestion) fyne.CanvasObject {
	var items []fyne.CanvasObject
	switch q.Kind {
	case selfcheck.One, selfcheck.Several, selfcheck.TrueFalse:
		options := q.Options
		if q.Kind == selfcheck.TrueFalse {
			options = b.trueFalse()
		}
		var segs []widget.RichTextSegment
		for i, o := range options {
			verdict := "✗ " + b.ctx.words.L("Not right") + ": "
			if i < len(q.Correct) && q.Correct[i] {
				verdict = "✓ " + b.ctx.words.L("Right") + ": "
			}
			segs = append(segs, &widget.TextSegment{Style: inlineStyle(fyne.TextStyle{Bold: true}), Text: verdict})
			segs = append(segs, b.inlines(o, fyne.TextStyle{})...)
			if i < len(q.Feedback) && len(q.Feedback[i]) > 0 {
				segs = append(segs, &widget.TextSegment{Style: inlineStyle(fyne.TextStyle{}), Text: " — "})
				segs = append(segs, b.inlines(q.Feedback[i], fyne.TextStyle{Italic: true})...)
			}
			segs = append(segs, &widget.TextSegment{Style: paragraphEnd})
		}
		rt := widget.NewRichText(segs...)
		rt.Wrapping = fyne.TextWrapWord
		items = append(items, rt)
	case selfcheck.Short:
		l := widget.NewLabel(b.ctx.words.L("Accepted answers: {{.Answers}}", map[string]any{"Answers": strings.Join(q.Accept, ", ")}))
		l.Wrapping = fyne.TextWrapWord
		items = append(items, l)
		if q.Pattern != "" {
			items = append(items, widget.NewLabel(b.ctx.words.L("Or an answer matching {{.Pattern}}", map[string]any{"Pattern": q.Pattern})))
		}
	case selfcheck.Order:
		items = append(items, widget.NewLabelWithStyle(b.ctx.words.L("Right order"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		var right [][]render.Run
		for _, k := range q.Order {
			if k >= 0 && k < len(q.Options) {
				right = append(right, q.Options[k])
			}
		}
		items = append(items, b.numbered(right))
	}
	items = append(items, buildBlocks(q.Explanation, b.ctx)...)
	return container.NewVBox(items...)
}
