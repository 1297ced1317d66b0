package repo

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	skeema "github.com/skeema/knownhosts"
	"github.com/zalando/go-keyring"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Where credentials come from.
const (
	// TokenEnv holds a token for HTTPS remotes, for CI and headless use.
	TokenEnv = "COURSEWRIGHT_TOKEN"
	// UserEnv holds the user name sent with TokenEnv's token (default
	// "x-access-token", which GitHub, GitLab and Gitea accept with a
	// token).
	UserEnv = "COURSEWRIGHT_USER"
	// KeyringService is the OS keychain service tokens are stored under;
	// the keychain user is the host ("github.com", "host:port").
	KeyringService = "coursewright"
	// defaultTokenUser goes with a token when no user name is known.
	defaultTokenUser = "x-access-token"
)

// Auth says where Push and Fetch find credentials. The zero value uses
// them all, in this order — SSH remotes: the ssh-agent, then ~/.ssh/id_ed25519,
// id_ecdsa, id_rsa, checking the server against ~/.ssh/known_hosts.
// HTTPS remotes: COURSEWRIGHT_TOKEN, the user's git credential helpers,
// the OS keychain, then Ask.
type Auth struct {
	// SSHKeyFile, when set, is the only SSH key used (no agent, no
	// default keys).
	SSHKeyFile string
	// SSHPassphrase unlocks passphrase-protected keys.
	SSHPassphrase string
	// SSHAgentSocket is the ssh-agent's socket; default $SSH_AUTH_SOCK.
	SSHAgentSocket string
	// NoSSHAgent skips the ssh-agent.
	NoSSHAgent bool
	// SSHDir holds the default keys; default ~/.ssh.
	SSHDir string
	// KnownHostsFile lists the SSH servers trusted so far; default
	// SSHDir/known_hosts.
	KnownHostsFile string

	// NoCredentialHelper skips `git credential fill`.
	NoCredentialHelper bool
	// NoKeyring skips the OS keychain (reading and storing).
	NoKeyring bool
	// Ask is called for a user name and token when no stored credential
	// works (up to three times while the server refuses them). A token
	// it returns that works is stored in the keychain. Nil: don't ask.
	Ask func(host string) (user, token string, err error)
	// AskContext is Ask for an app that shows its question while the
	// work goes on elsewhere: ctx is the operation's, and when it is
	// cancelled (the author cancelled the publish, or closed its window)
	// the question is to go away and AskContext to return. Used instead
	// of Ask when set.
	AskContext func(ctx context.Context, host string) (user, token string, err error)
}

// withDefaults returns a copy of a (nil: the zero Auth) with the defaults
// filled in, leaving a itself as it was: the options that hold an Auth
// validate through it, because one Auth is often shared by every push,
// fetch and clone of a session.
func (a *Auth) withDefaults() (*Auth, error) {
	var c Auth
	if a != nil {
		c = *a
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Validate fills in the defaults of a itself. Options never call it on
// the Auth they were given, only on their own copy (withDefaults).
func (a *Auth) Validate() error {
	if a.SSHDir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return fmt.Errorf("finding your home folder for SSH keys: %w", err)
		}
		a.SSHDir = filepath.Join(home, ".ssh")
	}
	if a.KnownHostsFile == "" {
		a.KnownHostsFile = filepath.Join(a.SSHDir, "known_hosts")
	}
	if a.SSHAgentSocket == "" && !a.NoSSHAgent {
		a.SSHAgentSocket = os.Getenv("SSH_AUTH_SOCK")
	}
	return nil
}

// AcceptHostKey records key as the SSH host key of host ("host:port", as in
// ErrUnknownHost.Host) in the known_hosts file, after the user compared its
// fingerprint.
func (a *Auth) AcceptHostKey(host string, key ssh.PublicKey) error {
	a, err := a.withDefaults()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(a.KnownHostsFile), 0o700); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(a.KnownHostsFile), err)
	}
	f, err := os.OpenFile(a.KnownHostsFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("opening %s: %w", a.KnownHostsFile, err)
	}
	line := knownhosts.Line([]string{knownhosts.Normalize(host)}, key)
	// Start on a fresh line even if the file lacks a final newline.
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		if b, err := os.ReadFile(a.KnownHostsFile); err == nil && !bytes.HasSuffix(b, []byte("\n")) {
			line = "\n" + line
		}
	}
	_, werr := f.WriteString(line + "\n")
	if err := errors.Join(werr, f.Close()); err != nil {
		return fmt.Errorf("writing %s: %w", a.KnownHostsFile, err)
	}
	return nil
}

// attemptFunc runs one push or fetch with the given credentials (nil:
// none).
type attemptFunc func(transport.AuthMethod) error

// withAuth runs attempt with credentials for remoteURL, trying the sources
// in Auth's order until the server accepts one. It returns attempt's last
// error (classified by the caller) or an *opError of its own.
func (r *Repo) withAuth(ctx context.Context, remoteURL string, a *Auth, red *redactor, attempt attemptFunc) error {
	ep, err := transport.NewEndpoint(remoteURL)
	if err != nil {
		return ErrInvalidURL
	}
	switch ep.Protocol {
	case "http", "https":
		return r.withHTTPAuth(ctx, ep, a, red, attempt)
	case "ssh":
		return r.withSSHAuth(ep, a, red, attempt)
	default: // file, git: no credentials
		return attempt(nil)
	}
}

// credential is a user name and token from one source, with what to do
// when the server accepts or refuses it.
type credential struct {
	user, token string
	approve     func()
	reject      func()
}

func isAuthRequired(err error) bool { return errors.Is(err, transport.ErrAuthenticationRequired) }
func isAuthError(err error) bool {
	return isAuthRequired(err) || errors.Is(err, transport.ErrAuthorizationFailed)
}

func (r *Repo) withHTTPAuth(ctx context.Context, ep *transport.Endpoint, a *Auth, red *redactor, attempt attemptFunc) error {
	host := endpointHost(ep)
	if ep.Protocol == "http" && !isLoopback(ep.Host) {
		// Never send a token unencrypted; a public repository still works.
		err := attempt(nil)
		if isAuthError(err) {
			return red.wrap(ErrAuth, err, "the address uses http:// (not encrypted), so Coursewright does not send a token over it; use the https:// address")
		}
		return err
	}
	try := func(c *credential) (bool, error) {
		red.add(c.user, c.token)
		err := attempt(&githttp.BasicAuth{Username: c.user, Password: c.token})
		if isAuthRequired(err) {
			if c.reject != nil {
				c.reject()
			}
			return false, err
		}
		if err == nil || errors.Is(err, ErrUpToDate) || isUpToDate(err) {
			if c.approve != nil {
				c.approve()
			}
		}
		return true, err
	}

	sources := []func() *credential{
		func() *credential { return envCredential() },
		func() *credential { return r.helperCredential(ctx, a, ep, host, red) },
		func() *credential { return r.keyringCredential(a, host, red) },
	}
	var lastErr error
	tried := false
	for _, src := range sources {
		c := src()
		if c == nil {
			continue
		}
		tried = true
		done, err := try(c)
		if done {
			return err
		}
		lastErr = err
	}
	if !tried {
		// Nothing stored: the repository may be public.
		err := attempt(nil)
		if !isAuthRequired(err) {
			return err
		}
		lastErr = err
	}
	ask := a.Ask
	if a.AskContext != nil {
		ask = func(host string) (string, string, error) { return a.AskContext(ctx, host) }
	}
	if ask != nil {
		for i := 0; i < 3; i++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			user, token, err := ask(host)
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr // the operation was cancelled while asking
			}
			if err != nil {
				return red.wrap(ErrAuth, err, "signing in to "+host+" was cancelled")
			}
			if user == "" {
				user = defaultTokenUser
			}
			c := &credential{user: user, token: token}
			if !a.NoKeyring {
				c.approve = func() {
					if err := keyring.Set(KeyringService, host, user+"\n"+token); err != nil {
						red.logf(r.opts.Logf, "the token for %s could not be stored in the system keychain (%v); you will be asked again next time", host, err)
					}
				}
			}
			done, err := try(c)
			if done {
				return err
			}
			lastErr = err
		}
	}
	return red.wrap(ErrAuth, lastErr, ErrAuth.Error())
}

func envCredential() *credential {
	token := os.Getenv(TokenEnv)
	if token == "" {
		return nil
	}
	user := os.Getenv(UserEnv)
	if user == "" {
		user = defaultTokenUser
	}
	return &credential{user: user, token: token}
}

// helperCredential asks the user's git credential helpers (osxkeychain,
// manager, libsecret, store…) through `git credential fill`, with prompts
// disabled: a helper answers or nothing does.
func (r *Repo) helperCredential(ctx context.Context, a *Auth, ep *transport.Endpoint, host string, red *redactor) *credential {
	if a.NoCredentialHelper {
		return nil
	}
	fields := []string{"protocol=" + ep.Protocol, "host=" + host}
	out, err := r.gitCredential(ctx, "fill", fields)
	if err != nil {
		return nil
	}
	got := parseCredentialOutput(out)
	if got["password"] == "" {
		return nil
	}
	user := got["username"]
	if user == "" {
		user = defaultTokenUser
	}
	red.add(user, got["password"])
	full := append(fields[:2:2], "username="+user, "password="+got["password"])
	return &credential{
		user: user, token: got["password"],
		approve: func() { _, _ = r.gitCredential(ctx, "approve", full) },
		reject:  func() { _, _ = r.gitCredential(ctx, "reject", full) },
	}
}

// gitCredential runs `git credential ACTION` with fields on stdin. It
// returns an error when git is not installed.
func (r *Repo) gitCredential(ctx context.Context, action string, fields []string) (string, error) {
	gitPath, err := exec.LookPath("git")
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, gitPath, "credential", action)
	cmd.Dir = r.dir
	// An empty GIT_ASKPASS stops git from trying any askpass program, and
	// GIT_TERMINAL_PROMPT=0 from reading the terminal: helpers only.
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=", "SSH_ASKPASS=")
	cmd.Stdin = strings.NewReader(strings.Join(fields, "\n") + "\n\n")
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = nil // git's complaint (no helper) is expected and unhelpful
	err = cmd.Run()
	return out.String(), err
}

func parseCredentialOutput(s string) map[string]string {
	m := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			m[k] = v
		}
	}
	return m
}

// keyringCredential reads a token stored in the OS keychain by an earlier
// Ask. A keychain that cannot be reached (no D-Bus on a server) is noted
// and skipped.
func (r *Repo) keyringCredential(a *Auth, host string, red *redactor) *credential {
	if a.NoKeyring {
		return nil
	}
	secret, err := keyring.Get(KeyringService, host)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	if err != nil {
		red.logf(r.opts.Logf, "the system keychain could not be read (%v); continuing without it", err)
		return nil
	}
	user, token, ok := strings.Cut(secret, "\n")
	if !ok {
		user, token = defaultTokenUser, secret
	}
	if token == "" {
		return nil
	}
	return &credential{
		user: user, token: token,
		reject: func() {
			if err := keyring.Delete(KeyringService, host); err != nil && !errors.Is(err, keyring.ErrNotFound) {
				red.logf(r.opts.Logf, "the refused token for %s could not be removed from the system keychain: %v", host, err)
			}
		},
	}
}

// sshAuth is a go-git SSH auth method offering every usable key (agent
// keys, then key files) and checking the server against known_hosts. It
// records an unknown or changed host key so the caller can return a typed
// error instead of go-git's wrapped text.
type sshAuth struct {
	user     string
	signers  []ssh.Signer
	agent    agent.ExtendedAgent
	db       *skeema.HostKeyDB
	addr     string
	mu       sync.Mutex
	unknown  *ErrUnknownHost
	changed  bool
	needPass []string
}

func (s *sshAuth) Name() string   { return "ssh-public-keys" }
func (s *sshAuth) String() string { return "user: " + s.user + ", name: " + s.Name() }

// ClientConfig is go-git's hook: the user, the keys, the host key check.
func (s *sshAuth) ClientConfig() (*ssh.ClientConfig, error) {
	cfg := &ssh.ClientConfig{
		User:            s.user,
		Auth:            []ssh.AuthMethod{ssh.PublicKeysCallback(s.allSigners)},
		HostKeyCallback: s.checkHostKey,
	}
	if s.db != nil {
		// Ask for the key type known_hosts has, or a server with several
		// host keys could present another and look "changed".
		cfg.HostKeyAlgorithms = s.db.HostKeyAlgorithms(s.addr)
	}
	return cfg, nil
}

func (s *sshAuth) allSigners() ([]ssh.Signer, error) {
	var out []ssh.Signer
	if s.agent != nil {
		if sg, err := s.agent.Signers(); err == nil {
			out = append(out, sg...)
		}
	}
	return append(out, s.signers...), nil
}

func (s *sshAuth) checkHostKey(hostname string, remote net.Addr, key ssh.PublicKey) error {
	var err error
	if s.db != nil {
		err = s.db.HostKeyCallback()(hostname, remote, key)
		if err == nil {
			return nil
		}
	}
	var ke *knownhosts.KeyError
	if s.db == nil || (errors.As(err, &ke) && len(ke.Want) == 0) {
		s.mu.Lock()
		s.unknown = &ErrUnknownHost{Host: hostname, Fingerprint: ssh.FingerprintSHA256(key), Key: key}
		s.mu.Unlock()
		return errors.New("host key not known")
	}
	if errors.As(err, &ke) {
		s.mu.Lock()
		s.changed = true
		s.mu.Unlock()
	}
	return err
}

func (r *Repo) withSSHAuth(ep *transport.Endpoint, a *Auth, red *redactor, attempt attemptFunc) error {
	s := &sshAuth{user: ep.User, addr: net.JoinHostPort(ep.Host, fmt.Sprint(portOr(ep.Port, 22)))}
	if s.user == "" {
		if u, err := user.Current(); err == nil {
			s.user = u.Username
		}
	}
	if _, err := os.Stat(a.KnownHostsFile); err == nil {
		db, err := skeema.NewDB(a.KnownHostsFile)
		if err != nil {
			return fmt.Errorf("reading the list of known SSH servers %s: %w", a.KnownHostsFile, err)
		}
		s.db = db
	}
	keyFiles := []string{a.SSHKeyFile}
	if a.SSHKeyFile == "" {
		keyFiles = []string{
			filepath.Join(a.SSHDir, "id_ed25519"),
			filepath.Join(a.SSHDir, "id_ecdsa"),
			filepath.Join(a.SSHDir, "id_rsa"),
		}
		if a.SSHAgentSocket != "" && !a.NoSSHAgent {
			conn, err := net.Dial("unix", a.SSHAgentSocket)
			if err == nil {
				defer conn.Close()
				s.agent = agent.NewClient(conn)
			} else {
				r.opts.Logf("the ssh-agent at %s could not be reached (%v); trying key files", a.SSHAgentSocket, err)
			}
		}
	}
	for _, kf := range keyFiles {
		b, err := os.ReadFile(kf)
		if err != nil {
			if a.SSHKeyFile != "" {
				return fmt.Errorf("reading the SSH key %s: %w", kf, err)
			}
			continue
		}
		signer, err := ssh.ParsePrivateKey(b)
		var pm *ssh.PassphraseMissingError
		if errors.As(err, &pm) {
			if a.SSHPassphrase == "" {
				s.needPass = append(s.needPass, kf)
				continue
			}
			red.add("", a.SSHPassphrase)
			signer, err = ssh.ParsePrivateKeyWithPassphrase(b, []byte(a.SSHPassphrase))
		}
		if err != nil {
			if a.SSHKeyFile != "" {
				return red.wrap(nil, err, "reading the SSH key "+kf)
			}
			continue
		}
		s.signers = append(s.signers, signer)
	}
	if s.agent == nil && len(s.signers) == 0 {
		if len(s.needPass) > 0 {
			return &PassphraseError{KeyFile: s.needPass[0]}
		}
		return red.wrap(ErrAuth, nil, "no SSH key found: create one with ssh-keygen (or start your ssh-agent) and add the public key to your account on "+ep.Host)
	}

	err := attempt(s)
	s.mu.Lock()
	unknown, changed := s.unknown, s.changed
	s.mu.Unlock()
	switch {
	case unknown != nil:
		return unknown
	case changed:
		return red.wrap(ErrHostKeyChanged, err, "connecting to "+ep.Host)
	case err != nil && isSSHAuthFailure(err):
		if len(s.needPass) > 0 {
			return &PassphraseError{KeyFile: s.needPass[0]}
		}
		return red.wrap(ErrAuth, err, "the SSH server "+ep.Host+" refused your key: add your public key (the .pub file) to your account on the host")
	}
	return err
}

func isSSHAuthFailure(err error) bool {
	s := err.Error()
	return strings.Contains(s, "unable to authenticate") || strings.Contains(s, "no supported methods remain")
}

func portOr(p, def int) int {
	if p == 0 {
		return def
	}
	return p
}
