package editor

import (
	"sort"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/render"
)

// PreviewDelay is how long typing must pause before the preview is
// rendered again: fast enough to feel live, slow enough to never render
// between two keys.
const PreviewDelay = 300 * time.Millisecond

// Preview shows a page as learners will see it, rendered from the site's
// markdown pipeline. Updates are debounced and parsed in a goroutine, on
// a snapshot of the course, so a keystroke never waits for the preview
// and the UI thread never waits for the parser.
type Preview struct {
	widget.BaseWidget

	// OnRendered is called on the UI thread after each refresh with how
	// long parsing and building took and the render's diagnostics.
	OnRendered func(took time.Duration, diags []course.Diagnostic)
	// Delay is how long typing must pause before the preview follows
	// (PreviewDelay when 0).
	Delay time.Duration
	// OnLink is called with a link's address when the author taps it;
	// OnLine with the source line of the block tapped off a link
	// (preview_tap.go).
	OnLink func(dest string)
	OnLine func(line int)
	// wording, when set, is how the page's problems are put in words
	// (UI thread, when a preview is asked for); the render's goroutine
	// words them and worded gets the lines on the UI thread before
	// OnRendered.
	wording func() problemWording
	worded  func(wordedProblems)

	r      *render.Renderer
	images *previewImages // decodes the page's images off the UI thread
	words  Wording        // the interface language's (UI thread; the view sets it)
	box    *lazyColumn    // lays out only what is on screen
	scroll *container.Scroll

	// anchors are the top-level blocks shown, by source line; follow is
	// the line the preview keeps in view (0: none). Owned by the UI thread.
	anchors []anchor
	follow  int
	// links are the addresses of the link segments shown.
	links map[*widget.TextSegment]string

	mu    sync.Mutex
	seq   int // the latest request; older results are dropped
	done  int // the latest request shown or dropped: pending while done < seq
	timer *time.Timer
}

// NewPreview makes an empty preview that renders with r.
func NewPreview(r *render.Renderer) *Preview {
	p := &Preview{r: r, box: newLazyColumn(), images: newPreviewImages()}
	p.scroll = p.box.scroll
	p.box.onTap = p.tapped
	p.ExtendBaseWidget(p)
	return p
}

func (p *Preview) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.scroll)
}

// Update asks for the page with text as its body to be shown, after the
// typing pauses for Delay. It runs on the UI thread, which owns c: the
// parse reads a snapshot of c taken when the pause comes.
func (p *Preview) Update(c *course.Course, pg *course.Page, text string) {
	delay := p.Delay
	if delay <= 0 {
		delay = PreviewDelay
	}
	p.schedule(c, pg, text, delay)
}

// ShowPage asks for the page to be shown as soon as it is parsed (opening a
// page, or its text changed all at once); the parse runs in the
// background as for Update.
func (p *Preview) ShowPage(c *course.Course, pg *course.Page, text string) {
	p.follow = 0 // until the cursor moves in this text
	p.schedule(c, pg, text, 0)
}

func (p *Preview) schedule(c *course.Course, pg *course.Page, text string, delay time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seq++
	seq := p.seq
	if p.timer != nil {
		p.timer.Stop()
	}
	if delay == 0 && !p.waiting() {
		p.timer = nil
		p.start(seq, c, pg, text)
		return
	}
	// The snapshot of the course is taken when the typing pauses, not at
	// each key: on a course of thousands of pages it is thousands of
	// copies, and only the last key's is parsed.
	p.timer = time.AfterFunc(max(delay, fillGap), func() {
		fyne.Do(func() {
			if p.current(seq) {
				p.startWhenFilled(seq, c, pg, text)
			}
		})
	})
}

// waiting reports whether the page editor beside the preview is still
// drawing a page just opened (see lazyColumn.wait): the parse then waits
// too. On two cores, a 50K page's parse beside the editor's first frames
// kept events waiting for the UI thread longer than 50 ms.
func (p *Preview) waiting() bool { return p.box.wait != nil && p.box.wait() }

// startWhenFilled starts request seq once the page editor has drawn
// (UI thread).
func (p *Preview) startWhenFilled(seq int, c *course.Course, pg *course.Page, text string) {
	if !p.waiting() {
		p.start(seq, c, pg, text)
		return
	}
	time.AfterFunc(fillGap, func() {
		fyne.Do(func() {
			if p.current(seq) {
				p.startWhenFilled(seq, c, pg, text)
			}
		})
	})
}

// start parses the page in the background. It runs on the UI thread,
// which owns c: the parse reads a snapshot of c taken now.
func (p *Preview) start(seq int, c *course.Course, pg *course.Page, text string) {
	var snap *course.Course
	var snapPage *course.Page
	if c != nil {
		snap = c.Snapshot()
		if pg != nil {
			snapPage = snap.PageByPath(pg.Path)
		}
	}
	var pw *problemWording
	if p.wording != nil {
		w := p.wording()
		pw = &w
	}
	go p.render(seq, snap, snapPage, c, pg, text, pw)
}

// Stop drops a pending update and ends the column's measuring (the
// window is closing). Call it on the UI thread.
func (p *Preview) Stop() {
	p.box.stop()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seq++
	p.done = p.seq
	if p.timer != nil {
		p.timer.Stop()
	}
}

// Pending reports whether a requested preview has not been shown yet, or
// what is in view of it is still being laid out. Call it on the UI thread.
func (p *Preview) Pending() bool {
	if p.box.Pending() {
		return true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.done < p.seq
}

func (p *Preview) current(seq int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return seq == p.seq
}

// shown records that request seq is on screen (or was dropped).
func (p *Preview) shown(seq int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = max(p.done, seq)
}

// render parses snap's copy of the page off the UI thread and builds the
// widgets on it, for the live course c and page pg.
func (p *Preview) render(seq int, snap *course.Course, snapPage *course.Page, c *course.Course, pg *course.Page, text string, pw *problemWording) {
	start := time.Now()
	pv, diags := p.r.Preview(render.Input{Course: snap, Page: snapPage, Source: text})
	images := imageInfos(pv.Blocks, snap, snapPage)
	var worded wordedProblems
	if pw != nil {
		worded = pw.word(diags, false)
	}
	if !p.current(seq) {
		return
	}
	fyne.Do(func() {
		if !p.current(seq) {
			return
		}
		p.images.sweep()
		objs, anchors, links := buildLinked(pv, previewContext{course: c, page: pg, images: images, imageCache: p.images, words: p.words})
		p.links = links
		p.showAnchored(objs, anchors)
		p.shown(seq)
		if p.worded != nil {
			p.worded(worded)
		}
		if p.OnRendered != nil {
			p.OnRendered(time.Since(start), diags)
		}
	})
}

func (p *Preview) show(objs []fyne.CanvasObject) {
	p.showAnchored(objs, nil)
}

func (p *Preview) showAnchored(objs []fyne.CanvasObject, anchors []anchor) {
	p.box.SetObjects(objs)
	p.anchors = anchors
	p.revealFollowed()
}

// FollowLine keeps the block at line (1-based) of the page's text in
// view — the block starting there or the last one above it — now and
// after each refresh, as the editor's cursor moves. It scrolls only when
// that block is not in view already, so the preview keeps still while
// the cursor moves inside what it shows. Call it on the UI thread.
func (p *Preview) FollowLine(line int) {
	p.follow = line
	p.revealFollowed()
}

func (p *Preview) revealFollowed() {
	if p.follow <= 0 || len(p.anchors) == 0 {
		return
	}
	i := sort.Search(len(p.anchors), func(i int) bool { return p.anchors[i].line > p.follow }) - 1
	i = max(i, 0)
	a := p.anchors[i]
	top := p.box.offsetOf(a.obj, a.seg)
	bottom := p.box.total()
	if i+1 < len(p.anchors) {
		n := p.anchors[i+1]
		bottom = p.box.offsetOf(n.obj, n.seg)
	}
	p.box.reveal(top, bottom)
}

// Objects are the objects the preview shows, top to bottom.
func (p *Preview) Objects() []fyne.CanvasObject { return p.box.Objects() }
