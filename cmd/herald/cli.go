package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/peterbourgon/ff/v4"
	"github.com/peterbourgon/ff/v4/ffhelp"
)

// How the command line meets a person: flags anywhere after the verb, one
// line for a mistake with the nearest right name, exit code 2 for a usage
// error, help from the same command tree that parses.

// usageError is a mistake in how herald was called (a flag, its value, the
// config file, a missing argument): one line, exit code 2, as a shell
// user expects of a command line tool.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// exitCode is the process's exit status for err: 0 none, 2 usage, 1 else.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		return 2
	}
	return 1
}

// editDistance is the Levenshtein distance between a and b: the fewest
// single-character insertions, deletions and substitutions that make one
// the other.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// nearest is the candidate closest to name by edit distance, or "" when
// none is close enough to be a likely slip: at most a third of the longer
// name's letters (and at least one) may differ. A candidate that starts
// with name (--tenant for --ten) counts as close. Ties go to the first in
// sorted order, so the hint is the same on every run.
func nearest(name string, candidates []string) string {
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	best, bestD := "", 0
	for _, c := range sorted {
		if c == name {
			return c
		}
		d := editDistance(strings.ToLower(name), strings.ToLower(c))
		if len(name) >= 3 && strings.HasPrefix(c, name) {
			d = min(d, 1)
		}
		limit := max(1, max(len([]rune(name)), len([]rune(c)))/3)
		if d <= limit && (best == "" || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// flagNames lists the long names of every flag fs knows, its parents'
// included.
func flagNames(fs ff.Flags) []string {
	var names []string
	if fs == nil {
		return nil
	}
	_ = fs.WalkFlags(func(f ff.Flag) error {
		if n, ok := f.GetLongName(); ok {
			names = append(names, n)
		}
		return nil
	})
	return names
}

// commandPath is "herald endpoint get" for the command cmd.
func commandPath(cmd *ff.Command) string {
	var parts []string
	for c := cmd; c != nil; c = c.GetParent() {
		parts = append([]string{c.Name}, parts...)
	}
	return strings.Join(parts, " ")
}

// The shapes of ff's parse errors (ff v4): the flag or setting they name.
var (
	unknownArgRE    = regexp.MustCompile(`unknown flag "-{0,2}([^"]+)"`)
	unknownConfigRE = regexp.MustCompile(`parse config file: ([^:]+): unknown flag`)
	badArgRE        = regexp.MustCompile(`parse args: (?:-\w, )?--([\w.-]+): set "((?:[^"\\]|\\.)*)": `)
	badEnvRE        = regexp.MustCompile(`parse environment: (\w+)="((?:[^"\\]|\\.)*)": `)
	badConfigRE     = regexp.MustCompile(`parse config file: ([\w.-]+): `)
	missingValueRE  = regexp.MustCompile(`parse args: missing value`)
	quotedRE        = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
)

// explainParseError turns an error of ff's parse into one usage line: what
// was wrong, the nearest right name for an unknown one, and where the
// command's flags are listed. cmd is the command being parsed.
func explainParseError(err error, cmd *ff.Command, args []string) error {
	msg := err.Error()
	path := commandPath(cmd)
	seeHelp := "(" + path + " --help lists its flags)"
	names := flagNames(cmd.Flags)
	// hint names the nearest flag, written as the mistake was (--flag on
	// the command line, a bare key in the config file).
	hint := func(name, prefix string) string {
		if n := nearest(name, names); n != "" {
			return "; did you mean " + prefix + n + "?"
		}
		return ""
	}
	file := "the config file"
	if f, ok := cmd.Flags.GetFlag("config"); ok && f.GetValue() != "" {
		file = f.GetValue()
	}
	switch {
	case errors.Is(err, ff.ErrUnknownFlag):
		if m := unknownConfigRE.FindStringSubmatch(msg); m != nil {
			return usagef("%s: unknown setting %q%s (%s --help lists the settings)", file, m[1], hint(m[1], ""), path)
		}
		if m := unknownArgRE.FindStringSubmatch(msg); m != nil {
			return usagef("unknown flag --%s%s %s", m[1], hint(m[1], "--"), seeHelp)
		}
	case missingValueRE.MatchString(msg):
		// ff says so only of the last argument.
		if len(args) > 0 {
			return usagef("%s needs a value %s", args[len(args)-1], seeHelp)
		}
		return usagef("a flag is missing its value %s", seeHelp)
	}
	if m := badArgRE.FindStringSubmatch(msg); m != nil {
		return usagef("--%s: %s", m[1], badValue(cmd.Flags, m[1], unquote(m[2])))
	}
	if m := badEnvRE.FindStringSubmatch(msg); m != nil {
		flag := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(m[1], "HERALD_"), "_", "-"))
		return usagef("%s: %s", m[1], badValue(cmd.Flags, flag, unquote(m[2])))
	}
	if m := badConfigRE.FindStringSubmatch(msg); m != nil {
		if _, ok := cmd.Flags.GetFlag(m[1]); ok {
			value := ""
			// The value is the last quoted text of the parser's message.
			if q := quotedRE.FindAllStringSubmatch(msg[len(m[0]):], -1); q != nil {
				value = unquote(q[len(q)-1][1])
			}
			return usagef("%s: %s: %s", file, m[1], badValue(cmd.Flags, m[1], value))
		}
	}
	// A file that is not TOML, or one that cannot be read.
	msg = strings.TrimPrefix(msg, cmd.Name+": ")
	msg = strings.Replace(msg, "parse args: ", "", 1)
	msg = strings.Replace(msg, "parse config file: ", file+": ", 1)
	return usagef("%s", strings.Join(strings.Fields(msg), " "))
}

func unquote(s string) string {
	if u, err := strconv.Unquote(`"` + s + `"`); err == nil {
		return u
	}
	return s
}

// badValue says what a flag takes, by its type, for a value it refused.
func badValue(fs ff.Flags, name, value string) string {
	what := "a valid value"
	if f, ok := fs.GetFlag(name); ok {
		switch f.GetPlaceholder() {
		case "INT", "UINT", "INT64", "UINT64":
			what = "a whole number"
		case "FLOAT64":
			what = "a number"
		case "DURATION":
			what = "a duration such as 30s, 5m or 24h"
		case "":
			what = "true or false"
		}
	}
	if value == "" {
		return "must be " + what
	}
	return fmt.Sprintf("%q is not %s", value, what)
}

// anywhere is a verb's flag set that takes its flags before, after or
// among its arguments (herald endpoint get ep_1 --tenant t), as most
// command line tools do; ff stops at the first argument. Everything after
// "--" is an argument.
type anywhere struct {
	*ff.FlagSet
	args []string
}

// Parse parses the flags among args and keeps the rest, in order, as the
// arguments.
func (a *anywhere) Parse(args []string) error {
	flags, rest := splitFlags(args, func(name string) (takesValue, isBool bool, ok bool) {
		f, ok := a.FlagSet.GetFlag(name)
		if !ok {
			return false, false, false
		}
		// ff gives every flag a placeholder but a false-by-default bool.
		return f.GetPlaceholder() != "", f.GetPlaceholder() == "", true
	})
	if err := a.FlagSet.Parse(flags); err != nil {
		return err
	}
	a.args = append(rest, a.FlagSet.GetArgs()...)
	return nil
}

// GetArgs returns the arguments left after the flags.
func (a *anywhere) GetArgs() []string { return a.args }

// splitFlags separates the flags (with their values) from the arguments;
// lookup says whether a flag takes a value. A bool flag takes a following
// true or false, as ff does. An unknown flag is passed on for ff to refuse.
func splitFlags(args []string, lookup func(name string) (takesValue, isBool, ok bool)) (flags, rest []string) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--":
			return flags, append(rest, args[i+1:]...)
		case len(arg) > 1 && arg[0] == '-':
			flags = append(flags, arg)
			name := strings.TrimLeft(arg, "-")
			if strings.Contains(name, "=") || i+1 >= len(args) {
				continue
			}
			takes, isBool, ok := lookup(name)
			switch {
			case !ok:
			case takes:
				i++
				flags = append(flags, args[i])
			case isBool:
				if _, err := strconv.ParseBool(args[i+1]); err == nil {
					i++
					flags = append(flags, args[i])
				}
			}
		default:
			rest = append(rest, arg)
		}
	}
	return flags, rest
}

// strayArguments refuses arguments given to a command that takes none
// (herald tenant export acme): ff stops reading flags at the first one, so
// the flags after it would be ignored. The API's verbs (their flags are
// anywhere), help, and commands with verbs judge their own arguments.
func strayArguments(cmd *ff.Command) error {
	if _, ok := cmd.Flags.(*anywhere); ok || len(cmd.Subcommands) > 0 || cmd.Name == "help" {
		return nil
	}
	if args := cmd.Flags.GetArgs(); len(args) > 0 {
		return usagef("%s takes no argument, got %q (%s --help lists its flags)", commandPath(cmd), args[0], commandPath(cmd))
	}
	return nil
}

// subcommand is cmd's subcommand of that name, or nil.
func subcommand(cmd *ff.Command, name string) *ff.Command {
	for _, c := range cmd.Subcommands {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

func subcommandNames(cmd *ff.Command) []string {
	names := make([]string, len(cmd.Subcommands))
	for i, c := range cmd.Subcommands {
		names[i] = c.Name
	}
	return names
}

// unknownCommand is the usage error for a command or verb that cmd does
// not have: the nearest name, and where they are listed.
func unknownCommand(path string, cmd *ff.Command, name string) error {
	hint := ""
	if n := nearest(name, subcommandNames(cmd)); n != "" {
		hint = "; did you mean " + n + "?"
	}
	if cmd.Name == "herald" {
		return usagef("unknown command %q%s (herald help lists them)", name, hint)
	}
	return usagef("%s: unknown verb %q%s (herald help %s lists them)", path, name, hint, strings.TrimPrefix(path, "herald "))
}

// helpCommand is herald help [command [verb]]: that command's help, as
// --help prints it.
func helpCommand(root *ff.Command, stdout io.Writer) *ff.Command {
	return &ff.Command{
		Name:      "help",
		Usage:     "herald help [command [verb]]",
		ShortHelp: "say what a command does and which flags it takes",
		Flags:     ff.NewFlagSet("help"),
		Exec: func(_ context.Context, args []string) error {
			target, path := root, "herald"
			for _, a := range args {
				next := subcommand(target, a)
				if next == nil {
					return unknownCommand(path, target, a)
				}
				target, path = next, path+" "+next.Name
			}
			fmt.Fprintf(stdout, "%s\n", commandHelp(target))
			return nil
		},
	}
}

// commandHelp is cmd's help, as ffhelp.Command writes it, but of cmd
// itself (ffhelp follows a parsed command to the one it selected).
func commandHelp(cmd *ff.Command) ffhelp.Help {
	title := cmd.Name
	if cmd.ShortHelp != "" {
		title += " -- " + cmd.ShortHelp
	}
	help := ffhelp.Help{ffhelp.NewSection("COMMAND", title)}
	if cmd.Usage != "" {
		help = append(help, ffhelp.NewSection("USAGE", cmd.Usage))
	}
	if cmd.LongHelp != "" {
		help = append(help, ffhelp.NewUntitledSection(cmd.LongHelp))
	}
	if len(cmd.Subcommands) > 0 {
		help = append(help, ffhelp.NewSubcommandsSection(cmd.Subcommands))
	}
	if cmd.Flags != nil {
		help = append(help, ffhelp.NewFlagsSections(cmd.Flags)...)
	}
	return help
}
