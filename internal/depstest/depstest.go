// Package depstest keeps the layers apart: a package's test names module
// path prefixes that nothing it imports, directly or not, may come from
// (Fyne for the packages the CLI uses without a window, git for the
// course model, goldmark for the editor).
package depstest

import (
	"os/exec"
	"strings"
	"testing"
)

// Forbid fails t when the package in the current folder depends on a
// package whose path starts with one of prefixes, directly or through
// other packages.
func Forbid(t *testing.T, prefixes ...string) {
	t.Helper()
	check(t, list(t, "-deps", "."), prefixes)
}

// ForbidDirect fails t when the package in the current folder's own files
// (tests included) import a package whose path starts with one of
// prefixes; what its imports import is their business.
func ForbidDirect(t *testing.T, prefixes ...string) {
	t.Helper()
	check(t, list(t, "-f", `{{join .Imports "\n"}}
{{join .TestImports "\n"}}
{{join .XTestImports "\n"}}`, "."), prefixes)
}

func list(t *testing.T, args ...string) []string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list the imports: %v", err)
	}
	out, err := exec.Command(gobin, append([]string{"list"}, args...)...).Output()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 3 {
		t.Fatalf("go list found only %v", deps)
	}
	return deps
}

func check(t *testing.T, deps, prefixes []string) {
	t.Helper()
	for _, d := range deps {
		for _, p := range prefixes {
			if d == p || strings.HasPrefix(d, p+"/") {
				t.Errorf("this package imports %s, which it must not (%s)", d, p)
			}
		}
	}
}
