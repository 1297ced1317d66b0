package publish

import (
	"testing"

	"github.com/coursewright/coursewright/internal/depstest"
)

// publish is used by the CLI and the preview server without a window.
func TestImports(t *testing.T) { depstest.Forbid(t, "fyne.io") }
