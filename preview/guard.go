package preview

import (
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/coursewright/coursewright/course"
)

// guard answers only requests addressed to this preview by name: a web
// page elsewhere can make the browser send requests to 127.0.0.1 under a
// name it controls (DNS rebinding) and read the answers, so any Host other
// than 127.0.0.1:PORT, localhost:PORT ([::1]:PORT, or the host the preview
// was asked to listen on) is refused.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.allowedHost(r.Host) {
			http.Error(w, "this preview answers only to http://127.0.0.1:"+s.port()+"/ and http://localhost:"+s.port()+"/", http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) port() string {
	if a, ok := s.ln.Addr().(*net.TCPAddr); ok {
		return strconv.Itoa(a.Port)
	}
	_, p, _ := net.SplitHostPort(s.ln.Addr().String())
	return p
}

// allowedHost reports whether a request's Host names this preview.
func (s *Server) allowedHost(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil || port != s.port() {
		return false
	}
	host = strings.ToLower(host)
	if host == "localhost" {
		return true
	}
	if ip := net.ParseIP(host); ip != nil {
		// An address cannot be rebound; a name can. Served to the network
		// on request (--host), any of the machine's addresses is fine.
		return ip.IsLoopback() || s.opts.AllowRemote
	}
	return s.opts.AllowRemote && host == strings.ToLower(strings.Trim(s.opts.Host, "[]"))
}

// secret reports whether the site file at urlPath must not be served: the
// build leaves secrets out, and the preview checks again, by name and
// content, what it is about to send.
func (s *Server) secret(urlPath string) bool {
	rel := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if rel == "" {
		return false
	}
	sec, err := course.SecretFile(s.out, rel)
	return err == nil && sec.Reason != ""
}
