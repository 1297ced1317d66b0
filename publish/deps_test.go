package publish

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoFyne: publish is used by the CLI and the preview server without a
// GUI, so nothing it imports may come from Fyne.
func TestNoFyne(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(gobin, "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list found only %v", deps)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "fyne.io/") {
			t.Errorf("publish imports %s", d)
		}
	}
}
