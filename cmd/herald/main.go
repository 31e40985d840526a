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
// dashes as underscores: --data-dir is HERALD_DATA_DIR.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/peterbourgon/ff/v4"
	"github.com/peterbourgon/ff/v4/ffhelp"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, ff.ErrHelp) {
			fmt.Fprintln(os.Stderr, "herald:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	rootFlags := ff.NewFlagSet("herald")
	root := &ff.Command{
		Name:      "herald",
		Usage:     "herald <command> [flags]",
		ShortHelp: "durable, signed webhooks for asynchronous jobs",
		Flags:     rootFlags,
		Exec: func(context.Context, []string) error {
			return fmt.Errorf("name a command; try: herald serve")
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
		{
			Name:      "version",
			Usage:     "herald version",
			ShortHelp: "print the version",
			Exec: func(context.Context, []string) error {
				fmt.Println(herald.Version)
				return nil
			},
		},
	}
	root.Subcommands = append(root.Subcommands, adminCommands(rootFlags)...)
	err := root.Parse(args, ff.WithEnvVarPrefix("HERALD"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s\n", ffhelp.Command(root.GetSelected()))
		return err
	}
	return root.Run(ctx)
}
