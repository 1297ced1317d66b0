package course_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/internal/secretcorpus"
)

// Every secret of issue 12 (items 1–4) is found, by name, by content or by
// where its link leads; the look-alikes are not.
func TestSecretFileCorpus(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".git", "config"), []byte("[core]\n\tbare = false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	secrets := secretcorpus.Write(t, dir)
	if len(secrets) < 20 {
		t.Fatalf("the corpus has %d secrets", len(secrets))
	}
	for _, s := range secrets {
		got, err := course.SecretFile(dir, s.Path)
		if err != nil {
			t.Errorf("%s: %v", s.Path, err)
			continue
		}
		if got.Reason == "" {
			t.Errorf("%s is not taken for a secret", s.Path)
		} else {
			t.Logf("%s: %s", s.Path, got.Reason)
		}
	}
	for p := range secretcorpus.Innocent {
		got, err := course.SecretFile(dir, p)
		if err != nil || got.Reason != "" {
			t.Errorf("%s taken for a secret: %q %v", p, got.Reason, err)
		}
	}
}

func TestSecretContent(t *testing.T) {
	for _, tc := range []struct {
		rel, data string
		secret    bool
	}{
		{"a.txt", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAwJ3n3kZ1mJxv0d+zQ8rQ2H0lJ9Yk8vW1aQ1p6Y0r3g5fX8s2\n-----END RSA PRIVATE KEY-----\n", true},
		{"a.txt", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,ABC\n\nMIIEpAIBAAKCAQEAwJ3n3kZ1mJxv0d+zQ8rQ2H0lJ9Yk8vW1aQ1p6Y0r3g5fX8s2\n", true},
		{"page.md", "```\n-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n```\n", false},
		{"page.md", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwJ3n3kZ1mJxv0d+zQ8rQ2H\n", false},
		{"x.js", "const k = 'AKIAQWERTYUIOPASDFGH';", true},
		{"x.js", "const k = 'AKIAIOSFODNN7EXAMPLE';", false},
		{"x.md", "token ghp_abcdefghijklmnopqrstuvwxyz0123456789", true},
		{"x.txt", "glpat-abcdefghij0123456789", true},
		{"settings.ini", "[db]\nhost = x\npassword = s3cretvalue\n", true},
		{"page.md", "host=x\npassword=s3cretvalue\n", false},
		{"vars.cfg", "PASSWORD=${PASSWORD}\nHOST=x\n", false},
		{"story.txt", "Once upon a time\nthe token: was lost\nin the woods\n", false},
		{"config", "[http]\n\textraheader = AUTHORIZATION: basic abc\n", true},
		{"a.json", `{"private_key": "-----BEGIN PRIVATE KEY-----\nMIIE"}`, true},
	} {
		got := course.SecretContent(tc.rel, []byte(tc.data))
		if (got != "") != tc.secret {
			t.Errorf("%s %q: %q, want secret=%v", tc.rel, tc.data, got, tc.secret)
		}
	}
}

func TestSecretName(t *testing.T) {
	for rel, secret := range map[string]bool{
		".env": true, "a/.env.local": true, "prod.env": true, "id_rsa": true, "id_ed25519.pub": true,
		"img/id_card.png": false, "key.pem": true, ".aws/credentials": true, ".aws/config": true,
		"credentials": true, "npmrc": true, "terraform.tfvars": true, "client_secret_123.json": true,
		".pgpass": true, ".vault-token": true, "modules/setup/environment.md": false, "img/keyboard.png": false,
		"CREDENTIALS.JSON": true, ".SSH/id": true,
	} {
		if got := course.SecretName(rel); (got != "") != secret {
			t.Errorf("%s: %q, want secret=%v", rel, got, secret)
		}
	}
}
