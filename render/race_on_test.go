//go:build race

package render

// raceDetector is whether the tests run under the race detector, which
// makes everything several times slower.
const raceDetector = true
