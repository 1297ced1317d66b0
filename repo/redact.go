package repo

import (
	"encoding/base64"
	"fmt"
	"net/url"
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

// text returns s with every known secret replaced by "***".
func (r *redactor) text(s string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, sec := range r.secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "***")
		}
	}
	return s
}

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
