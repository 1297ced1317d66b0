package publish

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/coursewright/coursewright/course"
	"golang.org/x/image/draw"
)

// Checks of what learners download, for `check`: images too large for a
// phone on a slow connection (with a fix: a smaller copy), and the
// contrast of the text on the course's banner colour.

// MaxImageBytes is the size above which check warns about an image.
const MaxImageBytes = 500 * 1000

// WebImageWidth is the width a large image is made smaller to: wider than
// any course page's text column at twice the pixel density.
const WebImageWidth = 1600

// SiteChecks are check's findings that need the theme's rules: images
// over MaxImageBytes that the site would publish, and a banner colour of
// a mid tone, on which neither white nor the theme's near-black text
// reaches 4.5:1 (the theme then uses pure black, which just does).
func SiteChecks(c *course.Course) []course.Diagnostic {
	var out []course.Diagnostic
	for _, f := range bigImages(c) {
		out = append(out, course.Diagnostic{File: f.rel, Severity: course.SeverityWarning, Code: course.CodeImageTooLarge,
			Args:    course.DiagnosticArgs("Size", SizeText(f.size)),
			Message: fmt.Sprintf("this image is %s, more than 500 KB: slow to load for learners on a phone", SizeText(f.size)),
			Hint:    "run coursewright check --fix-images to put a smaller copy in its place (the original stays in the course's versions)"})
	}
	m := c.Meta()
	if bg := normalizeHex(m.JumbotronColor); bg != "" {
		fg, ratio := ReadableTextColor(bg)
		if fg == blackText {
			line := 0
			if c.Config != nil {
				if n := c.Config.Lookup("jumbotron_color"); n != nil {
					line = n.Line
				}
			}
			out = append(out, course.Diagnostic{File: course.ConfigFile, Line: line, Severity: course.SeverityWarning, Code: course.CodeBannerContrastLow,
				Args:    course.DiagnosticArgs("Color", bg, "Ratio", fmt.Sprintf("%.1f", ratio), "Text", fg),
				Message: fmt.Sprintf("the banner colour %s is a mid tone: its text reaches only %.1f:1 even in pure black (%s), hard to read for people with low vision", bg, ratio, fg),
				Hint:    "choose a darker or a lighter banner colour"})
		}
	}
	return out
}

type bigImage struct {
	rel, full string
	size      int64
}

// bigImages are the images the site would copy that are over
// MaxImageBytes.
func bigImages(c *course.Course) []bigImage {
	var out []bigImage
	for _, f := range newSite(c, false, "").files {
		switch strings.ToLower(filepath.Ext(f.rel)) {
		case ".png", ".jpg", ".jpeg", ".gif", ".webp":
		default:
			continue
		}
		if st, err := os.Stat(f.full); err == nil && st.Size() > MaxImageBytes {
			out = append(out, bigImage{rel: f.rel, full: f.full, size: st.Size()})
		}
	}
	return out
}

// SizeText is a file size as people read it: "640 KB", "2.4 MB".
func SizeText(n int64) string {
	if n >= 1000*1000 {
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%d KB", (n+500)/1000)
}

// FixedImage is one image FixImages made smaller, or could not.
type FixedImage struct {
	File          string // course-relative slash path
	Before, After int64  // bytes
	Err           error  // why it could not be made smaller
}

// FixImages puts a smaller copy in place of every image over
// MaxImageBytes: JPEG and PNG images wider than WebImageWidth are scaled
// to that width (as the app does for new images); others are reported
// with the reason. The course's saved versions keep the originals.
func FixImages(c *course.Course) []FixedImage {
	var out []FixedImage
	for _, f := range bigImages(c) {
		out = append(out, fixImage(f))
	}
	return out
}

// FixImage is FixImages for the one image at rel (a course-relative
// slash path, e.g. img/photo.jpg), for the app's images panel: the same
// size limit, the same smaller copy under the same name, so no link
// changes. An image at or under MaxImageBytes is left as it is.
func FixImage(c *course.Course, rel string) FixedImage {
	full := filepath.Join(c.Dir, filepath.FromSlash(rel))
	st, err := os.Stat(full)
	if err != nil {
		return FixedImage{File: rel, Err: err}
	}
	if st.Size() <= MaxImageBytes {
		return FixedImage{File: rel, Before: st.Size(), After: st.Size(), Err: fmt.Errorf("it is %s, not more than 500 KB", SizeText(st.Size()))}
	}
	return fixImage(bigImage{rel: rel, full: full, size: st.Size()})
}

// CanFixImage reports whether FixImage can make the image at rel
// smaller: a JPEG or PNG image over MaxImageBytes and wider than
// WebImageWidth.
func CanFixImage(c *course.Course, rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".jpg", ".jpeg", ".png":
	default:
		return false
	}
	full := filepath.Join(c.Dir, filepath.FromSlash(rel))
	st, err := os.Stat(full)
	if err != nil || st.Size() <= MaxImageBytes {
		return false
	}
	f, err := os.Open(full)
	if err != nil {
		return false
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	return err == nil && cfg.Width > WebImageWidth
}

func fixImage(f bigImage) FixedImage {
	r := FixedImage{File: f.rel, Before: f.size, After: f.size}
	switch strings.ToLower(filepath.Ext(f.rel)) {
	case ".jpg", ".jpeg", ".png":
		r.Err = ResizeImage(f.full, WebImageWidth)
	default:
		r.Err = fmt.Errorf("only JPEG and PNG images can be made smaller; save it as one in an image editor")
	}
	if st, err := os.Stat(f.full); err == nil {
		r.After = st.Size()
	}
	if r.Err == nil && r.After >= r.Before {
		r.Err = fmt.Errorf("it is no wider than %d pixels; save it with more compression in an image editor", WebImageWidth)
	}
	return r
}

// ResizeImage scales the JPEG or PNG file at path down to maxWidth pixels
// wide, keeping its proportions, and rewrites it in its own format. A
// narrower image is left as it is.
func ResizeImage(path string, maxWidth int) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	src, format, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("reading %s: %w", filepath.Base(path), err)
	}
	b := src.Bounds()
	if b.Dx() <= maxWidth {
		return nil
	}
	h := max(1, b.Dy()*maxWidth/b.Dx())
	dst := image.NewRGBA(image.Rect(0, 0, maxWidth, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Over, nil)
	var out bytes.Buffer
	switch format {
	case "jpeg":
		err = jpeg.Encode(&out, dst, &jpeg.Options{Quality: 85})
	case "png":
		err = png.Encode(&out, dst)
	default:
		return fmt.Errorf("%s: cannot resize a %s image", filepath.Base(path), format)
	}
	if err != nil {
		return err
	}
	return os.WriteFile(path, out.Bytes(), 0o644)
}
