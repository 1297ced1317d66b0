//go:build linux

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	cwapp "github.com/coursewright/coursewright/app"
	"github.com/coursewright/coursewright/internal/testcorpus"
)

// killTrials is how many times TestKill9KeepsEveryWord kills the app.
const killTrials = 20

// TestKill9KeepsEveryWord types into the real app with real key presses
// (XTEST, through xdotool) without pausing, kills it with SIGKILL at a
// random moment, starts it again and checks the restore offer: every
// character whose key xdotool had sent more than cwapp.JournalBound
// before the kill must be offered back. It is judged by when each key
// was sent, as a person would judge it: a key the app took late (its UI
// thread behind) and then lost is lost all the same. A key counts as
// sent by the time the xdotool run that sent it returned, or by the time
// the app had it if that was earlier (see sentKey.sentBy): keys come in
// runs 15 ms apart, so a journal that waited for a pause in the typing
// loses keys the app had long before the kill, and this test fails. Twenty times, on
// one X server; each start also checks the trial before it, so the app
// starts killTrials+1 times.
func TestKill9KeepsEveryWord(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the real app under Xvfb; skipped with -short")
	}
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (Debian packages xvfb, xdotool); this test types into the real app", tool)
		}
	}
	work := t.TempDir()
	bin := filepath.Join(work, "coursewright")
	if out, err := exec.Command("go", "build", "-tags", "coursewright_testhook", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	display := startXvfb(t, context.Background())
	dir := testcorpus.Copy(t, "how-to-talk-about-race")
	cfg := filepath.Join(work, "config")
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d (set KILL_SEED to repeat)", seed)
	if s, err := strconv.ParseUint(os.Getenv("KILL_SEED"), 10, 64); err == nil {
		seed = s
	}
	rng := rand.New(rand.NewPCG(seed, 1))

	var before string // the page's text when the trial's typing began
	var typed []sentKey
	var killed time.Time
	var st killStats
	began := time.Now()
	defer func() {
		t.Logf("%d trials, %d keys in %v; %d had to be offered back, %d were; slowest key from press to the editor %v",
			killTrials, st.keys, time.Since(began).Round(time.Second), st.must, st.offered, st.worstLag.Round(time.Millisecond))
	}()
	for trial := 0; trial <= killTrials; trial++ {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		run := startOnDisplay(t, ctx, bin, dir, cfg, display)
		offered, ready := run.waitReady(t)

		if trial > 0 {
			checkOffered(t, trial-1, offered, before, typed, killed, &st)
			if offered != "" && ready != offered {
				t.Fatalf("trial %d: accepting the offer gave the editor another text", trial-1)
			}
		} else if offered != "" {
			t.Fatalf("the first start offered to restore %q", offered)
		}
		if trial == killTrials {
			_ = run.cmd.Process.Kill()
			_ = run.cmd.Wait()
			cancel()
			break
		}
		before = ready
		// Keys go to the window under the pointer (Xvfb has no window
		// manager to give focus); the hook focused the page editor.
		xdo(t, display, "mousemove", "600", "500")
		typeFor := time.Duration(300+rng.IntN(1500)) * time.Millisecond
		typed, killed = typeAndKill(t, display, run, typeFor, rng, len(ready))
		cancel()
	}
}

// sentKey is one character typed, with the two things known about when
// its key press was sent: no later than when the xdotool run that sent
// it returned (after: zero while it runs), and no later than when the
// app's editor had it (received: zero when the app never said).
type sentKey struct {
	r               rune
	after, received time.Time
}

// sentBy is the latest the key can have been sent: the earlier of the
// two bounds. A key is judged "typed more than JournalBound before the
// kill" only when it was surely sent by then, never on a guess.
func (k sentKey) sentBy() time.Time {
	switch {
	case k.after.IsZero():
		return k.received
	case k.received.IsZero() || k.after.Before(k.received):
		return k.after
	}
	return k.received
}

// typeBatchDelay is the time between the keys of one xdotool run: faster
// than JournalInterval, so that a journal that waited for a pause in the
// typing (a debounce) would not be written while a batch is typed.
const typeBatchDelay = 15 * time.Millisecond

// typeAndKill types random letters without pauses, in runs of xdotool of
// 1 to 12 keys each, and kills the app with SIGKILL after d, usually in
// the middle of a run. base is the length of the page's text before: the
// hook's change reports say when the text grew past each key.
func typeAndKill(t *testing.T, display string, run *appRun, d time.Duration, rng *rand.Rand, base int) ([]sentKey, time.Time) {
	t.Helper()
	var keys []sentKey
	stop := make(chan struct{})
	typed := make(chan []sentKey)
	go func() {
		var ks []sentKey
		defer func() { typed <- ks }()
		for {
			select {
			case <-stop:
				return
			default:
			}
			args := []string{"key", "--delay", fmt.Sprint(typeBatchDelay.Milliseconds())}
			first := len(ks)
			for n := 1 + rng.IntN(12); n > 0; n-- {
				r := rune('a' + rng.IntN(26))
				key := string(r)
				if rng.IntN(6) == 0 {
					r, key = ' ', "space"
				}
				args = append(args, key)
				ks = append(ks, sentKey{r: r})
			}
			cmd := exec.Command("xdotool", args...)
			cmd.Env = append(os.Environ(), "DISPLAY="+display)
			// After the kill xdotool may fail (the window is gone): the
			// keys it sent are typed all the same, and judged as such.
			_ = cmd.Run()
			now := time.Now()
			for i := first; i < len(ks); i++ {
				ks[i].after = now
			}
		}
	}()
	time.Sleep(d)
	killed := time.Now()
	if err := run.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	close(stop)
	keys = <-typed
	_ = run.cmd.Wait()
	for l := range run.lines {
		rest, ok := strings.CutPrefix(l, "test hook: change ")
		if !ok {
			continue
		}
		var ns int64
		var n int
		if _, err := fmt.Sscan(rest, &ns, &n); err != nil {
			t.Fatalf("bad hook line %q", l)
		}
		for i := range keys {
			if keys[i].received.IsZero() && n >= base+i+1 {
				keys[i].received = time.Unix(0, ns)
			}
		}
	}
	return keys, killed
}

// killStats sums up the trials.
type killStats struct {
	keys, must, offered int           // keys typed; sent more than JournalBound before a kill; offered back of those
	worstLag            time.Duration // longest from key press to the app's editor
}

// checkOffered checks that the offer holds every key sent more than
// JournalBound before the kill, typed at the start of the page in order.
// When keys are missing it says which of them the app had reported
// having, and how long before the kill: a journal that waits for a pause
// in typing (a debounce) loses keys the app had long before.
func checkOffered(t *testing.T, trial int, offered, before string, typed []sentKey, killed time.Time, st *killStats) {
	t.Helper()
	var all strings.Builder
	must := 0
	for i, k := range typed {
		all.WriteRune(k.r)
		if !k.received.IsZero() && !k.after.IsZero() && k.after.Before(killed) {
			st.worstLag = max(st.worstLag, k.received.Sub(k.after))
		}
		if by := k.sentBy(); !by.IsZero() && killed.Sub(by) > cwapp.JournalBound {
			must = i + 1
		}
	}
	st.keys += len(typed)
	typedText := all.String()
	got := ""
	if offered != "" {
		var ok bool
		got, ok = strings.CutSuffix(offered, before)
		if !ok || !strings.HasPrefix(typedText, got) {
			t.Fatalf("trial %d: the offer is not what was typed:\noffered %.120q\ntyped   %.120q", trial, offered, typedText)
		}
	}
	st.must += must
	st.offered += min(len(got), must)
	if len(got) < must {
		lost := typed[len(got):must]
		had := 0
		var oldest time.Duration
		for _, k := range lost {
			if !k.received.IsZero() {
				had++
				oldest = max(oldest, killed.Sub(k.received))
			}
		}
		t.Fatalf("trial %d: %d characters sent more than %v before the kill are not offered back: %q (typed %d in all; the app had %d of them, the oldest %v before the kill)",
			trial, len(lost), cwapp.JournalBound, typedText[len(got):must], len(typed), had, oldest.Round(time.Millisecond))
	}
	t.Logf("trial %d: typed %d keys, killed; %d offered back, %d were sent more than %v before the kill",
		trial, len(typed), len(got), must, cwapp.JournalBound)
}

// appRun is the app started on an X display, its standard error read
// line by line.
type appRun struct {
	cmd   *exec.Cmd
	lines chan string
}

func startOnDisplay(t *testing.T, ctx context.Context, bin, dir, cfg, display string) *appRun {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, "open", dir)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "TMPDIR="+filepath.Dir(cfg), "XDG_CONFIG_HOME="+cfg,
		"LANG=en_US.UTF-8", "COURSEWRIGHT_TEST_HOOK=crash-trial", "CW_WATCHDOG=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	r := &appRun{cmd: cmd, lines: make(chan string, 10000)}
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 16<<20)
		for sc.Scan() {
			r.lines <- sc.Text()
		}
		close(r.lines)
	}()
	return r
}

// waitReady reads the hook's report: the text offered back for the
// course's home page ("" when nothing was offered), and the editor's text
// when it is ready for keys.
func (r *appRun) waitReady(t *testing.T) (offered, ready string) {
	t.Helper()
	var log []string
	timeout := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-r.lines:
			if !ok {
				t.Fatalf("the app ended before it was ready:\n%s", strings.Join(log, "\n"))
			}
			log = append(log, l)
			if rest, ok := strings.CutPrefix(l, "test hook: offered "); ok {
				var pages map[string]string
				if err := json.Unmarshal([]byte(rest), &pages); err != nil {
					t.Fatal(err)
				}
				offered = pages["index.md"]
			}
			if rest, ok := strings.CutPrefix(l, "test hook: ready "); ok {
				if err := json.Unmarshal([]byte(rest), &ready); err != nil {
					t.Fatal(err)
				}
				return offered, ready
			}
		case <-timeout:
			_ = r.cmd.Process.Kill()
			t.Fatalf("the app was not ready within a minute:\n%s", strings.Join(log, "\n"))
		}
	}
}

func xdo(t *testing.T, display string, args ...string) {
	t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
}
