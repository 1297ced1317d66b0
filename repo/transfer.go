package repo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
)

// PushOptions describes a push.
type PushOptions struct {
	// Branches to push, each to the branch of the same name on the server
	// (e.g. "main" and the publishing branch "gh-pages"). Default: the
	// current branch. A push never forces: a server branch that moved on
	// makes Push fail with ErrRemoteAhead.
	Branches []string
	// Remote is the remote's name; default "origin".
	Remote string
	// Auth says where credentials come from; nil: all the usual places.
	Auth *Auth
	// Progress receives the phases and percentages of the transfer.
	Progress ProgressFunc
}

// Validate checks the options and fills in defaults.
func (o *PushOptions) Validate() error {
	if o.Remote == "" {
		o.Remote = DefaultRemote
	}
	// The caller's slice and Auth may be shared (one Auth for every
	// publish of a session): the defaults go into copies.
	branches := make([]string, len(o.Branches))
	for i, b := range o.Branches {
		b = strings.TrimPrefix(b, "refs/heads/")
		if err := plumbing.NewBranchReferenceName(b).Validate(); err != nil || b == "" {
			return fmt.Errorf("%q is not a valid branch name", b)
		}
		branches[i] = b
	}
	o.Branches = branches
	var err error
	o.Auth, err = o.Auth.withDefaults()
	return err
}

// FetchOptions describes a fetch.
type FetchOptions struct {
	// Remote is the remote's name; default "origin".
	Remote string
	// Auth says where credentials come from; nil: all the usual places.
	Auth *Auth
	// Progress receives the phases and percentages of the transfer.
	Progress ProgressFunc
}

// Validate checks the options and fills in defaults.
func (o *FetchOptions) Validate() error {
	if o.Remote == "" {
		o.Remote = DefaultRemote
	}
	var err error
	o.Auth, err = o.Auth.withDefaults()
	return err
}

// Push sends branches to the remote. It returns ErrUpToDate when the
// server had everything already (nothing was sent), ErrRemoteAhead when a
// server branch has versions that are not here (never forced), ErrAuth
// when the credentials were refused, *ErrUnknownHost for an SSH server not
// yet trusted. No error text contains a credential.
func (r *Repo) Push(ctx context.Context, opts PushOptions) error {
	opts.Branches = append([]string(nil), opts.Branches...)
	if err := opts.Validate(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.git == nil {
		return ErrNoVersions
	}
	remoteURL, err := r.remoteURL(opts.Remote)
	if err != nil {
		return err
	}
	if err := CheckRemoteURL(remoteURL); err != nil {
		return fmt.Errorf("the saved publishing address cannot be used (set it again): %w", err)
	}
	if len(opts.Branches) == 0 {
		name, head, err := r.head()
		if err != nil {
			return err
		}
		if name == plumbing.HEAD || head.IsZero() {
			return fmt.Errorf("nothing to publish yet: %w", ErrNoVersions)
		}
		opts.Branches = []string{name.Short()}
	}
	var specs []config.RefSpec
	for _, b := range opts.Branches {
		ref := plumbing.NewBranchReferenceName(b)
		h, err := r.refHash(ref)
		if err != nil {
			return err
		}
		if h.IsZero() {
			return fmt.Errorf("branch %s has no saved version to publish: %w", b, ErrNotInHistory)
		}
		specs = append(specs, config.RefSpec(ref.String()+":"+ref.String()))
	}
	red := &redactor{}
	pw := newProgressWriter(opts.Progress)
	pw.emit(PhaseConnecting, 0)
	err = r.withAuth(ctx, remoteURL, opts.Auth, red, func(am transport.AuthMethod) error {
		return r.git.PushContext(ctx, &git.PushOptions{
			RemoteName: opts.Remote,
			RefSpecs:   specs,
			Auth:       am,
			Progress:   pw,
		})
	})
	if err = r.classify(ctx, err, red, "publishing to "+hostOf(remoteURL)); err != nil {
		return err
	}
	pw.emit(PhaseDone, 100)
	return nil
}

// Fetch brings the remote's branches into remote-tracking branches
// (origin/main…) without changing the course folder. It returns
// ErrUpToDate when there was nothing new. Errors are as for Push.
func (r *Repo) Fetch(ctx context.Context, opts FetchOptions) error {
	if err := opts.Validate(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.git == nil {
		return ErrNoRemote
	}
	remoteURL, err := r.remoteURL(opts.Remote)
	if err != nil {
		return err
	}
	if err := CheckRemoteURL(remoteURL); err != nil {
		return fmt.Errorf("the saved publishing address cannot be used (set it again): %w", err)
	}
	red := &redactor{}
	pw := newProgressWriter(opts.Progress)
	pw.emit(PhaseConnecting, 0)
	err = r.withAuth(ctx, remoteURL, opts.Auth, red, func(am transport.AuthMethod) error {
		return r.git.FetchContext(ctx, &git.FetchOptions{
			RemoteName: opts.Remote,
			Auth:       am,
			Progress:   pw,
		})
	})
	if errors.Is(err, transport.ErrEmptyRemoteRepository) {
		err = git.NoErrAlreadyUpToDate // nothing published there yet
	}
	if err = r.classify(ctx, err, red, "getting changes from "+hostOf(remoteURL)); err != nil {
		return err
	}
	pw.emit(PhaseDone, 100)
	return nil
}

func isUpToDate(err error) bool { return errors.Is(err, git.NoErrAlreadyUpToDate) }

// classify turns go-git's errors into this package's, redacted.
func (r *Repo) classify(ctx context.Context, err error, red *redactor, what string) error {
	var op *opError
	var uh *ErrUnknownHost
	var pe *PassphraseError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &op):
		// Built by withAuth; re-redact with every secret seen since.
		return &opError{sentinel: op.sentinel, cause: op.cause, msg: red.text(what + ": " + op.msg)}
	case errors.As(err, &uh), errors.As(err, &pe):
		return err
	case isUpToDate(err):
		return ErrUpToDate
	case ctx.Err() != nil:
		return red.wrap(ctx.Err(), err, what+" was stopped")
	case errors.Is(err, transport.ErrAuthorizationFailed):
		return red.wrap(ErrAuth, err, what+": the server refused access; the token may lack permission to write to this repository")
	case isAuthRequired(err):
		return red.wrap(ErrAuth, err, what)
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return red.wrap(ErrRemoteNotFound, err, what)
	case isNonFastForward(err):
		return red.wrap(ErrRemoteAhead, err, what)
	}
	msg := what + " failed"
	var ne net.Error
	if errors.As(err, &ne) {
		msg = what + " failed: the server could not be reached; check the internet connection and the address"
	}
	if reason := serverReason(err); reason != "" {
		msg += " (the server said: " + reason + ")"
	}
	return red.wrap(nil, err, msg)
}

// serverReason digs out the text of an HTTP error response, which go-git
// keeps out of its error message (and behind an UnexpectedError without
// Unwrap); it often says what is wrong ("Repository not found", "Password
// authentication is not supported"). It is shown redacted and shortened.
func serverReason(err error) string {
	if ue, ok := err.(*plumbing.UnexpectedError); ok {
		err = ue.Err
	}
	var he *githttp.Err
	if !errors.As(err, &he) {
		return ""
	}
	reason := strings.Join(strings.Fields(he.Reason), " ")
	if len(reason) > 300 {
		reason = reason[:300] + "…"
	}
	return reason
}

// isNonFastForward recognises go-git's and servers' rejections of a push
// that would drop versions. go-git returns them as plain strings, so the
// text is all there is to match.
func isNonFastForward(err error) bool {
	if errors.Is(err, git.ErrNonFastForwardUpdate) || errors.Is(err, git.ErrForceNeeded) {
		return true
	}
	s := err.Error()
	for _, m := range []string{"non-fast-forward", "fetch first", "rejected because the remote contains work"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// hostOf names the server of a remote address for messages, without any
// user or password.
func hostOf(remoteURL string) string {
	ep, err := transport.NewEndpoint(remoteURL)
	if err != nil || ep.Host == "" {
		return "the remote repository"
	}
	return endpointHost(ep)
}
