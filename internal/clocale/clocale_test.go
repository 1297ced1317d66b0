package clocale_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/coursewright/coursewright/internal/clocale"
)

func TestFix(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LANG": "C.utf8"}, "en"},
		{map[string]string{"LC_ALL": "POSIX.UTF-8", "LANG": "de_DE.UTF-8"}, "en"},
		{map[string]string{"LC_MESSAGES": "C.UTF-8"}, "en"},
		{map[string]string{"LANG": "C"}, ""},                                // go-locale knows C
		{map[string]string{"LANG": "de_DE.UTF-8"}, ""},                      // a real locale
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "fr"}, ""},        // a language chosen
		{map[string]string{"LC_ALL": "es_ES.UTF-8", "LANG": "C.UTF-8"}, ""}, // LC_ALL wins
		{map[string]string{}, ""},
	} {
		k, v := clocale.Fix(func(k string) string { return c.env[k] })
		if v != c.want || (v != "" && k != "LANGUAGE") {
			t.Errorf("%v: %s=%q, want LANGUAGE=%q", c.env, k, v, c.want)
		}
	}
}

// TestNoLocaleErrorAtStart runs this test binary again under
// LANG=C.UTF-8: Fyne's lang package, initialized after clocale (the test
// is an external package, so the two depend on each other no more than
// in the app), logs no locale error and speaks English.
func TestNoLocaleErrorAtStart(t *testing.T) {
	if os.Getenv("CLOCALE_CHILD") == "1" {
		if got := lang.L("Cancel"); got != "Cancel" {
			t.Fatalf("lang.L gives %q", got)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoLocaleErrorAtStart$", "-test.v")
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "LANG") && !strings.HasPrefix(e, "LC_") {
			env = append(env, e)
		}
	}
	cmd.Env = append(env, "LANG=C.UTF-8", "CLOCALE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "locale") {
		t.Fatalf("the child logged a locale error:\n%s", out)
	}
}
