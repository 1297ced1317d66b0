package adapt

import (
	"io"
	"os"

	"github.com/coursewright/coursewright/course"
)

// The license detection lives in course, so that `info` and `adapt` (and
// the app) give one answer for the same folder; these names keep adapt's
// API as it was.

// Confidence says how sure DetectLicense is of what it found.
type Confidence = course.LicenseConfidence

// Confidence levels, weakest first.
const (
	ConfidenceNone   = course.LicenseConfidenceNone
	ConfidenceLow    = course.LicenseConfidenceLow
	ConfidenceMedium = course.LicenseConfidenceMedium
	ConfidenceHigh   = course.LicenseConfidenceHigh
)

// Evidence is one license statement found in a course.
type Evidence = course.LicenseEvidence

// Detection is the license DetectLicense settled on, and everything it saw.
type Detection = course.LicenseDetection

// DetectLicense finds the content license of the course in dir; see
// course.DetectLicense.
func DetectLicense(dir string) (Detection, error) { return course.DetectLicense(dir) }

// readLimited reads a file of at most 1 MB: the statements looked for are
// short, and a huge README is not worth reading whole.
func readLimited(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 1<<20))
}
