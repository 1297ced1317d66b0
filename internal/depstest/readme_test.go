package depstest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/coursewright/coursewright"

// goPackage is what go list -json says of a package.
type goPackage struct {
	ImportPath string
	Imports    []string
}

// layer is the name the README gives a package: its top folder
// (cmd/coursewright is "cmd", editor/textview is "editor"), or two
// folders under internal/.
func layer(importPath string) string {
	rel := strings.TrimPrefix(strings.TrimPrefix(importPath, module), "/")
	parts := strings.Split(rel, "/")
	if parts[0] == "internal" && len(parts) > 1 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// actualArrows are the imports between the layers the program is made
// of: the packages the command and the top-level packages depend on,
// without test support (internal/ packages only tests use) or bench/.
func actualArrows(t *testing.T, root string) map[string]bool {
	cmd := exec.Command("go", "list", "-json", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	pkgs := map[string]goPackage{}
	for dec.More() {
		var p goPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
	}
	// The program: every package outside internal/ and bench/, and what
	// they import from the module.
	used := map[string]bool{}
	var visit func(string)
	visit = func(ip string) {
		if used[ip] {
			return
		}
		used[ip] = true
		for _, imp := range pkgs[ip].Imports {
			if _, ok := pkgs[imp]; ok {
				visit(imp)
			}
		}
	}
	for ip := range pkgs {
		if l := layer(ip); !strings.HasPrefix(l, "internal/") && l != "bench" {
			visit(ip)
		}
	}
	arrows := map[string]bool{}
	for ip := range used {
		for _, imp := range pkgs[ip].Imports {
			if used[imp] && layer(imp) != layer(ip) {
				arrows[layer(ip)+" → "+layer(imp)] = true
			}
		}
	}
	return arrows
}

var (
	arrowGroupRE = regexp.MustCompile("`([^`]*→[^`]*)`")
	noImportsRE  = regexp.MustCompile("((?:`[^`]+`(?:, | and )?)+) imports? no other package")
	nameRE       = regexp.MustCompile("`([^`]+)`")
)

// TestReadmeDependencies: the README's dependency paragraph names exactly
// the arrows go list finds between the layers, and the layers that import
// none; its layout table has a line for every layer.
func TestReadmeDependencies(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "Dependencies point one way")
	if start < 0 {
		t.Fatal(`README.md has no paragraph starting "Dependencies point one way"`)
	}
	para := readme[start:]
	if end := strings.Index(para, "\n\n"); end >= 0 {
		para = para[:end]
	}
	para = strings.Join(strings.Fields(para), " ")

	// "a → b → c" is a → b and b → c; "a → b, c" is a → b and a → c.
	written := map[string]bool{}
	layers := map[string]bool{}
	for _, m := range arrowGroupRE.FindAllStringSubmatch(para, -1) {
		steps := strings.Split(m[1], "→")
		for i := 0; i+1 < len(steps); i++ {
			from := strings.TrimSpace(steps[i])
			if i > 0 { // the previous step's list ends in this one's source
				names := strings.Split(from, ",")
				from = strings.TrimSpace(names[len(names)-1])
			}
			tos := strings.Split(steps[i+1], ",")
			if i+2 < len(steps) {
				tos = tos[len(tos)-1:]
			}
			for _, to := range tos {
				to = strings.TrimSpace(to)
				written[from+" → "+to] = true
				layers[from], layers[to] = true, true
			}
		}
	}
	actual := actualArrows(t, root)
	for a := range actual {
		if !written[a] {
			t.Errorf("go list finds %s; the README's paragraph does not say it", a)
		}
	}
	for a := range written {
		if !actual[a] {
			t.Errorf("the README says %s; go list finds no such import", a)
		}
	}
	// The layers that import none of the others.
	importers := map[string]bool{}
	all := map[string]bool{}
	for a := range actual {
		from, to, _ := strings.Cut(a, " → ")
		importers[from] = true
		all[from], all[to] = true, true
	}
	var wantLeaves, gotLeaves []string
	for l := range all {
		if !importers[l] {
			wantLeaves = append(wantLeaves, l)
		}
	}
	if m := noImportsRE.FindStringSubmatch(para); m != nil {
		for _, n := range nameRE.FindAllStringSubmatch(m[1], -1) {
			gotLeaves = append(gotLeaves, n[1])
		}
	}
	sort.Strings(wantLeaves)
	sort.Strings(gotLeaves)
	if !slices.Equal(wantLeaves, gotLeaves) {
		t.Errorf("the README says %v import no other package of the project; go list says %v", gotLeaves, wantLeaves)
	}

	// The layout table: a line for every layer.
	layout := readme[strings.Index(readme, "## Layout"):]
	for l := range all {
		folder := l
		if l == "cmd" {
			folder = "cmd/coursewright"
		}
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(folder) + `/ `).MatchString(layout) {
			t.Errorf("the README's layout table has no line for %s/", folder)
		}
	}
}
