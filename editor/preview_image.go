package editor

import (
	"image"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/draw"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/render"
)

// Fyne's own rich-text image (widget.ImageSegment) reads and decodes its
// file on the UI thread the first time it is laid out, and scales the
// full-size picture with a Catmull-Rom kernel on the UI thread each time
// its texture is made: a course photo kept the UI thread 100–230 ms when
// a page with images opened. The preview's images instead have their
// size read off the UI thread with the page's parse (imageSizes), show
// an empty box of that size at once, and are decoded and scaled to the
// size they are drawn at in a goroutine, which hands the small picture
// to the UI thread to show.

// imageInfo is what the preview knows of an image file before showing
// it: where it is, its size in pixels and when it was changed.
type imageInfo struct {
	path    string
	w, h    int
	modTime time.Time
}

// readImageInfo reads an image file's size from its header (no
// decoding); ok is false when there is no such file. The size is 0×0
// for a file Go cannot read the size of (SVG, WebP…).
func readImageInfo(path string) (info imageInfo, ok bool) {
	st, err := os.Stat(path)
	if err != nil || st.IsDir() {
		return imageInfo{}, false
	}
	info = imageInfo{path: path, modTime: st.ModTime()}
	info.w, info.h, _ = ImageSize(path)
	return info, true
}

// previewImages decodes the preview's images off the UI thread and keeps
// the scaled pictures of the last ones shown, so that a refresh of the
// preview after a pause in typing does not decode them again.
type previewImages struct {
	mu     sync.Mutex
	scaled map[imageKey]image.Image
	// used is what was asked for since the last sweep.
	used map[imageKey]bool
}

type imageKey struct {
	info imageInfo
	w, h int // the size scaled to, in pixels
}

func newPreviewImages() *previewImages {
	return &previewImages{scaled: map[imageKey]image.Image{}, used: map[imageKey]bool{}}
}

// sweep forgets the pictures not asked for since the last sweep (the
// preview calls it when it shows a new render).
func (c *previewImages) sweep() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.scaled {
		if !c.used[k] {
			delete(c.scaled, k)
		}
	}
	clear(c.used)
}

// cached is the picture for k if it was scaled already.
func (c *previewImages) cached(k imageKey) (image.Image, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[k] = true
	img, ok := c.scaled[k]
	return img, ok
}

// load decodes and scales k's file in a goroutine and calls done on the
// UI thread with the picture (nil when the file cannot be decoded).
func (c *previewImages) load(k imageKey, done func(image.Image)) {
	go func() {
		img := decodeScaled(k.info.path, k.w, k.h)
		if img != nil {
			c.mu.Lock()
			c.scaled[k] = img
			c.mu.Unlock()
		}
		fyne.Do(func() { done(img) })
	}()
}

// decodeScaled decodes the image file at path and scales it to w×h
// pixels (bilinear: the picture is a preview).
func decodeScaled(path string, w, h int) image.Image {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	src, _, err := image.Decode(f)
	if err != nil {
		return nil
	}
	if b := src.Bounds(); b.Dx() == w && b.Dy() == h {
		return src
	}
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	return dst
}

// imageSegment is a course image in the preview's text: a block, as
// widget.ImageSegment is, drawn by a previewImage.
type imageSegment struct {
	info  imageInfo
	title string
	cache *previewImages
}

func (s *imageSegment) Inline() bool               { return false }
func (s *imageSegment) Textual() string            { return "Image " + s.title }
func (s *imageSegment) Select(_, _ fyne.Position)  {}
func (s *imageSegment) SelectedText() string       { return "" }
func (s *imageSegment) Unselect()                  {}
func (s *imageSegment) Visual() fyne.CanvasObject  { return newPreviewImage(s) }
func (s *imageSegment) Update(o fyne.CanvasObject) { o.(*previewImage).set(s) }

// Path is the image file's path.
func (s *imageSegment) Path() string { return s.info.path }

// minSize is half the picture's size in pixels, as Fyne's rich text
// shows images (assumed made for screens of twice the density).
func (s *imageSegment) minSize() fyne.Size {
	return fyne.NewSize(float32(s.info.w)/2, float32(s.info.h)/2)
}

// key names the picture drawn at scale (the canvas's pixels per unit).
func (s *imageSegment) key(scale float32) imageKey {
	px := func(n int) int { return max(1, int(float32(n)/2*scale+0.5)) }
	return imageKey{s.info, px(s.info.w), px(s.info.h)}
}

// previewImage shows an imageSegment centred, at half its pixel size as
// Fyne's rich text does (pictures are assumed made for screens of twice
// the density), empty until its picture is decoded.
type previewImage struct {
	widget.BaseWidget
	seg *imageSegment
	img *canvas.Image
	// loading is the picture asked for, so that it is asked once.
	loading imageKey
}

func newPreviewImage(s *imageSegment) *previewImage {
	p := &previewImage{seg: s, img: &canvas.Image{FillMode: canvas.ImageFillStretch, ScaleMode: canvas.ImageScaleFastest}}
	p.ExtendBaseWidget(p)
	return p
}

func (p *previewImage) set(s *imageSegment) {
	if p.seg.info == s.info {
		p.seg = s
		return
	}
	p.seg = s
	p.img.Image = nil
	p.loading = imageKey{}
	p.Refresh()
}

func (p *previewImage) MinSize() fyne.Size { return p.seg.minSize() }

// fetch asks for the picture at the size it is drawn at on the canvas
// the image is on, once.
func (p *previewImage) fetch() {
	if p.seg.cache == nil || p.seg.info.w <= 0 || p.seg.info.h <= 0 {
		return
	}
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
		scale = c.Scale()
	}
	k := p.seg.key(scale)
	if k == p.loading {
		return
	}
	p.loading = k
	if img, ok := p.seg.cache.cached(k); ok {
		p.img.Image = img
		p.img.Refresh()
		return
	}
	p.seg.cache.load(k, func(img image.Image) {
		if p.loading != k || img == nil {
			return
		}
		p.img.Image = img
		p.img.Refresh()
	})
}

func (p *previewImage) CreateRenderer() fyne.WidgetRenderer {
	return &previewImageRenderer{p: p}
}

type previewImageRenderer struct{ p *previewImage }

func (r *previewImageRenderer) Layout(size fyne.Size) {
	r.p.img.Resize(r.p.seg.minSize())
	r.p.img.Move(fyne.NewPos(max(0, (size.Width-r.p.seg.minSize().Width)/2), 0))
	r.p.fetch()
}

func (r *previewImageRenderer) MinSize() fyne.Size           { return r.p.seg.minSize() }
func (r *previewImageRenderer) Refresh()                     { r.Layout(r.p.Size()); canvas.Refresh(r.p.img) }
func (r *previewImageRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.p.img} }
func (r *previewImageRenderer) Destroy()                     {}

// resolveImage is the file an image address of page pg leads to in c,
// if it is one of the course's files (web images are not).
func resolveImage(c *course.Course, pg *course.Page, dest string) (string, bool) {
	if u, err := url.Parse(dest); err == nil && u.IsAbs() || c == nil {
		return "", false
	}
	from := "/"
	if pg != nil {
		from = pg.URL()
	}
	site, ok := course.ResolveLink(from, dest)
	if !ok {
		return "", false
	}
	full, err := course.SafeJoin(c.Dir, strings.TrimPrefix(site, "/"))
	if err != nil {
		return "", false
	}
	return filepath.Clean(full), true
}

// imageInfos reads, off the UI thread, the size of each course image the
// blocks show, by address as written (page pg of c).
func imageInfos(blocks []render.Block, c *course.Course, pg *course.Page) map[string]imageInfo {
	out := map[string]imageInfo{}
	runs := func(rs []render.Run) {
		for _, r := range rs {
			if r.Kind != render.RunImage {
				continue
			}
			if _, done := out[r.Dest]; done {
				continue
			}
			if full, ok := resolveImage(c, pg, r.Dest); ok {
				if info, ok := readImageInfo(full); ok {
					out[r.Dest] = info
				}
			}
		}
	}
	var walk func([]render.Block)
	walk = func(bs []render.Block) {
		for _, b := range bs {
			runs(b.Runs)
			walk(b.Blocks)
			if b.List != nil {
				for _, item := range b.List.Items {
					walk(item)
				}
			}
			if b.Table != nil {
				for _, row := range b.Table.Rows {
					for _, cell := range row.Cells {
						runs(cell)
					}
				}
			}
		}
	}
	walk(blocks)
	return out
}
