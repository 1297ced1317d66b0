package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"coursewright": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar. Scripts get real courses from
// the shared corpus with `copycorpus NAME DIR`; $CORPUS is its folder.
func TestScripts(t *testing.T) {
	corpus, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(corpus); err != nil {
		t.Fatalf("the course corpus is missing: %v", err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("CORPUS", corpus)
			// Under -race every run of the command would otherwise wait a
			// second before exiting (the race runtime's default), which
			// makes the scripts slow; races are still reported.
			env.Setenv("GORACE", strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=10"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"copycorpus": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: copycorpus NAME DIR")
				}
				ts.Check(copyTree(filepath.Join(corpus, args[0]), ts.MkAbs(args[1])))
			},
			// [!] existsglob PATTERN: a file matches the pattern (for the
			// dated folders of the trash).
			"existsglob": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: existsglob PATTERN")
				}
				m, err := filepath.Glob(ts.MkAbs(args[0]))
				ts.Check(err)
				switch {
				case neg && len(m) > 0:
					ts.Fatalf("%s matches %s", args[0], m[0])
				case !neg && len(m) == 0:
					ts.Fatalf("nothing matches %s", args[0])
				}
			},
		},
		RequireUniqueNames: true,
	})
}

// copyTree copies the folder src to dst, which must not exist.
func copyTree(src, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("copy to %s: already exists", dst)
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
}
