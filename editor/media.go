package editor

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/coursewright/coursewright/course"
)

// Images and videos go into the page as the markdown Course-in-a-Box
// authors write by hand: an image copied into img/ and linked through
// {{ site.baseurl }}, a video as a link on a line of its own, which the
// renderer turns into an embed titled with the link's text.

// AltTextHint is shown when an image has no alt text, in the author's
// language.
func AltTextHint() string {
	return lang.L("Describe the image for someone who cannot see it: what it shows and why it is on this page, in a sentence (\"Bar chart: most learners met weekly\"), not \"image\" or the file name. For a purely decorative image, say so: \"decorative\".")
}

// ErrAltTextRequired is returned for an image inserted without alt text
// (wrapped in the message with the hint).
var ErrAltTextRequired = errors.New("an image needs alt text")

// uiError is an error whose message is translated for the author; errors.Is
// still finds the sentinel it stands for.
type uiError struct {
	msg string
	is  error
}

func (e *uiError) Error() string { return e.msg }
func (e *uiError) Unwrap() error { return e.is }

// ImageMarkdown is the markdown of an image in img/.
func ImageMarkdown(alt, name string) string {
	alt = strings.NewReplacer("[", "\\[", "]", "\\]", "\n", " ").Replace(strings.TrimSpace(alt))
	return fmt.Sprintf("![%s]({{ site.baseurl }}/%s/%s)", alt, course.ImageDir, name)
}

// CopyImage copies the file src into the course's img/ folder under a
// safe name (the slug of its base name and its extension, lower case)
// and returns that name. A different file already there under the name
// is never overwritten: the copy becomes name-2, name-3…; the same file
// is not copied twice.
func CopyImage(c *course.Course, src string) (string, error) {
	data, err := os.ReadFile(src)
	if err != nil {
		return "", fmt.Errorf("reading the image: %w", err)
	}
	ext := strings.ToLower(filepath.Ext(src))
	base := course.Slugify(strings.TrimSuffix(filepath.Base(src), filepath.Ext(src)))
	if base == "" {
		base = "image"
	}
	dir := filepath.Join(c.Dir, course.ImageDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("creating %s: %w", course.ImageDir, err)
	}
	for n := 1; ; n++ {
		name := base + ext
		if n > 1 {
			name = fmt.Sprintf("%s-%d%s", base, n, ext)
		}
		dst := filepath.Join(dir, name)
		old, err := os.ReadFile(dst)
		switch {
		case err == nil && bytes.Equal(old, data):
			return name, nil
		case err == nil:
			continue // another image has the name
		case !errors.Is(err, os.ErrNotExist):
			return "", fmt.Errorf("checking %s: %w", dst, err)
		}
		// O_EXCL: a file that appeared since the check is not replaced.
		f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("copying the image: %w", err)
		}
		_, werr := f.Write(data)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			_ = os.Remove(dst)
			return "", fmt.Errorf("copying the image to %s: %w", dst, werr)
		}
		addAsset(c, path.Join(course.ImageDir, name))
		return name, nil
	}
}

// addAsset lists a new file among the course's assets, kept sorted, so
// that checks see the image before the next load.
func addAsset(c *course.Course, rel string) {
	for _, a := range c.Assets {
		if a == rel {
			return
		}
	}
	c.Assets = append(c.Assets, rel)
	sort.Strings(c.Assets)
}

// InsertImage copies the image file src into img/ and inserts its
// markdown with the alt text at the cursor. Empty alt text is refused
// before anything is copied.
func (v *CourseView) InsertImage(src, alt string) error { return v.InsertImageResized(src, alt, 0) }

// AskInsertImage offers to resize a large photo, asks for the alt text
// of the image file src (refusing an empty one with the hint), then
// inserts it.
func (v *CourseView) AskInsertImage(src string) {
	v.offerResize(src, func(maxWidth int) {
		v.prompt.AskText(lang.L("Alt text"), lang.L("Describe the image for people who cannot see it"), "", func(alt string) {
			if err := v.InsertImageResized(src, alt, maxWidth); err != nil {
				v.fail(err)
			}
		})
	})
}

// InsertImageDialog lets the author choose an image file through
// OnChooseImage (the app's file dialog), then asks for its alt text.
func (v *CourseView) InsertImageDialog() {
	if v.Page.page == nil {
		v.fail(noPageOpen())
		return
	}
	if v.OnChooseImage != nil {
		v.OnChooseImage(v.AskInsertImage)
	}
}

// DropFiles inserts files dropped on the window: each image is copied
// and asked its alt text in turn; other files are refused with the
// reason.
func (v *CourseView) DropFiles(paths []string) {
	if len(paths) == 0 {
		return
	}
	if v.Page.page == nil {
		v.fail(noPageOpen())
		return
	}
	src, rest := paths[0], paths[1:]
	if !isImage(src) {
		v.fail(Words(lang.L("{{.File}} is not an image: drop PNG, JPEG, GIF, SVG or WebP files", map[string]any{"File": filepath.Base(src)})))
		v.DropFiles(rest)
		return
	}
	v.offerResize(src, func(maxWidth int) {
		v.prompt.AskText(lang.L("Alt text"), lang.L("Describe the image for people who cannot see it"), "", func(alt string) {
			if err := v.InsertImageResized(src, alt, maxWidth); err != nil {
				v.fail(err)
				return
			}
			v.DropFiles(rest)
		})
	})
}

// ErrNoPageOpen is reported by insertions when no page is open.
var ErrNoPageOpen = errors.New("no page is open")

func noPageOpen() error {
	return &uiError{msg: lang.L("Open a page first, then insert into it."), is: ErrNoPageOpen}
}

// insertAtCursor replaces the selection with s; a block (a video) goes on
// a paragraph of its own.
func (v *CourseView) insertAtCursor(s string, block bool) {
	t := v.Page.Text
	text := t.Text()
	start, end := t.Selection()
	if block {
		before := text[:start]
		switch {
		case before == "" || strings.HasSuffix(before, "\n\n"):
		case strings.HasSuffix(before, "\n"):
			s = "\n" + s
		default:
			s = "\n\n" + s
		}
		after := text[end:]
		switch {
		case strings.HasPrefix(after, "\n\n"):
		case strings.HasPrefix(after, "\n") || after == "":
			s += "\n"
		default:
			s += "\n\n"
		}
	}
	t.Replace(start, text[start:end], s)
	t.Select(start+len(s), start+len(s))
}

// Video addresses the renderer embeds, and the embed players whose
// addresses are turned back into them.
var (
	youTubeWatchRE = regexp.MustCompile(`^https?://(?:www\.|m\.)?(?:youtube\.com/watch\?(?:[^#\s]*&)?v=|youtu\.be/)([\w-]{6,20})`)
	youTubeEmbedRE = regexp.MustCompile(`^https?://(?:www\.)?youtube(?:-nocookie)?\.com/(?:embed|shorts|live)/([\w-]{6,20})`)
	vimeoRE        = regexp.MustCompile(`^https?://(?:www\.)?vimeo\.com/(\d+)`)
	vimeoPlayerRE  = regexp.MustCompile(`^https?://player\.vimeo\.com/video/(\d+)`)
	embedSrcRE     = regexp.MustCompile(`(?is)<iframe[^>]*\ssrc\s*=\s*["']([^"']+)["']`)
)

// VideoMarkdown turns a YouTube, Vimeo or Kaltura address, or the embed
// code copied from one of them, into what the page should hold: a link
// with the title on a line of its own for YouTube and Vimeo (the renderer
// makes it an embed), a titled iframe for Kaltura, whose players the
// renderer allows as HTML.
func VideoMarkdown(input, title string) (string, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		return "", Words(lang.L("a video needs a title, which screen readers announce for the player: say what it shows, like \"Interview with a librarian\""))
	}
	u := strings.TrimSpace(input)
	if m := embedSrcRE.FindStringSubmatch(u); m != nil {
		u = strings.ReplaceAll(m[1], "&amp;", "&")
	}
	if strings.HasPrefix(u, "//") {
		u = "https:" + u
	}
	linkTitle := strings.NewReplacer("[", "\\[", "]", "\\]", "\n", " ").Replace(title)
	switch {
	case youTubeWatchRE.MatchString(u):
		return fmt.Sprintf("[%s](%s)", linkTitle, u), nil
	case youTubeEmbedRE.MatchString(u):
		id := youTubeEmbedRE.FindStringSubmatch(u)[1]
		return fmt.Sprintf("[%s](https://www.youtube.com/watch?v=%s)", linkTitle, id), nil
	case vimeoRE.MatchString(u):
		return fmt.Sprintf("[%s](https://vimeo.com/%s)", linkTitle, vimeoRE.FindStringSubmatch(u)[1]), nil
	case vimeoPlayerRE.MatchString(u):
		return fmt.Sprintf("[%s](https://vimeo.com/%s)", linkTitle, vimeoPlayerRE.FindStringSubmatch(u)[1]), nil
	}
	p, err := url.Parse(u)
	if err == nil && (p.Scheme == "https" || p.Scheme == "http") && strings.Contains(strings.ToLower(p.Hostname()), "kaltura") {
		return fmt.Sprintf(`<iframe src="%s" title="%s" width="640" height="360" allowfullscreen></iframe>`,
			htmlAttr(p.String()), htmlAttr(title)), nil
	}
	return "", Words(lang.L("{{.Input}} is not a YouTube, Vimeo or Kaltura video: paste the address of the video's page, or its embed code", map[string]any{"Input": strconv.Quote(input)}))
}

func htmlAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// InsertVideo inserts a video, on a line of its own, at the cursor.
func (v *CourseView) InsertVideo(input, title string) error {
	if v.Page.page == nil {
		return noPageOpen()
	}
	md, err := VideoMarkdown(input, title)
	if err != nil {
		return err
	}
	v.insertAtCursor(md, true)
	return nil
}

// AskInsertVideo asks for the video's address and title, then inserts it.
func (v *CourseView) AskInsertVideo() {
	v.prompt.AskText(lang.L("Insert video"), lang.L("YouTube, Vimeo or Kaltura address, or embed code"), "", func(input string) {
		if _, err := VideoMarkdown(input, "title"); err != nil {
			v.fail(err)
			return
		}
		v.prompt.AskText(lang.L("Video title"), lang.L("What the video shows (read out by screen readers)"), "", func(title string) {
			v.fail(v.InsertVideo(input, title))
		})
	})
}
