package main

import (
	"context"
	"encoding/json"
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

	"github.com/heraldhq/herald/sigscheme"
	"github.com/heraldhq/herald/verify"
)

// receiveCommand runs a local receiver that prints what arrives: a way to
// watch webhooks during development without writing a server.
func receiveCommand(parent *ff.FlagSet) *ff.Command {
	fs := ff.NewFlagSet("receive").SetParent(parent)
	listen := fs.String(0, "listen", "127.0.0.1:9000", "address to receive webhooks on")
	secret := fs.String(0, "secret", "", "endpoint secret (whsec_...), or an ed25519 endpoint's public key (whpk_...), to verify signatures with")
	header := fs.String(0, "signature-header", "", "with --secret: check the hmac-sha256-hex scheme in this header (such as X-R2-Signature) instead of Standard Webhooks")
	scheme := fs.String(0, "signature-scheme", "", `with --secret: check the endpoint's signature_scheme, given as its JSON ({"algorithm": "sha256", ...})`)
	bearer := fs.String(0, "bearer-token", "", "check that every request carries Authorization: Bearer and this token")
	status := fs.Int(0, "status", 200, "HTTP status to answer with")
	return &ff.Command{
		Name:      "receive",
		Usage:     "herald receive [--secret whsec_...|whpk_... [--signature-header H | --signature-scheme JSON]] [--bearer-token T] [flags]",
		ShortHelp: "run a local webhook receiver that prints and verifies what arrives",
		Flags:     fs,
		Exec: func(ctx context.Context, _ []string) error {
			checks, err := receiveChecks(*secret, *header, *scheme, *bearer)
			if err != nil {
				return err
			}
			return receive(ctx, *listen, checks, *status, os.Stdout)
		},
	}
}

// receiveChecks are the checks the flags ask for: a signature scheme, a
// bearer token, both or neither.
func receiveChecks(secret, header, scheme, bearer string) ([]verify.Checker, error) {
	var checks []verify.Checker
	switch {
	case (header != "" || scheme != "") && secret == "":
		return nil, usagef("--signature-header and --signature-scheme need --secret, the endpoint's secret exactly as shown")
	case header != "" && scheme != "":
		return nil, usagef("give --signature-header or --signature-scheme, not both")
	case scheme != "":
		var def sigscheme.Scheme
		dec := json.NewDecoder(strings.NewReader(scheme))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&def); err != nil {
			return nil, usagef("--signature-scheme: %v", err)
		}
		if err := def.Validate(); err != nil {
			return nil, usagef("--signature-scheme: %v", err)
		}
		checks = append(checks, verify.HMAC{Def: def, Secret: secret})
	case header != "":
		checks = append(checks, verify.HexHeader{Secret: secret, Header: header})
	case secret != "":
		v, err := verify.New(secret)
		if err != nil {
			return nil, usagef("--secret: %v", err)
		}
		checks = append(checks, v)
	}
	if bearer != "" {
		checks = append(checks, verify.Bearer{Token: bearer})
	}
	return checks, nil
}

func receive(ctx context.Context, addr string, checks []verify.Checker, status int, out io.Writer) error {
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
		if len(checks) == 0 {
			b.WriteString("  signature: not checked (start with --secret or --bearer-token to verify)\n")
		}
		for _, c := range checks {
			if err := c.Verify(r.Header, body); err != nil {
				fmt.Fprintf(&b, "  %s: INVALID: %v\n", c.Scheme(), err)
			} else {
				fmt.Fprintf(&b, "  %s: verified\n", c.Scheme())
			}
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
