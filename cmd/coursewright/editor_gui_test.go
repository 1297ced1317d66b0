//go:build linux

package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coursewright/coursewright/internal/testcorpus"
)

// TestPageEditorRealWindow drives the page editor of the real app on its
// own X server with xdotool — real wheel clicks and key presses — on a
// page of 50,000 characters: the wheel scrolls to the end, PageDown
// reaches the end, Shift+Down across paragraphs selects exactly what lies
// between the two cursor positions, and typing over that selection then
// saving changes exactly those bytes of the file.
func TestPageEditorRealWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the real app under Xvfb; skipped with -short")
	}
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (Debian packages xvfb, xdotool); this test drives the real window", tool)
		}
	}
	work := t.TempDir()
	bin := filepath.Join(work, "coursewright")
	if out, err := exec.Command("go", "build", "-tags", "coursewright_testhook", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := testcorpus.Copy(t, "how-to-talk-about-race")
	index := filepath.Join(dir, "index.md")
	// Short paragraphs first, so that Shift+Down crosses paragraphs.
	body := "First line of the page.\n\nA second paragraph, short.\n\nThe third one.\n\n" + testcorpus.PageText(t, 50000)
	original := "---\nlayout: index\ntitle: Home\n---\n" + body
	if err := os.WriteFile(index, []byte(original), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// On a machine where other X servers come and go, the app has been
	// seen to fail to open its display; a second start tells that from a
	// real failure (which fails both).
	var x *xdriver
	for attempt := 1; ; attempt++ {
		display := startXvfb(t, ctx)
		cmd := exec.CommandContext(ctx, bin, "open", dir)
		cmd.Env = append(os.Environ(), "DISPLAY="+display, "XDG_CONFIG_HOME="+filepath.Join(work, "config"),
			"TMPDIR="+work, "LANG=en_US.UTF-8", "COURSEWRIGHT_TEST_HOOK=editor-state")
		out := &syncBuffer{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		t.Cleanup(func() { _ = cmd.Process.Kill(); <-exited })
		x = &xdriver{t: t, display: display, out: out}
		started := false
		for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline) && !started; time.Sleep(50 * time.Millisecond) {
			select {
			case <-exited:
				deadline = time.Time{}
			default:
				started = x.state().lines > 0
			}
		}
		if started {
			break
		}
		if attempt == 2 {
			t.Fatalf("the app did not start twice; output:\n%s", tail(out.String(), 3000))
		}
		t.Logf("the app did not start; trying again. Output:\n%s", tail(out.String(), 1000))
	}
	st := x.waitState("the page open", func(s editorState) bool { return s.lines > 500 })
	if st.len != len(body) {
		t.Fatalf("the editor holds %d bytes, the page body %d", st.len, len(body))
	}
	// Without a window manager the window is at the screen's origin.
	cx, cy := st.x+st.w/2, st.y+st.h/2
	x.run("mousemove", fmt.Sprint(cx), fmt.Sprint(cy))

	// The wheel scrolls to the end (button 5 is a wheel click down; Fyne
	// scrolls 25 px a click: the page is about 35,000 px tall).
	x.run("click", "--repeat", "2500", "--delay", "1", "5")
	x.waitState("the wheel to reach the end", func(s editorState) bool { return s.bottom == s.lines })

	// PageDown reaches the end: the cursor at the last byte, the end shown.
	x.run("click", "1")
	x.run("key", "ctrl+Home")
	x.waitState("Ctrl+Home", func(s editorState) bool { return s.cursor == 0 && s.top == 1 })
	x.run("key", "--repeat", "200", "--delay", "15", "Next")
	x.waitState("PageDown to reach the end", func(s editorState) bool {
		return s.cursor == s.len && s.bottom == s.lines
	})

	// Shift+Down across paragraphs selects exactly the text between the
	// cursor's two positions.
	x.run("key", "ctrl+Home")
	x.run("key", "Down")
	x.run("key", "--repeat", "3", "--delay", "20", "Right")
	before := x.waitState("Down, Right×3", func(s editorState) bool { return s.cursor > 0 && s.selStart == s.selEnd }).cursor
	time.Sleep(300 * time.Millisecond) // the last state is the settled one
	before = x.state().cursor
	x.run("keydown", "shift")
	x.run("key", "--repeat", "3", "--delay", "20", "Down")
	x.run("keyup", "shift")
	after := x.waitState("Shift+Down×3", func(s editorState) bool { return s.selEnd > before })
	time.Sleep(300 * time.Millisecond)
	after = x.state()
	if after.selStart != before || after.selEnd != after.cursor {
		t.Fatalf("Shift+Down: selection %d–%d, cursor went from %d to %d", after.selStart, after.selEnd, before, after.cursor)
	}
	if before != len("First line of the page.\n\nTh") && before != len("First line of the page.\n") {
		t.Fatalf("Down, Right×3 put the cursor at %d", before)
	}
	if strings.Count(body[before:after.cursor], "\n") < 2 {
		t.Fatalf("the selection %q does not cross a paragraph", body[before:after.cursor])
	}

	// Typing over the selection replaces exactly it; Ctrl+S saves.
	x.run("type", "Z")
	x.waitState("typing over the selection", func(s editorState) bool { return s.len == len(body)-(after.cursor-before)+1 })
	x.run("key", "ctrl+s")
	head := len(original) - len(body)
	want := original[:head+before] + "Z" + original[head+after.cursor:]
	deadline := time.Now().Add(20 * time.Second)
	for {
		got, _ := os.ReadFile(index)
		if string(got) == want {
			break
		}
		if time.Now().After(deadline) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Fatalf("index.md after typing over the selection and saving differs from the expected bytes at %d: got %q, want %q",
				i, got[i:min(len(got), i+40)], want[i:min(len(want), i+40)])
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// startXvfb starts an X server of its own and returns its display name.
func startXvfb(t *testing.T, ctx context.Context) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// -displayfd: the server picks a free display and writes its number.
	x := exec.CommandContext(ctx, "Xvfb", "-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	_ = w.Close()
	t.Cleanup(func() { _ = x.Process.Kill(); _ = x.Wait() })
	// Read the whole line: closing the pipe before Xvfb wrote its newline
	// makes that write fail, and Xvfb exits.
	line, err := bufio.NewReader(r).ReadString('\n')
	_ = r.Close()
	if err != nil {
		t.Fatalf("Xvfb did not say its display: %v", err)
	}
	display := ":" + strings.TrimSpace(line)
	// Wait until the server answers (xdotool connects to it).
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		check := exec.Command("xdotool", "getdisplaygeometry")
		check.Env = append(os.Environ(), "DISPLAY="+display)
		if check.Run() == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Xvfb on %s does not answer", display)
		}
	}
	return display
}

// editorState is what the editor-state test hook reports.
type editorState struct {
	x, y, w, h, lines, top, bottom, len, cursor, selStart, selEnd int
}

var stateLine = regexp.MustCompile(`test hook: editor x=(\d+) y=(\d+) w=(\d+) h=(\d+) scale=\S+ lines=(\d+) top=(\d+) bottom=(\d+) len=(\d+) cursor=(\d+) sel=(\d+),(\d+)`)

// xdriver sends X events to the app and reads what its hook reports.
type xdriver struct {
	t       *testing.T
	display string
	out     *syncBuffer
}

func (x *xdriver) run(args ...string) {
	x.t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		x.t.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
}

// state is the latest state the hook reported (zero before the first).
func (x *xdriver) state() editorState {
	all := stateLine.FindAllStringSubmatch(x.out.String(), -1)
	if len(all) == 0 {
		return editorState{}
	}
	m := all[len(all)-1]
	var v [11]int
	for i := range v {
		v[i], _ = strconv.Atoi(m[i+1])
	}
	return editorState{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]}
}

// waitState waits (60 s at most) for a reported state that satisfies ok.
func (x *xdriver) waitState(what string, ok func(editorState) bool) editorState {
	x.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if s := x.state(); ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("waiting for %s: the editor's last state is %+v; app output:\n%s", what, x.state(), tail(x.out.String(), 2000))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func tail(s string, n int) string { return s[max(0, len(s)-n):] }
