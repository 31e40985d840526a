package main

import (
	"cmp"
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
	"slices"
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
	// Each step is told before the call that causes its webhooks, and the
	// webhooks it causes are printed after it, in a fixed order (step
	// shows why), so the story reads the same on every run.
	step := func(n int, text string, call func() error) error {
		say("%s", text)
		if err := call(); err != nil {
			return err
		}
		return rcv.show(n)
	}
	if err := step(0, "1. Create tenant acme, a customer of the platform.", func() error {
		_, err := api.CreateTenant(ctx, client.TenantInput{ID: "acme", Name: "Acme Inc."})
		return err
	}); err != nil {
		return err
	}
	say("2. Subscribe %s/webhooks to job events.", rcv.url)
	ep, err := api.CreateEndpoint(ctx, "acme", client.EndpointInput{URL: rcv.url + "/webhooks",
		EventTypes: []string{herald.EventJobCreated, herald.EventJobStarted, herald.EventJobCompleted, herald.EventJobFailed}})
	if err != nil {
		return err
	}
	rcv.setSecret(ep.Secret)
	say("   Its signing secret, shown only now: %s", ep.Secret)
	if err := step(1, "3. The platform creates job img-abc123, with its own callback (preset leaperone): job.created goes to the subscription.", func() error {
		_, err := api.CreateJob(ctx, "acme", client.JobInput{ID: "img-abc123", Type: "image.generation",
			Input:       map[string]any{"model": "gpt-4o-image", "prompt": "A neon-lit cyberpunk cityscape"},
			CallbackURL: rcv.url + "/callback", Callback: &client.EndpointInput{Preset: "leaperone"}})
		return err
	}); err != nil {
		return err
	}
	progress := 30.0
	if err := step(1, "4. The job starts (progress 30): job.started.", func() error {
		_, err := api.ReportJob(ctx, "acme", "img-abc123", client.JobReport{Status: herald.JobProcessing, Progress: &progress})
		return err
	}); err != nil {
		return err
	}
	result := map[string]any{"images": []map[string]string{{"id": "img-file-1", "url": "https://cdn.example.com/images/abc123.png"}}}
	if err := step(2, "5. The job completes: the job's callback and the subscription each get it.", func() error {
		_, err := api.ReportJob(ctx, "acme", "img-abc123", client.JobReport{Status: herald.JobCompleted, Result: result})
		return err
	}); err != nil {
		return err
	}
	var doc *herald.Job
	deadline := time.Now().Add(10 * time.Second)
	for {
		if doc, err = api.GetJob(ctx, "acme", "img-abc123"); err != nil {
			return err
		}
		if doc.Callback.State == herald.CallbackSucceeded || time.Now().After(deadline) {
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

// demoReceiver checks the signature of what arrives and keeps it until
// the narration shows it (show), so that a webhook is never printed
// before the step that caused it.
type demoReceiver struct {
	url      string
	srv      *http.Server
	out      io.Writer
	mu       sync.Mutex
	verifier *verify.Verifier
	n        int
	verified int
	pending  []demoArrival
	arrived  chan struct{}
}

// demoArrival is one webhook as the receiver got it.
type demoArrival struct {
	path, id, check, body string
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
	r.pending = append(r.pending, demoArrival{path: req.URL.Path, id: req.Header.Get("webhook-id"), check: check,
		body: strings.TrimSpace(string(body))})
	r.mu.Unlock()
	w.WriteHeader(http.StatusOK)
	select {
	case r.arrived <- struct{}{}:
	default: // show reads pending under the lock; one signal waiting is enough
	}
}

// show waits until n webhooks not yet shown have arrived (10 s at most),
// then prints them ordered by path and webhook-id: webhooks that one step
// causes together (a job's callback and its subscription) race each
// other, and the narration must read the same on every run.
func (r *demoReceiver) show(n int) error {
	deadline := time.After(10 * time.Second)
	for {
		r.mu.Lock()
		got := len(r.pending)
		r.mu.Unlock()
		if got >= n {
			break
		}
		select {
		case <-r.arrived:
		case <-deadline:
			return fmt.Errorf("the receiver got %d of the %d webhooks this step causes within 10 s", got, n)
		}
	}
	r.mu.Lock()
	shown := r.pending
	r.pending = nil
	r.mu.Unlock()
	slices.SortFunc(shown, func(a, b demoArrival) int {
		return cmp.Or(cmp.Compare(a.path, b.path), cmp.Compare(a.id, b.id))
	})
	for _, a := range shown {
		fmt.Fprintf(r.out, "   → receiver: POST %s  webhook-id %s  %s\n     %s\n", a.path, a.id, a.check, a.body)
	}
	return nil
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
