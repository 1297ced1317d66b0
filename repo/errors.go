package repo

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/ssh"
)

// Errors a caller tells apart with errors.Is. Their text is written for the
// person using the app: what happened and what to do.
var (
	// ErrNothingToSave: the course folder holds exactly the last saved
	// version.
	ErrNothingToSave = errors.New("nothing changed since the last saved version")
	// ErrNoVersions: no version of the course has been saved yet.
	ErrNoVersions = errors.New("no version of this course has been saved yet")
	// ErrLocked: another program (a second Coursewright window, or git)
	// is changing the repository right now.
	ErrLocked = errors.New("another program (a second Coursewright window, or git) is saving this course right now: wait a moment and try again")
	// ErrUnfinishedGitMerge: the index holds a merge started with the git
	// command line that was never finished.
	ErrUnfinishedGitMerge = errors.New("a merge started with git is not finished in this course folder: finish it with git (see `git status`) before saving here")
	// ErrUnsavedChanges: an operation would overwrite changes that were
	// not saved as a version.
	ErrUnsavedChanges = errors.New("some files have changes that are not saved as a version yet: save a version first")
	// ErrNotInHistory: a version, a file of a version or a branch asked
	// for is not in the repository. (course.ErrNotInCourse is the model's
	// own: a module, page or meeting the course does not have.)
	ErrNotInHistory = errors.New("not in the repository's history")
	// ErrBranchExists: a branch of that name exists already.
	ErrBranchExists = errors.New("a branch with that name exists already: choose another name")

	// ErrNoRemote: no remote address is set for the course.
	ErrNoRemote = errors.New("no publishing address is set for this course: set one first")
	// ErrInvalidURL: the remote address is not one git can use.
	ErrInvalidURL = errors.New("this is not a git repository address (use https://host/owner/repo.git, ssh://git@host/owner/repo.git or git@host:owner/repo.git)")
	// ErrCredentialsInURL: the remote address holds a password or token.
	ErrCredentialsInURL = errors.New("the address contains a password or token: remove it from the address (the part before @, or after ?); Coursewright keeps tokens in the system keychain (it asks for one when it first publishes) or reads them from COURSEWRIGHT_TOKEN, never from the address")

	// ErrRemoteAhead: the server's branch has versions that are not here
	// (a co-author published): fetch and merge them, never force.
	ErrRemoteAhead = errors.New("the copy on the server has changes that are not here yet (someone else published): get them and merge first; nothing was overwritten")
	// ErrAuth: the server refused the credentials.
	ErrAuth = errors.New("the server did not accept the sign-in: check the user name and token (for HTTPS) or that your SSH key is added to your account on the host")
	// ErrUpToDate: the server already has everything; nothing was sent.
	ErrUpToDate = errors.New("already up to date: nothing needed to be sent")
	// ErrRemoteNotFound: no repository at the remote address.
	ErrRemoteNotFound = errors.New("the server has no repository at this address: check the address, or create the repository on the host first")
	// ErrConflict: the same file was changed here and on the server; a
	// *RemoteConflictError names the files.
	ErrConflict = errors.New("the same file was changed here and on the server")

	// ErrSourceBranch: the branch holds the course's Jekyll source; built
	// pages must never replace it.
	ErrSourceBranch = errors.New("this branch holds the course's source files (Jekyll): built pages must not replace it; publish the built site to another branch, or keep publishing with the host's Jekyll")
	// ErrCheckedOutBranch: the branch is the one the course folder is on.
	ErrCheckedOutBranch = errors.New("this is the branch the course folder itself is saved on: choose another branch for the built site")
	// ErrUnsafeFile: a folder to publish holds a secret-looking file or a
	// link leading outside it.
	ErrUnsafeFile = errors.New("the folder to publish holds a file that must not be published")

	// ErrPassphraseNeeded: the SSH key is protected by a passphrase that
	// was not given; a *PassphraseError names the key file.
	ErrPassphraseNeeded = errors.New("the SSH key is protected by a passphrase: enter it to continue")
	// ErrHostKeyChanged: the server's SSH host key differs from the one
	// recorded in known_hosts.
	ErrHostKeyChanged = errors.New("the server's identity (SSH host key) has changed since the last connection: this can mean someone is intercepting the connection; do not continue unless the host announced a key change")
)

// ErrUnknownHost is returned when an SSH server's host key is not in
// known_hosts yet. Show the fingerprint to the user (they can compare it
// with the one the host publishes) and call Auth.AcceptHostKey(Host, Key)
// if they accept it.
type ErrUnknownHost struct {
	// Host is the address as dialled, "host:port".
	Host string
	// Fingerprint is the key's SHA-256 fingerprint as ssh-keygen -l shows
	// it: "SHA256:…".
	Fingerprint string
	// Key is the host key the server presented.
	Key ssh.PublicKey
}

func (e *ErrUnknownHost) Error() string {
	return fmt.Sprintf("first connection to %s: its SSH fingerprint is %s (%s); check it against the one the host publishes, then accept it to continue",
		e.Host, e.Fingerprint, e.Key.Type())
}

// RemoteConflictError names the files changed both here and on the server. It
// matches ErrConflict with errors.Is.
type RemoteConflictError struct {
	Branch string
	Paths  []string
}

func (e *RemoteConflictError) Error() string {
	return fmt.Sprintf("%v on branch %s: %s. Nothing was changed. Choose: keep your version as a new branch, or take the server's version of these files",
		ErrConflict, e.Branch, strings.Join(e.Paths, ", "))
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *RemoteConflictError) Is(target error) bool { return target == ErrConflict }

// PassphraseError names the SSH key that needs a passphrase. It matches
// ErrPassphraseNeeded with errors.Is.
type PassphraseError struct {
	KeyFile string
}

func (e *PassphraseError) Error() string {
	return fmt.Sprintf("the SSH key %s is protected by a passphrase: enter it to continue", e.KeyFile)
}

// Is makes errors.Is(err, ErrPassphraseNeeded) true.
func (e *PassphraseError) Is(target error) bool { return target == ErrPassphraseNeeded }

// opError is what network operations return: a sentinel for errors.Is, the
// cause's chain for errors.Is on go-git's errors, and a message from which
// every known secret was removed. It deliberately has no Unwrap: the cause's
// own text may contain a token the server echoed, and Unwrap would hand it
// to any caller that prints the chain.
type opError struct {
	sentinel error
	cause    error
	msg      string
}

func (e *opError) Error() string { return e.msg }

// Is matches the sentinel and anything in the cause's chain.
func (e *opError) Is(target error) bool {
	return (e.sentinel != nil && target == e.sentinel) || errors.Is(e.cause, target)
}

// As reaches only this package's own error types in the cause: they carry
// no secrets. Foreign types (url.Error, go-git's) might.
func (e *opError) As(target any) bool {
	switch target.(type) {
	case **ErrUnknownHost, **RemoteConflictError, **PassphraseError:
		return errors.As(e.cause, target)
	}
	return false
}
