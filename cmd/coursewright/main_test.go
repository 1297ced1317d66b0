package main

import (
	"fmt"
	"github.com/coursewright/coursewright/internal/testcorpus"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coursewright/coursewright/internal/gittest"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"coursewright": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar. Scripts get real courses from
// the corpus in testdata/corpus with `copycorpus NAME DIR`; $CORPUS is its
// folder.
func TestScripts(t *testing.T) {
	corpus := testcorpus.Dir(t)
	// A real git server (git http-backend) for the publishing scripts:
	// user "teacher", token "right-token".
	gittest.NeedGit(t)
	srv := gittest.NewHTTPServer(t, "teacher", "right-token")
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("CORPUS", corpus)
			env.Setenv("GITSERVER", srv.BaseURL())
			// The same server with the right credentials in the address,
			// for a co-author using the git command line.
			env.Setenv("GITAUTH", strings.Replace(srv.BaseURL(), "http://", "http://teacher:right-token@", 1))
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Setenv("GIT_TERMINAL_PROMPT", "0")
			env.Setenv("GIT_AUTHOR_NAME", "Test Author")
			env.Setenv("GIT_AUTHOR_EMAIL", "author@example.org")
			env.Setenv("GIT_COMMITTER_NAME", "Test Author")
			env.Setenv("GIT_COMMITTER_EMAIL", "author@example.org")
			env.Setenv("HOME", env.WorkDir)
			// Under -race every run of the command would otherwise wait a
			// second before exiting (the race runtime's default), which
			// makes the scripts slow; races are still reported.
			env.Setenv("GORACE", strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=10"))
			return nil
		},
		// [cgo]: this build links the desktop app (gui_window.go).
		Condition: func(cond string) (bool, error) {
			if cond == "cgo" {
				return hasWindow, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"copycorpus": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: copycorpus NAME DIR")
				}
				ts.Check(copyTree(filepath.Join(corpus, args[0]), ts.MkAbs(args[1])))
			},
			// gitrepo NAME: a bare repository NAME.git on $GITSERVER.
			"gitrepo": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: gitrepo NAME")
				}
				srv.URL(args[0])
			},
			// gitclone NAME BRANCH DIR: clone a branch of a repository on
			// $GITSERVER, as a reader of the site would see it.
			"gitclone": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 3 {
					ts.Fatalf("usage: gitclone NAME BRANCH DIR")
				}
				ts.Exec("git", "clone", "-q", "-b", args[1], srv.BareDir(args[0]), ts.MkAbs(args[2]))
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
