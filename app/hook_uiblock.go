//go:build coursewright_testhook

package app

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/editor"
)

// uiWatchdog is the "ui-watchdog" hook: it measures, in the real window,
// the longest time the UI thread is kept from running the next event
// while the course window opens with its first page; then while a page
// with images is chosen in the course tree; then while the first page is
// chosen in the tree again. A goroutine posts to the UI thread every
// 10 ms and notes the longest gap between two posts running, and the
// most CPU time the UI thread used between two. It prints "test hook:
// uiblock open=MS tree=MS opencpu=MS treecpu=MS images=MS imagescpu=MS"
// to standard error, then quits.
func uiWatchdog(w *CourseWindow) {
	go func() {
		pings := startPings(10 * time.Millisecond)
		// The first ping runs once the event loop does: the gaps from
		// then on are the app's.
		pings.waitFirst()
		var first *course.Page
		fyne.DoAndWait(func() { first = w.View.Page.Page() })
		waitViewIdle(w)
		open, openCPU := pings.worst()
		pings.reset("the course opened")

		choose := func(want func(p *course.Page) bool) {
			fyne.Do(func() {
				for _, p := range w.View.Course().AllPages() {
					if want(p) {
						w.View.Tree.Select(editor.PageNodeID(p))
						return
					}
				}
			})
			waitViewIdle(w)
		}
		choose(func(p *course.Page) bool { return p != first && strings.Contains(p.Body(), "![") })
		images, imagesCPU := pings.worst()
		pings.reset("a page with images opened from the tree")
		choose(func(p *course.Page) bool { return p == first })
		tree, treeCPU := pings.worst()
		pings.stop()
		fmt.Fprintf(os.Stderr, "test hook: uiblock open=%d tree=%d opencpu=%d treecpu=%d images=%d imagescpu=%d\n",
			open.Milliseconds(), tree.Milliseconds(), openCPU.Milliseconds(), treeCPU.Milliseconds(),
			images.Milliseconds(), imagesCPU.Milliseconds())
		fyne.Do(w.app.fyne.Quit)
	}()
}

// waitViewIdle waits until the view's background work has shown its results
// and a little more (the frames that follow).
func waitViewIdle(w *CourseWindow) {
	time.Sleep(100 * time.Millisecond)
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var busy bool
		fyne.DoAndWait(func() { busy = w.View.Busy() })
		if !busy {
			break
		}
	}
	time.Sleep(300 * time.Millisecond)
}

// pinger posts to the UI thread at an interval and keeps the longest gap
// between two posts running.
type pinger struct {
	mu      sync.Mutex
	last    time.Time
	longest time.Duration
	// lastCPU is the UI thread's CPU time at the last ping; busiest the
	// most CPU it used between two pings: on a loaded machine the gaps
	// include waiting for a core, this does not.
	lastCPU time.Duration
	busiest time.Duration
	started chan struct{}
	once    sync.Once
	quit    chan struct{}
	// stalls samples the UI thread's stack during long gaps, when
	// COURSEWRIGHT_UI_STALL_STACKS is set (nil otherwise).
	stalls *stallSampler
}

func startPings(every time.Duration) *pinger {
	p := &pinger{started: make(chan struct{}), quit: make(chan struct{})}
	if os.Getenv("COURSEWRIGHT_UI_STALL_STACKS") != "" {
		p.stalls = newStallSampler()
	}
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-p.quit:
				return
			case <-t.C:
				if p.stalls != nil {
					p.stalls.posting(time.Now())
				}
				fyne.Do(p.ping)
			}
		}
	}()
	return p
}

func (p *pinger) ping() {
	now := time.Now()
	if p.stalls != nil {
		p.stalls.ran(now)
	}
	cpu, cpuOK := threadCPU()
	p.mu.Lock()
	if cpuOK && !p.last.IsZero() && cpu-p.lastCPU > p.busiest {
		p.busiest = cpu - p.lastCPU
	}
	p.lastCPU = cpu
	if !p.last.IsZero() && now.Sub(p.last) > p.longest {
		p.longest = now.Sub(p.last)
	}
	p.last = now
	p.mu.Unlock()
	p.once.Do(func() { close(p.started) })
}

func (p *pinger) waitFirst() { <-p.started }

// worst is the longest gap between two pings, and the most CPU time the
// UI thread used between two.
func (p *pinger) worst() (gap, cpu time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.longest, p.busiest
}

// reset forgets the worst so far (and reports the stalls sampled while
// what happened).
func (p *pinger) reset(what string) {
	if p.stalls != nil {
		p.stalls.report(os.Stderr, what)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.longest, p.busiest = 0, 0
}

func (p *pinger) stop() {
	close(p.quit)
	if p.stalls != nil {
		p.stalls.report(os.Stderr, "the first page opened again from the tree")
		p.stalls.stop()
	}
}
