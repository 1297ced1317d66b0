package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/coursewright/coursewright/course"
)

const metaGetDoc = `Show the course's settings as KEY=VALUE lines, or one setting's value
when KEY is given. Lists (authors, outcomes) are joined the way meta set
takes them: authors with commas, outcomes with semicolons.`

const metaSetDoc = `Change one setting of the course. The license must be an SPDX id such as
CC-BY-SA-4.0, CC-BY-4.0 or CC0-1.0; the language a tag such as en or pt-BR;
authors are separated by commas, outcomes by semicolons. An empty VALUE
clears a setting.`

// knownKey checks a settings key before the course is read, so that a
// typo is a usage error that lists the keys there are.
func (f *verbFlags) knownKey(key string) error {
	for _, kv := range course.MetaKeys() {
		if kv[0] == key {
			return nil
		}
	}
	return f.usageErrorf("unknown setting %q", key)
}

// keysHelp lists the settings with what each means, for --help.
func keysHelp() string {
	var b strings.Builder
	b.WriteString("\nSettings:\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, kv := range course.MetaKeys() {
		fmt.Fprintf(tw, "  %s\t%s\n", kv[0], kv[1])
	}
	tw.Flush()
	return b.String()
}

func (a *app) metaFlags(cmd command) *verbFlags {
	// The usage ends with the list of settings.
	cmd.doc += "\n" + keysHelp()
	return a.flags(cmd)
}

func (a *app) metaGet(cmd command, args []string) error {
	f := a.metaFlags(cmd).withJSON()
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(course.MetaKeys()))
	if len(pos) == 1 {
		if err := f.knownKey(pos[0]); err != nil {
			return err
		}
		keys = append(keys, pos[0])
	} else {
		for _, kv := range course.MetaKeys() {
			keys = append(keys, kv[0])
		}
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	values := make(map[string]string, len(keys))
	for _, k := range keys {
		if values[k], err = c.GetMeta(k); err != nil {
			return err
		}
	}
	switch {
	case *f.json:
		return a.printJSON(values)
	case len(pos) == 1:
		fmt.Fprintln(a.stdout, values[pos[0]])
	default:
		for _, k := range keys {
			fmt.Fprintf(a.stdout, "%s=%s\n", k, values[k])
		}
	}
	return nil
}

func (a *app) metaSet(cmd command, args []string) error {
	f := a.metaFlags(cmd)
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	key, value := pos[0], pos[1]
	if err := f.knownKey(key); err != nil {
		return err
	}
	c, err := a.open(*f.dir)
	if err != nil {
		return err
	}
	old, err := c.GetMeta(key)
	if err != nil {
		return err
	}
	touched, err := a.change(c, course.SetMeta{Key: key, Value: value})
	if err != nil {
		return err
	}
	now, err := c.GetMeta(key)
	if err != nil {
		return err
	}
	if len(touched) == 0 {
		fmt.Fprintf(a.stdout, "%s is already %q; nothing changed\n", key, now)
		return nil
	}
	fmt.Fprintf(a.stdout, "set %s to %q (was %q) in %s\n", key, now, old, strings.Join(touched, ", "))
	return nil
}
