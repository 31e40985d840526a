// Command herald runs the Herald webhook service.
//
//	herald serve      run the API and the delivery engine
//	herald receive    run a receiver that verifies and prints webhooks
//	herald demo       run Herald, a receiver and a job's whole life
//	herald keygen     print a new key for --encryption-key
//	herald tenant|endpoint|event|delivery|job <verb>
//	                  call a running Herald's API (--server, --key)
//	herald version    print the version
//
// Every flag can also be set in the environment as HERALD_<FLAG>, with
// dashes as underscores (--data-dir is HERALD_DATA_DIR), or in a TOML file
// named by --config (data-dir = "/var/lib/herald"); a flag wins over the
// environment, and the environment over the file.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/peterbourgon/ff/v4"
	"github.com/peterbourgon/ff/v4/fftoml"

	"github.com/heraldhq/herald/seal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "herald:", strings.TrimPrefix(err.Error(), "herald: "))
		stop()
		os.Exit(exitCode(err)) // 2 for a usage error, 1 for the rest
	}
}

func run(ctx context.Context, args []string) error {
	return runIO(ctx, args, os.Stdout)
}

// runIO is run with the resource commands' answers and the help written
// to stdout.
func runIO(ctx context.Context, args []string, stdout io.Writer) error {
	rootFlags := ff.NewFlagSet("herald")
	showVersion := rootFlags.BoolLong("version", "print the version and the commit, and exit")
	var root *ff.Command
	root = &ff.Command{
		Name:      "herald",
		Usage:     "herald <command> [flags]",
		ShortHelp: "durable, signed webhooks for asynchronous jobs",
		LongHelp: "herald help <command> [verb] says what a command does and lists its flags.\n" +
			"Every flag can also be set as HERALD_<FLAG> (--data-dir is HERALD_DATA_DIR), and serve's in the\n" +
			"TOML file named by --config; a flag wins over the environment, and the environment over the file.\n" +
			"Exit codes: 0 done, 1 the call or check failed, 2 a usage error (a command, flag or value).",
		Flags: rootFlags,
		Exec: func(_ context.Context, args []string) error {
			switch {
			case *showVersion:
				printVersion()
				return nil
			case len(args) > 0:
				return unknownCommand("herald", root, args[0])
			}
			return usagef("name a command; try: herald serve, or herald help")
		},
	}
	root.Subcommands = []*ff.Command{
		serveCommand(rootFlags),
		receiveCommand(rootFlags),
		demoCommand(rootFlags),
		{
			Name:      "keygen",
			Usage:     "herald keygen",
			ShortHelp: "print a new key for --encryption-key (base64, 32 random bytes)",
			Flags:     ff.NewFlagSet("keygen").SetParent(rootFlags),
			Exec: func(context.Context, []string) error {
				fmt.Println(seal.EncodeKey(seal.NewKey()))
				return nil
			},
		},
		healthcheckCommand(rootFlags),
		backupCommand(rootFlags),
		restoreCommand(rootFlags),
		{
			Name:      "version",
			Usage:     "herald version",
			ShortHelp: "print the version and the commit it was built from",
			Flags:     ff.NewFlagSet("version").SetParent(rootFlags),
			Exec: func(context.Context, []string) error {
				printVersion()
				return nil
			},
		},
	}
	root.Subcommands = append(root.Subcommands, adminCommands(rootFlags, stdout)...)
	addTenantMoveCommands(root.Subcommands, rootFlags)
	root.Subcommands = append(root.Subcommands, helpCommand(root, stdout))
	// Precedence, as ff applies it: flags, then HERALD_ environment
	// variables, then the --config file (TOML, keys named as the flags).
	options := []ff.Option{ff.WithEnvVarPrefix("HERALD"), ff.WithConfigFileFlag("config"), ff.WithConfigFileParser(fftoml.Parse)}
	if len(args) > 0 && args[0] == "healthcheck" {
		// The healthcheck reads serve's config file for the settings it
		// shares with serve (listen, tls-cert, public-url), not the rest.
		options = append(options, ff.WithConfigIgnoreUndefinedFlags())
	}
	err := root.Parse(args, options...)
	switch {
	case errors.Is(err, ff.ErrHelp):
		// Asked for: the help is the answer, on stdout, and a success.
		fmt.Fprintf(stdout, "%s\n", commandHelp(root.GetSelected()))
		return nil
	case err != nil:
		return explainParseError(err, root.GetSelected(), args)
	}
	if err := strayArguments(root.GetSelected()); err != nil {
		return err
	}
	return root.Run(ctx)
}
