// Command keylatency measures what a person feels when typing into a real
// window: it presses keys one at a time (xdotool, which uses XTEST) and,
// for each, polls the screen (XGetImage) until the pixels of a region
// change — the time from key press to pixels on screen. It needs an X
// server ($DISPLAY, e.g. under xvfb-run) and xdotool.
//
//	keylatency -region X,Y,W,H [-keys 40] [-pause 150ms] [-text abc]
//	           [-timeout 3s] [-click X,Y] [-label NAME]
//	keylatency -region X,Y,W,H -measure-click X,Y [-label NAME]
//
// With -measure-click it instead clicks once at X,Y and times how long
// the region takes to change (say, a page chosen in a list until its text
// shows).
//
// It prints one JSON object: label, n, min, median, p90, max (ms) and
// timeouts (keys that changed nothing within -timeout). Compare setups in
// the same run (a short page and a long one): absolute times on a shared
// machine and a software-rendered X server mean little, ratios do.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"sort"
	"time"
)

func main() {
	region := flag.String("region", "", "X,Y,W,H: the screen region to watch (root window pixels)")
	keys := flag.Int("keys", 40, "how many keys to press")
	pause := flag.Duration("pause", 150*time.Millisecond, "pause after each key's pixels appear")
	text := flag.String("text", "typing", "characters to type, round-robin")
	timeout := flag.Duration("timeout", 3*time.Second, "give up on a key after this long")
	click := flag.String("click", "", "X,Y: click there first")
	label := flag.String("label", "", "name of this case in the output")
	measureClick := flag.String("measure-click", "", "X,Y: time one click there instead of keys")
	flag.Parse()
	var x, y, w, h int
	if _, err := fmt.Sscanf(*region, "%d,%d,%d,%d", &x, &y, &w, &h); err != nil || w <= 0 || h <= 0 || *text == "" {
		fmt.Fprintln(os.Stderr, "keylatency: -region X,Y,W,H and a non-empty -text are needed")
		os.Exit(2)
	}
	if *measureClick != "" {
		*keys = 1
	}
	if err := run(*label, x, y, w, h, *keys, *pause, *timeout, *text, *click, *measureClick); err != nil {
		fmt.Fprintln(os.Stderr, "keylatency:", err)
		os.Exit(1)
	}
}

func run(label string, x, y, w, h, keys int, pause, timeout time.Duration, text, click, measureClick string) error {
	scr, err := openScreen()
	if err != nil {
		return err
	}
	defer scr.close()
	if click != "" {
		var cx, cy int
		if _, err := fmt.Sscanf(click, "%d,%d", &cx, &cy); err != nil {
			return fmt.Errorf("-click %q: want X,Y", click)
		}
		if err := xdotool("mousemove", fmt.Sprint(cx), fmt.Sprint(cy), "click", "1"); err != nil {
			return err
		}
		time.Sleep(time.Second)
	}
	before := make([]byte, w*h*4)
	now := make([]byte, w*h*4)
	runes := []rune(text)
	var res []float64
	timeouts := 0
	for i := 0; i < keys; i++ {
		if err := scr.grab(x, y, w, h, before); err != nil {
			return err
		}
		key := string(runes[i%len(runes)])
		if key == " " {
			key = "space"
		}
		action := []string{"key", key}
		if measureClick != "" {
			var cx, cy int
			if _, err := fmt.Sscanf(measureClick, "%d,%d", &cx, &cy); err != nil {
				return fmt.Errorf("-measure-click %q: want X,Y", measureClick)
			}
			action = []string{"mousemove", fmt.Sprint(cx), fmt.Sprint(cy), "click", "1"}
		}
		t0 := time.Now()
		if err := xdotool(action...); err != nil {
			return err
		}
		for {
			if err := scr.grab(x, y, w, h, now); err != nil {
				return err
			}
			if !bytes.Equal(before, now) {
				break
			}
			if time.Since(t0) > timeout {
				timeouts++
				break
			}
			time.Sleep(time.Millisecond)
		}
		res = append(res, float64(time.Since(t0).Microseconds())/1000)
		time.Sleep(pause)
	}
	sort.Float64s(res)
	n := len(res)
	round := func(v float64) float64 { return math.Round(v*10) / 10 }
	out := map[string]any{"label": label, "n": n, "min": round(res[0]), "median": round(res[n/2]),
		"p90": round(res[max(0, n*9/10-1)]), "max": round(res[n-1]), "timeouts": timeouts}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
	return nil
}

func xdotool(args ...string) error {
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("xdotool %v: %v: %s", args, err, out)
	}
	return nil
}
