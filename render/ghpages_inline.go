package render

import (
	"sync"

	"github.com/coursewright/coursewright/course"
	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The plugins a course turns on in _config.yml that change its text:
// jemoji (:evergreen_tree: → 🌲, GitHub's names, from goldmark-emoji's
// table of them) and jekyll-mentions (@user → a link to the GitHub
// profile). As on GitHub Pages, a course that does not list them keeps
// the text as written.

// inlinePlugins says which of the two a course turns on.
type inlinePlugins struct{ emoji, mentions bool }

func inlinePluginsOf(c *course.Course) inlinePlugins {
	if c == nil {
		return inlinePlugins{}
	}
	return inlinePlugins{emoji: c.UsesPlugin(course.PluginJemoji), mentions: c.UsesPlugin(course.PluginMentions)}
}

// markdownFor is the pipeline for a course's plugins: the plain one, or
// one of the (at most three) others, each built once and shared.
func (r *Renderer) markdownFor(pl inlinePlugins) goldmark.Markdown {
	if pl == (inlinePlugins{}) {
		return r.md
	}
	r.variantsMu.Lock()
	defer r.variantsMu.Unlock()
	if md, ok := r.variants[pl]; ok {
		return md
	}
	exts := append([]goldmark.Extender(nil), r.exts...)
	transformers := []util.PrioritizedValue{util.Prioritized(courseTransformer{}, 100)}
	if pl.emoji {
		// Unicode characters, not jemoji's images from GitHub's asset
		// host: the site loads nothing from other hosts.
		exts = append(exts, emoji.New(emoji.WithRenderingMethod(emoji.Unicode)))
	}
	if pl.mentions {
		transformers = append(transformers, util.Prioritized(mentionTransformer{}, 200))
	}
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithASTTransformers(transformers...)),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(r.nodeRenderers()...)),
	)
	r.variants[pl] = md
	return md
}

// variantStore holds the pipelines with plugins, built on first use.
type variantStore struct {
	variantsMu sync.Mutex
	variants   map[inlinePlugins]goldmark.Markdown
}

// mentionBase is where jekyll-mentions sends @user (its default base_url).
const mentionBase = "https://github.com/"

// mentionTransformer links @user as jekyll-mentions does (html-pipeline's
// MentionFilter): an @ at the start or after a character that is not a
// letter, digit or _, a name of letters, digits and dashes starting with
// a letter or digit, not followed by a slash or by more name characters;
// never inside code or a link.
type mentionTransformer struct{}

func (mentionTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindLink, ast.KindAutoLink, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindRawHTML, ast.KindImage:
			return ast.WalkSkipChildren, nil
		}
		if t, ok := n.(*ast.Text); ok {
			texts = append(texts, t)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		linkMentions(t, src)
	}
}

// linkMentions splits a text node around each mention it holds.
func linkMentions(t *ast.Text, src []byte) {
	seg := t.Segment
	s := src[seg.Start:seg.Stop]
	parent := t.Parent()
	if parent == nil {
		return
	}
	last := 0
	var after ast.Node = t
	first := true
	for i := 0; i < len(s); i++ {
		// The character before may be in the source just before this
		// node (goldmark splits text at _ and *).
		if at := seg.Start + i; s[i] != '@' || (at > 0 && isWordByte(src[at-1])) {
			continue
		}
		end := mentionEnd(s, i+1)
		if end < 0 {
			continue
		}
		// Text before the mention: the original node, shortened.
		before := text.NewSegment(seg.Start+last, seg.Start+i)
		if first {
			t.Segment = before
			first = false
		} else {
			n := ast.NewTextSegment(before)
			parent.InsertAfter(parent, after, n)
			after = n
		}
		link := ast.NewLink()
		link.Destination = []byte(mentionBase + string(s[i+1:end]))
		link.SetAttributeString("class", []byte("user-mention"))
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+i, seg.Start+end)))
		parent.InsertAfter(parent, after, link)
		after = link
		last = end
		i = end - 1
	}
	if first {
		return
	}
	rest := ast.NewTextSegment(text.NewSegment(seg.Start+last, seg.Stop))
	rest.SetSoftLineBreak(t.SoftLineBreak())
	rest.SetHardLineBreak(t.HardLineBreak())
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	parent.InsertAfter(parent, after, rest)
}

// mentionEnd is the end of a user name starting at i, or -1 when there is
// none there (MentionFilter's pattern: a name, then not "/", and either
// dots followed by a non-word character or the end, or a character that
// is not a word character or a dot, or the end).
func mentionEnd(s []byte, i int) int {
	j := i
	if j >= len(s) || !isAlnum(s[j]) {
		return -1
	}
	for j < len(s) && (isAlnum(s[j]) || s[j] == '-') {
		j++
	}
	if j == len(s) {
		return j
	}
	switch c := s[j]; {
	case c == '/':
		return -1
	case c == '.':
		k := j
		for k < len(s) && s[k] == '.' {
			k++
		}
		if k == len(s) || !isWordByte(s[k]) {
			return j
		}
		return -1
	case isWordByte(c):
		return -1 // "_" after the name
	}
	return j
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isWordByte(c byte) bool { return isAlnum(c) || c == '_' }
