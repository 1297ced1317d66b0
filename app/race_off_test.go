//go:build !race

package app

// raceDetector is whether the tests run under the race detector, which
// makes everything several times slower.
const raceDetector = false
