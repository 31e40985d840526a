package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/peterbourgon/ff/v4"

	"github.com/heraldhq/herald/verify"
)

// receiveCommand runs a local receiver that prints what arrives: a way to
// watch webhooks during development without writing a server.
func receiveCommand(parent *ff.FlagSet) *ff.Command {
	fs := ff.NewFlagSet("receive").SetParent(parent)
	listen := fs.String(0, "listen", "127.0.0.1:9000", "address to receive webhooks on")
	secret := fs.String(0, "secret", "", "endpoint secret (whsec_...), or an ed25519 endpoint's public key (whpk_...), to verify signatures with")
	status := fs.Int(0, "status", 200, "HTTP status to answer with")
	return &ff.Command{
		Name:      "receive",
		Usage:     "herald receive [--secret whsec_...|whpk_...] [flags]",
		ShortHelp: "run a local webhook receiver that prints and verifies what arrives",
		Flags:     fs,
		Exec: func(ctx context.Context, _ []string) error {
			var v *verify.Verifier
			if *secret != "" {
				var err error
				if v, err = verify.New(*secret); err != nil {
					return fmt.Errorf("--secret: %w", err)
				}
			}
			return receive(ctx, *listen, v, *status, os.Stdout)
		},
	}
}

func receive(ctx context.Context, addr string, v *verify.Verifier, status int, out io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "receiving webhooks on http://%s/ (answering %d)\n", ln.Addr(), status)
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		var b strings.Builder
		fmt.Fprintf(&b, "\n%s %s %s\n", time.Now().Format(time.TimeOnly), r.Method, r.URL.RequestURI())
		names := make([]string, 0, len(r.Header))
		for k := range r.Header {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			fmt.Fprintf(&b, "  %s: %s\n", k, strings.Join(r.Header[k], ", "))
		}
		fmt.Fprintf(&b, "  %s\n", body)
		switch {
		case v == nil:
			b.WriteString("  signature: not checked (start with --secret to verify)\n")
		case v.Verify(r.Header, body) == nil:
			fmt.Fprintf(&b, "  signature: verified (Standard Webhooks %s)\n", v.Scheme())
		default:
			fmt.Fprintf(&b, "  signature: INVALID (Standard Webhooks %s): %v\n", v.Scheme(), v.Verify(r.Header, body))
		}
		_, _ = io.WriteString(out, b.String())
		w.WriteHeader(status)
	})}
	go func() { <-ctx.Done(); _ = srv.Close() }()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
