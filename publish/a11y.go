package publish

import (
	"image"
	_ "image/gif" // DecodeConfig reads GIF sizes
	_ "image/jpeg"
	_ "image/png"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	_ "golang.org/x/image/webp" // and WebP sizes
)

// What the theme does to a page's rendered content so that it works for
// everyone: a name for task-list checkboxes, keyboard access to regions
// that scroll sideways, and image sizes so the page does not jump while
// images load.

var (
	contentImgRE = regexp.MustCompile(`<img\b[^>]*>`)
	checkboxRE   = regexp.MustCompile(`<input\b[^>]*\btype="checkbox"[^>]*>`)
	scrollableRE = regexp.MustCompile(`<(pre|table)(\s[^>]*)?>`)
	attrValueRE  = regexp.MustCompile(`\s([a-z-]+)(?:="([^"]*)")?`)
)

// eagerImages: the first image of a page is near its top and loads at
// once; the others load as the reader scrolls to them.
const eagerImages = 1

// accessibleContent is html (a page's rendered content, its links
// relative to the page at pageURL) made accessible; t names checkboxes in
// the course's language.
func (b *builder) accessibleContent(html, pageURL string) string {
	html = checkboxRE.ReplaceAllStringFunc(html, func(tag string) string {
		a := tagAttrs(tag)
		// A self-check question's checkboxes have their labels (and are
		// no task list).
		if _, ok := a["aria-label"]; ok || strings.HasPrefix(a["name"], "self-check-") {
			return tag
		}
		// Task lists' boxes are disabled and have no label of their
		// own; a box a learner ticks (a self-check question's option)
		// is named by its <label>, which aria-label would override.
		if _, ok := a["disabled"]; !ok {
			return tag
		}
		label := b.s.t.NotDone
		if _, ok := a["checked"]; ok {
			label = b.s.t.Done
		}
		return strings.TrimSuffix(tag, ">") + ` aria-label="` + label + `">`
	})
	// Code blocks and tables scroll sideways when they are wider than the
	// screen (site.css); a keyboard can scroll only what it can focus.
	html = scrollableRE.ReplaceAllStringFunc(html, func(tag string) string {
		if strings.Contains(tag, "tabindex=") {
			return tag
		}
		return strings.TrimSuffix(tag, ">") + ` tabindex="0">`
	})
	n := 0
	return contentImgRE.ReplaceAllStringFunc(html, func(tag string) string {
		n++
		a := tagAttrs(tag)
		add := ""
		if _, ok := a["loading"]; !ok && n > eagerImages {
			add += ` loading="lazy"`
		}
		_, hasW := a["width"]
		_, hasH := a["height"]
		if !hasW && !hasH {
			if w, h, ok := b.imageSize(pageURL, a["src"]); ok {
				add += ` width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(h) + `"`
			}
		}
		if add == "" {
			return tag
		}
		end := ">"
		if strings.HasSuffix(tag, "/>") {
			end = "/>"
		}
		return strings.TrimRight(strings.TrimSuffix(tag, end), " ") + add + end
	})
}

// tagAttrs reads the attributes of a start tag as the sanitizer writes
// them (lower-case names, double-quoted values, bare booleans).
func tagAttrs(tag string) map[string]string {
	a := map[string]string{}
	if i := strings.IndexAny(tag, " \t\n"); i > 0 {
		for _, m := range attrValueRE.FindAllStringSubmatch(tag[i:], -1) {
			a[m[1]] = m[2]
		}
	}
	return a
}

// imageSize reads the pixel size of the course image that src (relative
// to the page at pageURL) points to. Sizes are read once per build.
func (b *builder) imageSize(pageURL, src string) (w, h int, ok bool) {
	if src == "" || strings.Contains(src, ":") || strings.HasPrefix(src, "//") {
		return 0, 0, false // another site's image, or data:
	}
	u, err := url.Parse(strings.ReplaceAll(src, "&amp;", "&"))
	if err != nil || u.Path == "" {
		return 0, 0, false
	}
	dir := pageURL
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
	}
	rel := strings.TrimPrefix(path.Clean(path.Join(dir, u.Path)), "/")
	if !b.s.fileSet[rel] {
		return 0, 0, false
	}
	return b.imgs.size(filepath.Join(b.c.Dir, filepath.FromSlash(rel)))
}

// imageSizes caches image sizes for the page workers of one build.
type imageSizes struct {
	mu    sync.Mutex
	sizes map[string][2]int // by file; {0, 0} for one that is no readable image
}

func (c *imageSizes) size(file string) (w, h int, ok bool) {
	c.mu.Lock()
	if s, seen := c.sizes[file]; seen {
		c.mu.Unlock()
		return s[0], s[1], s[0] > 0
	}
	c.mu.Unlock()
	var s [2]int
	if f, err := os.Open(file); err == nil {
		if cfg, _, err := image.DecodeConfig(f); err == nil && cfg.Width > 0 && cfg.Height > 0 {
			s = [2]int{cfg.Width, cfg.Height}
		}
		f.Close()
	}
	c.mu.Lock()
	if c.sizes == nil {
		c.sizes = map[string][2]int{}
	}
	c.sizes[file] = s
	c.mu.Unlock()
	return s[0], s[1], s[0] > 0
}
