package adapt

import (
	"testing"

	"github.com/coursewright/coursewright/internal/depstest"
)

// adapt serves the CLI without a window.
func TestImports(t *testing.T) { depstest.Forbid(t, "fyne.io") }
