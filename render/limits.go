package render

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/osteele/liquid"
	lrender "github.com/osteele/liquid/render"
)

// Limits of one page's Liquid: past them the page gets an error and is
// shown without Liquid; the build goes on with the other pages. No real
// course comes near them (the corpus's largest page loops a few dozen
// times), and a hostile one — two nested loops of 100,000, forty doubling
// captures — would otherwise run for minutes or exhaust memory.
const (
	MaxLiquidIterations = 1_000_000
	MaxPageOutput       = 10 << 20
	MaxPageRenderTime   = 2 * time.Second
)

// errOutputLimit stops a render whose output passes MaxPageOutput,
// errTimeLimit one that runs past MaxPageRenderTime, errIterationLimit
// one whose loops, counted as they run, pass MaxLiquidIterations, and
// errRenderStopped one whose caller cancelled it (a build stopped by
// Ctrl+C).
var (
	errOutputLimit    = fmt.Errorf("the page's Liquid produces more than %d MB", MaxPageOutput>>20)
	errTimeLimit      = fmt.Errorf("the page's Liquid runs longer than %s", MaxPageRenderTime)
	errIterationLimit = fmt.Errorf("its loops ran more than %d times", MaxLiquidIterations)
	errRenderStopped  = errors.New("the render was stopped")
)

// liquidCost estimates, before rendering, the loop iterations and output
// of a template by walking its tree: literal ranges and assigned numbers
// give loop counts, other collections count as defaultLoop items; a
// variable's size follows assign and capture, so doubling captures are
// seen growing. It reports the line and reason of the first limit passed.
type liquidCost struct {
	iterations float64
	sizes      map[string]float64 // variable → estimated length
	numbers    map[string]float64 // variable → assigned number
	line       int
	why        string
}

const (
	defaultLoop    = 100 // items of a collection whose size is not known
	defaultObject  = 64  // bytes of a variable whose size is not known
	maxSimulations = 64  // loop bodies simulated one by one
)

var (
	loopArgsRE = regexp.MustCompile(`^\s*[\w-]+\s+in\s+(\S+|\([^)]*\))(.*)$`)
	rangeRE    = regexp.MustCompile(`^\(\s*(-?[\w.]+)\s*\.\.\s*(-?[\w.]+)\s*\)$`)
	limitRE    = regexp.MustCompile(`\blimit\s*:\s*(\w+)`)
	assignRE   = regexp.MustCompile(`^\s*([\w-]+)\s*=\s*(.*)$`)
	identRE    = regexp.MustCompile(`'[^']*'|"[^"]*"|\|\s*[\w-]+|[A-Za-z_][\w.-]*|-?\d+`)
)

func checkLiquidCost(root lrender.Node) (line int, why string) {
	c := &liquidCost{sizes: map[string]float64{}, numbers: map[string]float64{}}
	c.node(root, new(float64))
	return c.line, c.why
}

func (c *liquidCost) fail(n lrender.Node, why string) {
	if c.why != "" {
		return
	}
	c.why = why
	c.line = nodeLine(n)
}

// node adds n's output to *out.
func (c *liquidCost) node(n lrender.Node, out *float64) {
	if c.why != "" {
		return
	}
	switch n := n.(type) {
	case *lrender.SeqNode:
		for _, ch := range n.Children {
			c.node(ch, out)
		}
	case *lrender.TextNode:
		*out += float64(len(n.Source))
	case *lrender.ObjectNode:
		*out += c.exprSize(n.Args)
	case *lrender.TagNode:
		switch n.Name {
		case "assign":
			if m := assignRE.FindStringSubmatch(n.Args); m != nil {
				c.sizes[m[1]] = c.exprSize(m[2])
				if v, err := strconv.ParseFloat(strings.TrimSpace(m[2]), 64); err == nil {
					c.numbers[m[1]] = v
				} else {
					delete(c.numbers, m[1])
				}
			}
		case tickTag: // writes nothing
		default:
			*out += defaultObject
		}
	case *lrender.BlockNode:
		c.block(n, out)
	case *lrender.RawNode:
		*out += defaultObject
	}
	if *out > MaxPageOutput && c.why == "" {
		c.fail(n, fmt.Sprintf("it would produce more than %d MB", MaxPageOutput>>20))
	}
}

func (c *liquidCost) block(n *lrender.BlockNode, out *float64) {
	switch n.Name {
	case "comment":
		return
	case "capture":
		var inner float64
		for _, ch := range n.Body {
			c.node(ch, &inner)
		}
		name := strings.TrimSpace(n.Args)
		c.sizes[name] = inner
		delete(c.numbers, name)
		if inner > MaxPageOutput {
			c.fail(n, fmt.Sprintf("the captured text %q would grow past %d MB", name, MaxPageOutput>>20))
		}
		return
	case "for", "tablerow":
		count := c.loopCount(n.Args)
		sims := min(count, maxSimulations)
		var body float64
		itersBefore := c.iterations
		for i := 0; i < int(sims) && c.why == ""; i++ {
			c.iterations++
			for _, ch := range n.Body {
				c.node(ch, &body)
			}
		}
		if sims > 0 && count > sims {
			// The rest of the loop costs what the simulated part did,
			// scaled up.
			scale := count / sims
			c.iterations = itersBefore + (c.iterations-itersBefore)*scale
			body *= scale
		}
		*out += body
		for _, cl := range n.Clauses { // {% else %}
			for _, ch := range cl.Body {
				c.node(ch, out)
			}
		}
		if c.iterations > MaxLiquidIterations && c.why == "" {
			c.fail(n, fmt.Sprintf("its loops would run more than %d times", MaxLiquidIterations))
		}
		return
	}
	// if, unless, case and unknown blocks: every branch counts.
	for _, ch := range n.Body {
		c.node(ch, out)
	}
	for _, cl := range n.Clauses {
		c.block(cl, out)
	}
}

// loopCount is how many times a for loop with these arguments runs, as
// far as can be told before running it.
func (c *liquidCost) loopCount(args string) float64 {
	m := loopArgsRE.FindStringSubmatch(args)
	if m == nil {
		return defaultLoop
	}
	count := float64(defaultLoop)
	if r := rangeRE.FindStringSubmatch(m[1]); r != nil {
		a, aok := c.number(r[1])
		b, bok := c.number(r[2])
		switch {
		case aok && bok:
			count = max(b-a+1, 0)
		case bok:
			count = max(b, 0)
		}
	}
	if l := limitRE.FindStringSubmatch(m[2]); l != nil {
		if v, ok := c.number(l[1]); ok {
			count = min(count, max(v, 0))
		}
	}
	return count
}

func (c *liquidCost) number(s string) (float64, bool) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v, true
	}
	v, ok := c.numbers[s]
	return v, ok
}

// exprSize estimates the length of an expression's value: the sum of the
// literals and known variables it names (filters such as append join
// them).
func (c *liquidCost) exprSize(expr string) float64 {
	var size float64
	for _, tok := range identRE.FindAllString(expr, -1) {
		switch {
		case strings.HasPrefix(tok, "|"):
		case strings.HasPrefix(tok, "'") || strings.HasPrefix(tok, `"`):
			size += float64(len(tok) - 2)
		default:
			if v, ok := c.sizes[tok]; ok {
				size += v
			} else if _, err := strconv.ParseFloat(tok, 64); err == nil {
				size += float64(len(tok))
			} else {
				size += defaultObject
			}
		}
	}
	return size
}

// nodeLine is the template line a node starts on, 0 when unknown.
func nodeLine(n lrender.Node) (line int) {
	defer func() {
		if recover() != nil { // sourceless nodes panic
			line = 0
		}
	}()
	return n.SourceLocation().LineNo + 1 // the parser counts from 0
}

// boundedWriter collects a render's output and stops it past
// MaxPageOutput or the deadline.
type boundedWriter struct {
	b        strings.Builder
	deadline time.Time
}

func (w *boundedWriter) Write(p []byte) (int, error) {
	if w.b.Len()+len(p) > MaxPageOutput {
		return 0, errOutputLimit
	}
	if time.Now().After(w.deadline) {
		return 0, errTimeLimit
	}
	return w.b.Write(p)
}

// tickTag is put by instrumentLoops at the start of every loop body, with
// the loop's line: it counts the iterations as they run and stops the
// render past MaxLiquidIterations, past the deadline or when the caller
// cancels, so a loop the estimate missed — one that writes nothing, over
// a collection whose size only shows when it runs — stops by itself
// instead of burning a core after its page was given up. Pages cannot
// use the tag: precheck removes tags it does not know.
const tickTag = "coursewright_loop_tick"

// liquidBudget is one page render's running budget, shared by the page
// and the includes it renders (the same goroutine).
type liquidBudget struct {
	ctx        context.Context
	deadline   time.Time
	iterations int
	line       int  // the loop that ran out of budget
	spent      bool // a limit was passed or the render cancelled
}

func newLiquidBudget(ctx context.Context) *liquidBudget {
	if ctx == nil {
		ctx = context.Background()
	}
	return &liquidBudget{ctx: ctx, deadline: time.Now().Add(MaxPageRenderTime)}
}

// tick is one loop iteration.
func (b *liquidBudget) tick(line int) error {
	b.iterations++
	err := error(nil)
	switch {
	case b.iterations > MaxLiquidIterations:
		err = errIterationLimit
	case b.ctx.Err() != nil:
		err = errRenderStopped
	case time.Now().After(b.deadline):
		err = errTimeLimit
	default:
		return nil
	}
	if !b.spent {
		b.spent, b.line = true, line
	}
	return err
}

func loopTick(ctx lrender.Context) (string, error) {
	s := stateOf(ctx)
	if s == nil || s.budget == nil {
		return "", nil
	}
	line, _ := strconv.Atoi(strings.TrimSpace(ctx.TagArgs()))
	return "", s.budget.tick(line)
}

// parseLiquid parses a page's or an include's template and puts a tick
// in each of its loops.
func parseLiquid(e *liquid.Engine, src string) (*liquid.Template, liquid.SourceError) {
	tpl, err := e.ParseString(src)
	if err != nil {
		return nil, err
	}
	instrumentLoops(e, tpl.GetRoot())
	return tpl, nil
}

// instrumentLoops puts a tick node first in the body of every for and
// tablerow block under n. The node is parsed by the same engine, so it is
// an ordinary tag node of the tree; it writes nothing.
func instrumentLoops(e *liquid.Engine, n lrender.Node) {
	switch n := n.(type) {
	case *lrender.SeqNode:
		for _, ch := range n.Children {
			instrumentLoops(e, ch)
		}
	case *lrender.BlockNode:
		for _, ch := range n.Body {
			instrumentLoops(e, ch)
		}
		for _, cl := range n.Clauses {
			instrumentLoops(e, cl)
		}
		if n.Name != "for" && n.Name != "tablerow" {
			return
		}
		t, err := e.ParseString(fmt.Sprintf("{%% %s %d %%}", tickTag, nodeLine(n)))
		if err != nil {
			return // cannot happen: the tag is registered
		}
		if seq, ok := t.GetRoot().(*lrender.SeqNode); ok && len(seq.Children) == 1 {
			n.Body = append([]lrender.Node{seq.Children[0]}, n.Body...)
		}
	}
}

// renderBounded renders a parsed template within the limits. Loops stop
// themselves at their next iteration past a limit or when ctx is
// cancelled; a render stuck elsewhere (one filter call on a huge value)
// is abandoned at the deadline and ends at its next write or loop
// iteration.
func renderBounded(tpl *liquid.Template, vars map[string]any, b *liquidBudget) (string, error) {
	w := &boundedWriter{deadline: b.deadline}
	done := make(chan error, 1)
	go func() { done <- asError(tpl.FRender(w, vars)) }()
	timer := time.NewTimer(time.Until(b.deadline) + 100*time.Millisecond)
	defer timer.Stop()
	select {
	case err := <-done:
		if err != nil {
			return "", err
		}
		return w.b.String(), nil
	case <-timer.C:
		return "", errTimeLimit
	case <-b.ctx.Done():
		return "", errRenderStopped
	}
}

func asError(err liquid.SourceError) error {
	if err == nil {
		return nil
	}
	return err
}

// runLiquid parses and renders src within the limits. A page past a
// limit gets an error diagnostic and stopped is set (the caller shows
// the page without Liquid); other errors are returned as the engine gave
// them.
func (r *Renderer) runLiquid(src string, vars map[string]any, b *liquidBudget, d *diagnostics) (out string, err liquid.SourceError, stopped bool) {
	tpl, err := parseLiquid(r.liquid, src)
	if err != nil {
		return "", err, false
	}
	if b.ctx.Err() != nil {
		return "", nil, true
	}
	if line, why := checkLiquidCost(tpl.GetRoot()); why != "" {
		d.add(course.CodeRenderLimit, line, course.SeverityError, "this page's Liquid was not run: "+why,
			"loop over fewer items, or split the page; the page is shown without Liquid")
		return "", nil, true
	}
	s, rerr := renderBounded(tpl, vars, b)
	if what, ok := limitError(rerr); ok {
		if what == errRenderStopped.Error() {
			return "", nil, true // the caller gave up the page: no finding
		}
		d.add(course.CodeRenderLimit, b.line, course.SeverityError, "this page's Liquid was stopped: "+what,
			"loop over fewer items, or split the page; the page is shown without Liquid")
		return "", nil, true
	}
	if rerr != nil {
		var se liquid.SourceError
		if errors.As(rerr, &se) {
			return "", se, false
		}
		d.add(course.CodeLiquidError, 0, course.SeverityError, "Liquid template error: "+rerr.Error(), "")
		return "", nil, true
	}
	return s, nil, false
}

// limitError reports whether err is a passed limit, and which.
func limitError(err error) (string, bool) {
	for _, l := range []error{errOutputLimit, errTimeLimit, errIterationLimit, errRenderStopped} {
		if errors.Is(err, l) || (err != nil && strings.Contains(err.Error(), l.Error())) {
			return l.Error(), true
		}
	}
	return "", false
}

var _ io.Writer = (*boundedWriter)(nil)
