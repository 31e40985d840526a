package destination

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// natsStream creates a uniquely named in-memory stream on the local NATS
// server, with the standard client, taking subjects under a unique prefix;
// it is deleted when the test ends.
func natsStream(t *testing.T) (js jetstream.JetStream, stream jetstream.Stream, prefix string) {
	t.Helper()
	needBroker(t, "NATS with JetStream", natsAddr)
	nc, err := nats.Connect(natsURL)
	if err != nil {
		t.Fatalf("the test's own connection to NATS: %v", err)
	}
	t.Cleanup(nc.Close)
	js, err = jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.ToUpper(unique("HERALD_TEST_"))
	prefix = strings.ToLower(name)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stream, err = js.CreateStream(ctx, jetstream.StreamConfig{
		Name: name, Subjects: []string{prefix + ".>"}, Storage: jetstream.MemoryStorage, Duplicates: 2 * time.Minute,
	})
	if err != nil {
		t.Fatalf("creating stream %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = js.DeleteStream(ctx, name)
	})
	return js, stream, prefix
}

func newNATS(t *testing.T, cfg Config) *NATS {
	t.Helper()
	n, err := NewNATS(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Close)
	return n
}

func natsDestination(t *testing.T, n *NATS, c NATSConfig) Destination {
	t.Helper()
	d, err := n.For(c)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestNATSPublishConsumeVerify: a publish acknowledged by the stream is
// consumed as the webhook (body byte for byte, the webhook headers as
// Standard Webhooks spells them), which the Standard Webhooks library
// verifies as it verifies an HTTP request; the same webhook-id published
// again is acknowledged as a duplicate and the stream holds one message.
func TestNATSPublishConsumeVerify(t *testing.T) {
	_, stream, prefix := natsStream(t)
	g := newLoopbackGuard(t)
	n := newNATS(t, Config{Dial: g.DialContext})
	d := natsDestination(t, n, NATSConfig{URL: natsURL, Subject: prefix + ".orders"})
	w, secret := signedWebhook(t, "order.paid")

	res := d.Publish(context.Background(), w)
	if !res.OK() || res.Duplicate || !strings.HasSuffix(res.Ack, ", sequence 1") {
		t.Fatalf("publish: %+v", res)
	}
	again := d.Publish(context.Background(), w) // a retry whose PubAck was lost
	if !again.OK() || !again.Duplicate || g.dials.Load() != 1 {
		t.Fatalf("the same webhook-id again: %+v after %d dials; want a duplicate acknowledged on the pooled connection", again, g.dials.Load())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	info, err := stream.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 1 {
		t.Fatalf("the stream holds %d messages; want 1 (the duplicate dropped)", info.State.Msgs)
	}

	cons, err := stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := cons.Next(jetstream.FetchMaxWait(10 * time.Second))
	if err != nil {
		t.Fatalf("consuming: %v", err)
	}
	if string(m.Data()) != string(w.Body) || m.Subject() != prefix+".orders" {
		t.Fatalf("consumed %q on %s; want %q", m.Data(), m.Subject(), w.Body)
	}
	got := m.Headers()
	for name, want := range map[string]string{"webhook-id": w.ID, "webhook-event-type": "order.paid",
		"Content-Type": "application/json", "Nats-Msg-Id": w.ID} {
		if v := got[name]; len(v) != 1 || v[0] != want {
			t.Errorf("header %s = %v, want %q", name, v, want)
		}
	}
	h := http.Header{}
	for k, v := range got {
		h[http.CanonicalHeaderKey(k)] = v
	}
	verifyAsReceiver(t, secret, h, m.Data())
}

// TestNATSNoStream: a subject no stream takes is a clear, retryable
// failure, not a publish that vanishes.
func TestNATSNoStream(t *testing.T) {
	_, _, prefix := natsStream(t)
	n := newNATS(t, Config{Dial: newLoopbackGuard(t).DialContext})
	subject := prefix + "x.nostream"
	w, _ := signedWebhook(t, "order.paid")
	res := natsDestination(t, n, NATSConfig{URL: natsURL, Subject: subject}).Publish(context.Background(), w)
	if res.OK() || !res.Retryable || res.Err != `nats: no JetStream stream takes subject "`+subject+`"` {
		t.Fatalf("publish to a subject without a stream: %+v", res)
	}
}

// TestNATSRedialsDeadConnection: a connection that closed is dropped and
// the next publish dials a new one; one idle past the bound is closed;
// after Close nothing is published.
func TestNATSRedialsDeadConnection(t *testing.T) {
	_, _, prefix := natsStream(t)
	g := newLoopbackGuard(t)
	n := newNATS(t, Config{Dial: g.DialContext})
	d := natsDestination(t, n, NATSConfig{URL: natsURL, Subject: prefix + ".a"})
	w, _ := signedWebhook(t, "order.paid")
	if res := d.Publish(context.Background(), w); !res.OK() {
		t.Fatal(res)
	}
	n.pool.mu.Lock()
	n.pool.conns[natsURL].c.nc.Close() // as the client does when the server goes away, reconnecting being off
	n.pool.mu.Unlock()
	w2, _ := signedWebhook(t, "order.paid")
	if res := d.Publish(context.Background(), w2); !res.OK() || res.Duplicate || g.dials.Load() != 2 {
		t.Fatalf("after the connection closed: %+v, %d dials; want a new connection", res, g.dials.Load())
	}
	n.pool.mu.Lock()
	idle := n.pool.conns[natsURL].c.nc
	n.pool.mu.Unlock()
	if closed := n.pool.closeIdle(time.Now().Add(DefaultIdleTime + time.Second)); closed != 1 || !idle.IsClosed() {
		t.Fatalf("past the idle bound: %d closed, the connection closed %v; want it closed", closed, idle.IsClosed())
	}
	n.Close()
	if res := d.Publish(context.Background(), w); res.OK() || !strings.Contains(res.Err, "closed") {
		t.Fatalf("publish after Close: %+v", res)
	}
}

// TestNATSHangingServer: a server that accepts the connection and never
// sends its INFO costs the attempt's deadline: a retryable timeout, the
// socket closed, nothing pooled.
func TestNATSHangingServer(t *testing.T) {
	addr, closed := hangingBroker(t)
	n := newNATS(t, Config{Dial: newLoopbackGuard(t).DialContext, Timeout: time.Hour})
	d := natsDestination(t, n, NATSConfig{URL: "nats://" + addr, Subject: "a.b"})
	w, _ := signedWebhook(t, "order.paid")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	res := d.Publish(ctx, w)
	if res.OK() || res.Err != "timeout" || !res.Retryable {
		t.Fatalf("publish to a server that never answers: %+v", res)
	}
	<-closed
	if n.pool.size() != 0 {
		t.Fatal("a connection that never opened is pooled")
	}
}

// TestNATSGuardRefuses: the server's address passes the egress policy when
// it is dialled; a refused one is never dialled.
func TestNATSGuardRefuses(t *testing.T) {
	n := newNATS(t, Config{Dial: refusingGuard(t).DialContext})
	w, _ := signedWebhook(t, "order.paid")
	for url, why := range map[string]string{
		"nats://127.0.0.1:4222":                "127.0.0.1",
		"tls://u:p@nats.internal.example:4222": "10.0.0.7",
	} {
		d := natsDestination(t, n, NATSConfig{URL: url, Subject: "a.b"})
		checkBlocked(t, d.Publish(context.Background(), w), why)
	}
}
