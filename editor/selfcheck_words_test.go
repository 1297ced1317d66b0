package editor

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/course/selfcheck"
)

// selfCheckWordKeys are the translation keys of a self-check syntax
// error's words: one per code, and a second for a blank line in an
// option's feedback rather than in its text.
func selfCheckWordKeys() map[string]string {
	keys := map[string]string{}
	for _, c := range append(slices.Clone(selfcheck.Codes), selfcheck.CodeNested) {
		keys["diagnostic."+c] = c
	}
	keys["diagnostic."+selfcheck.CodeBlankLine+"-feedback"] = selfcheck.CodeBlankLine
	return keys
}

// TestEverySelfCheckCodeHasWords: every code a self-check question's
// markdown can fail with has its words in every interface language, with
// the English words' placeholders and no other, and the app shows them
// with their values (not the library's English).
func TestEverySelfCheckCodeHasWords(t *testing.T) {
	if len(selfcheck.Codes) < 26 {
		t.Fatalf("selfcheck.Codes lists only %d codes", len(selfcheck.Codes))
	}
	en := readTranslations(t, "en")
	for _, l := range []string{"en", "es", "de", "fr"} {
		tr := readTranslations(t, l)
		w := WordingIn(l)
		for key, code := range selfCheckWordKeys() {
			english, _ := en[key].(string)
			words, _ := tr[key].(string)
			if strings.TrimSpace(english) == "" || strings.TrimSpace(words) == "" {
				t.Errorf("%s.json: self-check code %q has no words (%s)", l, code, key)
				continue
			}
			if l != "en" && words == english {
				t.Errorf("%s.json: %s is still the English %q", l, key, english)
			}
			if got, want := placeholders(words), placeholders(english); !slices.Equal(got, want) {
				t.Errorf("%s.json: %s names %v, English %v", l, key, got, want)
			}
			args := map[string]string{}
			for _, p := range placeholders(english) {
				args[p] = "‹" + p + "›"
			}
			if strings.HasSuffix(key, "-feedback") {
				args["Field"] = "feedback"
			}
			got := selfCheckProblem(w, code, args, "library words")
			want := words
			for p, v := range args {
				want = strings.ReplaceAll(want, "{{."+p+"}}", v)
			}
			if got != want {
				t.Errorf("%s: code %q (%s) shows %q, want %q", l, code, key, got, want)
			}
		}
	}
}

// The values the words name are the ones the library gives: every place
// in course/selfcheck that makes a syntax error of a code passes each
// argument its words use (a renamed argument would leave a placeholder
// empty in every language).
func TestSelfCheckWordsUseTheLibrarysArgs(t *testing.T) {
	en := readTranslations(t, "en")
	fset := token.NewFileSet()
	codeOf := map[string]string{} // constant name → code
	var sites []*ast.CallExpr
	for _, file := range parseSources(t, fset, filepath.Join("..", "course", "selfcheck")) {
		ast.Inspect(file, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.ValueSpec:
				for i, name := range x.Names {
					if i < len(x.Values) && strings.HasPrefix(name.Name, "Code") {
						if lit, ok := x.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							codeOf[name.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			case *ast.CallExpr:
				if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "syntaxError" && len(x.Args) >= 3 {
					sites = append(sites, x)
				}
			}
			return true
		})
	}
	if len(sites) < 30 {
		t.Fatalf("found only %d syntax errors in course/selfcheck: is the parse right?", len(sites))
	}
	for _, call := range sites {
		where := fset.Position(call.Pos())
		id, ok := call.Args[1].(*ast.Ident)
		if !ok || codeOf[id.Name] == "" {
			t.Errorf("%s: the code is not a constant of the package", where)
			continue
		}
		code := codeOf[id.Name]
		given := map[string]string{}
		for i := 3; i+1 < len(call.Args); i += 2 {
			lit, ok := call.Args[i].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: an argument name is not a literal string", where)
				continue
			}
			name, _ := strconv.Unquote(lit.Value)
			given[name] = ""
			if v, ok := call.Args[i+1].(*ast.BasicLit); ok {
				given[name], _ = strconv.Unquote(v.Value)
			}
		}
		key := "diagnostic." + code
		if code == selfcheck.CodeBlankLine && given["Field"] == "feedback" {
			key += "-feedback"
		}
		english, _ := en[key].(string)
		if english == "" {
			t.Errorf("%s: code %q has no words", where, code)
			continue
		}
		for _, p := range placeholders(english) {
			if _, ok := given[p]; !ok {
				t.Errorf("%s: the words of %q use {{.%s}}, which this syntax error does not give (it gives %v)", where, code, p, given)
			}
		}
	}
}

// The self-check-invalid diagnostic names what is wrong in the interface
// language too, not only its first half: a Spanish problem list read
// "…se muestra como texto simple: Answer 7 is not an option number".
func TestSelfCheckDiagnosticInSpanish(t *testing.T) {
	broken := strings.Replace(editable, "Answer: 2", "Answer: 7", 1)
	blocks := selfcheck.Find(broken)
	if len(blocks) != 1 || blocks[0].Err == nil || blocks[0].Err.Code != selfcheck.CodeAnswerRange {
		t.Fatalf("blocks %+v; want one with %s", blocks, selfcheck.CodeAnswerRange)
	}
	d := course.SelfCheckDiagnostic("modules/setup/page.md", 13, 1, blocks[0].Err)
	msg, hint := diagnosticWords(WordingIn("es"), d)
	want := "la pregunta de autoevaluación 1 no se puede leer, así que se muestra como texto simple: la respuesta 7 no es un número de opción (de 1 a 3)"
	if msg != want {
		t.Errorf("message %q\nwant    %q", msg, want)
	}
	if !strings.HasPrefix(hint, "escríbela") {
		t.Errorf("hint %q", hint)
	}
	// The CLI's English is the library's, unchanged.
	if !strings.Contains(d.Message, "Answer 7 is not an option number (1 to 3)") {
		t.Errorf("the library's English message %q", d.Message)
	}
	// A question nested in a list, which render reports, too.
	nested := course.Diagnostic{Code: course.CodeSelfCheckInvalid, Args: map[string]string{"Number": "2", "Syntax": selfcheck.CodeNested, "Problem": "the question is inside a list"}}
	if msg, _ := diagnosticWords(WordingIn("de"), nested); !strings.HasSuffix(msg, "die Frage steht in einer Liste oder einem Zitat: eine Frage steht für sich, ihre Markierungen am Anfang ihrer Zeilen") {
		t.Errorf("nested, in German: %q", msg)
	}
}

// A broken question opened in a Spanish interface: the form names what is
// wrong in Spanish, both what could not be read of the page's markdown
// and, once the author edits it, what keeps OK from writing it.
func TestSelfCheckFormProblemInSpanish(t *testing.T) {
	// Registered before t.Setenv, this cleanup runs after LANGUAGE is
	// put back: Fyne's translations follow it again.
	t.Cleanup(func() { _ = RegisterTranslations() })
	t.Setenv("LANGUAGE", "es")
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(editable, "Answer: 2", "Answer: 7", 1)
	v := openSelfCheckPage(t, broken, strings.Index(broken, "Who leads"))
	v.SetLanguage("es")
	f := formIn(t, v)
	want := "Línea 13: la respuesta 7 no es un número de opción (de 1 a 3). El formulario muestra lo que se pudo leer; Aceptar escribe la pregunta completa en su lugar."
	if !f.ReadError.Visible() || f.ReadError.Text != want {
		t.Fatalf("read error %q (shown %v)\nwant       %q", f.ReadError.Text, f.ReadError.Visible(), want)
	}
	// A closing marker in the question's text: the form's own checks
	// pass, the question's Validate does not.
	f.Options[1].Correct.SetChecked(true)
	f.Prompt.SetText("¿Quién dirige un círculo de aprendizaje?\n<!-- /self-check -->")
	want = "El texto de la pregunta no puede contener una marca de autoevaluación ni una línea <details>: «<!-- /self-check -->»."
	if !f.Problem.Visible() || f.Problem.Text != want || !f.OK.Disabled() {
		t.Fatalf("problem %q (shown %v, OK disabled %v)\nwant    %q", f.Problem.Text, f.Problem.Visible(), f.OK.Disabled(), want)
	}
}
