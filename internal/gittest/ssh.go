package gittest

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// SSHServer is a real OpenSSH sshd on a free 127.0.0.1 port that accepts
// only the generated client key, for the current user. git-upload-pack and
// git-receive-pack run as they would on any git host reached over SSH.
type SSHServer struct {
	t    testing.TB
	root string
	// Port is the TCP port sshd listens on, at 127.0.0.1.
	Port int
	// User is the account the client logs in as: the current user.
	User string
	// HostKeyLine is the known_hosts line for this server's host key
	// ("[127.0.0.1]:PORT ssh-ed25519 AAAA…").
	HostKeyLine string
	// HostPubKeyPath is the server's public host key file, for
	// ssh-keygen -lf.
	HostPubKeyPath string
	// ClientKeyPath is the private key the server accepts (no passphrase).
	ClientKeyPath string
	// AgentSock is the socket of an ssh-agent holding the client key.
	AgentSock string
}

// NewSSHServer generates a host key and a client key, starts sshd -D -e with
// key-only auth and waits until it accepts connections. An ssh-agent holding
// the client key is started too.
func NewSSHServer(t testing.TB) *SSHServer {
	t.Helper()
	NeedGit(t)
	sshd := lookBin("sshd", "/usr/sbin/sshd")
	keygen := lookBin("ssh-keygen", "/usr/bin/ssh-keygen")
	if sshd == "" || keygen == "" {
		t.Skip("sshd or ssh-keygen is not installed (apt-get install openssh-server); .ci/run installs it")
	}
	u, err := user.Current()
	if err != nil {
		t.Fatalf("current user: %v", err)
	}
	s := &SSHServer{t: t, root: t.TempDir(), User: u.Username}

	hostKey := filepath.Join(s.root, "host_ed25519")
	s.ClientKeyPath = filepath.Join(s.root, "client_ed25519")
	run(t, keygen, "-q", "-t", "ed25519", "-N", "", "-C", "test-host", "-f", hostKey)
	run(t, keygen, "-q", "-t", "ed25519", "-N", "", "-C", "test-client", "-f", s.ClientKeyPath)
	s.HostPubKeyPath = hostKey + ".pub"
	clientPub, err := os.ReadFile(s.ClientKeyPath + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	authKeys := filepath.Join(s.root, "authorized_keys")
	if err := os.WriteFile(authKeys, clientPub, 0o600); err != nil {
		t.Fatal(err)
	}

	// sshd refuses to start without its privilege separation directory;
	// Debian creates it only when the service is started by systemd.
	if os.Geteuid() == 0 {
		if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
			t.Fatalf("creating /run/sshd for sshd: %v", err)
		}
	}

	gitPath := NeedGit(t)
	s.Port = freePort(t)
	cfg := strings.Join([]string{
		"Port " + strconv.Itoa(s.Port),
		"ListenAddress 127.0.0.1",
		"HostKey " + hostKey,
		"AuthorizedKeysFile " + authKeys,
		"PubkeyAuthentication yes",
		"PasswordAuthentication no",
		"KbdInteractiveAuthentication no",
		"StrictModes no",
		"UsePAM no",
		"PermitRootLogin prohibit-password",
		"AllowUsers " + u.Username,
		"PidFile none",
		"LogLevel VERBOSE",
		// git-upload-pack and git-receive-pack are looked up on the PATH of
		// the remote shell; put git's own directory first.
		"SetEnv PATH=" + filepath.Dir(gitPath) + ":/usr/local/bin:/usr/bin:/bin",
		"",
	}, "\n")
	cfgPath := filepath.Join(s.root, "sshd_config")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(sshd, "-D", "-e", "-f", cfgPath)
	var logMu sync.Mutex
	var log bytes.Buffer
	cmd.Stderr = lockedWriter{&logMu, &log}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting sshd: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
		if t.Failed() {
			logMu.Lock()
			t.Logf("sshd log:\n%s", log.String())
			logMu.Unlock()
		}
	})
	waitListening(t, s.Port, exited, func() string {
		logMu.Lock()
		defer logMu.Unlock()
		return log.String()
	})

	pub, err := os.ReadFile(s.HostPubKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Fields(string(pub))
	s.HostKeyLine = fmt.Sprintf("[127.0.0.1]:%d %s %s", s.Port, fields[0], fields[1])

	s.AgentSock = startAgent(t, s.ClientKeyPath)
	return s
}

// URL returns an ssh:// URL for the bare repository name (created when
// missing), with the repository's absolute path on the server.
func (s *SSHServer) URL(name string) string {
	return fmt.Sprintf("ssh://%s@127.0.0.1:%d%s", s.User, s.Port, filepath.ToSlash(s.BareDir(name)))
}

// BareDir returns the path of the bare repository behind URL(name), creating
// it when missing.
func (s *SSHServer) BareDir(name string) string {
	dir := filepath.Join(s.root, "repos", name+".git")
	if _, err := os.Stat(filepath.Join(dir, "HEAD")); err != nil {
		InitBare(s.t, dir)
	}
	return dir
}

// AuthorizeKey adds the public key file pubPath to the keys the server
// accepts.
func (s *SSHServer) AuthorizeKey(pubPath string) {
	s.t.Helper()
	pub, err := os.ReadFile(pubPath)
	if err != nil {
		s.t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(s.root, "authorized_keys"), os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		s.t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(pub); err != nil {
		s.t.Fatal(err)
	}
}

// NewKey generates an ed25519 key pair protected by passphrase ("" for
// none) and returns the private key's path. The server does not accept
// it until AuthorizeKey(path + ".pub").
func (s *SSHServer) NewKey(name, passphrase string) string {
	s.t.Helper()
	p := filepath.Join(s.root, name)
	run(s.t, lookBin("ssh-keygen", "/usr/bin/ssh-keygen"), "-q", "-t", "ed25519", "-N", passphrase, "-C", name, "-f", p)
	return p
}

// Fingerprint is what ssh-keygen -lf prints for the host key
// ("SHA256:…").
func (s *SSHServer) Fingerprint() string {
	s.t.Helper()
	out := run(s.t, lookBin("ssh-keygen", "/usr/bin/ssh-keygen"), "-l", "-E", "sha256", "-f", s.HostPubKeyPath)
	f := strings.Fields(out)
	if len(f) < 2 {
		s.t.Fatalf("ssh-keygen -lf printed %q", out)
	}
	return f[1]
}

// startAgent runs ssh-agent in the foreground on a short socket path (unix
// socket paths are limited to about 100 bytes; t.TempDir is often longer)
// and adds key to it. The test fails when ssh-agent is not installed: the
// agent is how most authors sign in over SSH, so its case must run.
func startAgent(t testing.TB, key string) string {
	agentBin := lookBin("ssh-agent", "/usr/bin/ssh-agent")
	addBin := lookBin("ssh-add", "/usr/bin/ssh-add")
	if agentBin == "" || addBin == "" {
		t.Fatal("ssh-agent or ssh-add is not installed (apt-get install openssh-client; .ci/run installs it): the ssh-agent case cannot run")
	}
	dir, err := os.MkdirTemp("", "cwagent")
	if err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "a.sock")
	cmd := exec.Command(agentBin, "-D", "-a", sock)
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting ssh-agent: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
		_ = os.RemoveAll(dir)
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("ssh-agent did not create its socket within 10s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	add := exec.Command(addBin, key)
	add.Env = append(os.Environ(), "SSH_AUTH_SOCK="+sock)
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("ssh-add %s: %v\n%s", key, err, out)
	}
	return sock
}

func lookBin(name, fallback string) string {
	if p, err := exec.LookPath(name); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
	}
	if _, err := os.Stat(fallback); err == nil {
		return fallback
	}
	return ""
}

func run(t testing.TB, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// freePort asks the kernel for a free port on 127.0.0.1. Another process
// could take it before sshd binds it; waitListening then fails clearly.
func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitListening(t testing.TB, port int, exited <-chan struct{}, log func() string) {
	t.Helper()
	addr := "127.0.0.1:" + strconv.Itoa(port)
	deadline := time.Now().Add(15 * time.Second)
	for {
		select {
		case <-exited:
			t.Fatalf("sshd exited before listening on %s:\n%s", addr, log())
		default:
		}
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			// Read the server's banner: a listening socket alone may still
			// be another program's.
			_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
			line, _ := bufio.NewReader(c).ReadString('\n')
			c.Close()
			if strings.HasPrefix(line, "SSH-") {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("sshd did not listen on %s within 15s:\n%s", addr, log())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
