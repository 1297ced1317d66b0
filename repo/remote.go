package repo

import (
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/transport"
)

// DefaultRemote is the name of the remote Coursewright publishes to.
const DefaultRemote = "origin"

// SetRemote sets the address of the course's remote (origin), adding or
// replacing it. Accepted: https://host/owner/repo.git,
// ssh://git@host[:port]/owner/repo.git, scp-like git@host:owner/repo.git,
// and a local path or file:// URL (a bare repository). An address that
// carries a password or token is refused: tokens belong in the keychain.
func (r *Repo) SetRemote(remoteURL string) error {
	remoteURL = strings.TrimSpace(remoteURL)
	if err := CheckRemoteURL(remoteURL); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.ensureRepo(); err != nil {
		return err
	}
	cfg, err := r.st.Config()
	if err != nil {
		return fmt.Errorf("reading the repository settings of %s: %w", r.dir, err)
	}
	rc := cfg.Remotes[DefaultRemote]
	if rc == nil {
		rc = &config.RemoteConfig{
			Name:  DefaultRemote,
			Fetch: []config.RefSpec{config.RefSpec(fmt.Sprintf(config.DefaultFetchRefSpec, DefaultRemote))},
		}
		cfg.Remotes[DefaultRemote] = rc
	}
	rc.URLs = []string{remoteURL}
	if err := r.st.SetConfig(cfg); err != nil {
		return fmt.Errorf("saving the publishing address: %w", err)
	}
	return nil
}

// Remote returns the address of origin, or ErrNoRemote.
func (r *Repo) Remote() (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.remoteURL(DefaultRemote)
}

func (r *Repo) remoteURL(name string) (string, error) {
	if r.git == nil {
		return "", ErrNoRemote
	}
	cfg, err := r.st.Config()
	if err != nil {
		return "", fmt.Errorf("reading the repository settings of %s: %w", r.dir, err)
	}
	rc := cfg.Remotes[name]
	if rc == nil || len(rc.URLs) == 0 || rc.URLs[0] == "" {
		return "", ErrNoRemote
	}
	return rc.URLs[0], nil
}

// CheckRemoteURL reports whether s is an address Coursewright can publish
// to, and refuses addresses that carry credentials. Its errors never repeat
// the address (it might hold a token).
func CheckRemoteURL(s string) error {
	if s == "" || strings.ContainsAny(s, " \t\r\n") {
		return ErrInvalidURL
	}
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			// url.Parse quotes the input in its error: keep it out.
			return ErrInvalidURL
		}
		switch u.Scheme {
		case "https", "http", "ssh", "git+ssh", "ssh+git", "git":
			if u.Host == "" || u.Path == "" || u.Path == "/" {
				return ErrInvalidURL
			}
		case "file":
			if u.Path == "" {
				return ErrInvalidURL
			}
		default:
			return ErrInvalidURL
		}
		if u.User != nil {
			if _, hasPassword := u.User.Password(); hasPassword {
				return ErrCredentialsInURL
			}
			// Over HTTP the part before @ is a credential (hosts take
			// https://TOKEN@host/… as a token); a user name is
			// asked for with the token instead. SSH needs its user.
			if u.Scheme == "https" || u.Scheme == "http" || u.Scheme == "git" || looksLikeToken(u.User.Username()) {
				return ErrCredentialsInURL
			}
		}
		if credentialQuery(u.RawQuery) || credentialQuery(u.Fragment) {
			return ErrCredentialsInURL
		}
		return nil
	}
	if filepath.IsAbs(s) || strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") {
		return nil // a local bare repository
	}
	// scp-like: [user@]host:path. A "user:password@" prefix is not valid
	// here, but someone may try it: refuse it as credentials.
	head, _, _ := strings.Cut(s, "/")
	rest := s
	if at := strings.LastIndex(head, "@"); at >= 0 {
		user := head[:at]
		if strings.Contains(user, ":") || looksLikeToken(user) {
			return ErrCredentialsInURL
		}
		rest = s[at+1:]
	}
	host, p, ok := strings.Cut(rest, ":")
	if !ok || host == "" || p == "" || strings.Contains(host, "/") {
		return ErrInvalidURL
	}
	return nil
}

// credentialQuery reports whether a URL's query (or fragment) carries a
// token: a parameter named like one (access_token, private_token, key, …)
// or a value shaped like one.
func credentialQuery(q string) bool {
	if q == "" {
		return false
	}
	vals, err := url.ParseQuery(q)
	if err != nil {
		return true // unreadable: better refused than stored
	}
	for k, vs := range vals {
		l := strings.ToLower(k)
		for _, w := range []string{"token", "key", "pass", "secret", "auth", "sig", "credential", "session", "jwt", "code"} {
			if strings.Contains(l, w) {
				return true
			}
		}
		for _, v := range vs {
			if looksLikeToken(v) {
				return true
			}
		}
	}
	return false
}

// RedactURL is addr without any credential it carries (password, token
// user, token parameters), for showing an address set by other tools.
func RedactURL(addr string) string {
	u, err := url.Parse(addr)
	if err != nil || u.Host == "" {
		if at := strings.LastIndex(addr, "@"); at >= 0 && !strings.Contains(addr, "://") {
			if user := addr[:at]; strings.Contains(user, ":") || looksLikeToken(user) {
				return "***@" + addr[at+1:]
			}
		}
		return addr
	}
	hidden := false
	if u.User != nil {
		_, hasPassword := u.User.Password()
		if hasPassword || u.Scheme == "https" || u.Scheme == "http" || looksLikeToken(u.User.Username()) {
			u.User, hidden = nil, true
		}
	}
	if credentialQuery(u.RawQuery) {
		u.RawQuery = "***"
	}
	if credentialQuery(u.Fragment) {
		u.Fragment = "***"
	}
	if hidden {
		return u.Scheme + "://***@" + strings.TrimPrefix(u.String(), u.Scheme+"://")
	}
	return u.String()
}

// looksLikeToken reports whether a URL user name is a token in disguise
// (hosts accept https://TOKEN@host/...).
func looksLikeToken(user string) bool {
	// Prefixes of the personal access tokens of common git hosts.
	for _, p := range []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "gldt-", "glptt-"} {
		if strings.HasPrefix(user, p) {
			return true
		}
	}
	if len(user) < 32 {
		return false
	}
	for _, c := range user {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// endpointHost is the host (with a non-default port) that credentials are
// kept under: "github.com", "127.0.0.1:8080".
func endpointHost(ep *transport.Endpoint) string {
	if ep.Port == 0 || (ep.Protocol == "https" && ep.Port == 443) || (ep.Protocol == "http" && ep.Port == 80) ||
		(ep.Protocol == "ssh" && ep.Port == 22) {
		return ep.Host
	}
	return net.JoinHostPort(ep.Host, fmt.Sprint(ep.Port))
}

// isLoopback reports whether host names this machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
