// Package preview serves a course's website while the author writes:
// it builds the site with publish.Build, rebuilds when a file of the
// course changes, and tells open browser tabs to reload (server-sent
// events), showing the build's diagnostics over the page.
//
// It listens on the loopback interface only unless told otherwise: a
// preview is for the author, not the network.
package preview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/folderwatch"
	"github.com/coursewright/coursewright/publish"
)

// Options configure a Server.
type Options struct {
	Host   string // default 127.0.0.1; anything else must be asked for
	Port   int    // 0 picks a free port
	Drafts bool   // include hidden modules and unpublished pages
	// AllowRemote must be set to listen on a non-loopback address.
	AllowRemote bool
	// Debounce is how long the folder must be quiet before a rebuild.
	Debounce time.Duration
	// Log receives one line per rebuild; nil discards.
	Log io.Writer
}

// ErrNotLoopback is returned for a non-loopback host without AllowRemote.
var ErrNotLoopback = errors.New("the preview listens on this computer only (127.0.0.1); use --host to serve it to your network")

// Server is a running preview.
type Server struct {
	dir, out string
	opts     Options
	ln       net.Listener
	srv      *http.Server

	mu      sync.Mutex
	c       *course.Course
	diags   []course.Diagnostic
	version int
	subs    map[chan int]struct{}

	cancel context.CancelFunc
	done   chan struct{}
}

// previewPrefix names the temporary folders the preview builds into.
const previewPrefix = "coursewright-preview-"

// Start builds the course in dir into a temporary folder and serves it.
func Start(dir string, opts Options) (*Server, error) {
	return StartContext(context.Background(), dir, opts)
}

// StartContext is Start whose first build stops when ctx is cancelled
// (Ctrl+C while a large course builds); the temporary folder is removed.
func StartContext(ctx context.Context, dir string, opts Options) (*Server, error) {
	if opts.Host == "" {
		opts.Host = "127.0.0.1"
	}
	if opts.Debounce == 0 {
		opts.Debounce = 80 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if !isLoopback(opts.Host) && !opts.AllowRemote {
		return nil, ErrNotLoopback
	}
	c, err := course.Load(dir)
	if err != nil {
		return nil, err
	}
	publish.RemoveTrash(filepath.Join(os.TempDir(), previewPrefix+"*"))
	out, err := os.MkdirTemp("", previewPrefix)
	if err != nil {
		return nil, err
	}
	s := &Server{dir: c.Dir, out: out, opts: opts, c: c, subs: map[chan int]struct{}{}, done: make(chan struct{})}
	if err := s.rebuild(ctx); err != nil {
		_ = os.RemoveAll(out)
		return nil, err
	}
	s.ln, err = net.Listen("tcp", net.JoinHostPort(opts.Host, fmt.Sprint(opts.Port)))
	if err != nil {
		_ = os.RemoveAll(out)
		return nil, fmt.Errorf("cannot listen on %s:%d: %w", opts.Host, opts.Port, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/__coursewright/events", s.events)
	mux.HandleFunc("/__coursewright/live.js", liveJS)
	mux.HandleFunc("/", s.files)
	s.srv = &http.Server{Handler: s.guard(mux), ReadHeaderTimeout: 10 * time.Second}
	ctx, cancel := context.WithCancel(context.Background()) // the server's life, not the start's
	s.cancel = cancel
	changes := make(chan struct{}, 1)
	w, err := folderwatch.New(s.dir, s.opts.Debounce, []string{out}, func() {
		select {
		case changes <- struct{}{}:
		default: // a rebuild is already due
		}
	})
	if err != nil {
		cancel()
		_ = s.ln.Close()
		_ = os.RemoveAll(out)
		return nil, err
	}
	go func() {
		defer close(s.done)
		defer w.Close()
		s.watch(ctx, changes)
	}()
	go func() { _ = s.srv.Serve(s.ln) }()
	return s, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// URL is the address of the site's home page.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() + "/" }

// PageURL is the preview address of a course page.
func (s *Server) PageURL(p *course.Page) string {
	return strings.TrimSuffix(s.URL(), "/") + (&urlPath{p.URL()}).escaped()
}

// Version counts builds: it grows by one each time the site is rebuilt.
func (s *Server) Version() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version
}

// Diagnostics are those of the latest build.
func (s *Server) Diagnostics() []course.Diagnostic {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]course.Diagnostic(nil), s.diags...)
}

// Close stops serving and watching and removes the build folder, within
// a fraction of a second: a build under way stops, and the open event
// streams of browser tabs are ended first (Shutdown would otherwise wait
// for them).
func (s *Server) Close() error {
	s.cancel()
	<-s.done
	s.mu.Lock()
	for ch := range s.subs {
		close(ch)
		delete(s.subs, ch)
	}
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if err != nil {
		err = s.srv.Close() // requests still running after 0.1 s are cut: the user asked to stop
	}
	publish.RemoveAllWithin(s.out, 500*time.Millisecond)
	return err
}

// rebuild brings the course up to date with the folder and builds it.
func (s *Server) rebuild(ctx context.Context) error {
	start := time.Now()
	s.mu.Lock()
	c := s.c
	s.mu.Unlock()
	if _, err := c.Reload(); err != nil {
		return err
	}
	res, err := publish.Build(ctx, c, s.out, publish.BuildOptions{Drafts: s.opts.Drafts})
	if err != nil {
		return err
	}
	diags := append(course.Check(c), res.Diagnostics...)
	s.mu.Lock()
	s.diags = diags
	s.version++
	v := s.version
	for ch := range s.subs {
		select {
		case ch <- v:
		default: // a slow tab catches up with the next event
		}
	}
	s.mu.Unlock()
	fmt.Fprintf(s.opts.Log, "built %d pages (%d written) in %s\n", res.Pages, res.Written, time.Since(start).Round(time.Millisecond))
	return nil
}

// watch rebuilds after changes; the watcher reports a change once the
// folder has been quiet for the debounce time, so a save that touches
// several files builds once.
func (s *Server) watch(ctx context.Context, changes <-chan struct{}) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-changes:
			if err := s.rebuild(ctx); err != nil {
				if ctx.Err() != nil {
					return // stopped by Close, not failed
				}
				s.mu.Lock()
				s.diags = append(s.diags[:0:0], course.Diagnostic{File: ".", Severity: course.SeverityError, Code: course.CodeBuildFailed,
					Message: "the site could not be rebuilt: " + err.Error()})
				s.version++
				s.mu.Unlock()
				fmt.Fprintf(s.opts.Log, "build failed: %v\n", err)
			}
		}
	}
}

// events streams a "reload" event to a browser tab after every build.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch := make(chan int, 1)
	s.mu.Lock()
	s.subs[ch] = struct{}{}
	v := s.version
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch) // Close may have removed it already
		s.mu.Unlock()
	}()
	fmt.Fprintf(w, "event: hello\ndata: %d\n\n", v)
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case v, ok := <-ch:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: reload\ndata: %d\n\n", v)
			fl.Flush()
		}
	}
}

// files serves the built site, adding the live-reload script and the
// diagnostics overlay to HTML pages.
func (s *Server) files(w http.ResponseWriter, r *http.Request) {
	p := path.Clean("/" + r.URL.Path)
	full := filepath.Join(s.out, filepath.FromSlash(p))
	if st, err := os.Stat(full); err == nil && st.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		full = filepath.Join(full, "index.html")
	}
	if s.secret(p) {
		http.NotFound(w, r)
		return
	}
	if !strings.HasSuffix(full, ".html") {
		w.Header().Set("Cache-Control", "no-store")
		http.ServeFile(w, r, full)
		return
	}
	b, err := os.ReadFile(full)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(s.decorate(b))
}

// decorate adds the live-reload script and, when the build reported
// problems, an overlay listing them.
func (s *Server) decorate(page []byte) []byte {
	var add strings.Builder
	add.WriteString(`<script src="/__coursewright/live.js"></script>`)
	if diags := s.Diagnostics(); len(diags) > 0 {
		add.WriteString(`<aside id="cw-diagnostics" role="status" style="position:fixed;bottom:0;left:0;right:0;max-height:40vh;overflow:auto;background:#fff8e1;color:#222;border-top:3px solid #b26a00;font:14px/1.4 system-ui,sans-serif;padding:.5em 1em;z-index:9999">`)
		fmt.Fprintf(&add, `<button type="button" id="cw-close" style="float:right">Hide</button><strong>%d build message(s)</strong><ul>`, len(diags))
		for i, d := range diags {
			if i == 50 {
				fmt.Fprintf(&add, "<li>… and %d more</li>", len(diags)-50)
				break
			}
			add.WriteString("<li>" + html.EscapeString(d.String()) + "</li>")
		}
		add.WriteString("</ul></aside>")
	}
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, add.String()...)
	}
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:i]...)
	out = append(out, add.String()...)
	return append(out, page[i:]...)
}

// liveJS reloads the page when the server reports a new build, and hides
// the overlay on request. It is served from the same origin, as the
// site's Content-Security-Policy requires.
func liveJS(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = io.WriteString(w, `(function () {
  var close = document.getElementById("cw-close");
  if (close) close.addEventListener("click", function () { document.getElementById("cw-diagnostics").hidden = true; });
  var es = new EventSource("/__coursewright/events");
  es.addEventListener("reload", function () { location.reload(); });
})();
`)
}

type urlPath struct{ p string }

func (u *urlPath) escaped() string {
	parts := strings.Split(u.p, "/")
	for i, s := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(s, "%", "%25"), " ", "%20")
	}
	return strings.Join(parts, "/")
}
