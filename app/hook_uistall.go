//go:build coursewright_testhook

package app

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// stallSampler says what the UI thread was doing while it kept a ping
// waiting: a number is not enough to fix a stall. While a ping has
// waited longer than stallSampleAfter, it samples the stack of the
// goroutine Fyne runs its event loop on (goroutine 1, locked to the main
// thread) every stallSampleEvery, and keeps the samples of each stall.
// Its state line tells work ("running") from waiting for a core
// ("runnable") and from a call into C ("syscall": OpenGL, X). Taking all
// stacks stops the world for a moment, so the samples are taken only
// when COURSEWRIGHT_UI_STALL_STACKS is set, never in a timing run.
type stallSampler struct {
	mu      sync.Mutex
	posted  time.Time // the ping waiting, zero when none
	samples map[string]int
	stalls  []stall
	quit    chan struct{}
}

type stall struct {
	took    time.Duration
	samples map[string]int
}

const (
	stallSampleAfter = 25 * time.Millisecond
	stallSampleEvery = 5 * time.Millisecond
	// stallReportOver: stalls as long as this or longer are reported.
	stallReportOver = 50 * time.Millisecond
)

func newStallSampler() *stallSampler {
	s := &stallSampler{quit: make(chan struct{})}
	go s.run()
	return s
}

// posting notes that a ping was posted (the first one not yet run).
func (s *stallSampler) posting(at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.posted.IsZero() {
		s.posted = at
		s.samples = map[string]int{}
	}
}

// ran notes that the ping posted first ran; its samples are kept when
// it waited long.
func (s *stallSampler) ran(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.posted.IsZero() {
		return
	}
	if took := now.Sub(s.posted); took >= stallReportOver && len(s.samples) > 0 {
		s.stalls = append(s.stalls, stall{took: took, samples: s.samples})
	}
	s.posted = time.Time{}
	s.samples = nil
}

func (s *stallSampler) run() {
	t := time.NewTicker(stallSampleEvery)
	defer t.Stop()
	buf := make([]byte, 1<<20)
	for {
		select {
		case <-s.quit:
			return
		case <-t.C:
		}
		s.mu.Lock()
		due := !s.posted.IsZero() && time.Since(s.posted) > stallSampleAfter
		s.mu.Unlock()
		if !due {
			continue
		}
		n := runtime.Stack(buf, true)
		key := mainStack(buf[:n])
		s.mu.Lock()
		if s.samples != nil {
			s.samples[key]++
		}
		s.mu.Unlock()
	}
}

// mainStack is goroutine 1's state and its frames' functions, innermost
// first, from a dump of all stacks.
func mainStack(dump []byte) string {
	for _, g := range bytes.Split(dump, []byte("\n\n")) {
		if !bytes.HasPrefix(g, []byte("goroutine 1 [")) {
			continue
		}
		lines := strings.Split(string(g), "\n")
		state := lines[0][len("goroutine 1 ["):strings.IndexByte(lines[0], ']')]
		var funcs []string
		for i := 1; i < len(lines); i += 2 {
			f := lines[i]
			if j := strings.LastIndexByte(f, '('); j > 0 {
				f = f[:j]
			}
			funcs = append(funcs, f)
		}
		return state + "\n    " + strings.Join(funcs, "\n    ")
	}
	return "goroutine 1 not found"
}

// stop ends the sampling.
func (s *stallSampler) stop() { close(s.quit) }

// report writes each long stall with its samples, the most frequent
// stack first, under a heading, and forgets them.
func (s *stallSampler) report(out io.Writer, heading string) {
	s.mu.Lock()
	defer func() { s.stalls = nil }()
	defer s.mu.Unlock()
	fmt.Fprintf(out, "test hook: stalls while %s: %d\n", heading, len(s.stalls))
	for _, st := range s.stalls {
		fmt.Fprintf(out, "test hook: stall %d ms, UI thread samples:\n", st.took.Milliseconds())
		keys := make([]string, 0, len(st.samples))
		for k := range st.samples {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return st.samples[keys[i]] > st.samples[keys[j]] })
		for _, k := range keys {
			fmt.Fprintf(out, "  %d× %s\n", st.samples[k], k)
		}
	}
}
