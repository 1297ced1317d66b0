package selfcheck

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// ID is the stable identifier of question n (1-based) of the page at
// pagePath (slash path in the course): "sc-" and the first 12 hex digits
// of the SHA-256 of pagePath#n. Exports name questions by it, so the
// same question keeps its identifier from one export to the next.
func ID(pagePath string, n int) string {
	sum := sha256.Sum256([]byte(pagePath + "#" + strconv.Itoa(n)))
	return "sc-" + hex.EncodeToString(sum[:])[:12]
}
