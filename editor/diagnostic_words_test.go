package editor

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
)

// diagnosticCodes finds every course.Code constant the library packages
// declare, by reading their source: a code added without words fails
// TestEveryDiagnosticCodeHasWords.
func diagnosticCodes(t *testing.T) map[course.Code]string {
	t.Helper()
	out := map[course.Code]string{}
	eachCodeConstant(t, func(_, value, pos string) { out[course.Code(value)] = pos })
	return out
}

// eachCodeConstant calls found with the name, value and position of every
// course.Code constant declared in the library packages' sources.
func eachCodeConstant(t *testing.T, found func(name, value, pos string)) {
	t.Helper()
	fset := token.NewFileSet()
	for _, dir := range []string{"course", "render", "publish", "preview", "adapt", "repo"} {
		for _, file := range parseSources(t, fset, filepath.Join("..", dir)) {
			for _, decl := range file.Decls {
				gd, ok := decl.(*ast.GenDecl)
				if !ok || gd.Tok != token.CONST {
					continue
				}
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					if !isCodeType(vs.Type) {
						continue
					}
					for i, v := range vs.Values {
						lit, ok := v.(*ast.BasicLit)
						if !ok || lit.Kind != token.STRING {
							t.Fatalf("%s: %s is not a string literal", fset.Position(v.Pos()), vs.Names[i].Name)
						}
						s, _ := strconv.Unquote(lit.Value)
						found(vs.Names[i].Name, s, fset.Position(v.Pos()).String())
					}
				}
			}
		}
	}
}

func isCodeType(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name == "Code"
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		return ok && id.Name == "course" && x.Sel.Name == "Code"
	}
	return false
}

// TestEveryDiagnosticCodeHasWords: every diagnostic code has its words
// and its hint in every interface language, and the app shows them.
func TestEveryDiagnosticCodeHasWords(t *testing.T) {
	codes := diagnosticCodes(t)
	if len(codes) < 70 {
		t.Fatalf("found only %d diagnostic codes: is the parse right?", len(codes))
	}
	for _, l := range []string{"en", "es", "de", "fr"} {
		tr := readTranslations(t, l)
		// The language is handed over, not taken from the environment.
		w := WordingIn(l)
		for code, where := range codes {
			key := "diagnostic." + string(code)
			msg, _ := tr[key].(string)
			hint, _ := tr[key+".hint"].(string)
			if strings.TrimSpace(msg) == "" || strings.TrimSpace(hint) == "" {
				t.Errorf("%s.json: code %q (%s) has no words or no hint", l, code, where)
				continue
			}
			// Each argument the words name gets a value of its own,
			// which must show.
			args := map[string]string{}
			for _, p := range placeholders(msg) {
				args[p] = "‹" + p + "›"
			}
			gotMsg, gotHint := diagnosticWords(w, course.Diagnostic{Code: code, Message: "library words", Hint: "library hint", Args: args})
			for _, v := range args {
				if !strings.Contains(gotMsg, v) {
					t.Errorf("%s: code %q shows %q, without its argument %s", l, code, gotMsg, v)
				}
			}
			if gotMsg == "library words" || gotHint == "library hint" {
				t.Errorf("%s: the app has no words for code %q (%s)", l, code, where)
				continue
			}
			if len(placeholders(msg)) == 0 && gotMsg != msg {
				t.Errorf("%s: code %q shows %q, not its translation %q", l, code, gotMsg, msg)
			}
			if gotHint != hint {
				t.Errorf("%s: code %q hint %q, want %q", l, code, gotHint, hint)
			}
		}
	}
}
