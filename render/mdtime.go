package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxPageMarkdownTime bounds one page's render apart from its Liquid
// (which has a budget of its own): preparing the markdown, parsing it
// and writing its HTML. goldmark cannot be stopped midway, and some
// inputs cost it far more than their size: 5 MB of "[a](" ran for
// minutes, 5 MB of "*a **b " 15 s. A render past the limit is abandoned:
// the page gets an error diagnostic and an empty body, and the build (or
// the preview) goes on. The abandoned parse stops at its next inline
// trigger (abandonCheck), step of delimiter pairing (delimiterWatch) or
// write of HTML (abandonWriter); what it could still do between two of
// them is bounded by the largest page a course may hold
// (course.MaxPageSize).
const MaxPageMarkdownTime = MaxPageRenderTime

// renderStatus is how a bounded render ended.
type renderStatus int

const (
	renderDone    renderStatus = iota
	renderStopped              // the caller's context was cancelled
	renderTooSlow              // past MaxPageMarkdownTime
)

// renderWatch lets a render tell the one waiting for it when its Liquid
// starts and ends (that time is not counted), and learn that it was
// abandoned.
type renderWatch struct {
	liquid    chan bool // true when the Liquid starts, false when it ends
	abandoned atomic.Bool
}

func newRenderWatch() *renderWatch { return &renderWatch{liquid: make(chan bool, 2)} }

// liquidRuns is called when the render's Liquid starts (true) and ends
// (false), once each.
func (w *renderWatch) liquidRuns(on bool) {
	if w != nil {
		w.liquid <- on // never blocks: room for both
	}
}

func (w *renderWatch) gone() bool { return w != nil && w.abandoned.Load() }

// slowSources remembers the pages that went past the limit, by file and
// text, so that rendering one again (a preview refreshed as its author
// types elsewhere, every rebuild of serve) says so at once instead of
// starting another parse of minutes beside the first.
type slowSources struct {
	mu   sync.Mutex
	seed maphash.Seed
	keys map[uint64]struct{}
}

// maxSlowSources bounds the memory of slowSources; past it, it starts over.
const maxSlowSources = 256

func (s *slowSources) key(in Input) uint64 {
	var h maphash.Hash
	h.SetSeed(s.seed)
	h.WriteString(in.File)
	h.WriteByte(0)
	if in.Page != nil {
		h.WriteString(in.Page.Path)
		h.WriteByte(0)
		h.Write(in.Page.Bytes())
	}
	h.WriteByte(0)
	h.WriteString(in.Source)
	return h.Sum64()
}

func (s *slowSources) has(k uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.keys[k]
	return ok
}

func (s *slowSources) add(k uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys == nil || len(s.keys) >= maxSlowSources {
		s.keys = map[uint64]struct{}{}
	}
	s.keys[k] = struct{}{}
}

// bounded runs work (a render of in) in a goroutine of its own and waits
// for it, for in.Context to be cancelled, or for it to spend
// MaxPageMarkdownTime outside its Liquid, whichever comes first. Only a
// finished render's result is returned; an abandoned one is stopped at
// goldmark's next inline trigger (abandonCheck), delimiter pairing step
// (delimiterWatch) or HTML write (abandonWriter), and is dropped.
func bounded[T any](r *Renderer, in Input, work func(w *renderWatch) T) (T, renderStatus) {
	var zero T
	if quick(in) {
		if stopped(in.Context) {
			return zero, renderStopped
		}
		return work(nil), renderDone
	}
	key := r.slow.key(in)
	if r.slow.has(key) {
		return zero, renderTooSlow
	}
	w := newRenderWatch()
	done := make(chan T, 1) // never blocks: an abandoned render ends on its own
	go func() { done <- work(w) }()
	var stop <-chan struct{}
	if in.Context != nil {
		stop = in.Context.Done()
	}
	left := MaxPageMarkdownTime
	timer := time.NewTimer(left)
	defer timer.Stop()
	since := time.Now()
	deadline := timer.C
	for {
		select {
		case out := <-done:
			return out, renderDone
		case <-stop:
			w.abandoned.Store(true)
			return zero, renderStopped
		case on := <-w.liquid:
			if on { // Liquid's own budget: the clock stops
				timer.Stop()
				left -= time.Since(since)
				deadline = nil
			} else {
				timer.Reset(max(left, 0))
				since = time.Now()
				deadline = timer.C
			}
		case <-deadline:
			w.abandoned.Store(true)
			r.slow.add(key)
			return zero, renderTooSlow
		}
	}
}

// quickSize is the size under which a page without Liquid is rendered
// on the caller's goroutine: goldmark's worst inputs take it
// milliseconds at this size (5 MB of unclosed links took minutes, growing
// with the square of the size), and most pages are far smaller, so they
// are spared a goroutine, a timer and a stack grown afresh for each.
const quickSize = 64 << 10

// quick reports whether in is small and has no Liquid, which could make
// the markdown larger than the source.
func quick(in Input) bool {
	src := in.Source
	if src == "" && in.Page != nil {
		src = in.Page.Body()
	}
	return len(src) < quickSize && !strings.Contains(src, "{%") && !strings.Contains(src, "{{")
}

// tooSlow is the finding of a page whose markdown went past the limit.
func tooSlow(in Input) course.Diagnostic {
	file, line := in.File, in.Line
	if file == "" && in.Page != nil {
		file = in.Page.Path
	}
	if line == 0 && in.Page != nil {
		line = bodyLine(in.Page)
	}
	return course.Diagnostic{File: file, Line: line, Severity: course.SeverityError, Code: course.CodeRenderLimit,
		Message: fmt.Sprintf("this page's markdown takes longer than %s to render; the page is left empty", MaxPageMarkdownTime),
		Hint:    "split the page, or look for thousands of unclosed links, brackets or emphasis marks"}
}

// stopped reports whether a render's context was cancelled.
func stopped(ctx context.Context) bool { return ctx != nil && ctx.Err() != nil }

// watchKey holds a parse's *renderWatch in goldmark's context.
var watchKey = parser.NewContextKey()

// errAbandoned ends the parse of an abandoned render from inside
// goldmark, which has no way to be stopped: abandonCheck panics with it
// and parseMarkdown recovers it.
var errAbandoned = errors.New("render abandoned")

// abandonExtension adds abandonCheck to a goldmark pipeline.
type abandonExtension struct{}

func (abandonExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(abandonCheck{}, 0),
		// Before goldmark's own (100 and up), which then never run.
		util.Prioritized(delimiterWatch{parser.NewEmphasisParser()}, 1),
		util.Prioritized(delimiterWatch{extension.NewStrikethroughParser()}, 1),
	))
}

// delimiterWatch is an emphasis (or strikethrough) parser whose
// delimiters stop the parse of an abandoned render while goldmark pairs
// them up. That pairing runs when a paragraph (or a link's text) ends,
// after every inline trigger of it has passed, and takes time that grows
// with the square of the delimiters left unpaired: "_a " 40,000 times
// and then "a* " as often cost it about 10 s with no trigger on the way,
// so abandonCheck alone let such a parse run on for as long.
type delimiterWatch struct{ parser.InlineParser }

func (d delimiterWatch) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	n := d.InlineParser.Parse(parent, block, pc)
	if w, _ := pc.Get(watchKey).(*renderWatch); w != nil {
		if del, ok := n.(*parser.Delimiter); ok {
			del.Processor = watchedProcessor{del.Processor, w}
		}
	}
	return n
}

// watchedProcessor is a delimiter processor that stops the parse of an
// abandoned render each time goldmark asks whether two delimiters pair:
// once per step of the pairing's inner loop.
type watchedProcessor struct {
	parser.DelimiterProcessor
	w *renderWatch
}

func (p watchedProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	if p.w.gone() {
		panic(errAbandoned)
	}
	return p.DelimiterProcessor.CanOpenCloser(opener, closer)
}

// abandonWriter is where an abandoned render's HTML goes: writing a page
// of megabytes takes a while, and the first write after the render was
// abandoned stops it (the render recovers errAbandoned).
type abandonWriter struct {
	bytes.Buffer
	w *renderWatch
}

func (a *abandonWriter) Write(b []byte) (int, error) {
	if a.w.gone() {
		panic(errAbandoned)
	}
	return a.Buffer.Write(b)
}

func (a *abandonWriter) WriteString(s string) (int, error) {
	if a.w.gone() {
		panic(errAbandoned)
	}
	return a.Buffer.WriteString(s)
}

// abandonCheck runs before every other inline parser at the characters
// where goldmark's costly inline parsing happens (links, emphasis, code
// spans, raw HTML), and stops a parse whose render was abandoned: the
// inputs that cost goldmark minutes (thousands of unclosed links or
// brackets) pass these characters all the time, so an abandoned parse
// stops within moments instead of running on in the background. It
// never makes a node.
type abandonCheck struct{}

func (abandonCheck) Trigger() []byte {
	return []byte{'[', ']', '!', '(', '*', '_', '~', '`', '<', '&', '\\'}
}

func (abandonCheck) Parse(_ ast.Node, _ text.Reader, pc parser.Context) ast.Node {
	if w, _ := pc.Get(watchKey).(*renderWatch); w.gone() {
		panic(errAbandoned)
	}
	return nil
}

// parseMarkdown parses text with md, unless the render is abandoned
// midway (then doc is nil).
func parseMarkdown(md goldmark.Markdown, text string, pc parser.Context, w *renderWatch) (doc ast.Node) {
	if w != nil {
		pc.Set(watchKey, w)
		defer func() {
			if v := recover(); v != nil {
				if v != errAbandoned { //nolint:errorlint // the exact value panicked with
					panic(v)
				}
				doc = nil
			}
		}()
	}
	return md.Parser().Parse(textReader(text), parser.WithContext(pc))
}
