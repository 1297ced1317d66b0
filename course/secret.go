package course

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// The secret detector: one judgement, by name and by content, of whether a
// file of a course must never be saved in a version nor published. repo
// calls it when staging, publish when building, preview when serving, so
// a file left out of one is left out of all.

// SecretScanSize is how much of a file the content signatures look at.
// Keys, tokens and credential files are small; a secret pasted past the
// first megabyte of a large file is not looked for.
const SecretScanSize = 1 << 20

// Secret says why a file is taken for a secret.
type Secret struct {
	Path   string // slash path relative to the course folder
	Reason string // in words for the user, e.g. "it holds a private key"
}

func (s Secret) String() string { return s.Path + ": " + s.Reason }

// secretNames are base names (lower case) of files that hold credentials
// whatever their content: tools write them there.
var secretNames = map[string]bool{
	".env": true, ".envrc": true, ".netrc": true, "_netrc": true, ".git-credentials": true,
	".npmrc": true, "npmrc": true, ".pypirc": true, ".htpasswd": true, ".pgpass": true, "pgpass": true,
	".vault-token": true, ".my.cnf": true, ".boto": true, ".s3cfg": true, ".dockercfg": true,
	"credentials": true, "credentials.json": true, "credentials.yml": true, "credentials.yaml": true,
	"credentials.xml": true, "secrets.yml": true, "secrets.yaml": true, "secrets.json": true,
	"terraform.tfvars": true, "terraform.tfstate": true, ".terraformrc": true, "terraform.rc": true,
	"authorized_keys": true, "keystore.properties": true,
}

// secretExts are extensions (lower case) of key, certificate-store and
// credential files.
var secretExts = map[string]bool{
	".pem": true, ".key": true, ".p12": true, ".pfx": true, ".jks": true, ".keystore": true,
	".ppk": true, ".asc": true, ".kdbx": true, ".tfvars": true, ".tfstate": true, ".env": true,
	".gpg": true, ".pgp": true, ".p8": true,
}

// secretDirs are folders (lower case) whose every file is a tool's
// credentials or keys.
var secretDirs = map[string]bool{".ssh": true, ".aws": true, ".gnupg": true, ".kube": true, ".docker": true, ".azure": true, ".gcloud": true}

// SecretName says why the course file rel (slash path) is a secret by its
// name alone, or "" when its name says nothing.
func SecretName(rel string) string {
	rel = strings.ToLower(path.Clean(strings.ReplaceAll(rel, "\\", "/")))
	base := path.Base(rel)
	dirs := strings.Split(path.Dir(rel), "/")
	for _, d := range dirs {
		if secretDirs[d] {
			return fmt.Sprintf("it is in a %s folder, where tools keep keys and credentials", d)
		}
	}
	switch {
	case secretNames[base]:
		return "its name is that of a credentials file (" + base + ")"
	case strings.HasPrefix(base, ".env.") || strings.HasSuffix(base, ".env"):
		return "it is an environment file (" + base + "), where passwords and tokens are kept"
	case strings.HasPrefix(base, "id_") && (!strings.Contains(base, ".") || strings.HasSuffix(base, ".pub")):
		return "its name is that of an SSH key (" + base + ")"
	case strings.HasPrefix(base, "client_secret") && strings.HasSuffix(base, ".json"):
		return "its name is that of an OAuth client secret (" + base + ")"
	case strings.HasSuffix(base, ".tfstate.backup"):
		return "it is a Terraform state file, which holds credentials"
	}
	if secretExts[path.Ext(base)] {
		return "its name is that of a key or credentials file (" + path.Ext(base) + ")"
	}
	return ""
}

// A content signature: what it finds and why it matters.
type signature struct {
	re  *regexp.Regexp
	why string
	// hints are words one of which any match contains (lower case when
	// the pattern ignores case): files without them skip the pattern,
	// which keeps judging a large course's pages cheap.
	hints []string
	// ok filters matches that are documentation, e.g. AWS's example key.
	ok func(match []byte) bool
}

var (
	// pemKeyRE finds the armour of a private key of any kind (PKCS#1/#8,
	// OpenSSH, EC, DSA, encrypted, PGP) anywhere in a file, followed by
	// optional headers and at least one line of base64: a page that quotes
	// "-----BEGIN PRIVATE KEY-----\n...\n" as an example is not a key.
	pemKeyRE = regexp.MustCompile(`-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY(?: BLOCK)?-----\r?\n(?:[A-Za-z-]+:[^\n]*\r?\n|[ \t]*\r?\n)*[ \t]*[A-Za-z0-9+/=]{40,}`)
	// puttyKeyRE finds a PuTTY private key file's body.
	puttyKeyRE = regexp.MustCompile(`(?m)^PuTTY-User-Key-File-\d+:[^\n]*\n(?:[^\n]*\n){0,6}?Private-Lines:\s*\d+`)

	signatures = []signature{
		{re: regexp.MustCompile(`(?:^|[^A-Za-z0-9])((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16})(?:[^A-Za-z0-9]|$)`), why: "an AWS access key", hints: []string{"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA"},
			ok: func(m []byte) bool { return !bytes.Contains(m, []byte("EXAMPLE")) }},
		{re: regexp.MustCompile(`(?i)aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}`), why: "an AWS secret key", hints: []string{"aws_secret_access_key"}},
		{re: regexp.MustCompile(`\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}`), why: "a GitHub token", hints: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}},
		{re: regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{60,}`), why: "a GitHub token", hints: []string{"github_pat_"}},
		{re: regexp.MustCompile(`\bglpat-[A-Za-z0-9_-]{20,}`), why: "a GitLab token", hints: []string{"glpat-"}},
		{re: regexp.MustCompile(`\bxox[abposr]-[A-Za-z0-9-]{10,}`), why: "a Slack token", hints: []string{"xox"}},
		{re: regexp.MustCompile(`\b(?:sk|rk)_live_[A-Za-z0-9]{20,}`), why: "a Stripe secret key", hints: []string{"_live_"}},
		{re: regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}`), why: "a Google API key", hints: []string{"AIza"}},
		{re: regexp.MustCompile(`\bnpm_[A-Za-z0-9]{36}\b`), why: "an npm token", hints: []string{"npm_"}},
		{re: regexp.MustCompile(`\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{40,}`), why: "an API secret key", hints: []string{"sk-"}},
		{re: regexp.MustCompile(`//[^\s/:]+/:_authToken=\S+`), why: "an npm registry token", hints: []string{":_authToken="}},
		{re: regexp.MustCompile(`"private_key"\s*:\s*"[^"]{16,}`), why: "a private key in JSON (a service-account file)", hints: []string{`"private_key"`}},
		{re: regexp.MustCompile(`"client_secret"\s*:\s*"[^"]{8,}"`), why: "an OAuth client secret", hints: []string{`"client_secret"`}},
		{re: regexp.MustCompile(`(?i)extraheader\s*=\s*(?:authorization|private-token)`), why: "an authorisation header (git config)", hints: []string{"extraheader"}},
	}

	// assignmentRE is a dotenv/ini/tfvars line that sets a secret.
	assignmentRE = regexp.MustCompile(`(?im)^[ \t]*(?:export[ \t]+)?["']?([A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api_?key|apikey|access_?key|private_?key|auth)[A-Za-z0-9_.-]*)["']?[ \t]*[=:][ \t]*["']?([^\s"'#]{4,})`)
	// settingLineRE is any KEY=value or key: value line.
	settingLineRE = regexp.MustCompile(`^[ \t]*(?:export[ \t]+)?["']?[A-Za-z_][A-Za-z0-9_.-]*["']?[ \t]*[=:]`)
)

// SecretContent says why data, the start of the file rel (at most
// SecretScanSize bytes), holds a secret, or "" when no signature matches.
// Private keys and well-known token shapes count anywhere; password and
// token assignments count in files made of settings (dotenv, ini, tfvars),
// not in pages that show them as examples.
func SecretContent(rel string, data []byte) string {
	if n := secretScanLimit(rel); len(data) > n {
		data = data[:n]
	}
	// A file that starts with a key's armour is a key file, whatever
	// follows; elsewhere in a file the armour counts with key material
	// after it.
	if t := bytes.TrimLeft(data, " \t\r\n\ufeff"); bytes.HasPrefix(t, []byte("-----BEGIN ")) {
		line, _, _ := bytes.Cut(t, []byte("\n"))
		if bytes.Contains(line, []byte("PRIVATE KEY")) {
			return "it holds a private key"
		}
	}
	if !bytes.Contains(data, []byte("PRIVATE KEY")) {
		// no armour: skip the pattern
	} else if m := pemKeyRE.FindSubmatch(data); m != nil {
		if kind := strings.TrimSpace(string(m[1])); kind != "" {
			return "it holds a private key (" + kind + ")"
		}
		return "it holds a private key"
	}
	if bytes.Contains(data, []byte("PuTTY-User-Key-File-")) && puttyKeyRE.Match(data) {
		return "it holds a PuTTY private key"
	}
	var lower []byte
	for _, sig := range signatures {
		hinted := len(sig.hints) == 0
		for _, h := range sig.hints {
			hay := data
			if strings.HasPrefix(sig.re.String(), "(?i)") {
				if lower == nil {
					lower = bytes.ToLower(data)
				}
				hay = lower
			}
			if bytes.Contains(hay, []byte(h)) {
				hinted = true
				break
			}
		}
		if !hinted {
			continue
		}
		for _, m := range sig.re.FindAll(data, 4) {
			if sig.ok == nil || sig.ok(m) {
				return "it holds " + sig.why
			}
		}
	}
	if !isPageName(rel) && settingsFile(data) {
		if m := assignmentRE.FindSubmatch(data); m != nil && !placeholder(string(m[2])) {
			return "it sets " + string(m[1]) + " (a password or token)"
		}
	}
	return ""
}

// mediaScanSize is how much of an image, video, sound, font or archive is
// looked at: a key is pasted into a text file, not into a photo's pixels,
// and reading a megabyte of every photo on every build would cost more
// than it finds.
const mediaScanSize = 64 << 10

// secretScanLimit is how many leading bytes of rel SecretContent judges.
func secretScanLimit(rel string) int {
	switch strings.ToLower(path.Ext(rel)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".tif", ".tiff",
		".mp4", ".webm", ".mov", ".m4v", ".mp3", ".ogg", ".oga", ".wav", ".m4a", ".flac",
		".woff", ".woff2", ".ttf", ".otf", ".eot", ".pdf", ".zip", ".gz", ".pptx", ".docx", ".xlsx", ".odp", ".odt":
		return mediaScanSize
	}
	return SecretScanSize
}

// isPageName reports whether rel is a page (markdown or HTML), where an
// assignment is more likely an example than a setting.
func isPageName(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".md", ".markdown", ".html", ".htm":
		return true
	}
	return false
}

// settingsFile reports whether most meaningful lines of data are
// settings (KEY=value, key: value): a dotenv, ini or tfvars file.
func settingsFile(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 {
		return false
	}
	settings, other := 0, 0
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' || t[0] == ';' || t[0] == '[' {
			continue
		}
		if settingLineRE.Match(t) {
			settings++
		} else {
			other++
		}
		if settings+other >= 200 {
			break
		}
	}
	return settings > 0 && settings >= 2*other
}

// placeholder reports whether an assigned value is obviously not a real
// secret: a variable reference, an empty marker, a template.
func placeholder(v string) bool {
	l := strings.ToLower(v)
	return strings.HasPrefix(v, "$") || strings.HasPrefix(v, "<") || strings.HasPrefix(v, "{{") ||
		strings.Contains(l, "changeme") || strings.Contains(l, "example") || strings.Trim(l, "x*.") == ""
}

// SecretFile judges the file rel of the course folder dir on disk: by the
// name it is at, by where it leads when it is a link (a link into .git is
// always a secret, a link out of the course too), then by the name and
// the content of what it leads to. The zero Secret means the file may be
// saved and published.
func SecretFile(dir, rel string) (Secret, error) {
	rel = filepath.ToSlash(rel)
	if why := SecretName(rel); why != "" {
		return Secret{Path: rel, Reason: why}, nil
	}
	full := filepath.Join(dir, filepath.FromSlash(rel))
	st, err := os.Lstat(full)
	if err != nil {
		return Secret{}, err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		if why, err := secretLink(dir, full); why != "" || err != nil {
			return Secret{Path: rel, Reason: why}, err
		}
	}
	f, err := os.Open(full)
	if err != nil {
		return Secret{}, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return Secret{}, err
	}
	head, err := io.ReadAll(io.LimitReader(f, int64(secretScanLimit(rel))))
	if err != nil {
		return Secret{}, err
	}
	if why := SecretContent(rel, head); why != "" {
		return Secret{Path: rel, Reason: why}, nil
	}
	return Secret{}, nil
}

// SecretLink judges a symlink at full inside the course folder dir by
// where it leads: into git's own data or out of the course it is a
// secret; to a file whose name is a secret's, too. "" when the target may
// be published (its content is judged by the caller, through the link).
func SecretLink(dir, full string) (string, error) { return secretLink(dir, full) }

func secretLink(dir, full string) (string, error) {
	root := dir
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		root = r
	}
	target, err := filepath.EvalSymlinks(full)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil // a broken link holds nothing
	}
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(root, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "it is a link to something outside the course folder", nil
	}
	rel = filepath.ToSlash(rel)
	for _, part := range strings.Split(rel, "/") {
		if strings.EqualFold(part, ".git") {
			return "it is a link into git's own data (.git), which holds the repository's settings and credentials", nil
		}
	}
	if why := SecretName(rel); why != "" {
		return "it is a link to " + rel + ", and " + why, nil
	}
	return "", nil
}

// SecretPage judges a page of the course in dir as SecretFile judges a
// file, by its text as it is in memory (an unsaved edit included) and, when
// it is a link on disk, by where the link leads.
func SecretPage(dir string, p *Page) Secret {
	if why := SecretName(p.Path); why != "" {
		return Secret{Path: p.Path, Reason: why}
	}
	if p.loadedPath != "" {
		full := filepath.Join(dir, filepath.FromSlash(p.loadedPath))
		if st, err := os.Lstat(full); err == nil && st.Mode()&fs.ModeSymlink != 0 {
			if why, _ := secretLink(dir, full); why != "" {
				return Secret{Path: p.Path, Reason: why}
			}
		}
	}
	if p.src != nil && !p.dirty {
		// The text is on disk (KeepBodiesOnDisk), judged when dropped;
		// a changed file is never read back (errChangedSinceLoad).
		if p.src.secret != "" {
			return Secret{Path: p.Path, Reason: p.src.secret}
		}
		return Secret{}
	}
	if why := SecretContent(p.Path, []byte(p.text())); why != "" {
		return Secret{Path: p.Path, Reason: why}
	}
	return Secret{}
}
