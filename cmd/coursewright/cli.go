package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strconv"
	"strings"
)

// Exit codes. Users' scripts rely on them.
const (
	exitOK    = 0 // done
	exitFail  = 1 // something failed, or check found errors
	exitUsage = 2 // the command line itself was wrong
)

// app is one run of the command: where it reads and writes, and the course
// folder given with the global -C. Verbs are its methods; nothing is kept
// in package variables.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// rawStderr is stderr without termSafe, for progress lines that
	// redraw themselves with \r and ESC [K.
	rawStderr io.Writer
	dir       string // course folder from the global -C ("." by default)
}

// command is one verb ("check") or one verb of a group ("module add").
type command struct {
	name  string // "check", "module add"
	args  string // positional arguments; optional ones in [brackets]
	flags string // the verb's own flags as the overview shows them
	about string // one line for the overview
	doc   string // a paragraph for --help; about is used when empty
	run   func(a *app, cmd command, args []string) error
}

// commands lists every verb, in the order the usage shows them.
func commands() []command {
	return []command{
		{name: "new", args: "DIR", flags: "--title T [--license ID] [--language TAG] [--description D]",
			about: "create a course in a new or empty folder", doc: newDoc, run: (*app).newCourse},
		{name: "check", flags: "[--json] [--fix-images]", about: "list problems in the course; exit 1 if any is an error",
			doc: checkDoc, run: (*app).check},
		{name: "info", flags: "[--json]", about: "show the course: title, license, modules and pages",
			run: (*app).info},
		{name: "open", args: "DIR", about: "open the course in DIR in the desktop app", doc: openDoc, run: (*app).openCourse},

		{name: "module list", flags: "[--json]", about: "list the modules", run: (*app).moduleList},
		{name: "module add", args: "TITLE", flags: "[--slug S] [--pos N]", about: "add a module (a folder with a first page)",
			run: (*app).moduleAdd},
		{name: "module rename", args: "SLUG TITLE", about: "change a module's title", run: (*app).moduleRename},
		{name: "module reslug", args: "SLUG NEW", about: "rename a module's folder (its web address); links are updated",
			doc: moduleReslugDoc, run: (*app).moduleReslug},
		{name: "module move", args: "SLUG POS", about: "move a module to position POS in the menu", run: (*app).moduleMove},
		{name: "module hide", args: "SLUG", about: "take a module off the site's menu; its files stay", doc: moduleHideDoc, run: (*app).moduleHide},
		{name: "module show", args: "SLUG", flags: "[--pos N]", about: "put a hidden module back on the menu", run: (*app).moduleShow},
		{name: "module remove", args: "SLUG", about: "remove a module; its folder goes to the course's trash",
			doc: moduleRemoveDoc, run: (*app).moduleRemove},

		{name: "page list", args: "MODULE", flags: "[--json]", about: "list a module's pages", run: (*app).pageList},
		{name: "page add", args: "MODULE TITLE", flags: "[--slug S] [--pos N]", about: "add a page to a module",
			run: (*app).pageAdd},
		{name: "page rename", args: "MODULE SLUG TITLE", about: "change a page's title", run: (*app).pageRename},
		{name: "page reslug", args: "MODULE SLUG NEW", about: "rename a page's file (its web address); links are updated",
			run: (*app).pageReslug},
		{name: "page move", args: "MODULE SLUG POS", flags: "[--to MODULE]",
			about: "move a page to position POS, in its module or another", doc: pageMoveDoc, run: (*app).pageMove},
		{name: "page remove", args: "MODULE SLUG", about: "remove a page; its file goes to the course's trash",
			doc: pageRemoveDoc, run: (*app).pageRemove},

		{name: "meta get", args: "[KEY]", flags: "[--json]", about: "show the course's settings (license, language, …)",
			doc: metaGetDoc, run: (*app).metaGet},
		{name: "meta set", args: "KEY VALUE", about: "change one setting", doc: metaSetDoc, run: (*app).metaSet},

		{name: "guide list", flags: "[--json]", about: "list the facilitator guide's meetings", run: (*app).guideList},
		{name: "guide show", args: "N", flags: "[--json]", about: "show meeting N's agenda and its timing", run: (*app).guideShow},
		{name: "guide add", flags: "[--title T] [--minutes N]", about: "add a meeting to the facilitator guide",
			run: (*app).guideAdd},
		{name: "guide draft", flags: "[--lang en|es|de|fr]", about: "write a facilitator guide drafted from the modules", doc: guideDraftDoc,
			run: (*app).guideDraft},

		{name: "build", flags: "[-o DIR] [--drafts]", about: "build the course's website (default: into _site)",
			doc: buildDoc, run: (*app).build},
		{name: "export", args: "FORMAT", flags: "[-o FILE] [--guide] [--drafts]",
			about: "export the course: imscc, imscc11, scorm12, epub, pdf, zip or gift", doc: exportDoc, run: (*app).export},
		{name: "import gift", args: "FILE", flags: "--page PAGE", about: "add the questions of a GIFT file (Moodle) to a page",
			doc: importGIFTDoc, run: (*app).importGIFT},
		{name: "serve", flags: "[--port N] [--host H] [--drafts]", about: "preview the website, rebuilding as files change",
			doc: serveDoc, run: (*app).serve},

		{name: "version save", flags: "-m MSG", about: "save a version of the course with a message", doc: versionSaveDoc,
			run: (*app).versionSave},
		{name: "version list", flags: "[-n N] [--json]", about: "list the saved versions, newest first", run: (*app).versionList},
		{name: "version restore", args: "REV [PATH...]", about: "bring a page, module or the course back to version REV",
			doc: versionRestoreDoc, run: (*app).versionRestore},
		{name: "remote set", args: "URL", about: "set where the course is published (HTTPS or SSH)", doc: remoteSetDoc,
			run: (*app).remoteSet},
		{name: "remote show", about: "show where the course is published", run: (*app).remoteShow},
		{name: "publish", flags: "[--host gitlab|codeberg|github|forgejo|none] [--branch B] [--source-only] [--domain D]",
			about: "save, build and publish the course and its website", doc: publishDoc, run: (*app).publish},

		{name: "adapt", args: "SOURCE DIR", flags: "[--title T] [--language L] [--license ID] [--i-have-permission]",
			about: "make a course in DIR from another one, licensed and credited rightly", doc: adaptDoc, run: (*app).adaptCourse},
		{name: "translate", args: "[DIR]", flags: "--language L [--done PAGE]",
			about: "make a language version of the course (in DIR, or of this adaptation)", doc: translateDoc, run: (*app).translate},
		{name: "upstream status", flags: "[--json] [--offline]", about: "list what the adapted course changed since you took it",
			doc: upstreamStatusDoc, run: (*app).upstreamStatus},
		{name: "upstream pull", args: "[PAGE...]", flags: "[--offline]", about: "bring the adapted course's changes in, merged with yours",
			doc: upstreamPullDoc, run: (*app).upstreamPull},

		{name: "version", about: "print the version", run: (*app).version},
		{name: "help", args: "[VERB...]", about: "show this help, or a verb's", run: (*app).help},
	}
}

// run is the whole program; main only exits with its result.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: termSafe{stdout}, stderr: termSafe{stderr}, rawStderr: stderr, dir: "."}
	return a.exitCode(a.dispatch(args))
}

// startWithoutVerb is what coursewright does when given no verb: it opens
// the desktop app.
func startWithoutVerb(a *app) error { return a.gui("") }

// dispatch reads the global flags and runs the verb.
func (a *app) dispatch(args []string) error {
	global := flag.NewFlagSet("coursewright", flag.ContinueOnError)
	global.SetOutput(a.stderr)
	global.Usage = func() {}
	global.StringVar(&a.dir, "C", ".", "run in course folder `DIR`")
	showVersion := global.Bool("version", false, "print the version")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return &helpRequest{usage()}
		}
		return &usageError{usage: usage()} // flag has printed what was wrong
	}
	if *showVersion {
		cmd, _, _ := findCommand([]string{"version"})
		return cmd.run(a, cmd, nil)
	}
	args = global.Args()
	if len(args) == 0 {
		return startWithoutVerb(a)
	}
	cmd, rest, err := findCommand(args)
	if err != nil {
		return err
	}
	return cmd.run(a, cmd, rest)
}

// findCommand picks the verb (or group and verb) that args start with.
func findCommand(args []string) (command, []string, error) {
	cmds := commands()
	verb := args[0]
	if len(args) > 1 { // "version save" is a verb of its own; "version" alone prints the version
		for _, c := range cmds {
			if c.name == verb+" "+args[1] {
				return c, args[2:], nil
			}
		}
	}
	var group []command
	for _, c := range cmds {
		if c.name == verb {
			return c, args[1:], nil
		}
		if strings.HasPrefix(c.name, verb+" ") {
			group = append(group, c)
		}
	}
	if len(group) == 0 {
		return command{}, nil, &usageError{msg: fmt.Sprintf("unknown verb %q", verb), usage: usage()}
	}
	if len(args) < 2 {
		return command{}, nil, &usageError{msg: fmt.Sprintf("%s needs one of: %s", verb, subNames(group)), usage: groupUsage(verb, group)}
	}
	switch sub := args[1]; sub {
	case "-h", "-help", "--help", "help":
		return command{}, nil, &helpRequest{groupUsage(verb, group)}
	default:
		for _, c := range group {
			if c.name == verb+" "+sub {
				return c, args[2:], nil
			}
		}
		return command{}, nil, &usageError{
			msg:   fmt.Sprintf("%s has no %q; use one of: %s", verb, sub, subNames(group)),
			usage: groupUsage(verb, group)}
	}
}

func subNames(group []command) string {
	var names []string
	for _, c := range group {
		names = append(names, c.name[strings.IndexByte(c.name, ' ')+1:])
	}
	return strings.Join(names, ", ")
}

// synopsis is the command line a verb takes, e.g.
// "module add TITLE [--slug S] [--pos N]".
func (c command) synopsis() string {
	return strings.Join(strings.Fields(c.name+" "+c.args+" "+c.flags), " ")
}

// arity is how many positional arguments the verb takes: those in
// [brackets] are optional, a trailing "..." takes any number.
func (c command) arity() (names []string, min, max int) {
	names = strings.Fields(c.args)
	for _, n := range names {
		if strings.HasSuffix(n, "...]") || strings.HasSuffix(n, "...") {
			return names, min, -1
		}
		if !strings.HasPrefix(n, "[") {
			min++
		}
		max++
	}
	return names, min, max
}

// usage is the overview that help, -h and usage errors print.
func usage() string {
	var b strings.Builder
	b.WriteString(`Coursewright writes open courses in P2PU's Course-in-a-Box layout.

Usage:
  coursewright [-C DIR] VERB [ARGUMENTS] [FLAGS]

Verbs:
`)
	cmds := commands()
	const maxWidth = 44 // longer synopses get a line of their own
	width := 0
	for _, c := range cmds {
		if n := len(c.synopsis()); n <= maxWidth {
			width = max(width, n)
		}
	}
	group := ""
	for _, c := range cmds {
		g, _, isGroup := strings.Cut(c.name, " ")
		if !isGroup {
			g = ""
		}
		if g != group { // a blank line between groups of verbs
			b.WriteString("\n")
			group = g
		}
		s := c.synopsis()
		if len(s) > width {
			fmt.Fprintf(&b, "  %s\n  %-*s  %s\n", s, width, "", c.about)
		} else {
			fmt.Fprintf(&b, "  %-*s  %s\n", width, s, c.about)
		}
	}
	b.WriteString(`
Every verb takes -C DIR, the course folder (default: the current folder),
and --help. Verbs that print data take --json. Positions count from 1.
Flags may come before or after the arguments.

Exit status: 0 done, 1 failed (or check found errors), 2 wrong command line.
`)
	return b.String()
}

func groupUsage(verb string, group []command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage:\n")
	for _, c := range group {
		fmt.Fprintf(&b, "  coursewright %s\n", c.synopsis())
	}
	b.WriteString("\n")
	for _, c := range group {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name[len(verb)+1:], c.about)
	}
	fmt.Fprintf(&b, "\nRun \"coursewright %s VERB --help\" for a verb's flags.\n", verb)
	return b.String()
}

// usageError is a wrong command line: exit 2 after printing msg (unless
// the flag package already did) and the usage.
type usageError struct {
	msg   string
	usage string
}

func (e *usageError) Error() string { return e.msg }

// helpRequest is -h or --help: the usage goes to stdout and the exit is 0.
type helpRequest struct{ usage string }

func (e *helpRequest) Error() string { return "help requested" }

// exitStatus ends the run with a status and no further message: the verb
// has already said everything (check listing its errors).
type exitStatus int

func (e exitStatus) Error() string { return "exit status " + strconv.Itoa(int(e)) }

// exitCode prints what err says and turns it into the exit status.
func (a *app) exitCode(err error) int {
	var (
		help   *helpRequest
		usageE *usageError
		status exitStatus
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &help):
		fmt.Fprint(a.stdout, help.usage)
		return exitOK
	case errors.As(err, &usageE):
		if usageE.msg != "" {
			fmt.Fprintf(a.stderr, "coursewright: %s\n\n", usageE.msg)
		} else {
			fmt.Fprintln(a.stderr)
		}
		fmt.Fprint(a.stderr, usageE.usage)
		return exitUsage
	case errors.As(err, &status):
		return int(status)
	default:
		fmt.Fprintf(a.stderr, "coursewright: %v\n", err)
		return exitFail
	}
}

// verbFlags is the flag set of one verb, with the flags every verb has.
type verbFlags struct {
	*flag.FlagSet
	cmd  command
	dir  *string // -C; after parse, the global -C when not given
	json *bool   // --json; nil unless the verb prints data

	globalDir string
}

func (a *app) flags(cmd command) *verbFlags {
	fs := flag.NewFlagSet("coursewright "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	fs.Usage = func() {} // parse prints the verb's usage itself
	f := &verbFlags{FlagSet: fs, cmd: cmd, globalDir: a.dir}
	f.dir = fs.String("C", "", "the course folder `DIR` (default: the current folder)")
	return f
}

// withJSON adds --json to a verb whose output is data.
func (f *verbFlags) withJSON() *verbFlags {
	f.json = f.Bool("json", false, "print JSON instead of text")
	return f
}

// usage is the verb's --help text.
func (f *verbFlags) usage() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: coursewright %s\n\n", f.cmd.synopsis())
	doc := f.cmd.doc
	if doc == "" && f.cmd.about != "" {
		doc = strings.ToUpper(f.cmd.about[:1]) + f.cmd.about[1:] + "."
	}
	b.WriteString(strings.TrimSpace(doc) + "\n\nFlags:\n")
	out := f.Output()
	f.SetOutput(&b)
	f.PrintDefaults()
	f.SetOutput(out)
	return b.String()
}

// usageErrorf reports a wrong command line for this verb.
func (f *verbFlags) usageErrorf(format string, args ...any) error {
	return &usageError{msg: f.cmd.name + ": " + fmt.Sprintf(format, args...), usage: f.usage()}
}

// parse reads flags placed before, between or after the positional
// arguments and checks how many of those there are.
func (f *verbFlags) parse(args []string) ([]string, error) {
	pos, err := parseInterspersed(f.FlagSet, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil, &helpRequest{f.usage()}
	}
	if err != nil {
		return nil, &usageError{usage: f.usage()} // flag has printed what was wrong
	}
	if *f.dir == "" {
		*f.dir = f.globalDir
	}
	names, least, most := f.cmd.arity()
	if len(pos) < least {
		return nil, f.usageErrorf("missing %s", strings.Join(names[len(pos):least], " and "))
	}
	if most >= 0 && len(pos) > most {
		return nil, f.usageErrorf("too many arguments: %s (put a title with spaces in quotes)", quoteAll(pos[most:]))
	}
	return pos, nil
}

// parseInterspersed parses flags wherever they are among args and returns
// the positional arguments in order. Everything after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, " ")
}

// position reads a 1-based position given as an argument.
func (f *verbFlags) position(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, f.usageErrorf("position %q is not a number from 1 up (1 is the first place)", s)
	}
	return n, nil
}

// optionalPosition checks a --pos flag, where 0 means "at the end".
func (f *verbFlags) optionalPosition(n int) error {
	if n < 0 {
		return f.usageErrorf("--pos %d: positions start at 1 (leave --pos out to put it last)", n)
	}
	return nil
}

// printJSON writes v as indented JSON. HTML is not escaped: course
// descriptions contain it.
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func (a *app) help(cmd command, args []string) error {
	f := a.flags(cmd)
	verbs, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(verbs) == 0 {
		return &helpRequest{usage()}
	}
	c, _, err := findCommand(append(verbs, "--help"))
	if err != nil {
		return err
	}
	return c.run(a, c, []string{"--help"})
}

func (a *app) version(cmd command, args []string) error {
	if _, err := a.flags(cmd).parse(args); err != nil {
		return err
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(a.stdout, versionLine(info, hasWindow))
	return nil
}
