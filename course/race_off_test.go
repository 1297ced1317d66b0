//go:build !race

package course

const raceDetector = false
