package editor

import (
	"image"
	_ "image/gif" // DecodeConfig reads GIF sizes too
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"
	"github.com/coursewright/coursewright/publish"
)

// WebImageWidth is the width a large photo is offered to be resized to:
// wider than any course page's text column at twice the pixel density,
// a fraction of a camera photo's size.
const WebImageWidth = publish.WebImageWidth

// Confirmer is what a Prompter may also do: ask a yes/no question. The
// app's dialogs do; without it the view does not ask.
type Confirmer interface {
	Confirm(title, message string, done func(yes bool))
}

// ImageSize reads an image file's size in pixels without decoding it;
// ok is false for a file Go cannot read the size of (SVG, WebP…).
func ImageSize(path string) (w, h int, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return 0, 0, false
	}
	return cfg.Width, cfg.Height, true
}

// resizable reports whether ResizeImage can rewrite the file: JPEG and
// PNG (a GIF would lose its animation).
func resizable(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// ResizeImage scales the JPEG or PNG file at path down to maxWidth pixels
// wide (publish.ResizeImage, which check --fix-images uses too).
func ResizeImage(path string, maxWidth int) error { return publish.ResizeImage(path, maxWidth) }

// InsertImageResized is InsertImage with the copy in img/ scaled down to
// maxWidth pixels wide (0: as it is; the original is never changed).
func (v *CourseView) InsertImageResized(src, alt string, maxWidth int) error {
	if strings.TrimSpace(alt) == "" {
		return &uiError{msg: lang.L("An image needs alt text.") + " " + AltTextHint(), is: ErrAltTextRequired}
	}
	if v.Page.page == nil {
		return noPageOpen()
	}
	name, err := CopyImage(v.c, src)
	if err != nil {
		return err
	}
	if maxWidth > 0 {
		if err := ResizeImage(filepath.Join(v.c.Dir, "img", name), maxWidth); err != nil {
			return err
		}
	}
	v.insertAtCursor(ImageMarkdown(alt, name), false)
	return nil
}

// offerResize asks whether to make a web-sized copy of a large photo,
// when the prompter can ask yes/no questions; done gets the width to
// resize to, 0 for none.
func (v *CourseView) offerResize(src string, done func(maxWidth int)) {
	w, h, ok := ImageSize(src)
	c, canAsk := v.prompt.(Confirmer)
	if !ok || w <= WebImageWidth || !resizable(src) || !canAsk {
		done(0)
		return
	}
	c.Confirm(lang.L("Large photo"),
		lang.L("This photo is {{.Width}}×{{.Height}} pixels: slow to load for learners on a phone. Put a copy {{.Web}} pixels wide in the course instead? The original stays as it is.",
			map[string]any{"Width": w, "Height": h, "Web": WebImageWidth}),
		func(yes bool) {
			if yes {
				done(WebImageWidth)
			} else {
				done(0)
			}
		})
}
