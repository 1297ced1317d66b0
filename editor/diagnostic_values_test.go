package editor

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/course"
)

// A diagnosticSite is one place in a library package that makes a
// Diagnostic of a given code, as its source reads.
type diagnosticSite struct {
	where string
	// valued: the English message names a value of its own (a file, a
	// module, a size…): it is made with fmt.Sprintf, a concatenation or a
	// variable, not only from fixed text and an error's own text.
	valued bool
	// args are the names of the Args it gives; argsKnown is false when
	// they are passed on from elsewhere (args...), which the source alone
	// does not tell.
	args      []string
	argsKnown bool
}

// diagnosticWrapper is a function that makes a Diagnostic from its
// arguments: the code first, the English message at msg.
type diagnosticWrapper struct {
	msg      int
	fixed    int  // parameters before the variadic args
	variadic bool // takes name, value pairs for Args
}

// diagnosticSites reads the library packages and finds, for each code,
// every place that makes a diagnostic of it: a call of a function whose
// first parameter is a Code and which has a msg parameter, or a
// Diagnostic literal.
func diagnosticSites(t *testing.T) map[course.Code][]diagnosticSite {
	t.Helper()
	constants := codeConstantNames(t)
	out := map[course.Code][]diagnosticSite{}
	fset := token.NewFileSet()
	for _, dir := range []string{"course", "render", "publish", "preview", "adapt", "repo"} {
		files := parseSources(t, fset, filepath.Join("..", dir))
		pkgWrappers := map[string]diagnosticWrapper{}
		for _, f := range files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if w, ok := wrapperOf(fd.Type); ok {
						pkgWrappers[fd.Name.Name] = w
					}
				}
			}
		}
		for _, f := range files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				local := map[string]diagnosticWrapper{}
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
						if fl, ok := as.Rhs[0].(*ast.FuncLit); ok {
							if w, ok := wrapperOf(fl.Type); ok {
								local[as.Lhs[0].(*ast.Ident).Name] = w
							}
						}
					}
					return true
				})
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					switch x := n.(type) {
					case *ast.CallExpr:
						sitesOfCall(fset, constants, fd, x, local, pkgWrappers, out)
					case *ast.CompositeLit:
						sitesOfLiteral(fset, constants, fd, x, out)
					}
					return true
				})
			}
		}
	}
	return out
}

// wrapperOf says whether a function of type ft makes diagnostics: its
// first parameter is a Code and one is named msg.
func wrapperOf(ft *ast.FuncType) (diagnosticWrapper, bool) {
	var w diagnosticWrapper
	if ft.Params == nil || len(ft.Params.List) == 0 || !isCodeType(ft.Params.List[0].Type) {
		return w, false
	}
	w.msg = -1
	i := 0
	for _, field := range ft.Params.List {
		if _, ok := field.Type.(*ast.Ellipsis); ok {
			w.variadic = true
			continue
		}
		for _, n := range field.Names {
			if n.Name == "msg" {
				w.msg = i
			}
			i++
		}
	}
	w.fixed = i
	return w, w.msg >= 0
}

func sitesOfCall(fset *token.FileSet, constants map[string]string, fd *ast.FuncDecl, call *ast.CallExpr, local, pkg map[string]diagnosticWrapper, out map[course.Code][]diagnosticSite) {
	if len(call.Args) == 0 {
		return
	}
	var name string
	switch f := call.Fun.(type) {
	case *ast.Ident:
		name = f.Name
	case *ast.SelectorExpr:
		name = f.Sel.Name
	default:
		return
	}
	w, ok := local[name]
	if !ok {
		if w, ok = pkg[name]; !ok {
			return
		}
	}
	codes := codesOf(constants, fd, call.Args[0])
	if len(codes) == 0 || w.msg >= len(call.Args) {
		return
	}
	s := diagnosticSite{where: fset.Position(call.Pos()).String(), valued: valued(fd, call.Args[w.msg]), argsKnown: true}
	if w.variadic && len(call.Args) > w.fixed {
		if call.Ellipsis.IsValid() {
			s.argsKnown = false
		} else {
			s.args, s.argsKnown = literalNames(call.Args[w.fixed:])
		}
	}
	for _, c := range codes {
		out[c] = append(out[c], s)
	}
}

func sitesOfLiteral(fset *token.FileSet, constants map[string]string, fd *ast.FuncDecl, lit *ast.CompositeLit, out map[course.Code][]diagnosticSite) {
	switch ty := lit.Type.(type) {
	case *ast.Ident:
		if ty.Name != "Diagnostic" {
			return
		}
	case *ast.SelectorExpr:
		if ty.Sel.Name != "Diagnostic" {
			return
		}
	default:
		return
	}
	var codes []course.Code
	s := diagnosticSite{where: fset.Position(lit.Pos()).String(), argsKnown: true}
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		switch kv.Key.(*ast.Ident).Name {
		case "Code":
			codes = codesOf(constants, fd, kv.Value)
		case "Message":
			s.valued = valued(fd, kv.Value)
		case "Args":
			s.argsKnown = false
			if c, ok := kv.Value.(*ast.CallExpr); ok && !c.Ellipsis.IsValid() {
				if n := funcName(c); n == "argMap" || n == "DiagnosticArgs" {
					s.args, s.argsKnown = literalNames(c.Args)
				}
			}
		}
	}
	for _, c := range codes {
		out[c] = append(out[c], s)
	}
}

// literalNames are the names of name, value pairs written out as string
// literals; ok is false when a name is not a literal.
func literalNames(pairs []ast.Expr) (names []string, ok bool) {
	for i := 0; i < len(pairs); i += 2 {
		lit, isLit := pairs[i].(*ast.BasicLit)
		if !isLit || lit.Kind != token.STRING {
			return nil, false
		}
		s, _ := strconv.Unquote(lit.Value)
		names = append(names, s)
	}
	return names, true
}

func funcName(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// codesOf is the codes e may be: a Code constant, or a variable that the
// function sets to Code constants.
func codesOf(constants map[string]string, fd *ast.FuncDecl, e ast.Expr) []course.Code {
	if c, ok := codeConstant(constants, e); ok {
		return []course.Code{c}
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	var out []course.Code
	values, _ := assignedTo(fd, id.Name)
	for _, v := range values {
		if c, ok := codeConstant(constants, v); ok {
			out = append(out, c)
		}
	}
	return out
}

// codeConstant is the code a constant's name stands for: CodeLinkBroken
// is "link-broken", by the naming rule the codes follow (checked against
// the declared codes by the test).
func codeConstant(constants map[string]string, e ast.Expr) (course.Code, bool) {
	var name string
	switch x := e.(type) {
	case *ast.Ident:
		name = x.Name
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); !ok || id.Name != "course" {
			return "", false
		}
		name = x.Sel.Name
	default:
		return "", false
	}
	if !strings.HasPrefix(name, "Code") || len(name) == len("Code") {
		return "", false
	}
	return course.Code(constants[name]), constants[name] != ""
}

// codeConstantNames reads the Code constants' names and values.
func codeConstantNames(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	eachCodeConstant(t, func(name, value, _ string) { out[name] = value })
	return out
}

// assignedTo is every value the function assigns to the variable name
// (with := or =, alone or in a tuple of as many values). opaque is true
// when it gets a value the source does not spell out: it is a parameter,
// a range variable, or one of several results of a call.
func assignedTo(fd *ast.FuncDecl, name string) (values []ast.Expr, opaque bool) {
	for _, f := range fd.Type.Params.List {
		for _, n := range f.Names {
			if n.Name == name {
				opaque = true
			}
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			for i, l := range x.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == name {
					if len(x.Lhs) == len(x.Rhs) {
						values = append(values, x.Rhs[i])
					} else {
						opaque = true
					}
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{x.Key, x.Value} {
				if id, ok := e.(*ast.Ident); ok && id.Name == name {
					opaque = true
				}
			}
		case *ast.ValueSpec:
			for i, id := range x.Names {
				if id.Name == name && i < len(x.Values) {
					values = append(values, x.Values[i])
				}
			}
		}
		return true
	})
	return values, opaque
}

// valued says whether a message expression names a value: anything but
// fixed text and the text of an error (an error's words are for logs;
// the diagnostic's File and Line already say where).
func valued(fd *ast.FuncDecl, e ast.Expr) bool {
	return valuedSeen(fd, e, map[string]bool{})
}

func valuedSeen(fd *ast.FuncDecl, e ast.Expr, seen map[string]bool) bool {
	switch x := e.(type) {
	case *ast.BasicLit:
		return false
	case *ast.ParenExpr:
		return valuedSeen(fd, x.X, seen)
	case *ast.BinaryExpr:
		return valuedSeen(fd, x.X, seen) || valuedSeen(fd, x.Y, seen)
	case *ast.CallExpr:
		if errorText(x) {
			return false
		}
		if funcName(x) == "Sprintf" {
			for _, a := range x.Args {
				if !errorText(a) && valuedSeen(fd, a, seen) {
					return true
				}
			}
			return false
		}
		return true
	case *ast.Ident:
		if x.Name == "err" || seen[x.Name] {
			return false
		}
		seen[x.Name] = true
		// A package constant, assigned nowhere here, is fixed text.
		vs, opaque := assignedTo(fd, x.Name)
		if opaque {
			return true
		}
		for _, v := range vs {
			if valuedSeen(fd, v, seen) {
				return true
			}
		}
		return false
	}
	return true
}

// errorText says whether e is an error's own words: err, x.Error(), or a
// function of an error's words (liquidMessage(err),
// strings.TrimPrefix(err.Error(), …)).
func errorText(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name == "err" || x.Name == "rerr"
	case *ast.CallExpr:
		if sel, ok := x.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Error" && len(x.Args) == 0 {
			return true
		}
		return len(x.Args) > 0 && errorText(x.Args[0])
	}
	return false
}

// TestDiagnosticWordsNameTheirValues: a code whose English message names
// a value (which file, which module, which size…) has words that name it
// too, in every interface language, from Args its diagnostics give.
// Without this the app says less than the CLI: "this module is listed
// twice" where the CLI says which.
func TestDiagnosticWordsNameTheirValues(t *testing.T) {
	sites := diagnosticSites(t)
	if len(sites) < 60 {
		t.Fatalf("found the sites of only %d codes: is the parse right?", len(sites))
	}
	// The varying part of these codes' English messages is the library's
	// own explanation (which limit a page passed, why a file looks like a
	// secret, what script an HTML file holds), not a value to quote:
	// their words describe the kind of problem, and naming the reason in
	// four languages would need a code for each reason.
	explained := map[course.Code]bool{
		course.CodeRenderLimit: true, course.CodeSecretLeftOut: true, course.CodeActiveMarkupLeftOut: true,
	}
	langs := []string{"en", "es", "de", "fr"}
	trs := map[string]map[string]any{}
	for _, l := range langs {
		trs[l] = readTranslations(t, l)
	}
	codes := make([]string, 0, len(sites))
	for c := range sites {
		codes = append(codes, string(c))
	}
	sort.Strings(codes)
	for _, code := range codes {
		ss := sites[course.Code(code)]
		key := "diagnostic." + code
		en, _ := trs["en"][key].(string)
		want := placeholders(en)
		for _, s := range ss {
			if s.valued && len(want) == 0 && !explained[course.Code(code)] {
				t.Errorf("code %q: the English message at %s names a value, but its words %q name none (give the diagnostic Args and use them)", code, s.where, en)
			}
			if !s.argsKnown {
				continue
			}
			for _, p := range want {
				if !slices.Contains(s.args, p) {
					t.Errorf("code %q: its words use {{.%s}}, but the diagnostic made at %s gives no such argument (it gives %v)", code, p, s.where, s.args)
				}
			}
		}
		for _, l := range langs[1:] {
			w, _ := trs[l][key].(string)
			if got := placeholders(w); !slices.Equal(got, want) {
				t.Errorf("%s.json: code %q names %v, English %v", l, code, got, want)
			}
		}
	}
}
