// Package secretcorpus writes, into a course folder, every kind of secret
// file an author has been seen to leave there (issue 12, items 1–4), each
// with freshly made key material, and files that only look like secrets.
// The detector's tests, the build's and the publish test against a real git
// server all use it, so they prove the same list.
//
// Keys are generated for each run rather than stored in the repository:
// nothing in the project's history is a working key.
package secretcorpus

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
)

// Secret is a file the detector must find, and bytes of it that must never
// reach a version or a site.
type Secret struct {
	Path string // slash path in the course
	// Needle is a part of the secret (key material, token) that must not
	// appear in any object on a server.
	Needle string
	// Link is the target when Path is a symlink.
	Link string
}

// Innocent files look a little like secrets but are course material.
var Innocent = map[string]string{
	"img/id_card.png.txt":  "a caption for id_card.png\n",
	"notes/keys.md":        "# Keys\n\nA key file starts like this:\n\n```\n-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----\n```\n\nSet `password=hunter2` in your `.env`, never here. AWS shows AKIAIOSFODNN7EXAMPLE.\n",
	"notes/settings.txt":   "Settings for the workshop\n\nuse the projector\ncolour=blue\n",
	"notes/env-sample.cfg": "PASSWORD=${PASSWORD}\nTOKEN=<your token>\nHOST=example.org\n",
}

func random(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func b64Lines(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	s := base64.StdEncoding.EncodeToString(b)
	var lines []string
	for len(s) > 64 {
		lines = append(lines, s[:64])
		s = s[64:]
	}
	return strings.Join(append(lines, s), "\n")
}

// Write writes the secrets (and Innocent) into dir, which must be a course
// folder with a .git folder when gitConfigSecret is set: then .git/config
// gets an authorisation header, the secret a link to it must not leak.
// It returns the secrets.
func Write(t testing.TB, dir string) []Secret {
	t.Helper()
	_, edKey, _ := ed25519.GenerateKey(rand.Reader)
	openssh, err := ssh.MarshalPrivateKey(edKey, "author@laptop")
	if err != nil {
		t.Fatal(err)
	}
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(ecKey)
	pkcs8 := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	ecDER, _ := x509.MarshalECPrivateKey(ecKey)
	ecPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: ecDER})
	_, ed2, _ := ed25519.GenerateKey(rand.Reader)
	openssh2, _ := ssh.MarshalPrivateKey(ed2, "")
	_, ed3, _ := ed25519.GenerateKey(rand.Reader)
	openssh3, _ := ssh.MarshalPrivateKey(ed3, "")

	needle := func(p []byte) string { // the first line of key material
		lines := strings.Split(string(p), "\n")
		return lines[1]
	}
	pgpBody := b64Lines(300)
	puttyBody := b64Lines(120)
	token := "hvs." + random(20)
	aws := "AKIA" + strings.ToUpper(random(8))
	awsSecret := base64.StdEncoding.EncodeToString([]byte(random(15)))
	dotenvToken := "tok_" + random(16)
	svcKey := string(pkcs8)
	jsonKey := strings.ReplaceAll(svcKey, "\n", `\n`)

	files := []struct {
		s       Secret
		content string
	}{
		// 1: an OpenSSH key under an innocent name.
		{Secret{Path: "img/deploy_key", Needle: needle(pem.EncodeToMemory(openssh))}, string(pem.EncodeToMemory(openssh))},
		// 2: a .env and links to it and into .git.
		{Secret{Path: ".env", Needle: dotenvToken}, "API_TOKEN=" + dotenvToken + "\n"},
		{Secret{Path: "env.txt", Needle: dotenvToken, Link: ".env"}, ""},
		{Secret{Path: "repo-config", Needle: "cw-extraheader-secret", Link: ".git/config"}, ""},
		// 3: ssh key, PEM key, credentials.json.
		{Secret{Path: "id_rsa", Needle: needle(pem.EncodeToMemory(openssh2))}, string(pem.EncodeToMemory(openssh2))},
		{Secret{Path: "key.pem", Needle: needle(ecPEM)}, string(ecPEM)},
		{Secret{Path: "credentials.json", Needle: "cred-" + random(10)}, ""},
		// 4: secrets not on the old name list.
		{Secret{Path: ".aws/credentials", Needle: awsSecret}, "[default]\naws_access_key_id = " + aws + "\naws_secret_access_key = " + awsSecret + "\n"},
		{Secret{Path: "credentials", Needle: "cr-" + random(10)}, ""},
		{Secret{Path: ".pgpass", Needle: "pg-" + random(10)}, ""},
		{Secret{Path: ".vault-token", Needle: token}, token + "\n"},
		{Secret{Path: "client_secret.json", Needle: "cs-" + random(10)}, ""},
		{Secret{Path: "data/project-4711.json", Needle: needle(pkcs8)}, `{"type": "service_account", "project_id": "p", "private_key_id": "` + random(20) + `", "private_key": "` + jsonKey + `", "client_email": "x@p.iam.gserviceaccount.com"}` + "\n"},
		{Secret{Path: "prod.env", Needle: "pw-" + random(10)}, ""},
		{Secret{Path: "npmrc", Needle: "npm-" + random(10)}, ""},
		{Secret{Path: "terraform.tfvars", Needle: "tf-" + random(10)}, ""},
		{Secret{Path: "notes/server-key.txt", Needle: strings.Split(puttyBody, "\n")[0]},
			"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me@laptop\nPublic-Lines: 2\n" + b64Lines(50) + "\nPrivate-Lines: 2\n" + puttyBody + "\nPrivate-MAC: " + random(32) + "\n"},
		{Secret{Path: "notes/pgp.txt", Needle: strings.Split(pgpBody, "\n")[0]},
			"My key, keep safe\n\n-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: backup\n\n" + pgpBody + "\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----\n"},
		{Secret{Path: "notes/commented-key", Needle: needle(pem.EncodeToMemory(openssh3))}, "# the deploy key for the server\n" + string(pem.EncodeToMemory(openssh3))},
		{Secret{Path: "img/aws-keys.csv", Needle: aws}, "Access key ID,Secret access key\n" + aws + "," + random(20) + "\n"},
	}
	var out []Secret
	for _, f := range files {
		full := filepath.Join(dir, filepath.FromSlash(f.s.Path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		switch {
		case f.s.Link != "":
			if err := os.Symlink(f.s.Link, full); err != nil {
				t.Fatal(err)
			}
		default:
			c := f.content
			if c == "" {
				c = fileFor(f.s.Path, f.s.Needle)
			}
			if err := os.WriteFile(full, []byte(c), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, f.s)
	}
	gitConfig := filepath.Join(dir, ".git", "config")
	if _, err := os.Stat(gitConfig); err == nil {
		cfg, _ := os.ReadFile(gitConfig)
		cfg = append(cfg, "[http]\n\textraheader = AUTHORIZATION: basic cw-extraheader-secret\n"...)
		if err := os.WriteFile(gitConfig, cfg, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for p, c := range Innocent {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// fileFor is the content of a credentials file found by its name, holding
// needle the way the tool that reads it writes it.
func fileFor(p, needle string) string {
	switch filepath.Base(p) {
	case "credentials.json":
		return `{"installed": {"client_id": "id", "client_secret": "` + needle + `"}}` + "\n"
	case "credentials":
		return "[default]\naws_access_key_id = id\naws_secret_access_key = " + needle + "\n"
	case ".pgpass":
		return "localhost:5432:course:teacher:" + needle + "\n"
	case "client_secret.json":
		return `{"web": {"client_id": "x.apps.googleusercontent.com", "client_secret": "` + needle + `"}}` + "\n"
	case "prod.env":
		return "DATABASE_PASSWORD=" + needle + "\n"
	case "npmrc":
		return "//registry.npmjs.org/:_authToken=" + needle + "\n"
	case "terraform.tfvars":
		return "db_password = \"" + needle + "\"\n"
	}
	return needle + "\n"
}
