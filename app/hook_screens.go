//go:build coursewright_testhook

package app

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/coursewright/coursewright/editor"
	"github.com/coursewright/coursewright/editor/textview"
	"github.com/coursewright/coursewright/internal/screencheck"
)

// ScreensDirEnv names the folder the "screens" hook saves its pictures
// and report in (scripts/screenshot.sh --all sets it).
const ScreensDirEnv = "COURSEWRIGHT_SCREENS_DIR"

// ScreensOnlyEnv, when set, names the screens the "screens" hook shows:
// a comma-separated list of prefixes of their names ("publish" is every
// publish screen; a step a screen needs, like publish-before, must be
// named too).
const ScreensOnlyEnv = "COURSEWRIGHT_SCREENS_ONLY"

// onlySteps keeps the steps whose names start with one of prefixes,
// blanking the others' names so that the kept ones keep their numbers.
func onlySteps(steps []screenStep, prefixes []string) []screenStep {
	out := make([]screenStep, len(steps))
	for i, st := range steps {
		for _, p := range prefixes {
			if p = strings.TrimSpace(p); p != "" && strings.HasPrefix(st.name, p) {
				out[i] = st
			}
		}
	}
	return out
}

// screensHook is the "screens" hook: it tours every screen of the app
// (screens.go, the tour TestScreenReview checks on the test driver), in
// the real window, at each of ReviewSizes. For each screen and size it
// saves the window's picture as NN-NAME-WxH.png (the window's own
// pixels, its dialogs included) and, when ImageMagick's import is
// there, NN-NAME-WxH-screen.png (the whole screen, where the window
// manager put the windows); it runs internal/screencheck on the window
// as it is laid out and writes what it finds to problems.txt, one line
// per problem, and the pictures' names to screens.txt. It prints "test
// hook: screen NAME" as each is saved and "test hook: screens done N"
// (N problems) at the end, then quits.
func screensHook(w *CourseWindow) {
	go func() {
		out := os.Getenv(ScreensDirEnv)
		if out == "" {
			out = "."
		}
		if err := os.MkdirAll(out, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "test hook: screens:", err)
			fyne.Do(w.app.fyne.Quit)
			return
		}
		scratch, err := os.MkdirTemp("", "coursewright-screens-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "test hook: screens:", err)
			fyne.Do(w.app.fyne.Quit)
			return
		}
		defer os.RemoveAll(scratch)
		waitForPage(w)
		n := runScreenTour(w, out, scratch)
		fmt.Fprintf(os.Stderr, "test hook: screens done %d\n", n)
		fyne.Do(w.app.fyne.Quit)
	}()
}

// runScreenTour shows each screen at each size, saves it and checks it;
// it returns the number of problems found.
func runScreenTour(w *CourseWindow, out, scratch string) int {
	content := map[fyne.CanvasObject]bool{}
	s := &screenTour{
		d: w.app, w: w, course: w.dir, scratch: scratch,
		ui: fyne.DoAndWait,
		wait: func(what string, cond func() bool) bool {
			for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				var ok bool
				fyne.DoAndWait(func() { ok = cond() })
				if ok {
					return true
				}
			}
			fmt.Fprintln(os.Stderr, "test hook: screens: gave up waiting for "+what)
			return false
		},
		texts:   screencheck.Texts,
		content: content,
		logf: func(format string, args ...any) {
			fmt.Fprintf(os.Stderr, "test hook: screens: "+format+"\n", args...)
		},
	}
	opts := screencheck.Options{Content: func(o fyne.CanvasObject) bool {
		switch o.(type) {
		case *editor.Preview, *textview.View:
			return true
		}
		return content[o]
	}}
	// In another language than English, text left in English is a
	// problem too (as in TestScreenReview).
	if code, _, _ := strings.Cut(os.Getenv("LANGUAGE"), ":"); code != "" && code != "en" {
		en, err1 := editor.TranslationStrings("en")
		other, err2 := editor.TranslationStrings(code)
		if err1 == nil && err2 == nil {
			opts.English = screencheck.EnglishStrings(en, other)
			opts.EnglishWords = screencheck.EnglishOnlyWords(code)
			opts.Allowed = courseWords(w.dir)
		}
	}
	var problems, names []string
	_, haveImport := exec.LookPath("import")
	_, haveXwininfo := exec.LookPath("xwininfo")
	steps := append(startSteps(), courseSteps()...)
	if only := os.Getenv(ScreensOnlyEnv); only != "" {
		// A few screens, to look at one again quickly (the numbers in
		// the names stay those of the whole tour).
		steps = onlySteps(steps, strings.Split(only, ","))
	}
	for i, st := range steps {
		if st.show == nil {
			continue // left out by ScreensOnlyEnv
		}
		win, isDialog := st.show(s)
		for _, size := range ReviewSizes {
			var title string
			fyne.DoAndWait(func() {
				win.Resize(size)
				win.RequestFocus()
				title = win.Title()
			})
			name := fmt.Sprintf("%02d-%s-%.0fx%.0f", i+1, st.name, size.Width, size.Height)
			if haveXwininfo == nil {
				resized(s, win, title, size)
			}
			time.Sleep(time.Second) // layout and a few frames
			var ps []screencheck.Problem
			fyne.DoAndWait(func() { ps = checkRealScreen(win, isDialog, opts) })
			for _, p := range ps {
				problems = append(problems, name+": "+p.String())
			}
			names = append(names, name)
			if haveImport == nil {
				// The window as the window manager shows it; and, at the
				// large size, the whole screen (where the windows are).
				if err := captureWindow(title, filepath.Join(out, name+".png")); err != nil {
					s.logf("%s: %v", name, err)
				}
				if size == ReviewSizes[len(ReviewSizes)-1] {
					shot := exec.Command("import", "-silent", "-window", "root", filepath.Join(out, name+"-screen.png"))
					if b, err := shot.CombinedOutput(); err != nil {
						s.logf("%s: import: %v %s", name, err, b)
					}
				}
			}
			fmt.Fprintln(os.Stderr, "test hook: screen "+name)
		}
		if st.close != nil {
			fyne.DoAndWait(func() { st.close(s, win) })
		}
	}
	_ = os.WriteFile(filepath.Join(out, "screens.txt"), []byte(strings.Join(names, "\n")+"\n"), 0o644)
	_ = os.WriteFile(filepath.Join(out, "problems.txt"), []byte(strings.Join(problems, "\n")+"\n"), 0o644)
	return len(problems)
}

// checkRealScreen checks a window as TestScreenReview does.
func checkRealScreen(win fyne.Window, isDialog bool, opts screencheck.Options) []screencheck.Problem {
	ps := screencheck.Check(win.Content(), opts)
	if isDialog {
		if top := win.Canvas().Overlays().Top(); top != nil {
			ps = append(ps, screencheck.CheckDialog(top, opts)...)
		} else {
			ps = append(ps, screencheck.Problem{Kind: "missing", What: "no dialog shows"})
		}
	}
	return ps
}

// resized waits until the window manager has given the X window titled
// title the size the tour asked for, then has Fyne draw the window again.
//
// Fyne's Resize resizes the canvas at once and draws it, while the X
// window keeps its old size until the window manager (openbox) applies
// the request; the GL drawable (Mesa's, under Xvfb) is still the old
// size then, so that frame lands in the old area, cut and shifted. When
// the window manager's resize arrives, it has the size the canvas
// already has: Fyne sees no change and draws nothing more. A window
// that draws again soon (a blinking cursor, a progress bar) hid this; a
// still one, like the publish panel before publishing, stayed blank or
// cut in the picture however long the tour waited. Without a window
// manager X applies the size at once, which is why only the run with
// openbox met it.
func resized(s *screenTour, win fyne.Window, title string, size fyne.Size) {
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		id, err := windowID(title)
		if err == nil {
			var w, h int
			w, h, err = windowSize(id)
			if err == nil && w == int(size.Width) && h == int(size.Height) {
				break
			}
			if err == nil {
				err = fmt.Errorf("the window is %dx%d", w, h)
			}
		}
		if time.Now().After(deadline) {
			s.logf("%s: not resized to %.0fx%.0f: %v", title, size.Width, size.Height, err)
			break
		}
	}
	fyne.DoAndWait(func() {
		c := win.Canvas()
		c.Refresh(c.Content())
		for _, o := range c.Overlays().List() {
			c.Refresh(o)
		}
	})
}

// windowID is the id of the X window titled title.
func windowID(title string) (string, error) {
	tree, err := exec.Command("xwininfo", "-root", "-tree").Output()
	if err != nil {
		return "", fmt.Errorf("xwininfo: %v", err)
	}
	for _, line := range strings.Split(string(tree), "\n") {
		f := strings.Fields(line)
		if len(f) > 1 && strings.HasPrefix(f[0], "0x") && strings.Contains(line, `"`+title+`"`) {
			return f[0], nil
		}
	}
	return "", fmt.Errorf("no window titled %q", title)
}

// windowSize is the size of the X window id, as xwininfo reports it.
func windowSize(id string) (w, h int, err error) {
	b, err := exec.Command("xwininfo", "-id", id).Output()
	if err != nil {
		return 0, 0, fmt.Errorf("xwininfo: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(line, "Width: "); ok {
			w, _ = strconv.Atoi(v)
		} else if v, ok := strings.CutPrefix(line, "Height: "); ok {
			h, _ = strconv.Atoi(v)
		}
	}
	return w, h, nil
}

// captureWindow saves the X window titled title (the window's own
// pixels, its dialogs included: Fyne's Canvas.Capture reads back an empty
// buffer under Xvfb's software GL) with ImageMagick's import, finding it
// with xwininfo.
func captureWindow(title, path string) error {
	id, err := windowID(title)
	if err != nil {
		return err
	}
	if b, err := exec.Command("import", "-silent", "-window", id, path).CombinedOutput(); err != nil {
		return fmt.Errorf("import: %v %s", err, b)
	}
	return nil
}
