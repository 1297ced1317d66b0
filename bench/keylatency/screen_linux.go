package main

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <string.h>

// grab copies the pixels of a root-window region into out (w*h*4 bytes).
static int grab(Display *d, int x, int y, int w, int h, unsigned char *out) {
	XImage *im = XGetImage(d, DefaultRootWindow(d), x, y, w, h, AllPlanes, ZPixmap);
	if (!im) return 0;
	int row = w * (im->bits_per_pixel / 8);
	if (row > w * 4) row = w * 4;
	for (int r = 0; r < h; r++) memcpy(out + r * w * 4, im->data + r * im->bytes_per_line, row);
	XDestroyImage(im);
	return 1;
}
*/
import "C"

import (
	"errors"
	"unsafe"
)

// screen is a connection to the X server whose pixels are read.
type screen struct{ d *C.Display }

func openScreen() (*screen, error) {
	d := C.XOpenDisplay(nil)
	if d == nil {
		return nil, errors.New("cannot open the X display (is DISPLAY set?)")
	}
	return &screen{d: d}, nil
}

func (s *screen) grab(x, y, w, h int, out []byte) error {
	if C.grab(s.d, C.int(x), C.int(y), C.int(w), C.int(h), (*C.uchar)(unsafe.Pointer(&out[0]))) == 0 {
		return errors.New("XGetImage failed (is the region inside the screen?)")
	}
	return nil
}

func (s *screen) close() { C.XCloseDisplay(s.d) }
