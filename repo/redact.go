package repo

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// redactor remembers the secrets one network operation handled and removes
// them from any text before it leaves the package (errors, log lines).
// Servers may quote credentials back in error bodies, and go-git puts
// response bodies into its errors.
type redactor struct {
	mu      sync.Mutex
	secrets []string
}

// minSecretLen: shorter strings would redact ordinary words; real tokens
// and passwords worth hiding are longer.
const minSecretLen = 4

// add remembers a secret with the spellings it can take on the wire:
// URL-escaped, and inside a basic-auth header with user.
func (r *redactor) add(user, secret string) {
	if len(secret) < minSecretLen {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.secrets = append(r.secrets, secret, url.QueryEscape(secret), url.PathEscape(secret),
		base64.StdEncoding.EncodeToString([]byte(user+":"+secret)))
	// Longest first: a secret containing another is replaced whole.
	sort.Slice(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
}

// text returns s with every known secret replaced by "***": as it is,
// and inside any run of percent-encoded or base64 text that decodes to
// something holding it (a server may echo a token back escaped
// differently, or inside a header it quotes).
func (r *redactor) text(s string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, sec := range r.secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "***")
		}
	}
	if len(r.secrets) == 0 {
		return s
	}
	holds := func(dec string) bool {
		for _, sec := range r.secrets {
			if sec != "" && strings.Contains(dec, sec) {
				return true
			}
		}
		return false
	}
	s = percentRunRE.ReplaceAllStringFunc(s, func(run string) string {
		if d, err := url.PathUnescape(run); err == nil && holds(d) {
			return "***"
		}
		return run
	})
	return base64RunRE.ReplaceAllStringFunc(s, func(run string) string {
		t := strings.TrimRight(run, "=")
		for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
			if b, err := enc.DecodeString(t); err == nil {
				d, _ := url.PathUnescape(string(b))
				if holds(string(b)) || holds(d) {
					return "***"
				}
			}
		}
		return run
	})
}

// percentRunRE is a run of URL characters with at least one escape;
// base64RunRE a run of base64 (either alphabet).
var (
	percentRunRE = regexp.MustCompile(`(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]*%[0-9A-Fa-f]{2})+[A-Za-z0-9._~!$&'()*+,;=:@/-]*`)
	base64RunRE  = regexp.MustCompile(`[A-Za-z0-9+/_-]{8,}={0,2}`)
)

// wrap builds the error an operation returns: errors.Is finds sentinel
// and the cause's chain, the text is message + the cause's text, redacted.
func (r *redactor) wrap(sentinel, cause error, message string) error {
	msg := message
	if cause != nil {
		msg += ": " + cause.Error()
	}
	return &opError{sentinel: sentinel, cause: cause, msg: r.text(msg)}
}

// logf passes a redacted message to the user's log.
func (r *redactor) logf(logf func(string, ...any), format string, args ...any) {
	logf("%s", r.text(fmt.Sprintf(format, args...)))
}
