//go:build race

package publish

// raceDetector: the tests run under -race. The browser audits skip then:
// the work is Chromium's, and the plain go test run has done it.
const raceDetector = true
