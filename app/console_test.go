package app

import (
	"bytes"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// syncBuffer is a log output tests read while the UI writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Opening the folder dialog on a computer without standard user folders
// (no user-dirs.dirs, no ~/Videos: a fresh account, CI) makes Fyne log
// that "this computer does not define a VIDEOS folder"; the app's log
// drops that report, and only it. The dialog starts in the folder of
// the course opened last.
func TestOpenFolderDialogLogsNoFavoritesError(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	d, _ := newTestApp(t)
	courses := filepath.Join(home, "courses")
	dir := filepath.Join(courses, "one")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	addRecent(d.fyne.Preferences(), dir)

	for _, quiet := range []bool{false, true} {
		var raw syncBuffer
		out := log.Writer()
		if quiet {
			log.SetOutput(newQuietLog(&raw))
		} else {
			log.SetOutput(&raw)
		}
		w := test.NewTempWindow(t, nil)
		d.showOpenFolder(w)
		time.Sleep(50 * time.Millisecond) // the dialog reads its folders
		log.Println("a line of the app's own")
		log.SetOutput(out)
		got := raw.String()
		switch {
		case !quiet && !strings.Contains(got, "Getting favorite locations"):
			// The cause: without the filter, Fyne reports it (with or
			// without xdg-user-dir: ~/Videos does not exist here).
			t.Fatalf("Fyne did not report the missing folders: %q", got)
		case quiet && (strings.Contains(got, "favorite") || strings.Contains(got, "Cause:") || strings.Contains(got, "dialog/file.go")):
			t.Fatalf("the favourite-folders report reached the log:\n%s", got)
		case !strings.Contains(got, "a line of the app's own"):
			t.Fatalf("the app's own line was dropped:\n%s", got)
		case strings.Contains(got, "StartingLocation"):
			t.Fatalf("the dialog started in a folder that does not exist:\n%s", got)
		}
	}
	if l := d.folderToStart(); l == nil || l.Path() != courses {
		t.Fatalf("the folder dialog starts in %v, want %s", l, courses)
	}
}

// quietLog drops only Fyne's favourite-folders report with its Cause and
// At lines; other Fyne errors and their causes pass.
func TestQuietLog(t *testing.T) {
	var b bytes.Buffer
	l := log.New(newQuietLog(&b), "", 0)
	l.Println("Fyne error:  Getting favorite locations")
	l.Println("  Cause: this computer does not define a VIDEOS folder")
	l.Println("  At: /x/dialog/file.go:396")
	l.Println("Fyne error:  Preferences load error:")
	l.Println("  Cause: EOF")
	l.Println("plain line")
	want := "Fyne error:  Preferences load error:\n  Cause: EOF\nplain line\n"
	if b.String() != want {
		t.Fatalf("passed:\n%s\nwant:\n%s", b.String(), want)
	}
}

// A preferences file cut short by Fyne's in-place write is mended from
// the last good copy before Fyne reads it; one still being written is
// waited for; with no good copy it is moved aside, never read torn.
func TestMendPrefs(t *testing.T) {
	good := `{"recent":["/courses/one"]}` + "\n"
	cases := []struct {
		name       string
		file, copy string // "" with copy: none kept
		finish     string // written after a moment, as another instance finishing
		want       string // the file afterwards; "-" for gone
		wantCopy   string
	}{
		{name: "whole", file: good, want: good, wantCopy: good},
		{name: "empty, good copy", file: "", copy: good, want: good, wantCopy: good},
		{name: "torn, good copy", file: `{"recent":["/cour`, copy: good, want: good, wantCopy: good},
		{name: "being written", file: "", finish: good, want: good, wantCopy: good},
		{name: "empty, no copy", file: "", want: "-"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "preferences.json")
			if err := os.WriteFile(path, []byte(c.file), 0o600); err != nil {
				t.Fatal(err)
			}
			if c.copy != "" {
				if err := os.WriteFile(path+".good", []byte(c.copy), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if c.finish != "" {
				go func() {
					time.Sleep(60 * time.Millisecond)
					_ = os.WriteFile(path, []byte(c.finish), 0o600)
				}()
			}
			mendPrefs(path)
			got, err := os.ReadFile(path)
			if c.want == "-" {
				if err == nil {
					t.Fatalf("the torn file stays: %q", got)
				}
				if _, err := os.Stat(path + ".broken"); err != nil {
					t.Fatal("the torn file was not kept aside")
				}
				return
			}
			if string(got) != c.want {
				t.Fatalf("file %q, want %q", got, c.want)
			}
			if kept, _ := os.ReadFile(path + ".good"); string(kept) != c.wantCopy {
				t.Fatalf("good copy %q, want %q", kept, c.wantCopy)
			}
		})
	}
	if p := fynePrefsPath(ID); !strings.HasSuffix(p, filepath.Join("fyne", ID, "preferences.json")) {
		t.Fatalf("preferences path %s", p)
	}
}
