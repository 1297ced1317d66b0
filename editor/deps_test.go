package editor

import (
	"testing"

	"github.com/coursewright/coursewright/internal/depstest"
)

// The editor draws render's preview model; the markdown parser's syntax
// tree stays inside render.
func TestImports(t *testing.T) { depstest.ForbidDirect(t, "github.com/yuin/goldmark") }
