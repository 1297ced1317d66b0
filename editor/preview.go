package editor

import (
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
// markdown pipeline. Updates are debounced and parsed in a goroutine, so
// a keystroke never waits for the preview.
type Preview struct {
	widget.BaseWidget

	// OnRendered is called on the UI thread after each refresh with how
	// long parsing and building took and the render's diagnostics.
	OnRendered func(took time.Duration, diags []course.Diagnostic)
	// Lock, when set, is held while parsing reads the course in the
	// background; the owner of the course holds it to change it.
	Lock sync.Locker

	r      *render.Renderer
	box    *lazyColumn // lays out only what is on screen
	scroll *container.Scroll

	mu    sync.Mutex
	seq   int // the latest request; older results are dropped
	timer *time.Timer
}

// NewPreview makes an empty preview that renders with r.
func NewPreview(r *render.Renderer) *Preview {
	p := &Preview{r: r, box: newLazyColumn()}
	p.scroll = p.box.scroll
	p.ExtendBaseWidget(p)
	return p
}

func (p *Preview) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.scroll)
}

// Update asks for the page with text as its body to be shown, after the
// typing pauses for PreviewDelay.
func (p *Preview) Update(c *course.Course, pg *course.Page, text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seq++
	seq := p.seq
	if p.timer != nil {
		p.timer.Stop()
	}
	p.timer = time.AfterFunc(PreviewDelay, func() { p.render(seq, c, pg, text) })
}

// Stop drops a pending update (the window is closing).
func (p *Preview) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seq++
	if p.timer != nil {
		p.timer.Stop()
	}
}

func (p *Preview) current(seq int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return seq == p.seq
}

// render parses off the UI thread and builds the widgets on it.
func (p *Preview) render(seq int, c *course.Course, pg *course.Page, text string) {
	start := time.Now()
	if p.Lock != nil {
		p.Lock.Lock()
	}
	pv, diags := p.r.Preview(render.Input{Course: c, Page: pg, Source: text})
	if p.Lock != nil {
		p.Lock.Unlock()
	}
	if !p.current(seq) {
		return
	}
	fyne.Do(func() {
		if !p.current(seq) {
			return
		}
		p.show(buildPreview(pv, previewContext{course: c, page: pg}))
		if p.OnRendered != nil {
			p.OnRendered(time.Since(start), diags)
		}
	})
}

// ShowNow renders synchronously, on the UI thread: opening a page shows
// its preview at once instead of after a pause.
func (p *Preview) ShowNow(c *course.Course, pg *course.Page, text string) {
	p.Stop()
	start := time.Now()
	pv, diags := p.r.Preview(render.Input{Course: c, Page: pg, Source: text})
	p.show(buildPreview(pv, previewContext{course: c, page: pg}))
	if p.OnRendered != nil {
		p.OnRendered(time.Since(start), diags)
	}
}

func (p *Preview) show(objs []fyne.CanvasObject) {
	p.box.SetObjects(objs)
}

// Objects are the objects the preview shows, top to bottom.
func (p *Preview) Objects() []fyne.CanvasObject { return p.box.Objects() }
