package main

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"net/netip"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/peterbourgon/ff/v4"
	"github.com/peterbourgon/ff/v4/ffval"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/api"
	"github.com/heraldhq/herald/delivery"
	"github.com/heraldhq/herald/egress"
	"github.com/heraldhq/herald/endpointcache"
	"github.com/heraldhq/herald/intake"
	"github.com/heraldhq/herald/opevent/emitter"
	"github.com/heraldhq/herald/portal"
	"github.com/heraldhq/herald/retention"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/sender"
	"github.com/heraldhq/herald/startgate"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/postgres"
	"github.com/heraldhq/herald/store/sqlite"
	"github.com/heraldhq/herald/tlscert"
	"github.com/heraldhq/herald/tracing"
	"github.com/heraldhq/herald/ui"
)

// serveConfig is everything `herald serve` reads from flags and environment.
type serveConfig struct {
	configFile       string
	listen           string
	dataDir          string
	adminKey         string
	encryptionKey    string
	nodeID           string
	attemptTimeout   time.Duration
	requestTimeout   time.Duration
	shutdownTimeout  time.Duration
	maxPayload       int
	inlineDeliveries int
	publicURL        string
	portalMax        time.Duration
	portalReturnURL  string
	portalFrames     []string
	maxInFlight      int
	maxInFlightSlow  int
	slowAfter        time.Duration
	perEndpoint      int
	maxHeld          int
	keepRequests     string
	validatePayloads bool
	tlsCert, tlsKey  string
	trustedProxies   []string
	operatorTenant   string
	failingAfter     int
	retention        time.Duration
	allowCIDRs       []string
	allowHosts       []string
	denyHosts        []string
	ports            []string
	denyIPHosts      bool
	egressProxy      string
	allowHTTP        bool
	logLevel         string
	logFormat        string
	synchronous      string
	sqliteMaxMB      int
	databaseURL      string
	debugListen      string
	metricsListen    string
	otelEndpoint     string
	otelProtocol     string
	backupEvery      time.Duration
	backupDir        string
	backupKeep       int
	// lookupHost, when set, resolves --database-url's host (tests).
	lookupHost func(ctx context.Context, host string) ([]string, error)
}

func serveCommand(parent *ff.FlagSet) *ff.Command {
	var c serveConfig
	fs := ff.NewFlagSet("serve").SetParent(parent)
	fs.StringVar(&c.configFile, 0, "config", "", "TOML file of settings named as these flags (listen = \"0.0.0.0:8080\"); flags and HERALD_ variables win over it")
	fs.StringVar(&c.listen, 0, "listen", "127.0.0.1:8080", "address the API listens on")
	fs.StringVar(&c.dataDir, 0, "data-dir", "herald-data", "directory of the embedded SQLite store")
	fs.StringVar(&c.adminKey, 0, "admin-key", "", "admin API key to accept (default: one is made and printed at first start)")
	fs.StringVar(&c.encryptionKey, 0, "encryption-key", "", "base64 32-byte key sealing signing secrets at rest, from herald keygen (default: made once and kept in the data dir; required with --database-url)")
	fs.StringVar(&c.nodeID, 0, "node-id", "", "name of this node in delivery leases (default: the host name, and with --database-url the host name and --listen); must be unique among live nodes")
	fs.DurationVar(&c.attemptTimeout, 0, "attempt-timeout", 10*time.Second, "timeout of one webhook attempt")
	fs.DurationVar(&c.requestTimeout, 0, "request-timeout", 30*time.Second, "timeout of one API request")
	fs.DurationVar(&c.shutdownTimeout, 0, "shutdown-timeout", 15*time.Second, "how long a shutdown waits for attempts in flight")
	fs.IntVar(&c.maxPayload, 0, "max-payload", 256<<10, "largest accepted event body, in bytes")
	fs.IntVar(&c.inlineDeliveries, 0, "inline-deliveries", 100, "most deliveries an event's acknowledgement waits for; a larger fan-out is acknowledged with its deliveries planned, and written in chunks right after")
	fs.IntVar(&c.maxInFlight, 0, "max-in-flight", 512, "attempts in flight at once in the fast lane, to endpoints that answer within --slow-after")
	// Its zero means "a quarter of --max-in-flight", which the help says:
	// ff's "(default: 0)" would contradict it.
	if _, err := fs.AddFlag(ff.FlagConfig{LongName: "max-in-flight-slow", Value: ffval.NewValueDefault(&c.maxInFlightSlow, 0), NoDefault: true,
		Usage: "attempts started at once in the slow lane, to endpoints whose attempts ran past --slow-after (default: a quarter of --max-in-flight)"}); err != nil {
		panic(err) // a fixed name, as fs.IntVar would
	}
	fs.DurationVar(&c.slowAfter, 0, "slow-after", time.Second, "how long an attempt may run before its endpoint is held to the slow lane")
	fs.IntVar(&c.perEndpoint, 0, "max-in-flight-per-endpoint", 16, "attempts in flight at once to one endpoint (fewer while it fails or times out)")
	fs.DurationVar(&c.retention, 0, "retention", 30*24*time.Hour, "how long delivered history (events, deliveries, attempts, finished jobs) is kept; 0 keeps it forever; nothing still to be delivered is ever deleted")
	fs.IntVar(&c.maxHeld, 0, "max-held", 10000, "deliveries held in memory, queued or in flight; the rest wait in the store")
	fs.StringVar(&c.keepRequests, 0, "keep-requests", "all", "which attempts keep the request they sent (URL, masked headers, body hash; about 400 bytes each), shown in the dashboard: all, failed or none")
	fs.StringVar(&c.tlsCert, 0, "tls-cert", "", "PEM certificate (chain) to serve the API and dashboard over HTTPS with, read again on SIGHUP; needs --tls-key")
	fs.StringVar(&c.tlsKey, 0, "tls-key", "", "PEM private key of --tls-cert")
	fs.StringListVar(&c.trustedProxies, 0, "trusted-proxies", "address ranges of reverse proxies whose X-Forwarded-For names the client, for the authentication throttle and logs, e.g. 10.0.0.0/8 (repeatable, or comma-separated; default: none, the connection's peer is the client)")
	fs.StringVar(&c.operatorTenant, 0, "operator-tenant", "", "tenant that also receives every tenant's operational events (endpoint.*, delivery.*), for the platform's own endpoints")
	fs.IntVar(&c.failingAfter, 0, "failing-after", 4, "failed attempts in a row after which a delivery.failing event is sent (0: never)")
	fs.BoolVar(&c.validatePayloads, 0, "validate-payloads", "check every event whose type has a JSON Schema against it at ingest, refusing those that do not match (default: only types saved with validate: true)")
	fs.StringVar(&c.publicURL, 0, "public-url", "", "address browsers reach this server at, such as https://hooks.example.com, for portal links (default: the --listen address; none when it is every interface, and then no portal links)")
	fs.DurationVar(&c.portalMax, 0, "portal-session-max", portal.DefaultMaxLifetime, "longest lifetime a portal session may be given")
	fs.StringVar(&c.portalReturnURL, 0, "portal-return-url", "", "where the dashboard sends a customer whose portal session ended, such as your platform's settings page")
	fs.StringListVar(&c.portalFrames, 0, "portal-frame-ancestors", "origins allowed to embed the dashboard in a frame, such as https://app.example.com (repeatable, or comma-separated; default: none may)")
	fs.StringListVar(&c.allowCIDRs, 0, "allow-cidr", "address range webhooks may reach although it is private or loopback, e.g. 127.0.0.0/8 for local development (repeatable, or comma-separated)")
	fs.StringListVar(&c.allowHosts, 0, "allow-host", "host name (and its subdomains) webhooks may reach whatever it resolves to, e.g. an internal service (repeatable)")
	fs.StringListVar(&c.denyHosts, 0, "deny-host", "host name (and its subdomains) webhooks may never reach, e.g. your own domain (repeatable)")
	fs.StringListVar(&c.ports, 0, "allowed-ports", "the only ports endpoint URLs may use, e.g. 80,443 (default: any)")
	fs.BoolVar(&c.denyIPHosts, 0, "deny-ip-hosts", "refuse endpoint URLs whose host is an IP address")
	fs.StringVar(&c.egressProxy, 0, "egress-proxy", "", "send every webhook through this http:// or socks5:// proxy, for fixed source addresses")
	fs.BoolVar(&c.allowHTTP, 0, "allow-http", "allow http:// endpoint URLs as well as https://")
	fs.StringVar(&c.logLevel, 0, "log-level", "info", "debug, info, warn or error")
	fs.StringVar(&c.logFormat, 0, "log-format", "text", "text or json")
	fs.StringVar(&c.metricsListen, 0, "metrics-listen", "", "address for Prometheus /metrics (off when empty)")
	fs.StringVar(&c.otelEndpoint, 0, "otel-endpoint", "", "OTLP collector to send OpenTelemetry traces to, such as http://collector:4318 (default: off, unless the standard OTEL_EXPORTER_OTLP_ENDPOINT is set)")
	fs.StringVar(&c.otelProtocol, 0, "otel-protocol", "", "OTLP protocol of --otel-endpoint: http/protobuf or grpc (default: OTEL_EXPORTER_OTLP_PROTOCOL, or http/protobuf)")
	fs.StringVar(&c.debugListen, 0, "debug-listen", "", "address for /debug/pprof (off when empty); keep it private")
	fs.StringVar(&c.databaseURL, 0, "database-url", "", "PostgreSQL URL, e.g. postgres://herald@db:5432/herald, to share one database among several nodes (default: the embedded SQLite store in --data-dir)")
	fs.IntVar(&c.sqliteMaxMB, 0, "sqlite-max-mb", 0, "cap the SQLite store (database and write-ahead log) at this many MiB: writes past it answer 503 as on a full disk, until retention frees space (0: no cap)")
	fs.DurationVar(&c.backupEvery, 0, "backup-every", 0, "take a backup of the SQLite store this often while serving, as herald backup does, into --backup-dir (0: never)")
	fs.StringVar(&c.backupDir, 0, "backup-dir", "", "directory of --backup-every's copies, named by the time each began; put it on another disk (the encryption key is never in them)")
	fs.IntVar(&c.backupKeep, 0, "backup-keep", 7, "how many of --backup-every's copies to keep, the newest")
	fs.StringVar(&c.synchronous, 0, "sqlite-synchronous", "FULL", "SQLite synchronous setting: FULL survives power loss, NORMAL only a crash of the process")
	return &ff.Command{
		Name:      "serve",
		Usage:     "herald serve [flags]",
		ShortHelp: "run the API and the delivery engine",
		Flags:     fs,
		Exec: func(ctx context.Context, _ []string) error {
			if err := c.check(); err != nil {
				return err
			}
			return serve(ctx, c)
		},
	}
}

// dashboard reads the flags that shape the dashboard for portals.
func (c serveConfig) dashboard() (ui.Options, error) {
	var origins []string
	for _, o := range c.portalFrames {
		for part := range strings.SplitSeq(o, ",") {
			if part = strings.TrimSpace(part); part != "" {
				origins = append(origins, part)
			}
		}
	}
	frames, err := portal.FrameAncestors(origins)
	if err != nil {
		return ui.Options{}, err
	}
	for name, v := range map[string]string{"--portal-return-url": c.portalReturnURL, "--public-url": c.publicURL} {
		if v == "" {
			continue
		}
		if u, err := url.Parse(v); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return ui.Options{}, fmt.Errorf("%s: %q is not an http:// or https:// address", name, v)
		}
	}
	if c.portalMax != 0 && c.portalMax < portal.MinLifetime {
		return ui.Options{}, fmt.Errorf("--portal-session-max: %v is shorter than the shortest session, %v", c.portalMax, portal.MinLifetime)
	}
	return ui.Options{FrameAncestors: frames, ReturnURL: c.portalReturnURL}, nil
}

func newLogger(level, format string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level must be debug, info, warn or error, not %q", level)
	}
	opts := &slog.HandlerOptions{Level: l}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(os.Stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(os.Stderr, opts)), nil
	}
	return nil, fmt.Errorf("--log-format must be text or json, not %q", format)
}

func parseCIDRs(list []string) ([]netip.Prefix, error) { return parseRanges("--allow-cidr", list) }

// parseRanges reads the address ranges (or single addresses) of flag.
func parseRanges(flag string, list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range splitList(list) {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, fmt.Errorf("%s %q is not an address range such as 127.0.0.0/8", flag, s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// policy makes the outbound policy from the flags.
func (c serveConfig) policy(allow []netip.Prefix) (*egress.Policy, error) {
	p := &egress.Policy{AllowHTTP: c.allowHTTP, Allow: allow, DenyIPHosts: c.denyIPHosts,
		AllowHosts: splitList(c.allowHosts), DenyHosts: splitList(c.denyHosts)}
	for _, s := range splitList(c.ports) {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("--allowed-ports: %q is not a port number", s)
		}
		p.Ports = append(p.Ports, n)
	}
	return p, nil
}

// splitList flattens repeated and comma-separated flag values.
func splitList(list []string) []string {
	var out []string
	for _, item := range list {
		for _, s := range strings.Split(item, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func serve(ctx context.Context, c serveConfig) error {
	log, err := newLogger(c.logLevel, c.logFormat)
	if err != nil {
		return err
	}
	h, err := startHerald(ctx, c, log)
	if err != nil {
		if ctx.Err() != nil {
			log.Info("stopped before the store opened")
			return nil
		}
		return err
	}
	fmt.Fprintf(os.Stderr, "\n%s\n", dashboardLine(c.publicURL, h.addr, c.tlsCert != ""))
	if h.createdKey != "" {
		fmt.Fprintf(os.Stderr, "\nCreated the admin API key. It is shown only this once; keep it safe:\n\n    %s\n\n", h.createdKey)
	}
	select {
	case err := <-h.served:
		sctx, cancel := context.WithTimeout(context.Background(), c.shutdownTimeout)
		defer cancel()
		return errors.Join(err, h.stop(sctx))
	case <-ctx.Done():
	}
	log.Info("shutting down: no new requests; finishing attempts in flight", "timeout", c.shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), c.shutdownTimeout)
	defer cancel()
	err = h.stop(sctx)
	log.Info("stopped")
	return err
}

// running is a started Herald: the API's address, and how to stop it.
type running struct {
	addr       string
	createdKey string     // an admin key made at this start, to show once
	served     chan error // the API server's end, if it ends by itself
	stop       func(context.Context) error
}

// startHerald opens the store, starts the engine and serves the API, as serve
// and demo both need.
func startHerald(ctx context.Context, c serveConfig, log *slog.Logger) (_ *running, err error) {
	// What was set up is undone in reverse, on failure here or at stop.
	var undo []func(context.Context) error
	cleanup := func(ctx context.Context) error {
		var errs []error
		for i := len(undo) - 1; i >= 0; i-- {
			errs = append(errs, undo[i](ctx))
		}
		undo = nil
		return errors.Join(errs...)
	}
	defer func() {
		if err != nil {
			_ = cleanup(context.Background())
		}
	}()
	allow, err := parseCIDRs(c.allowCIDRs)
	if err != nil {
		return nil, err
	}
	uiOptions, err := c.dashboard()
	if err != nil {
		return nil, err
	}
	proxies, err := parseRanges("--trusted-proxies", c.trustedProxies)
	if err != nil {
		return nil, err
	}
	var certs *tlscert.Loader
	switch {
	case (c.tlsCert == "") != (c.tlsKey == ""):
		return nil, errors.New("--tls-cert and --tls-key go together: give both, or neither to serve plain HTTP (behind a proxy that terminates TLS)")
	case c.tlsCert != "":
		if certs, err = tlscert.New(c.tlsCert, c.tlsKey); err != nil {
			return nil, err
		}
	}
	if err := c.checkBackupFlags(); err != nil {
		return nil, err
	}
	traces, err := tracing.Resolve(c.otelEndpoint, c.otelProtocol, os.Getenv)
	if err != nil {
		return nil, err
	}
	// The API listens before the store opens: until it does, the gate
	// answers /healthz as alive and /readyz as not ready, so that a node
	// waiting for its database is seen waiting, not crash-looping.
	ln, err := net.Listen("tcp", c.listen)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w (is another Herald running? choose another --listen)", c.listen, err)
	}
	if certs != nil {
		ln = tls.NewListener(ln, certs.Config())
		reload := make(chan os.Signal, 1)
		signal.Notify(reload, syscall.SIGHUP)
		stopReload := make(chan struct{})
		go func() {
			for {
				select {
				case <-reload:
					if err := certs.Reload(); err != nil {
						log.Error("reloading the TLS certificate failed; the one loaded before is still served", "err", err)
					} else {
						log.Info("TLS certificate reloaded", "cert", c.tlsCert)
					}
				case <-stopReload:
					return
				}
			}
		}()
		undo = append(undo, func(context.Context) error { signal.Stop(reload); close(stopReload); return nil })
	}
	gate := startgate.New()
	srv := &http.Server{
		Handler:           gate,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       c.requestTimeout,
		WriteTimeout:      c.requestTimeout + 5*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			served <- err
		}
	}()
	// Closed last on a failed start; a stop shuts it down gracefully first.
	undo = append(undo, func(context.Context) error { return srv.Close() })
	log.Info("listening; opening the store", "listen", ln.Addr().String())
	db, err := c.openStore(ctx, log, gate)
	if err != nil {
		return nil, err
	}
	undo = append(undo, db.close)
	tracer, err := tracing.Start(ctx, traces, herald.Version, c.nodeID, log)
	if err != nil {
		return nil, fmt.Errorf("OpenTelemetry: %w", err)
	}
	// Shut down after the engine stops: its last attempts' spans go too,
	// unless the collector cannot take them within a few seconds.
	undo = append(undo, func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if err := tracer.Shutdown(ctx); err != nil {
			log.Warn("OpenTelemetry: the last spans were not exported", "err", err)
		}
		return nil
	})
	if tracer != nil {
		log.Info("tracing on", "protocol", traces.Protocol, "endpoint", cmp.Or(traces.EndpointURL, "from OTEL_EXPORTER_OTLP_*"))
	}
	policy, err := c.policy(allow)
	if err != nil {
		return nil, err
	}
	guard := egress.NewGuard(policy)
	var proxy *url.URL
	if c.egressProxy != "" {
		if proxy, err = url.Parse(c.egressProxy); err != nil || proxy.Host == "" {
			return nil, fmt.Errorf("--egress-proxy %q is not a URL such as http://proxy.internal:4750", c.egressProxy)
		}
	}
	snd, err := sender.New(sender.Config{Timeout: c.attemptTimeout, Guard: guard, Proxy: proxy, MaxIdleConnsPerHost: c.maxInFlight})
	if err != nil {
		return nil, err
	}
	undo = append(undo, func(context.Context) error { snd.Close(); return nil })
	endpoints := endpointcache.New(db, time.Second, nil)
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if sc, ok := db.Store.(prometheus.Collector); ok {
		reg.MustRegister(sc) // the SQLite store's file sizes and WAL checkpoints
	}
	// Operational events come from the API (endpoint changes) and the
	// engine (outcomes); the emitter stores them through the intake.
	reports, err := emitter.New(emitter.Config{Subscribers: endpoints, Store: db, OperatorTenant: c.operatorTenant,
		Timeout: c.requestTimeout, Logger: log, Metrics: reg})
	if err != nil {
		return nil, err
	}
	engine, err := delivery.New(delivery.Config{
		Store: db, Sender: snd, Endpoints: endpoints,
		EndpointDisabled: reports.EndpointDisabled,
		DeliveryReport:   reports.DeliveryReport,
		FailingAfter:     failingAfter(c.failingAfter), Tracer: tracer,
		NodeID: c.nodeID, MaxInFlight: c.maxInFlight, MaxInFlightSlow: c.maxInFlightSlow, SlowAfter: c.slowAfter,
		MaxInFlightPerEndpoint: c.perEndpoint, MaxHeld: c.maxHeld, KeepRequests: delivery.Keep(c.keepRequests),
		LeaseDuration: max(30*time.Second, 3*c.attemptTimeout), Logger: log, Metrics: reg,
	})
	if err != nil {
		return nil, err
	}
	in, err := intake.New(intake.Config{Store: db, Engine: engine, Endpoints: endpoints, InlineDeliveries: c.inlineDeliveries, Tracer: tracer})
	if err != nil {
		return nil, err
	}
	if err := reports.Start(ctx, in); err != nil {
		return nil, err
	}
	// Stopped after the engine (undo runs backwards), so that what its
	// last attempts emit is stored too, before the store closes.
	undo = append(undo, reports.Stop)
	apiServer, err := api.New(api.Config{
		Store: db, Engine: engine, Intake: in, Reports: reports, Endpoints: endpoints, Guard: guard, Sender: snd, MaxPayloadBytes: int64(c.maxPayload),
		RequestTimeout: c.requestTimeout, Logger: log, Metrics: reg,
		PortalSessionMax: c.portalMax, PublicURL: linkBase(c.publicURL, ln.Addr(), certs != nil), ValidatePayloads: c.validatePayloads,
		TrustedProxies: proxies, Tracer: tracer,
	}, func(context.Context) error { return engine.Ready() })
	if err != nil {
		return nil, err
	}
	if err := engine.Start(ctx); err != nil {
		return nil, err
	}
	// The engine stops before the store closes: it records what is in
	// flight and hands back what it has not started.
	undo = append(undo, engine.Stop)
	// The janitor runs even when history is kept forever (--retention 0):
	// it keeps the endpoints' health rollup to its horizon.
	janitor, err := retention.New(retention.Config{Store: db, Keep: max(0, c.retention), Logger: log, Metrics: reg})
	if err != nil {
		return nil, err
	}
	jctx, stopJanitor := context.WithCancel(context.Background())
	jdone := make(chan struct{})
	go func() { janitor.Run(jctx); close(jdone) }()
	undo = append(undo, func(context.Context) error { stopJanitor(); <-jdone; return nil })
	if c.backupEvery > 0 {
		// Stopped before the store closes; a copy under way is cut short
		// and its partial file removed.
		rotated, err := c.rotatedBackups(log, reg)
		if err != nil {
			return nil, err
		}
		rotated.Start(context.Background())
		undo = append(undo, func(context.Context) error { rotated.Stop(); return nil })
	}
	// The dashboard is static pages calling the same API: it can do what
	// the key signed in with may do, and nothing more.
	root := http.NewServeMux()
	root.Handle("/ui/", ui.Handler("/ui/", uiOptions))
	root.Handle("GET /{$}", http.RedirectHandler("/ui/", http.StatusFound))
	root.Handle("/", apiServer)
	if c.debugListen != "" {
		if err := serveDebug(c.debugListen, log); err != nil {
			return nil, err
		}
	}
	if c.metricsListen != "" {
		mln, err := net.Listen("tcp", c.metricsListen)
		if err != nil {
			return nil, fmt.Errorf("--metrics-listen: %w", err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
		msrv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = msrv.Serve(mln) }()
		undo = append(undo, func(context.Context) error { return msrv.Close() })
		log.Info("metrics listening", "addr", mln.Addr().String())
	}
	// The admin key is made last, once nothing else can fail, so that a
	// start that fails (a port taken) never stores a key it does not show.
	created, err := api.EnsureAdminKey(ctx, db, c.adminKey, time.Now())
	if err != nil {
		return nil, fmt.Errorf("setting up the admin key: %w", err)
	}
	h := &running{addr: ln.Addr().String(), createdKey: created, served: served}
	gate.Open(root)
	storeName := "sqlite " + filepath.Join(c.dataDir, "herald.db")
	if c.databaseURL != "" {
		storeName = "postgres" // not the URL: it may hold a password
	}
	log.Info("herald is serving", "version", herald.Version, "listen", h.addr, "store", storeName, "node", c.nodeID)
	h.stop = func(ctx context.Context) error {
		err := srv.Shutdown(ctx)
		if errors.Is(err, context.DeadlineExceeded) {
			err = nil // requests still open were cut; their callers retry
		}
		reports.Drain(ctx) // what requests emitted, before the engine stops
		return errors.Join(err, cleanup(ctx))
	}
	return h, nil
}

// failingAfter maps --failing-after (0: never) to the engine's setting
// (negative: never; 0 is its default).
func failingAfter(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}

// lockDataDir stops a second Herald from opening the same SQLite store:
// two engines would each think the other's leases were theirs.
func lockDataDir(dir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("the data directory %s is in use by another Herald process; stop it or choose another --data-dir", dir)
	}
	return func() { f.Close() }, nil
}

// encryptionKey returns the configured key, or the one kept in the data
// directory, made on first use.
// openedStore is the store serve runs on, and how to let it go.
type openedStore struct {
	store.Store
	close func(context.Context) error
}

// openStore opens PostgreSQL when --database-url is set, and otherwise the
// embedded SQLite store in the data directory, which it locks against a
// second process. It also settles the node's id.
func (c *serveConfig) openStore(ctx context.Context, log *slog.Logger, gate *startgate.Gate) (_ *openedStore, err error) {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "herald"
	}
	if c.databaseURL != "" {
		if c.encryptionKey == "" {
			return nil, errors.New("--database-url needs --encryption-key (or HERALD_ENCRYPTION_KEY): every node that shares " +
				"the database must seal signing secrets with the same key; make one with: herald keygen")
		}
		if c.nodeID == "" {
			// Unique among nodes on one host, and the same after a restart,
			// so that a restarted node takes its leases back at once.
			c.nodeID = host + "-" + c.listen
		}
		key, err := encryptionKey(c.encryptionKey, "", log) // given, so no data dir is read
		if err != nil {
			return nil, err
		}
		box, err := seal.New(key)
		if err != nil {
			return nil, err
		}
		// An unreachable database, or a migration that fails, is waited
		// for with /readyz saying why (package startgate).
		var db *postgres.DB
		err = gate.Wait(ctx, startgate.Config{
			Open: func(ctx context.Context) (err error) {
				db, err = postgres.Open(ctx, postgres.Config{URL: c.databaseURL, Box: box, LookupHost: c.lookupHost})
				return err
			},
			Unavailable: postgres.Reason,
			IsPermanent: func(err error) bool { var pe *pgconn.ParseConfigError; return errors.As(err, &pe) },
			Logger:      log,
		})
		if err != nil {
			return nil, err
		}
		log.Info("store: PostgreSQL", "node", c.nodeID)
		if warnings, err := db.SettingWarnings(ctx); err != nil {
			log.Warn("store: could not read PostgreSQL's settings", "err", err)
		} else {
			for _, w := range warnings {
				log.Warn("store: " + w)
			}
		}
		return &openedStore{Store: db, close: func(context.Context) error { return db.Close() }}, nil
	}
	if c.nodeID == "" {
		c.nodeID = host
	}
	if err := os.MkdirAll(c.dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("creating the data directory: %w", err)
	}
	unlock, err := lockDataDir(c.dataDir)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			unlock()
		}
	}()
	key, err := encryptionKey(c.encryptionKey, c.dataDir, log)
	if err != nil {
		return nil, err
	}
	box, err := seal.New(key)
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(c.dataDir, "herald.db"), Box: box, Synchronous: strings.ToUpper(c.synchronous),
		MaxSizeBytes: int64(c.sqliteMaxMB) << 20, Logger: log})
	if err != nil {
		return nil, err
	}
	return &openedStore{Store: db, close: func(context.Context) error {
		err := db.Close()
		unlock()
		return err
	}}, nil
}

// readKeyFile reads a key file as herald keygen writes it (the key and a
// newline), for the --key-file flags of restore and the tenant moves.
func readKeyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--key-file: %w", err)
	}
	key, err := seal.ParseKey(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("--key-file %s: %w", path, err)
	}
	return key, nil
}

func encryptionKey(configured, dir string, log *slog.Logger) ([]byte, error) {
	if configured != "" {
		return seal.ParseKey(configured)
	}
	path := filepath.Join(dir, "encryption.key")
	if b, err := os.ReadFile(path); err == nil {
		return seal.ParseKey(strings.TrimSpace(string(b)))
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	key := seal.NewKey()
	if err := os.WriteFile(path, []byte(seal.EncodeKey(key)+"\n"), 0o600); err != nil {
		return nil, err
	}
	log.Warn("made an encryption key for signing secrets and kept it beside the data; set HERALD_ENCRYPTION_KEY to keep it elsewhere", "path", path)
	return key, nil
}

// serveDebug serves the Go profiler on its own listener, so that it is never
// reachable through the API's address.
func serveDebug(addr string, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("--debug-listen: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	log.Info("debug server listening", "addr", ln.Addr().String())
	go func() { _ = http.Serve(ln, mux) }()
	return nil
}
