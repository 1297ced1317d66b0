package editor

import (
	"encoding/json"
	"go/ast"
	"go/token"
	"image"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/uitest"
)

var placeholderRE = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// readTranslations reads translations/<lang>.json: each value is a string,
// or for plurals an object of CLDR forms.
func readTranslations(t *testing.T, lang string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("translations", lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s.json: %v", lang, err)
	}
	return m
}

// TestTranslationsComplete checks every language has every key, with the
// same placeholders as the English text, and every string the code
// translates is a key.
func TestTranslationsComplete(t *testing.T) {
	langs := []string{"en", "es", "de", "fr"}
	en := readTranslations(t, "en")
	for _, l := range langs {
		tr := readTranslations(t, l)
		for key := range en {
			v, ok := tr[key]
			if !ok {
				t.Errorf("%s.json lacks %q", l, key)
				continue
			}
			want := placeholders(key)
			if strings.HasPrefix(key, "diagnostic.") {
				// A diagnostic's words are keyed by its code (lang.X): the
				// English text has the placeholders.
				want = placeholders(en[key].(string))
			}
			var forms []string
			switch v := v.(type) {
			case string:
				forms = []string{v}
			case map[string]any:
				if _, ok := v["other"]; !ok {
					t.Errorf("%s.json: plural %q has no \"other\" form", l, key)
				}
				for _, f := range v {
					s, _ := f.(string)
					forms = append(forms, s)
				}
			default:
				t.Errorf("%s.json: %q is a %T", l, key, v)
			}
			for _, f := range forms {
				if strings.TrimSpace(f) == "" {
					t.Errorf("%s.json: %q is empty", l, key)
				}
				if got := placeholders(f); !slices.Equal(got, want) {
					t.Errorf("%s.json: %q has placeholders %v, want %v", l, f, got, want)
				}
			}
		}
		for key := range tr {
			if _, ok := en[key]; !ok {
				t.Errorf("%s.json has %q, which en.json lacks", l, key)
			}
		}
	}

	used := map[string]bool{}
	for _, dir := range []string{".", filepath.Join("..", "app")} {
		for key, pos := range translatedStrings(t, dir) {
			used[key] = true
			if _, ok := en[key]; !ok {
				t.Errorf("%s: %q is not in translations/en.json", pos, key)
			}
		}
	}
	for key := range en {
		if !used[key] {
			t.Errorf("en.json has %q, which no code uses", key)
		}
	}
}

// translatedStrings finds the literal first arguments of lang.L, lang.N
// and lang.X (its key) calls in a package's non-test files, and of the
// same calls on a Wording (named w, or a view's words).
func translatedStrings(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, file := range parseSources(t, fset, dir) {
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if !slices.Contains([]string{"L", "N", "X"}, sel.Sel.Name) || !translator(sel.X) {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: lang.%s with a key that is not a literal string", fset.Position(call.Pos()), sel.Sel.Name)
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			out[s] = fset.Position(lit.Pos()).String()
			return true
		})
	}
	return out
}

// TestSpanishInterface shows the settings form and the guide editor in
// Spanish and checks they are drawn (not blank).
func TestSpanishInterface(t *testing.T) {
	uitest.NewApp(t)
	// Registered before t.Setenv, this cleanup runs after LANGUAGE is
	// put back: Fyne's translations follow it again.
	t.Cleanup(func() { _ = RegisterTranslations() })
	t.Setenv("LANGUAGE", "es")
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
	dir := corpusCourse(t, "course-in-a-box")
	v, _ := openView(t, dir, &fakePrompt{t: t})
	f := NewSettingsForm(v)
	w := test.NewTempWindow(t, f.Content)
	w.Resize(fyne.NewSize(700, 700))
	if f.SaveBtn.Text != "Guardar ajustes" || !strings.HasPrefix(f.Contrast.Text, "El texto del encabezado será") {
		t.Fatalf("not in Spanish: %q, %q", f.SaveBtn.Text, f.Contrast.Text)
	}
	f.Meetings.SetText("seis")
	if err := f.Meetings.Validate(); err == nil {
		t.Fatal("\"seis\" accepted")
	}
	if !strings.HasPrefix(f.License.Options[1], "Otros pueden adaptarlo y compartirlo") {
		t.Fatalf("license chooser not in Spanish: %q", f.License.Options[1])
	}
	if n, _ := f.Save(); n != 0 {
		t.Fatal("saved with an invalid field")
	}
	if img := w.Canvas().Capture(); blank(img) {
		t.Fatal("the Spanish settings form is blank")
	}
	// A problem the course check finds is told in Spanish, hint and all.
	page := v.Course().Modules[0].Pages[0]
	page.SetBody(page.Body() + "\n[a link](no-such-page/)\n")
	var broken *course.Diagnostic
	for _, d := range course.Check(v.Course()) {
		if d.Code == course.CodeLinkBroken && d.File == page.Path {
			broken = &d
		}
	}
	if broken == nil {
		t.Fatal("the check found no broken link")
	}
	want := "línea " + strconv.Itoa(broken.Line) + ": el enlace no-such-page/ no lleva a ninguna parte — corrige el enlace, o añade la página o el archivo al que apunta"
	// The view speaks the language the app hands it, not the
	// environment's: English until told, Spanish once told.
	if got := problemLine(v.Wording(), *broken); !strings.HasPrefix(got, "line ") {
		t.Fatalf("the view's problems before SetLanguage: %q", got)
	}
	v.SetLanguage("es")
	if got := problemLine(v.Wording(), *broken); got != want {
		t.Fatalf("the problem in Spanish:\n got  %q\nwant %q", got, want)
	}

	g := NewGuideEditor(v)
	if g.AddMeetingBtn.Text != "Añadir encuentro" || AgendaTotalMessage(75, 90) != "Total: 75 de 90 minutos — atención: 15 minutos sin planificar" {
		t.Fatalf("guide editor not in Spanish: %q, %q", g.AddMeetingBtn.Text, AgendaTotalMessage(75, 90))
	}
}

// translator says whether x is what translations are asked of: Fyne's
// lang package, or a Wording (by the names the code gives one).
func translator(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Ident:
		return x.Name == "lang" || x.Name == "w" || x.Name == "words"
	case *ast.SelectorExpr:
		return x.Sel.Name == "words"
	}
	return false
}

// blank reports whether an image is one colour.
func blank(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	r0, g0, b0, _ := first.RGBA()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r != r0 || g != g0 || bl != b0 {
				return false
			}
		}
	}
	return true
}

// The publish dialog's list of problems gives each one's hint too.
func TestCheckSummaryShowsHints(t *testing.T) {
	uitest.NewApp(t)
	s := CheckSummary(Wording{}, []course.Diagnostic{{File: "index.md", Line: 4, Severity: course.SeverityWarning,
		Code: course.CodeLinkBroken, Args: map[string]string{"Target": "nowhere/"}, Message: "english", Hint: "english hint"}}, 8)
	if !strings.Contains(s, "index.md:4: the link nowhere/ leads nowhere — fix the link, or add the page or file it points to") {
		t.Errorf("summary:\n%s", s)
	}
}
