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
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/peterbourgon/ff/v4"
	"github.com/peterbourgon/ff/v4/ffhelp"
	"github.com/peterbourgon/ff/v4/fftoml"

	"github.com/heraldhq/herald/seal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "herald:", strings.TrimPrefix(err.Error(), "herald: "))
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	rootFlags := ff.NewFlagSet("herald")
	showVersion := rootFlags.BoolLong("version", "print the version and the commit, and exit")
	var root *ff.Command
	root = &ff.Command{
		Name:      "herald",
		Usage:     "herald <command> [flags]",
		ShortHelp: "durable, signed webhooks for asynchronous jobs",
		Flags:     rootFlags,
		Exec: func(_ context.Context, args []string) error {
			switch {
			case *showVersion:
				printVersion()
				return nil
			case len(args) > 0:
				names := make([]string, len(root.Subcommands))
				for i, c := range root.Subcommands {
					names[i] = c.Name
				}
				return fmt.Errorf("unknown command %q; the commands are %s (herald --help says what each does)", args[0], strings.Join(names, ", "))
			}
			return fmt.Errorf("name a command; try: herald serve, or herald --help")
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
			Exec: func(context.Context, []string) error {
				printVersion()
				return nil
			},
		},
	}
	root.Subcommands = append(root.Subcommands, adminCommands(rootFlags)...)
	// Precedence, as ff applies it: flags, then HERALD_ environment
	// variables, then the --config file (TOML, keys named as the flags).
	err := root.Parse(args, ff.WithEnvVarPrefix("HERALD"), ff.WithConfigFileFlag("config"), ff.WithConfigFileParser(fftoml.Parse))
	switch {
	case errors.Is(err, ff.ErrHelp):
		// Asked for: the help is the answer, on stdout, and a success.
		fmt.Fprintf(os.Stdout, "%s\n", ffhelp.Command(root.GetSelected()))
		return nil
	case err != nil:
		fmt.Fprintf(os.Stderr, "%s\n", ffhelp.Command(root.GetSelected()))
		return errors.New(strings.TrimPrefix(strings.Replace(err.Error(), "parse args: ", "", 1), root.GetSelected().Name+": "))
	}
	return root.Run(ctx)
}
