package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/peterbourgon/ff/v4"
)

// healthcheckCommand asks a Herald whether it is ready (GET /readyz) and
// exits 0 if so: a container's HEALTHCHECK, in an image with no shell or
// curl to run one.
func healthcheckCommand(parent *ff.FlagSet) *ff.Command {
	fs := ff.NewFlagSet("healthcheck").SetParent(parent)
	url := fs.StringLong("url", "http://127.0.0.1:8080/readyz", "the readiness address to ask")
	timeout := fs.DurationLong("timeout", 3*time.Second, "how long to wait for the answer")
	return &ff.Command{
		Name:      "healthcheck",
		Usage:     "herald healthcheck [--url URL]",
		ShortHelp: "exit 0 if the Herald at --url is ready (for a container's HEALTHCHECK)",
		Flags:     fs,
		Exec: func(ctx context.Context, _ []string) error {
			ctx, cancel := context.WithTimeout(ctx, *timeout)
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
			if err != nil {
				return err
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return fmt.Errorf("not ready: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("not ready: %s answered %d", *url, resp.StatusCode)
			}
			return nil
		},
	}
}
