//go:build !linux

package main

import "errors"

type screen struct{}

func openScreen() (*screen, error) {
	return nil, errors.New("keylatency reads the screen through X11 and runs on Linux only")
}

func (s *screen) grab(x, y, w, h int, out []byte) error { return nil }
func (s *screen) close()                                {}
