package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/peterbourgon/ff/v4"

	"github.com/heraldhq/herald/client"
)

// The commands below call a running Herald through its API, for scripts
// and for people at a terminal. Each prints the API's answer as JSON on
// stdout, so that its output can be piped to jq.

type adminConfig struct {
	server, key string
	out         io.Writer
}

func (a *adminConfig) client() (*client.Client, error) {
	if a.key == "" {
		return nil, errors.New("no API key: pass --key or set HERALD_KEY")
	}
	return client.New(a.server, a.key), nil
}

func (a *adminConfig) print(v any, err error) error {
	if err != nil {
		return err
	}
	enc := json.NewEncoder(a.out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// adminCommands returns the resource commands: tenant, endpoint, event,
// delivery and job, each with its verbs.
func adminCommands(parent *ff.FlagSet) []*ff.Command {
	a := &adminConfig{out: os.Stdout}
	common := ff.NewFlagSet("api").SetParent(parent)
	common.StringVar(&a.server, 0, "server", "http://127.0.0.1:8080", "the Herald to call")
	common.StringVar(&a.key, 0, "key", "", "API key (or HERALD_KEY)")

	// verb makes one leaf command; flags adds its own flags.
	verb := func(name, usage, help string, flags func(*ff.FlagSet), exec func(context.Context, *client.Client, []string) error) *ff.Command {
		fs := ff.NewFlagSet(name).SetParent(common)
		if flags != nil {
			flags(fs)
		}
		return &ff.Command{Name: name, Usage: usage, ShortHelp: help, Flags: fs,
			Exec: func(ctx context.Context, args []string) error {
				c, err := a.client()
				if err != nil {
					return err
				}
				return exec(ctx, c, args)
			}}
	}
	group := func(name, help string, verbs ...*ff.Command) *ff.Command {
		return &ff.Command{Name: name, Usage: "herald " + name + " <verb> [flags]", ShortHelp: help,
			Flags: ff.NewFlagSet(name).SetParent(common), Subcommands: verbs,
			Exec: func(context.Context, []string) error {
				return fmt.Errorf("name a verb; try: herald %s --help", name)
			}}
	}
	var (
		tenant, name, id, url, preset, description, typ, data, status, endpointID string
		types                                                                     []string
		limit                                                                     int
		cursor                                                                    string
		grace                                                                     time.Duration
	)
	tenantFlag := func(fs *ff.FlagSet) { fs.StringVar(&tenant, 0, "tenant", "", "the tenant's id (required)") }
	pageFlags := func(fs *ff.FlagSet) {
		fs.IntVar(&limit, 0, "limit", 0, "page size, 1 to 250 (default 50)")
		fs.StringVar(&cursor, 0, "cursor", "", "next_cursor of the previous page")
	}
	needTenant := func() error {
		if tenant == "" {
			return errors.New("--tenant is required")
		}
		return nil
	}
	// listed runs f within --tenant, with the page and the filters that
	// the command's flags set (the others stay empty).
	listed := func(f func(ctx context.Context, c *client.Client, o client.ListOptions) error) func(context.Context, *client.Client, []string) error {
		return func(ctx context.Context, c *client.Client, _ []string) error {
			if err := needTenant(); err != nil {
				return err
			}
			return f(ctx, c, client.ListOptions{Limit: limit, Cursor: cursor, Status: status, EndpointID: endpointID, Type: typ})
		}
	}
	// byID runs f on the one id given after the flags, within --tenant.
	byID := func(what string, f func(ctx context.Context, c *client.Client, id string) error) func(context.Context, *client.Client, []string) error {
		return func(ctx context.Context, c *client.Client, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("give the %s's id, and only that, after the flags", what)
			}
			if err := needTenant(); err != nil {
				return err
			}
			return f(ctx, c, args[0])
		}
	}

	return []*ff.Command{
		group("tenant", "manage tenants (admin key)",
			verb("list", "herald tenant list", "list tenants", pageFlags,
				func(ctx context.Context, c *client.Client, _ []string) error {
					return a.print(c.ListTenants(ctx, client.ListOptions{Limit: limit, Cursor: cursor}))
				}),
			verb("create", "herald tenant create --name NAME [--id ID]", "create a tenant",
				func(fs *ff.FlagSet) {
					fs.StringVar(&name, 0, "name", "", "display name (required)")
					fs.StringVar(&id, 0, "id", "", "your own id for it (default: one is made)")
				},
				func(ctx context.Context, c *client.Client, _ []string) error {
					if name == "" {
						return errors.New("--name is required")
					}
					return a.print(c.CreateTenant(ctx, client.TenantInput{ID: id, Name: name}))
				}),
			verb("rotate-callback-secret", "herald tenant rotate-callback-secret --tenant T [--grace 24h]",
				"make or rotate the secret that signs the tenant's job callbacks; the answer shows it, once",
				func(fs *ff.FlagSet) {
					tenantFlag(fs)
					fs.DurationVar(&grace, 0, "grace", 0, "how long the replaced secret keeps signing (default: the server's)")
				},
				func(ctx context.Context, c *client.Client, _ []string) error {
					if err := needTenant(); err != nil {
						return err
					}
					return a.print(c.RotateCallbackSecret(ctx, tenant, grace))
				}),
		),
		group("endpoint", "manage a tenant's endpoints",
			verb("list", "herald endpoint list --tenant T", "list endpoints", func(fs *ff.FlagSet) { tenantFlag(fs); pageFlags(fs) },
				listed(func(ctx context.Context, c *client.Client, o client.ListOptions) error {
					return a.print(c.ListEndpoints(ctx, tenant, o))
				})),
			verb("create", "herald endpoint create --tenant T --url URL [--event-type TYPE]... [--preset P]",
				"add an endpoint; the answer shows its signing secret, once",
				func(fs *ff.FlagSet) {
					tenantFlag(fs)
					fs.StringVar(&url, 0, "url", "", "where webhooks go (required)")
					fs.StringListVar(&types, 0, "event-type", "an event type to receive (repeatable; default: all)")
					fs.StringVar(&preset, 0, "preset", "", "a provider contract: leapocr, leapocr-sdk, leonardo, leaperone, task-api, standard-webhooks")
					fs.StringVar(&description, 0, "description", "", "free text")
				},
				func(ctx context.Context, c *client.Client, _ []string) error {
					if err := needTenant(); err != nil {
						return err
					}
					if url == "" {
						return errors.New("--url is required")
					}
					return a.print(c.CreateEndpoint(ctx, tenant, client.EndpointInput{URL: url, EventTypes: types, Preset: preset, Description: description}))
				}),
			verb("test", "herald endpoint test --tenant T ENDPOINT", "send a test event now and show the answer", tenantFlag,
				byID("endpoint", func(ctx context.Context, c *client.Client, id string) error {
					return a.print(c.TestEndpoint(ctx, tenant, id))
				})),
		),
		group("event", "report events",
			verb("send", "herald event send --tenant T --type TYPE --data JSON [--id ID]", "report one event",
				func(fs *ff.FlagSet) {
					tenantFlag(fs)
					fs.StringVar(&typ, 0, "type", "", "event type (required)")
					fs.StringVar(&data, 0, "data", "{}", "the event's data, a JSON object")
					fs.StringVar(&id, 0, "id", "", "your id for it, which makes a repeat harmless")
				},
				func(ctx context.Context, c *client.Client, _ []string) error {
					if err := needTenant(); err != nil {
						return err
					}
					if typ == "" {
						return errors.New("--type is required")
					}
					var obj map[string]any
					if err := json.Unmarshal([]byte(data), &obj); err != nil {
						return fmt.Errorf("--data must be a JSON object such as '{\"job\":\"j1\"}': %w", err)
					}
					return a.print(c.SendEvent(ctx, tenant, client.EventInput{ID: id, Type: typ, Data: obj}))
				}),
			verb("list", "herald event list --tenant T [--type TYPE]", "list events",
				func(fs *ff.FlagSet) {
					tenantFlag(fs)
					pageFlags(fs)
					fs.StringVar(&typ, 0, "type", "", "only this type")
				},
				listed(func(ctx context.Context, c *client.Client, o client.ListOptions) error {
					return a.print(c.ListEvents(ctx, tenant, o))
				})),
		),
		group("delivery", "inspect and retry deliveries",
			verb("list", "herald delivery list --tenant T [--status S] [--endpoint E]", "list deliveries",
				func(fs *ff.FlagSet) {
					tenantFlag(fs)
					pageFlags(fs)
					fs.StringVar(&status, 0, "status", "", "pending, succeeded, failed or paused")
					fs.StringVar(&endpointID, 0, "endpoint", "", "only this endpoint's")
				},
				listed(func(ctx context.Context, c *client.Client, o client.ListOptions) error {
					return a.print(c.ListDeliveries(ctx, tenant, o))
				})),
			verb("get", "herald delivery get --tenant T DELIVERY", "a delivery with its attempts", tenantFlag,
				byID("delivery", func(ctx context.Context, c *client.Client, id string) error {
					return a.print(c.GetDelivery(ctx, tenant, id))
				})),
			verb("retry", "herald delivery retry --tenant T DELIVERY", "attempt a delivery again now", tenantFlag,
				byID("delivery", func(ctx context.Context, c *client.Client, id string) error {
					return a.print(c.RetryDelivery(ctx, tenant, id))
				})),
		),
		group("job", "read jobs",
			verb("get", "herald job get --tenant T JOB", "a job's status document", tenantFlag,
				byID("job", func(ctx context.Context, c *client.Client, id string) error {
					return a.print(c.GetJob(ctx, tenant, id))
				})),
			verb("list", "herald job list --tenant T [--status S]", "list jobs",
				func(fs *ff.FlagSet) {
					tenantFlag(fs)
					pageFlags(fs)
					fs.StringVar(&status, 0, "status", "", "only jobs in this status")
				},
				listed(func(ctx context.Context, c *client.Client, o client.ListOptions) error {
					return a.print(c.ListJobs(ctx, tenant, o))
				})),
		),
	}
}
