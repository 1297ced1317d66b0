// Command gencourse writes a synthetic Course-in-a-Box course for the
// benchmarks; the output depends only on the arguments.
//
//	go run ./bench/gencourse [-words N] [-per-module N] [-seed N] PAGES DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"github.com/coursewright/coursewright/internal/gencourse"
)

func main() {
	o := gencourse.DefaultOptions(0)
	flag.IntVar(&o.Words, "words", o.Words, "about how many words of prose per page")
	flag.IntVar(&o.PerModule, "per-module", o.PerModule, "pages per module")
	flag.Uint64Var(&o.Seed, "seed", o.Seed, "random seed: the same seed writes the same course")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: gencourse [-words N] [-per-module N] [-seed N] PAGES DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	pages, err := strconv.Atoi(flag.Arg(0))
	if err != nil || pages < 1 {
		fmt.Fprintf(os.Stderr, "gencourse: PAGES must be a number of pages, 1 or more, not %q\n", flag.Arg(0))
		os.Exit(2)
	}
	o.Pages = pages
	if err := gencourse.Write(flag.Arg(1), o); err != nil {
		fmt.Fprintln(os.Stderr, "gencourse:", err)
		os.Exit(1)
	}
}
