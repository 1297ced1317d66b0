//go:build race

package course

// raceDetector: the tests run under -race, whose bookkeeping makes heap
// figures its own as much as the course's.
const raceDetector = true
