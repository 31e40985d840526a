package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/peterbourgon/ff/v4"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/client"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/verify"
)

func demoCommand(parent *ff.FlagSet) *ff.Command {
	fs := ff.NewFlagSet("demo").SetParent(parent)
	stay := fs.BoolLong("stay", "keep Herald running after the story, to explore it in the dashboard, until Ctrl-C")
	return &ff.Command{
		Name:      "demo",
		Usage:     "herald demo [--stay]",
		ShortHelp: "run Herald on a temporary store with a local receiver, and watch a job's webhooks arrive",
		Flags:     fs,
		Exec:      func(ctx context.Context, _ []string) error { return demo(ctx, os.Stdout, *stay) },
	}
}

// demo starts Herald on a temporary store and a receiver beside it, on
// loopback, then runs a simulated image-generation job through its life
// and prints each webhook as it arrives, with its signature checked.
func demo(ctx context.Context, w io.Writer, stay bool) error {
	// The narration and the receiver write from two goroutines.
	out := &lockedWriter{w: w}
	tmp, err := os.MkdirTemp("", "herald-demo")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	rcv, err := startDemoReceiver(out)
	if err != nil {
		return err
	}
	defer rcv.close()

	c := serveConfig{
		listen: "127.0.0.1:0", dataDir: tmp, adminKey: randomKey(), encryptionKey: seal.EncodeKey(seal.NewKey()),
		nodeID: "demo", attemptTimeout: 10 * time.Second, requestTimeout: 30 * time.Second, shutdownTimeout: 5 * time.Second,
		maxPayload: 256 << 10, maxInFlight: 64, perEndpoint: 16, allowCIDRs: []string{"127.0.0.0/8"}, allowHTTP: true,
		synchronous: "FULL",
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	h, err := startHerald(ctx, c, log)
	if err != nil {
		return err
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), c.shutdownTimeout)
		defer cancel()
		_ = h.stop(sctx)
	}()
	api := client.New("http://"+h.addr, c.adminKey)
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }

	say("Herald is running at http://%s on a temporary store; a receiver listens at %s.\n", h.addr, rcv.url)
	if _, err := api.CreateTenant(ctx, client.TenantInput{ID: "acme", Name: "Acme Inc."}); err != nil {
		return err
	}
	say("1. Created tenant acme, a customer of the platform.")
	ep, err := api.CreateEndpoint(ctx, "acme", client.EndpointInput{URL: rcv.url + "/webhooks",
		EventTypes: []string{herald.EventJobCreated, herald.EventJobStarted, herald.EventJobCompleted, herald.EventJobFailed}})
	if err != nil {
		return err
	}
	rcv.setSecret(ep.Secret)
	say("2. Subscribed %s/webhooks to job events; its signing secret is %s.", rcv.url, ep.Secret)
	_, err = api.CreateJob(ctx, "acme", client.JobInput{ID: "img-abc123", Type: "image.generation",
		Input:       map[string]any{"model": "gpt-4o-image", "prompt": "A neon-lit cyberpunk cityscape"},
		CallbackURL: rcv.url + "/callback", Callback: &client.EndpointInput{Preset: "leaperone"}})
	if err != nil {
		return err
	}
	say("3. The platform created job img-abc123, with its own callback (preset leaperone).")
	rcv.wait(1)
	progress := 30.0
	if _, err := api.ReportJob(ctx, "acme", "img-abc123", client.JobReport{Status: herald.JobProcessing, Progress: &progress}); err != nil {
		return err
	}
	say("4. The job started.")
	rcv.wait(2)
	result := map[string]any{"images": []map[string]string{{"id": "img-file-1", "url": "https://cdn.example.com/images/abc123.png"}}}
	if _, err := api.ReportJob(ctx, "acme", "img-abc123", client.JobReport{Status: herald.JobCompleted, Result: result}); err != nil {
		return err
	}
	say("5. The job completed: the subscription and the job's callback each get it.")
	rcv.wait(4)
	var doc *herald.Job
	deadline := time.Now().Add(10 * time.Second)
	for {
		if doc, err = api.GetJob(ctx, "acme", "img-abc123"); err != nil {
			return err
		}
		if doc.Callback.State == herald.CallbackDelivered || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	pretty, _ := json.MarshalIndent(doc, "   ", "  ")
	say("\n6. What a customer polling GET /v1/tenants/acme/jobs/img-abc123 sees:\n   %s", pretty)
	if stay {
		say("\n%d webhooks received, %d with a verified signature. Herald keeps running: open http://%s/ui/ and sign in with %s\nCtrl-C stops it and deletes the temporary store.",
			rcv.count(), rcv.verifiedCount(), h.addr, c.adminKey)
		<-ctx.Done()
		return nil
	}
	say("\nDone: %d webhooks received, %d with a verified signature. Everything ran on loopback and is gone now (herald demo --stay keeps it running, with its dashboard).", rcv.count(), rcv.verifiedCount())
	return nil
}

func randomKey() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return "hk_demo_" + base64.RawURLEncoding.EncodeToString(b)
}

// demoReceiver prints what arrives and checks signatures.
type demoReceiver struct {
	url      string
	srv      *http.Server
	out      io.Writer
	mu       sync.Mutex
	verifier *verify.Verifier
	n        int
	verified int
	arrived  chan struct{}
}

func startDemoReceiver(out io.Writer) (*demoReceiver, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &demoReceiver{url: "http://" + ln.Addr().String(), out: out, arrived: make(chan struct{}, 16)}
	r.srv = &http.Server{Handler: r, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = r.srv.Serve(ln) }()
	return r, nil
}

func (r *demoReceiver) setSecret(s string) {
	v, err := verify.New(s)
	if err == nil {
		r.mu.Lock()
		r.verifier = v
		r.mu.Unlock()
	}
}

func (r *demoReceiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.n++
	check := "not signed (this callback's contract has no signature)"
	if req.Header.Get("webhook-signature") != "" {
		if r.verifier != nil && r.verifier.Verify(req.Header, body) == nil {
			check = "signature verified"
			r.verified++
		} else {
			check = "SIGNATURE INVALID"
		}
	}
	fmt.Fprintf(r.out, "   → receiver: POST %s  webhook-id %s  %s\n     %s\n", req.URL.Path, req.Header.Get("webhook-id"), check,
		strings.TrimSpace(string(body)))
	r.mu.Unlock()
	w.WriteHeader(http.StatusOK)
	r.arrived <- struct{}{}
}

// wait waits until n webhooks have arrived in all, for a few seconds at most.
func (r *demoReceiver) wait(n int) {
	deadline := time.After(10 * time.Second)
	for r.count() < n {
		select {
		case <-r.arrived:
		case <-deadline:
			return
		}
	}
}

func (r *demoReceiver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

func (r *demoReceiver) verifiedCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.verified
}

func (r *demoReceiver) close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := r.srv.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		_ = r.srv.Close()
	}
}

// lockedWriter serialises writes from several goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
