// Package gencourse writes synthetic Course-in-a-Box courses for the
// benchmarks: any number of pages, each with the content real
// learning-circle courses have (front matter, headings, lists, a table, a
// code block, links to other pages, an image, a "Suggested timing" line, a
// facilitator tip and a YouTube iframe). The output depends only on the
// options, so two runs with the same options write the same bytes.
package gencourse

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options say what to generate. Zero fields take the defaults of
// DefaultOptions.
type Options struct {
	Pages     int    // number of pages
	Words     int    // about how many words of prose per page
	PerModule int    // pages per module
	Seed      uint64 // the random sequence; same seed, same course
}

// DefaultOptions are the options the benchmarks' goals are stated for,
// with Pages pages.
func DefaultOptions(pages int) Options {
	return Options{Pages: pages, Words: 1500, PerModule: 8, Seed: 1}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions(o.Pages)
	if o.Words <= 0 {
		o.Words = d.Words
	}
	if o.PerModule <= 0 {
		o.PerModule = d.PerModule
	}
	if o.Seed == 0 {
		o.Seed = d.Seed
	}
	return o
}

var words = strings.Fields(`learning circle facilitator library course module group discussion reading
activity reflection question share explore community practice skill goal
resource open license remix adapt meeting week timing video example data
story listen write draft feedback peer notes guide public access digital
literacy project partner volunteer language culture reflect plan prepare`)

// figures is how many images img/ holds; pages link to them at random.
const figures = 10

// target is a page other pages link to.
type target struct{ module, slug, title string }

// Write generates the course into dir (created if needed): _config.yml,
// _data/course.yml, index.md, img/figure-N.png and
// modules/<module>/_posts/2000-MM-DD-<slug>.md.
func Write(dir string, o Options) error {
	o = o.withDefaults()
	if o.Pages < 1 {
		return fmt.Errorf("gencourse: %d pages: at least one is needed", o.Pages)
	}
	g := &gen{rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15)), words: o.Words}
	for i := range figures {
		if err := writeFile(filepath.Join(dir, "img", fmt.Sprintf("figure-%d.png", i)), figure(i)); err != nil {
			return err
		}
	}
	nmod := (o.Pages + o.PerModule - 1) / o.PerModule
	mods := make([]string, nmod)
	for m := range mods {
		mods[m] = fmt.Sprintf("module-%04d", m+1)
	}
	plan := make([]target, o.Pages)
	for p := range plan {
		m, k := mods[p/o.PerModule], p%o.PerModule+1
		plan[p] = target{m, fmt.Sprintf("page-%02d", k), fmt.Sprintf("Page %d of %s", k, strings.ReplaceAll(m, "-", " "))}
	}
	for p, t := range plan {
		k := p%o.PerModule + 1
		month, day := 1+(k-1)/28, 1+(k-1)%28
		name := fmt.Sprintf("2000-%02d-%02d-%s.md", month, day, t.slug)
		if err := writeFile(filepath.Join(dir, "modules", t.module, "_posts", name), []byte(g.page(p, t.title, plan))); err != nil {
			return err
		}
	}
	quoted := make([]string, len(mods))
	for i, m := range mods {
		quoted[i] = `"` + m + `"`
	}
	courseYML := fmt.Sprintf("title: Synthetic course of %d pages\ndescription: A generated course for benchmarks\nmodules: [%s]\n",
		o.Pages, strings.Join(quoted, ", "))
	config := "markdown: kramdown\npermalink: /:categories/:title/\n" +
		"defaults:\n  -\n    scope:\n      path: \"modules\"\n    values:\n      layout: \"course_page\"\n" +
		"jumbotron_color: \"#58D7CB\"\n"
	index := "---\nlayout: index\ntitle: Home\n---\n\n" + g.paragraph(120) + "\n"
	for name, content := range map[string]string{"_data/course.yml": courseYML, "_config.yml": config, "index.md": index} {
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(content)); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// gen holds one course's random sequence.
type gen struct {
	rng   *rand.Rand
	words int
}

// between returns a number in [lo, hi].
func (g *gen) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

func (g *gen) sentence(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[g.rng.IntN(len(words))]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) paragraph(n int) string {
	var out []string
	for left := n; left > 0; {
		k := min(left, g.between(8, 18))
		out = append(out, g.sentence(k))
		left -= k
	}
	return strings.Join(out, " ")
}

// page writes page number idx: sections of prose, each followed in turn by
// a table, a facilitator tip, links with an image, code with a video, or a
// list, until about g.words words.
func (g *gen) page(idx int, title string, plan []target) string {
	timings := []int{10, 15, 20, 30, 40}
	body := []string{
		"---\ntitle: " + title + "\n---\n",
		"# " + title + "\n",
		fmt.Sprintf("_Suggested timing: %d minutes_\n", timings[g.rng.IntN(len(timings))]),
	}
	for used, sec := 0, 0; used < g.words; {
		sec++
		heading := g.sentence(3)
		body = append(body, fmt.Sprintf("## Part %d: %s\n", sec, heading[:len(heading)-1]))
		n := g.between(60, 110)
		body = append(body, g.paragraph(n)+"\n")
		used += n
		switch sec % 5 {
		case 0:
			var items []string
			for range 4 {
				items = append(items, "* "+g.sentence(g.between(4, 9)))
			}
			body = append(body, strings.Join(items, "\n")+"\n")
			used += 24
		case 1:
			rows := []string{"| Step | Minutes | Notes |", "|---|---:|---|"}
			for range 3 {
				step := g.sentence(2)
				rows = append(rows, fmt.Sprintf("| %s | %d | %s |", step[:len(step)-1], g.between(5, 30), g.sentence(5)))
			}
			body = append(body, strings.Join(rows, "\n")+"\n")
			used += 24
		case 2:
			body = append(body, "> Facilitator tip: "+g.paragraph(30)+"\n")
			used += 30
		case 3:
			t := plan[g.rng.IntN(len(plan))]
			body = append(body, fmt.Sprintf("See also [%s]({{site.baseurl}}/modules/%s/%s/) and ![diagram %d]({{site.baseurl}}/img/figure-%d.png)\n",
				t.title, t.module, t.slug, sec, g.rng.IntN(figures)))
			used += 8
		default:
			body = append(body, "```python\nfor week in range(6):\n    print('meet', week)\n```\n")
			body = append(body, "<div class=\"embed-responsive embed-responsive-16by9\">\n"+
				fmt.Sprintf("  <iframe class=\"embed-responsive-item\" src=\"https://www.youtube.com/embed/vid%05d\" allowfullscreen></iframe></div>\n", idx))
			used += 6
		}
	}
	return strings.Join(body, "\n")
}

// figure is a 16×16 PNG whose colours depend on n.
func figure(n int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 16, 16))
	for y := range 16 {
		for x := range 16 {
			img.Set(x, y, color.NRGBA{uint8((x*13 + y*7 + n) % 256), uint8((x*3 + n) % 256), uint8((y * 5) % 256), 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img) // writing to memory cannot fail
	return b.Bytes()
}
