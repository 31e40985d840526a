package destination

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// rabbitAdmin opens the test's own connection to the local RabbitMQ with
// the standard client, for declaring, consuming and deleting.
func rabbitAdmin(t *testing.T) *amqp.Channel {
	t.Helper()
	needBroker(t, "RabbitMQ", rabbitAddr)
	conn, err := amqp.Dial(rabbitURL)
	if err != nil {
		t.Fatalf("the test's own connection to RabbitMQ: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	ch, err := conn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// rabbitTopology declares a uniquely named topic exchange and a queue bound
// to it by key, deleted when the test ends.
func rabbitTopology(t *testing.T, admin *amqp.Channel, key string) (exchange, queue string) {
	t.Helper()
	exchange, queue = unique("herald-test-x-"), unique("herald-test-q-")
	if err := admin.ExchangeDeclare(exchange, "topic", false, false, false, false, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.ExchangeDelete(exchange, false, false) })
	if _, err := admin.QueueDeclare(queue, false, false, false, false, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.QueueDelete(queue, false, false, false) })
	if key != "" {
		if err := admin.QueueBind(queue, key, exchange, false, nil); err != nil {
			t.Fatal(err)
		}
	}
	return exchange, queue
}

func newRabbit(t *testing.T, cfg Config) *RabbitMQ {
	t.Helper()
	r, err := NewRabbitMQ(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Close)
	return r
}

func rabbitDestination(t *testing.T, r *RabbitMQ, c RabbitMQConfig) Destination {
	t.Helper()
	d, err := r.For(c)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRabbitMQPublishConsumeVerify: a confirmed publish arrives in the
// queue as the webhook (body byte for byte, persistent, message-id the
// webhook-id, routed by the event type), and the Standard Webhooks library
// verifies it from the message's headers as it verifies an HTTP request.
func TestRabbitMQPublishConsumeVerify(t *testing.T) {
	admin := rabbitAdmin(t)
	exchange, queue := rabbitTopology(t, admin, "order.*")
	g := newLoopbackGuard(t)
	r := newRabbit(t, Config{Dial: g.DialContext})
	d := rabbitDestination(t, r, RabbitMQConfig{URL: rabbitURL, Exchange: exchange})
	w, secret := signedWebhook(t, "order.paid")

	res := d.Publish(context.Background(), w)
	if !res.OK() || res.Ack != "confirmed by exchange "+exchange {
		t.Fatalf("publish: %+v", res)
	}
	if res2 := d.Publish(context.Background(), w); !res2.OK() || g.dials.Load() != 1 {
		t.Fatalf("second publish %+v after %d dials; want it confirmed on the pooled connection", res2, g.dials.Load())
	}

	msgs, err := admin.Consume(queue, "", true, true, false, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := receive(t, msgs)
	if string(m.Body) != string(w.Body) || m.MessageId != w.ID || m.DeliveryMode != amqp.Persistent ||
		m.ContentType != "application/json" || m.Type != "order.paid" || m.RoutingKey != "order.paid" ||
		strconv.FormatInt(m.Timestamp.Unix(), 10) != w.Timestamp {
		t.Fatalf("consumed %+v\nwant the body %s, id %s, persistent, routed by order.paid", m, w.Body, w.ID)
	}
	h := http.Header{}
	for k, v := range m.Headers {
		s, ok := v.(string)
		if !ok {
			t.Fatalf("header %s is %T, not a string", k, v)
		}
		h.Set(k, s)
	}
	verifyAsReceiver(t, secret, h, m.Body)
	if m2 := receive(t, msgs); m2.MessageId != w.ID {
		t.Fatalf("the second copy has id %q", m2.MessageId)
	}
}

func receive(t *testing.T, msgs <-chan amqp.Delivery) amqp.Delivery {
	t.Helper()
	select {
	case m := <-msgs:
		return m
	case <-time.After(10 * time.Second): // a bound on a hang, not a timing assertion
		t.Fatal("no message reached the queue")
	}
	return amqp.Delivery{}
}

// TestRabbitMQMissingExchange: an exchange that does not exist is a clear,
// retryable failure (the broker closes the channel with 404), and the next
// publish on the same connection to one that exists is confirmed.
func TestRabbitMQMissingExchange(t *testing.T) {
	admin := rabbitAdmin(t)
	exchange, _ := rabbitTopology(t, admin, "#")
	g := newLoopbackGuard(t)
	r := newRabbit(t, Config{Dial: g.DialContext})
	w, _ := signedWebhook(t, "order.paid")
	missing := unique("herald-test-missing-")
	res := rabbitDestination(t, r, RabbitMQConfig{URL: rabbitURL, Exchange: missing}).Publish(context.Background(), w)
	if res.OK() || !res.Retryable || !strings.Contains(res.Err, "404") || !strings.Contains(res.Err, "no exchange '"+missing+"'") {
		t.Fatalf("publish to a missing exchange: %+v", res)
	}
	res = rabbitDestination(t, r, RabbitMQConfig{URL: rabbitURL, Exchange: exchange}).Publish(context.Background(), w)
	if !res.OK() || g.dials.Load() != 1 {
		t.Fatalf("after a channel closed by the broker: %+v, %d dials (want the connection kept)", res, g.dials.Load())
	}
}

// TestRabbitMQUnroutable: a message the exchange routes to no queue comes
// back (mandatory) and is a failure, not a confirmed success.
func TestRabbitMQUnroutable(t *testing.T) {
	admin := rabbitAdmin(t)
	exchange, _ := rabbitTopology(t, admin, "") // no binding
	r := newRabbit(t, Config{Dial: newLoopbackGuard(t).DialContext})
	w, _ := signedWebhook(t, "order.paid")
	res := rabbitDestination(t, r, RabbitMQConfig{URL: rabbitURL, Exchange: exchange}).Publish(context.Background(), w)
	if res.OK() || !res.Retryable || !strings.Contains(res.Err, "returned unroutable (312 NO_ROUTE)") {
		t.Fatalf("publish routed nowhere: %+v", res)
	}
}

// TestRabbitMQRedialsDeadConnection: a connection that died is dropped and
// the next publish dials a new one.
func TestRabbitMQRedialsDeadConnection(t *testing.T) {
	admin := rabbitAdmin(t)
	exchange, _ := rabbitTopology(t, admin, "#")
	g := newLoopbackGuard(t)
	r := newRabbit(t, Config{Dial: g.DialContext})
	d := rabbitDestination(t, r, RabbitMQConfig{URL: rabbitURL, Exchange: exchange})
	w, _ := signedWebhook(t, "order.paid")
	if res := d.Publish(context.Background(), w); !res.OK() {
		t.Fatal(res)
	}
	r.pool.mu.Lock()
	c := r.pool.conns[rabbitURL].c
	r.pool.mu.Unlock()
	closed := c.conn.NotifyClose(make(chan *amqp.Error, 1))
	c.raw.Close() // the network drops it
	<-closed
	if res := d.Publish(context.Background(), w); !res.OK() || g.dials.Load() != 2 {
		t.Fatalf("after the connection died: %+v, %d dials; want a new connection", res, g.dials.Load())
	}
	r.pool.mu.Lock()
	second := r.pool.conns[rabbitURL].c.conn
	r.pool.mu.Unlock()
	closed2 := second.NotifyClose(make(chan *amqp.Error, 1))
	r.Close()
	<-closed2 // Close closed the pooled connection
	if res := d.Publish(context.Background(), w); res.OK() || !strings.Contains(res.Err, "closed") {
		t.Fatalf("publish after Close: %+v", res)
	}
}

// TestRabbitMQHangingBroker: a broker that accepts the connection and
// never answers costs the attempt's deadline, not a goroutine held
// forever: the publish returns a retryable timeout and the socket is
// closed.
func TestRabbitMQHangingBroker(t *testing.T) {
	addr, closed := hangingBroker(t)
	r := newRabbit(t, Config{Dial: newLoopbackGuard(t).DialContext, Timeout: time.Hour})
	d := rabbitDestination(t, r, RabbitMQConfig{URL: "amqp://guest:guest@" + addr + "/", Exchange: "x"})
	w, _ := signedWebhook(t, "order.paid")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	res := d.Publish(ctx, w)
	if res.OK() || res.Err != "timeout" || !res.Retryable {
		t.Fatalf("publish to a broker that never answers: %+v", res)
	}
	<-closed // the client closed its socket
	if r.pool.size() != 0 {
		t.Fatal("a connection that never opened is pooled")
	}
}

// TestRabbitMQGuardRefuses: the egress policy is applied to the broker's
// address when it is dialled; a refused address is never dialled, and the
// failure is blocked and not retryable.
func TestRabbitMQGuardRefuses(t *testing.T) {
	r := newRabbit(t, Config{Dial: refusingGuard(t).DialContext})
	w, _ := signedWebhook(t, "order.paid")
	for url, why := range map[string]string{
		"amqp://guest:guest@127.0.0.1:5672/":        "127.0.0.1",
		"amqps://u:p@broker.internal.example:5671/": "169.254.169.254",
	} {
		d := rabbitDestination(t, r, RabbitMQConfig{URL: url, Exchange: "x"})
		checkBlocked(t, d.Publish(context.Background(), w), why)
	}
}

// TestRabbitMQNack: a message the broker refuses (a queue full with
// x-overflow reject-publish nacks it) is a failure, not a success.
func TestRabbitMQNack(t *testing.T) {
	admin := rabbitAdmin(t)
	queue := unique("herald-test-full-")
	if _, err := admin.QueueDeclare(queue, false, false, false, false,
		amqp.Table{"x-max-length": int32(1), "x-overflow": "reject-publish"}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.QueueDelete(queue, false, false, false) })
	r := newRabbit(t, Config{Dial: newLoopbackGuard(t).DialContext})
	d := rabbitDestination(t, r, RabbitMQConfig{URL: rabbitURL, RoutingKey: queue}) // the default exchange
	w, _ := signedWebhook(t, "order.paid")
	if res := d.Publish(context.Background(), w); !res.OK() || res.Ack != "confirmed by the default exchange" {
		t.Fatalf("first publish into a queue of one: %+v", res)
	}
	if res := d.Publish(context.Background(), w); res.OK() || !res.Retryable || res.Err != "rabbitmq: the broker refused the message (nack)" {
		t.Fatalf("publish into a full queue: %+v", res)
	}
}

// TestRabbitMQConcurrentPublishes: publishes in flight together on one
// connection each get their own answer: every routable one confirmed and
// consumed once, every unroutable one returned to its own publisher.
func TestRabbitMQConcurrentPublishes(t *testing.T) {
	admin := rabbitAdmin(t)
	exchange, queue := rabbitTopology(t, admin, "routed")
	r := newRabbit(t, Config{Dial: newLoopbackGuard(t).DialContext})
	routed := rabbitDestination(t, r, RabbitMQConfig{URL: rabbitURL, Exchange: exchange, RoutingKey: "routed"})
	lost := rabbitDestination(t, r, RabbitMQConfig{URL: rabbitURL, Exchange: exchange, RoutingKey: "nowhere"})
	const n = 40
	results := make([]Result, n)
	ids := make([]string, n)
	done := make(chan int)
	for i := range n {
		go func() {
			w, _ := signedWebhook(t, "order.paid")
			ids[i] = w.ID
			d := routed
			if i%2 == 1 {
				d = lost
			}
			results[i] = d.Publish(context.Background(), w)
			done <- i
		}()
	}
	for range n {
		<-done
	}
	want := map[string]bool{}
	for i, res := range results {
		switch {
		case i%2 == 0 && !res.OK():
			t.Errorf("publish %d (routed) failed: %s", i, res.Err)
		case i%2 == 0:
			want[ids[i]] = true
		case res.OK() || !strings.Contains(res.Err, "returned unroutable"):
			t.Errorf("publish %d (routed nowhere): %+v", i, res)
		}
	}
	msgs, err := admin.Consume(queue, "", true, true, false, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	for len(want) > 0 {
		m := receive(t, msgs)
		if !want[m.MessageId] {
			t.Fatalf("consumed %s, not one confirmed or consumed twice", m.MessageId)
		}
		delete(want, m.MessageId)
	}
}
