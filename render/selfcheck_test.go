package render

import (
	"encoding/json"
	"html"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/course/selfcheck"
	"github.com/rogpeppe/go-internal/txtar"
)

func renderCase(t *testing.T, name string) Output {
	t.Helper()
	c, err := course.Load("testdata/course")
	if err != nil {
		t.Fatal(err)
	}
	ar, err := txtar.ParseFile("testdata/cases/" + name + ".txtar")
	if err != nil {
		t.Fatal(err)
	}
	return New(Options{}).Render(Input{Course: c, Page: c.Module("intro").Page("next"), Source: string(ar.Files[0].Data), File: "input.md", Line: 1})
}

// Output.Questions holds each whole question with its parts rendered,
// for the exports; a question with a syntax error is not among them but
// keeps its number, and is an error at its line.
func TestRenderedQuestions(t *testing.T) {
	out := renderCase(t, "self-check-one")
	if len(out.Questions) != 1 {
		t.Fatalf("%d questions, want 1", len(out.Questions))
	}
	q := out.Questions[0]
	want := RenderedQuestion{
		Question:        q.Question,
		Number:          1,
		PromptHTML:      "<p><strong>Who leads a learning circle?</strong> See <a href=\"/modules/intro/welcome/\">the welcome</a>.</p>\n",
		OptionsHTML:     []string{"An expert teacher", "A facilitator who is a <em>peer</em>", "The library director"},
		FeedbackHTML:    []string{"Not quite: learning circles have no teacher.", "Right: the facilitator is a peer who keeps the group going.", "No: the library hosts the circle but does not lead it."},
		HintHTML:        "<p>Think about who organises the meetings.</p>\n",
		ExplanationHTML: "<p>A learning circle is led by a peer facilitator.</p>\n<p>A second paragraph alert(1) of explanation.</p>\n",
	}
	if !reflect.DeepEqual(q, want) {
		t.Errorf("rendered question:\n got %#v\nwant %#v", q, want)
	}
	if q.Question.Kind != selfcheck.One || !q.Question.Options[1].Correct {
		t.Errorf("question model: %+v", q.Question)
	}

	out = renderCase(t, "self-check-error")
	if len(out.Questions) != 1 || out.Questions[0].Number != 2 || out.Questions[0].Question.Kind != selfcheck.TrueFalse {
		t.Fatalf("questions of the error case: %+v", out.Questions)
	}
	var errs []course.Diagnostic
	for _, d := range out.Diagnostics {
		if d.Severity == course.SeverityError {
			errs = append(errs, d)
		}
	}
	if len(errs) != 1 || errs[0].Code != course.CodeSelfCheckInvalid || errs[0].Line != 12 || errs[0].File != "input.md" ||
		errs[0].Args["Syntax"] != selfcheck.CodeAnswerRange || errs[0].Args["Number"] != "1" {
		t.Errorf("errors: %+v; want one %s at input.md:12 for question 1", errs, course.CodeSelfCheckInvalid)
	}
	// Shown as plain markdown: the question and its options are readable
	// text, the answer stays inside a closed <details>; no form.
	if strings.Contains(out.HTML, `id="self-check-1"`) || !strings.Contains(out.HTML, "<li>An expert teacher</li>") ||
		!regexp.MustCompile(`(?s)<details>\s*<summary>Answer</summary>.*Answer: 4.*</details>`).MatchString(out.HTML) {
		t.Errorf("the question with an error is not plain markdown:\n%s", out.HTML)
	}
}

// The static words and the script's strings are the course language's.
func TestSelfCheckWords(t *testing.T) {
	for lang, words := range selfCheckTexts {
		var check func(v reflect.Value, path string)
		check = func(v reflect.Value, path string) {
			for i := 0; i < v.NumField(); i++ {
				f := v.Field(i)
				if f.Kind() == reflect.Struct {
					check(f, path+v.Type().Field(i).Name+".")
					continue
				}
				if strings.TrimSpace(f.String()) == "" {
					t.Errorf("%s: %s%s is empty", lang, path, v.Type().Field(i).Name)
				}
			}
		}
		check(reflect.ValueOf(*words), "")
		if !strings.Contains(words.Question, "%d") || !strings.Contains(words.Script.Score, "{right}") ||
			!strings.Contains(words.Script.Score, "{total}") || !strings.Contains(words.Script.CorrectAnswerWas, "{answer}") {
			t.Errorf("%s: a placeholder is missing: %+v", lang, words)
		}
	}
	for tag, want := range map[string]string{"es": "Pregunta %d", "de-AT": "Frage %d", "fr_CA": "Question %d", "pt": "Question %d", "": "Question %d"} {
		if got := selfCheckTextFor(tag).Question; got != want {
			t.Errorf("selfCheckTextFor(%q).Question = %q, want %q", tag, got, want)
		}
	}
	q := RenderedQuestion{Question: selfcheck.Question{Kind: selfcheck.TrueFalse, Options: []selfcheck.Option{{Text: "True", Correct: true}, {Text: "False"}}},
		Number: 3, OptionsHTML: []string{"Verdadero", "Falso"}, FeedbackHTML: []string{"", ""}}
	form := selfCheckForm(q, "¿Sí?", "", selfCheckTextFor("es"))
	for _, w := range []string{">Pregunta 3<", "<summary>Respuesta</summary>", ">Correcto<", ">Incorrecto<", ">Comprobar</button>"} {
		if !strings.Contains(form, w) {
			t.Errorf("Spanish form lacks %q:\n%s", w, form)
		}
	}
	m := regexp.MustCompile(`data-strings="([^"]*)"`).FindStringSubmatch(form)
	var strs map[string]string
	if m == nil || json.Unmarshal([]byte(html.UnescapeString(m[1])), &strs) != nil {
		t.Fatalf("data-strings is not JSON: %v", m)
	}
	keys := []string{"check", "tryAgain", "right", "notRight", "correctAnswerWas", "score", "moveUp", "moveDown", "chooseOne", "chooseSeveral", "answerRequired"}
	for _, k := range keys {
		if strs[k] == "" {
			t.Errorf("data-strings has no %s: %v", k, strs)
		}
	}
	if len(strs) != len(keys) || strs["tryAgain"] != "Intentar de nuevo" {
		t.Errorf("data-strings = %v", strs)
	}
}

// A question's markdown goes through the page's sanitiser: an author
// cannot slip a script or a form control in through an option.
func TestSelfCheckPartsAreSanitised(t *testing.T) {
	src := "<!-- self-check -->\nQ <img src=x onerror=alert(1)>?\n\n1. <input type=\"text\" name=\"x\"> a\n2. [b](javascript:alert(1))\n\n<details markdown=\"1\">\nAnswer: 1\n</details>\n<!-- /self-check -->\n"
	out := New(Options{}).Render(Input{Source: src, File: "p.md", Line: 1})
	for _, bad := range []string{"onerror", "javascript:", `name="x"`} {
		if strings.Contains(out.HTML, bad) {
			t.Errorf("%q survived:\n%s", bad, out.HTML)
		}
	}
	if len(out.Questions) != 1 || len(out.Diagnostics) == 0 {
		t.Errorf("questions %d, diagnostics %v", len(out.Questions), out.Diagnostics)
	}
	for _, d := range out.Diagnostics {
		if d.Line < 1 || d.Line > 10 {
			t.Errorf("a removal in a question is reported at line %d, outside the question (lines 1 to 10): %v", d.Line, d)
		}
	}
}

// A question right after a paragraph, right before one, at the very end
// of a page without a final line break, or in a list (not a question
// there: Find reads only the top level) renders as it should.
func TestSelfCheckPlacesInAPage(t *testing.T) {
	q := "<!-- self-check -->\nQ?\n<details markdown=\"1\">\nAnswer: true\n</details>\n<!-- /self-check -->"
	tests := []struct {
		name, src string
		forms     int
		want      []string
	}{
		{"after and before text", "Before.\n" + q + "\nAfter.\n", 1, []string{"<p>Before.</p>", "<p>After.</p>"}},
		{"end of page", "Text.\n\n" + q, 1, []string{"<p>Text.</p>"}},
		{"two in a row", q + "\n" + q + "\n", 2, []string{`id="self-check-2"`}},
		{"in a list item: an error, plain markdown", "1. Item\n\n   " + strings.ReplaceAll(q, "\n", "\n   ") + "\n", 0, []string{"<li>"}},
		{"CRLF", strings.ReplaceAll("A.\n\n"+q+"\n\nB.\n", "\n", "\r\n"), 1, []string{"<p>B.</p>"}},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := r.Render(Input{Source: tt.src, File: "p.md", Line: 1})
			if n := strings.Count(out.HTML, "<form class=\"self-check\""); n != tt.forms || len(out.Questions) != tt.forms {
				t.Errorf("%d forms, %d questions; want %d:\n%s", n, len(out.Questions), tt.forms, out.HTML)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.HTML, w) {
					t.Errorf("no %q in\n%s", w, out.HTML)
				}
			}
			if tt.forms == 0 {
				if len(out.Diagnostics) != 1 || out.Diagnostics[0].Code != course.CodeSelfCheckInvalid || out.Diagnostics[0].Line != 3 {
					t.Errorf("diagnostics %v; want self-check-invalid at line 3", out.Diagnostics)
				}
				return
			}
			if strings.Contains(out.HTML, "Answer: true") || strings.Contains(out.HTML, "<!--self-check:") {
				t.Errorf("the block's markdown or a placeholder leaked:\n%s", out.HTML)
			}
		})
	}
}
