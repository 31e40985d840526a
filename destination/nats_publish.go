package destination

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// NATS publishes to NATS JetStream streams: a publish succeeds on the
// stream's PubAck, and one the stream had already taken (the same
// webhook-id within its duplicate window) succeeds as a duplicate. One
// connection per server URL is kept; the client's own reconnecting is off,
// so a connection that drops is dialled again, through the guard, on the
// next publish.
type NATS struct {
	cfg  Config
	pool *pool[*natsConn]
}

// NewNATS returns a NATS publisher. Close it to close its connections.
func NewNATS(cfg Config) (*NATS, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	p := newPool[*natsConn](cfg.IdleTime, cfg.Now)
	p.start()
	return &NATS{cfg: cfg, pool: p}, nil
}

// Close closes every connection; publishes under way fail, retryable.
func (n *NATS) Close() { n.pool.close() }

// For returns the destination c describes, after validating it.
func (n *NATS) For(c NATSConfig) (Destination, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return natsDest{n: n, cfg: c}, nil
}

type natsDest struct {
	n   *NATS
	cfg NATSConfig
}

func (d natsDest) Publish(ctx context.Context, w Webhook) Result {
	return d.n.publish(ctx, d.cfg, w)
}

func (n *NATS) publish(ctx context.Context, c NATSConfig, w Webhook) Result {
	start := n.cfg.Now()
	ctx, cancel := context.WithTimeout(ctx, n.cfg.Timeout)
	defer cancel()
	fail := func(err error) Result {
		reason, retry, blocked := classifyIn(ctx, err, func(err error) (string, bool, bool) { return classifyNATS(err, c.Subject) })
		return failure(start, n.cfg.Now(), reason, retry, blocked)
	}
	conn, release, err := n.pool.get(ctx, c.URL, func(ctx context.Context) (*natsConn, error) { return n.dial(ctx, c.URL) })
	if err != nil {
		return fail(err)
	}
	ack, err := conn.js.PublishMsg(ctx, NATSMessage(c, w))
	release(err != nil && !conn.alive())
	if err != nil {
		return fail(err)
	}
	res := Result{StartedAt: start, Duration: n.cfg.Now().Sub(start), Duplicate: ack.Duplicate,
		Ack: fmt.Sprintf("stream %s, sequence %d", ack.Stream, ack.Sequence)}
	if ack.Duplicate {
		res.Ack = fmt.Sprintf("stream %s: a duplicate of a message it holds", ack.Stream)
	}
	return res
}

// dial connects through the injected dialler, the handshake bounded by
// ctx.
func (n *NATS) dial(ctx context.Context, rawURL string) (*natsConn, error) {
	d := &natsDialer{ctx: ctx, dial: n.cfg.Dial}
	timeout := n.cfg.Timeout
	if dl, ok := ctx.Deadline(); ok {
		timeout = max(time.Until(dl), time.Millisecond)
	}
	// nats.Connect takes no context: the handshake's own deadline is the
	// Timeout option, and a context that ends first closes the socket.
	stop := context.AfterFunc(ctx, func() { d.closeRaw() })
	nc, err := nats.Connect(rawURL,
		nats.Name("herald"),
		nats.SetCustomDialer(d),
		// The dialler's guard resolves names; the client must not.
		nats.SkipHostLookup(),
		nats.IgnoreDiscoveredServers(),
		nats.NoReconnect(),
		nats.Timeout(timeout),
		nats.NoCallbacksAfterClientClose(),
	)
	if !stop() {
		if nc != nil {
			nc.Close()
		}
		return nil, context.DeadlineExceeded
	}
	if err != nil {
		if d.err != nil {
			return nil, d.err // the dialler's own error says more (blocked by policy)
		}
		return nil, err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, err
	}
	return &natsConn{nc: nc, js: js}, nil
}

// natsDialer adapts a context-taking DialFunc to nats.CustomDialer, and
// keeps the socket so that the context can close it.
type natsDialer struct {
	ctx  context.Context
	dial DialFunc
	mu   sync.Mutex
	raw  net.Conn
	err  error
}

func (d *natsDialer) Dial(network, address string) (net.Conn, error) {
	c, err := d.dial(d.ctx, network, address)
	d.mu.Lock()
	defer d.mu.Unlock()
	d.raw, d.err = c, err
	return c, err
}

func (d *natsDialer) closeRaw() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.raw != nil {
		d.raw.Close()
	}
}

type natsConn struct {
	nc *nats.Conn
	js jetstream.JetStream
}

func (c *natsConn) alive() bool { return c.nc.IsConnected() }
func (c *natsConn) close()      { c.nc.Close() }
