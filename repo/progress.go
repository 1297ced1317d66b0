package repo

import (
	"regexp"
	"strconv"
	"strings"
)

// Phase is a step of a push or fetch: one of Coursewright's own below, or
// one the git server names while the files travel ("Counting objects",
// "Compressing objects", "Receiving objects", "Resolving deltas"), in the
// server's words. Its text is English, for the CLI and logs; the app
// turns the constants into words of its interface language and says of
// any other phase that files are on their way.
type Phase string

const (
	PhaseConnecting Phase = "Connecting" // before the server answers
	PhaseDone       Phase = "Done"       // the transfer is over
)

// ProgressFunc receives the phase of a push or fetch and how far it is,
// 0–100.
type ProgressFunc func(phase Phase, percent int)

// progressLine matches git's sideband progress: "Counting objects:  50%
// (1/2)", possibly prefixed "remote: ".
var progressLine = regexp.MustCompile(`^(?:remote:\s*)?([A-Za-z][A-Za-z ]*[A-Za-z]):\s+(\d{1,3})%`)

// progressWriter turns the text git servers send on the sideband into
// ProgressFunc calls. Lines end in "\r" while a phase advances and "\n"
// when it ends; a write may hold part of a line.
type progressWriter struct {
	cb      ProgressFunc
	buf     []byte
	phase   Phase
	percent int
}

func newProgressWriter(cb ProgressFunc) *progressWriter {
	return &progressWriter{cb: cb, percent: -1}
}

func (p *progressWriter) Write(b []byte) (int, error) {
	p.buf = append(p.buf, b...)
	for {
		i := strings.IndexAny(string(p.buf), "\r\n")
		if i < 0 {
			break
		}
		p.line(string(p.buf[:i]))
		p.buf = p.buf[i+1:]
	}
	// A server that never ends a line should not grow this forever.
	if len(p.buf) > 4096 {
		p.buf = p.buf[len(p.buf)-1024:]
	}
	return len(b), nil
}

func (p *progressWriter) line(s string) {
	m := progressLine.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return
	}
	pct, _ := strconv.Atoi(m[2])
	p.emit(Phase(m[1]), min(pct, 100))
}

func (p *progressWriter) emit(phase Phase, pct int) {
	if p.cb == nil || (phase == p.phase && pct == p.percent) {
		return
	}
	p.phase, p.percent = phase, pct
	p.cb(phase, pct)
}
