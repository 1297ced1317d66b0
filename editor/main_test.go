package editor

import (
	"fmt"
	"os"
	"testing"
)

// TestMain registers the translations as the app does at start-up, so
// that plural forms resolve (tests run with LANG=en_US.UTF-8: English).
func TestMain(m *testing.M) {
	if err := RegisterTranslations(); err != nil {
		fmt.Fprintln(os.Stderr, "translations:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
