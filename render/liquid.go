package render

import (
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/coursewright/coursewright/course"
	"github.com/osteele/liquid"
	lrender "github.com/osteele/liquid/render"
)

// Course pages are Jekyll pages: Liquid runs before markdown, as Jekyll
// runs it. Coursewright supports what course content uses — site and
// page variables, post_url, link, include of the course's own _includes,
// comment, raw, highlight and the standard control tags — and turns
// anything else into a diagnostic, never a crash and never raw {% … %}
// shown to learners.

// knownTags are the tags Coursewright renders; others are removed and
// reported.
var knownTags = map[string]bool{
	"assign": true, "capture": true, "endcapture": true, "case": true, "when": true, "else": true, "endcase": true,
	"comment": true, "endcomment": true, "cycle": true, "for": true, "endfor": true, "break": true, "continue": true,
	"if": true, "elsif": true, "endif": true, "unless": true, "endunless": true, "include": true,
	"raw": true, "endraw": true, "tablerow": true, "endtablerow": true,
	"post_url": true, "link": true, "highlight": true, "endhighlight": true,
	// GitHub Pages' plugins (ghpages.go).
	"gist": true, "seo": true, "feed_meta": true,
}

var (
	tagRE      = regexp.MustCompile(`\{%-?\s*(\w+)\s*([^%]*?)\s*-?%\}`)
	objectRE   = regexp.MustCompile(`\{\{-?[^}]*-?\}\}`)
	baseurlObj = regexp.MustCompile(`\{\{-?\s*site\.baseurl\s*-?\}\}`)
)

// stateKey carries the per-render state to tag functions through the
// bindings, since one engine serves concurrent renders.
const stateKey = "__coursewright"

type liquidState struct {
	in     Input
	site   *Site
	engine *liquid.Engine
	depth  int           // include nesting, bounded against an include of itself
	budget *liquidBudget // the page's loop iterations and time
}

func newLiquidEngine() *liquid.Engine {
	e := liquid.NewEngine()
	e.RegisterTag("post_url", postURLTag)
	e.RegisterTag("link", linkTag)
	e.RegisterTag("include", includeTag)
	e.RegisterBlock("highlight", highlightBlock)
	e.RegisterTag("gist", gistTag)
	e.RegisterTag("seo", themeCoversTag)
	e.RegisterTag("feed_meta", themeCoversTag)
	e.RegisterTag(tickTag, loopTick)
	registerJekyllFilters(e)
	return e
}

func stateOf(ctx lrender.Context) *liquidState {
	s, _ := ctx.Get(stateKey).(*liquidState)
	return s
}

func postURLTag(ctx lrender.Context) (string, error) {
	s := stateOf(ctx)
	if s == nil {
		return "", nil
	}
	if p := s.site.postByName(strings.TrimSpace(ctx.TagArgs())); p != nil {
		return p.URL(), nil
	}
	return "#missing-page", nil
}

func linkTag(ctx lrender.Context) (string, error) {
	s := stateOf(ctx)
	arg := strings.TrimSpace(ctx.TagArgs())
	if s == nil {
		return arg, nil
	}
	if p := s.site.pageByPath(strings.TrimPrefix(arg, "/")); p != nil {
		return p.URL(), nil
	}
	return "/" + strings.TrimPrefix(arg, "/"), nil
}

// includeArgRE matches key=value arguments: "quoted", 'quoted' or a
// variable name.
var includeArgRE = regexp.MustCompile(`(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([\w.]+))`)

func includeTag(ctx lrender.Context) (string, error) {
	s := stateOf(ctx)
	args := strings.TrimSpace(ctx.TagArgs())
	name, rest, _ := strings.Cut(args, " ")
	if strings.Contains(name, "{{") {
		if expanded, err := ctx.ExpandTagArg(); err == nil {
			name, rest, _ = strings.Cut(strings.TrimSpace(expanded), " ")
		}
	}
	params := map[string]any{}
	for _, m := range includeArgRE.FindAllStringSubmatch(rest, -1) {
		switch {
		case m[2] != "" || strings.Contains(m[0], `""`):
			params[m[1]] = m[2]
		case m[3] != "" || strings.Contains(m[0], `''`):
			params[m[1]] = m[3]
		default:
			v, _ := ctx.EvaluateString(m[4])
			params[m[1]] = v
		}
	}
	if s == nil || s.in.Course == nil {
		return missingInclude(name), nil
	}
	src, ok := readInclude(s.in.Course, name)
	if !ok {
		return missingInclude(name), nil
	}
	if s.depth >= 8 {
		return missingInclude(name), nil
	}
	b := map[string]any{}
	for k, v := range ctx.Bindings() {
		b[k] = v
	}
	b["include"] = params
	tpl, perr := parseLiquid(s.engine, src)
	if perr != nil {
		return missingInclude(name), nil
	}
	s.depth++
	out, rerr := tpl.RenderString(b)
	s.depth--
	if rerr != nil {
		if s.budget != nil && s.budget.spent {
			return "", rerr // a limit: stop the page, not only the include
		}
		return missingInclude(name), nil
	}
	return out, nil
}

func missingInclude(name string) string {
	return `<span class="missing-include">[missing include: ` + html.EscapeString(name) + `]</span>`
}

// readInclude reads _includes/NAME of the course, never outside it.
func readInclude(c *course.Course, name string) (string, bool) {
	if name == "" || strings.Contains(name, "..") || strings.ContainsAny(name, "\\\x00") {
		return "", false
	}
	full, err := course.SafeJoin(c.Dir, "_includes/"+name)
	if err != nil {
		return "", false
	}
	b, err := os.ReadFile(full)
	if err != nil || len(b) > 1<<20 {
		return "", false
	}
	return string(b), true
}

func highlightBlock(ctx lrender.Context) (string, error) {
	inner, err := ctx.InnerString()
	if err != nil {
		return "", err
	}
	lang := strings.Fields(ctx.TagArgs())
	l := ""
	if len(lang) > 0 {
		l = lang[0]
	}
	return "\n```" + l + "\n" + strings.Trim(inner, "\n") + "\n```\n", nil
}

// expandLiquid runs Liquid over src. It first checks every tag so that
// problems are reported with their line, and removes tags it does not
// know so the engine never fails on them.
func (r *Renderer) expandLiquid(src string, in Input, site *Site, d *diagnostics) string {
	if !strings.Contains(src, "{%") && !strings.Contains(src, "{{") {
		return src
	}
	// Most pages use Liquid only for {{ site.baseurl }}, which stands for
	// the site root (""): no need for the template engine.
	if !strings.Contains(src, "{%") {
		if plain := baseurlObj.ReplaceAllString(src, ""); !strings.Contains(plain, "{{") {
			return plain
		}
	}
	src = r.precheck(src, in, site, d)
	state := &liquidState{in: in, site: site, engine: r.liquid, budget: newLiquidBudget(in.Context)}
	out, err, stopped := r.runLiquid(src, bindings(in, state), state.budget, d)
	if state.budget.ctx.Err() != nil {
		return "" // the caller gave the page up: no more work on it
	}
	if stopped {
		return stripLiquid(src)
	}
	if err != nil {
		line := err.LineNumber()
		d.add(course.CodeLiquidError, line, course.SeverityError, "Liquid template error: "+liquidMessage(err),
			"check that every {% if %}, {% for %} and {% comment %} has its closing tag; the page is shown without Liquid")
		return stripLiquid(src)
	}
	return out
}

func liquidMessage(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.HasPrefix(msg, "Liquid") {
		return msg[i+2:]
	}
	return msg
}

// stripLiquid removes Liquid markup when the template cannot run, so
// learners never see it; site.baseurl becomes the site root it stands for.
func stripLiquid(src string) string {
	src = baseurlObj.ReplaceAllString(src, "")
	src = tagRE.ReplaceAllString(src, "")
	return objectRE.ReplaceAllString(src, "")
}

// precheck reports unknown tags (and removes them), includes whose file
// is missing and post_url targets that do not exist.
func (r *Renderer) precheck(src string, in Input, site *Site, d *diagnostics) string {
	var b strings.Builder
	last := 0
	skipUntil := ""
	for _, m := range tagRE.FindAllStringSubmatchIndex(src, -1) {
		name, args := src[m[2]:m[3]], src[m[4]:m[5]]
		if skipUntil != "" {
			if name == skipUntil {
				skipUntil = ""
			}
			continue
		}
		line := 1 + strings.Count(src[:m[0]], "\n")
		switch {
		case name == "raw" || name == "comment":
			skipUntil = "end" + name
		case !knownTags[name]:
			d.add(course.CodeLiquidUnknownTag, line, course.SeverityWarning, fmt.Sprintf("unknown Liquid tag {%% %s %%} was left out", name),
				"Coursewright supports include, post_url, link, comment, raw, highlight, if, for, assign and capture", "Tag", name)
			b.WriteString(src[last:m[0]])
			last = m[1]
			continue
		case name == "include":
			inc := strings.Fields(args)
			if len(inc) > 0 && !strings.Contains(inc[0], "{{") {
				if in.Course == nil {
					break
				}
				if _, ok := readInclude(in.Course, inc[0]); !ok {
					d.add(course.CodeLiquidIncludeMissing, line, course.SeverityWarning, fmt.Sprintf("the include file _includes/%s does not exist; a placeholder is shown", inc[0]),
						"add the file to the _includes folder, or remove the {% include %} line", "File", inc[0])
				}
			}
		case name == "post_url":
			if site.postByName(strings.TrimSpace(args)) == nil {
				d.add(course.CodeLiquidPostURLMissing, line, course.SeverityWarning, fmt.Sprintf("{%% post_url %s %%} names no page of the course", strings.TrimSpace(args)),
					"use the page's file name without .md, e.g. 2000-01-02-my-page", "Name", strings.TrimSpace(args))
			}
		}
	}
	if last == 0 {
		return src
	}
	b.WriteString(src[last:])
	return b.String()
}

// bindings are the site and page variables Course-in-a-Box content uses.
// site.baseurl is empty: links come out site-absolute and the build makes
// them relative, which is what lets the site work from any folder.
func bindings(in Input, state *liquidState) map[string]any {
	site := map[string]any{"baseurl": "", "url": ""}
	page := map[string]any{}
	if c := in.Course; c != nil {
		m := c.Meta()
		site["title"] = m.Title
		site["description"] = m.Description
		data := map[string]any{}
		if c.Data != nil && c.Data.Root() != nil {
			var course map[string]any
			if c.Data.Root().Decode(&course) == nil {
				data["course"] = course
			}
		}
		site["data"] = data
		if src := in.Source; strings.Contains(src, "site.categories") || strings.Contains(src, "site.posts") ||
			(src == "" && in.Page != nil && (strings.Contains(in.Page.Body(), "site.categories") || strings.Contains(in.Page.Body(), "site.posts"))) {
			site["posts"], site["categories"] = jekyllPosts(c)
		}
		if gh := siteGitHub(c); gh != nil {
			site["github"] = gh
		}
		if c.Config != nil && c.Config.Root() != nil {
			var cfg map[string]any
			if c.Config.Root().Decode(&cfg) == nil {
				for k, v := range cfg {
					if _, taken := site[k]; !taken {
						site[k] = v
					}
				}
			}
		}
	}
	if p := in.Page; p != nil {
		if p.HasFront() && p.Front().Root() != nil {
			var fm map[string]any
			if p.Front().Root().Decode(&fm) == nil {
				for k, v := range fm {
					page[k] = v
				}
			}
		}
		page["url"] = p.URL()
		page["path"] = p.Path
		if t := p.HeadingTitle(); t != "" && strings.TrimSpace(p.Title()) == "" {
			page["title"] = t // jekyll-titles-from-headings
		}
		if l := p.DefaultLayout(); l != "" {
			page["layout"] = l // jekyll-default-layout
		}
		page["slug"] = p.Slug
		if p.Date != "" {
			page["date"] = p.Date
			page["categories"] = []string{"modules", path.Base(path.Dir(path.Dir(p.Path)))}
		}
	}
	return map[string]any{"site": site, "page": page, stateKey: state}
}

// jekyllPosts are site.posts (newest first) and site.categories (each
// category's posts, newest first) as Jekyll gives them to Liquid: every
// published module page, under the folders above its _posts as written.
func jekyllPosts(c *course.Course) (posts []any, categories map[string]any) {
	var all []*course.Page
	for _, m := range c.Modules {
		for _, p := range m.Pages {
			if p.Published() {
				all = append(all, p)
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Date != all[j].Date {
			return all[i].Date > all[j].Date
		}
		return all[i].Path > all[j].Path
	})
	byCat := map[string][]any{}
	for _, p := range all {
		dir := path.Dir(path.Dir(p.Path))
		cats := strings.Split(dir, "/")
		post := map[string]any{"url": p.URL(), "title": p.Title(), "content": p.Body(), "date": p.Date, "slug": p.Slug, "categories": cats, "path": p.Path}
		posts = append(posts, post)
		for _, cat := range cats {
			byCat[cat] = append(byCat[cat], post)
		}
	}
	categories = map[string]any{}
	for k, v := range byCat {
		categories[k] = v
	}
	return posts, categories
}

// registerJekyllFilters adds the Jekyll filters course content uses.
// relative_url and absolute_url leave paths site-absolute, like
// site.baseurl: the build makes them relative.
func registerJekyllFilters(e *liquid.Engine) {
	keep := func(s string) string {
		if strings.HasPrefix(s, "/") || s == "" || schemeOf(s) != "" {
			return s
		}
		return "/" + s
	}
	e.RegisterFilter("relative_url", keep)
	e.RegisterFilter("absolute_url", keep)
	e.RegisterFilter("markdownify", func(s string) string { return s })
	e.RegisterFilter("slugify", func(s string) string { return course.Slugify(s) })
	e.RegisterFilter("xml_escape", html.EscapeString)
	e.RegisterFilter("cgi_escape", url.QueryEscape)
	e.RegisterFilter("uri_escape", func(s string) string { return (&url.URL{Path: s}).EscapedPath() })
	e.RegisterFilter("number_of_words", func(s string) int { return course.CountWords(s) })
	e.RegisterFilter("jsonify", func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(b)
	})
}
