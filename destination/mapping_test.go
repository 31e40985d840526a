package destination

import (
	"context"
	"errors"
	"fmt"
	"net"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/heraldhq/herald/egress"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	amqp "github.com/rabbitmq/amqp091-go"
)

var sample = Webhook{
	ID:          "evt_01J0000000000000000000000",
	Timestamp:   "1765152000",
	Signature:   "v1,abc=",
	EventType:   "order.paid",
	ContentType: "",
	Body:        []byte(`{"type":"order.paid","timestamp":"2025-12-08T00:00:00Z","data":{"id":1}}`),
}

func TestFromHeaders(t *testing.T) {
	body := []byte(`{}`)
	got := FromHeaders(map[string]string{
		"webhook-id": "evt_1", "webhook-timestamp": "17", "webhook-signature": "v1,x",
		"Content-Type": "application/cloudevents+json", "Authorization": "Bearer secret", "X-Static": "secret",
		"User-Agent": "Herald",
	}, "a.b", body)
	want := Webhook{ID: "evt_1", Timestamp: "17", Signature: "v1,x", EventType: "a.b", ContentType: "application/cloudevents+json", Body: body}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("FromHeaders = %+v, want %+v (the bearer token and static headers stay HTTP's)", got, want)
	}
}

func TestRabbitMQConfigValidate(t *testing.T) {
	long := strings.Repeat("x", 256)
	for _, tc := range []struct {
		name string
		cfg  RabbitMQConfig
		err  string // a part of the error; "" for valid
	}{
		{"exchange and key", RabbitMQConfig{URL: "amqp://u:p@broker.example:5672/vh", Exchange: "orders", RoutingKey: "paid"}, ""},
		{"amqps, key from the event type", RabbitMQConfig{URL: "amqps://u:p@broker.example/", Exchange: "amq.topic"}, ""},
		{"default exchange names the queue", RabbitMQConfig{URL: "amqp://broker.example", RoutingKey: "hooks"}, ""},
		{"default exchange needs a key", RabbitMQConfig{URL: "amqp://broker.example"}, "routing_key: required"},
		{"http URL", RabbitMQConfig{URL: "http://broker.example", Exchange: "x"}, "url: must be an amqp://"},
		{"empty URL", RabbitMQConfig{Exchange: "x"}, "url:"},
		{"exchange with a space", RabbitMQConfig{URL: "amqp://b.example", Exchange: "my orders"}, "exchange:"},
		{"exchange too long", RabbitMQConfig{URL: "amqp://b.example", Exchange: long}, "exchange: 256 bytes"},
		{"routing key too long", RabbitMQConfig{URL: "amqp://b.example", Exchange: "x", RoutingKey: long}, "routing_key: 256 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkErr(t, tc.cfg.Validate(), tc.err)
		})
	}
}

func TestNATSConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  NATSConfig
		err  string
	}{
		{"plain", NATSConfig{URL: "nats://nats.example:4222", Subject: "orders.webhooks"}, ""},
		{"tls with credentials", NATSConfig{URL: "tls://u:p@nats.example:4222", Subject: "a"}, ""},
		{"https", NATSConfig{URL: "https://nats.example", Subject: "a"}, `not "https://"`},
		{"no host", NATSConfig{URL: "nats://", Subject: "a"}, "url:"},
		{"two servers", NATSConfig{URL: "nats://a.example:4222,b.example:4222", Subject: "a"}, "one server"},
		{"a path", NATSConfig{URL: "nats://a.example/x", Subject: "a"}, "no path"},
		{"no subject", NATSConfig{URL: "nats://a.example"}, "subject: required"},
		{"wildcard", NATSConfig{URL: "nats://a.example", Subject: "orders.*"}, "wildcard"},
		{"tail wildcard", NATSConfig{URL: "nats://a.example", Subject: "orders.>"}, "wildcard"},
		{"empty token", NATSConfig{URL: "nats://a.example", Subject: "orders..paid"}, "empty token"},
		{"space", NATSConfig{URL: "nats://a.example", Subject: "orders paid"}, "white space"},
		{"too long", NATSConfig{URL: "nats://a.example", Subject: strings.Repeat("a", 256)}, "256 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkErr(t, tc.cfg.Validate(), tc.err)
		})
	}
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("valid config refused: %v", err)
	case want != "" && err == nil:
		t.Fatalf("accepted; want an error with %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Fatalf("error %q does not say %q", err, want)
	}
}

func TestRabbitMQMessage(t *testing.T) {
	unsigned := sample
	unsigned.Signature, unsigned.ContentType = "", "application/cloudevents+json"
	for _, tc := range []struct {
		name string
		cfg  RabbitMQConfig
		w    Webhook
		want AMQPMessage
	}{
		{"signed, key from the config", RabbitMQConfig{Exchange: "orders", RoutingKey: "hooks"}, sample, AMQPMessage{
			Exchange: "orders", RoutingKey: "hooks",
			Publishing: amqp.Publishing{
				Headers: amqp.Table{"webhook-id": sample.ID, "webhook-timestamp": "1765152000",
					"webhook-signature": "v1,abc=", "webhook-event-type": "order.paid"},
				ContentType: "application/json", DeliveryMode: amqp.Persistent, MessageId: sample.ID,
				Type: "order.paid", AppId: "herald", Timestamp: time.Unix(1765152000, 0).UTC(), Body: sample.Body,
			}}},
		{"unsigned, key from the event type", RabbitMQConfig{Exchange: "amq.topic"}, unsigned, AMQPMessage{
			Exchange: "amq.topic", RoutingKey: "order.paid",
			Publishing: amqp.Publishing{
				Headers:     amqp.Table{"webhook-id": sample.ID, "webhook-timestamp": "1765152000", "webhook-event-type": "order.paid"},
				ContentType: "application/cloudevents+json", DeliveryMode: amqp.Persistent, MessageId: sample.ID,
				Type: "order.paid", AppId: "herald", Timestamp: time.Unix(1765152000, 0).UTC(), Body: sample.Body,
			}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := RabbitMQMessage(tc.cfg, tc.w)
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got  %+v\nwant %+v", got, tc.want)
			}
			if err := got.Publishing.Headers.Validate(); err != nil {
				t.Fatalf("the headers table is not valid AMQP: %v", err)
			}
		})
	}
}

func TestNATSMessage(t *testing.T) {
	got := NATSMessage(NATSConfig{Subject: "orders.webhooks"}, sample)
	want := nats.Header{
		"webhook-id": {sample.ID}, "webhook-timestamp": {"1765152000"}, "webhook-signature": {"v1,abc="},
		"webhook-event-type": {"order.paid"}, "Content-Type": {"application/json"}, "Nats-Msg-Id": {sample.ID},
	}
	if got.Subject != "orders.webhooks" || string(got.Data) != string(sample.Body) || !reflect.DeepEqual(got.Header, want) {
		t.Fatalf("got subject %q data %s headers %v\nwant headers %v", got.Subject, got.Data, got.Header, want)
	}
	unsigned := sample
	unsigned.Signature = ""
	if _, ok := NATSMessage(NATSConfig{Subject: "a"}, unsigned).Header["webhook-signature"]; ok {
		t.Fatal("an unsigned webhook carries an empty webhook-signature header")
	}
}

func TestClassify(t *testing.T) {
	blocked := &egress.BlockedError{Rule: "address", Detail: "127.0.0.1 is loopback"}
	for _, tc := range []struct {
		name      string
		classify  func(error) (string, bool, bool)
		err       error
		reason    string
		retryable bool
		blocked   bool
	}{
		{"amqp blocked", classifyAMQP, fmt.Errorf("dial: %w", blocked), "blocked by policy: 127.0.0.1 is loopback", false, true},
		{"amqp timeout", classifyAMQP, context.DeadlineExceeded, "timeout", true, false},
		{"amqp refused", classifyAMQP, &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, "connection refused", true, false},
		{"amqp no exchange", classifyAMQP, &amqp.Error{Code: amqp.NotFound, Reason: "NOT_FOUND - no exchange 'x' in vhost '/'"},
			"rabbitmq: 404 NOT_FOUND - no exchange 'x' in vhost '/'", true, false},
		{"amqp too large", classifyAMQP, &amqp.Error{Code: amqp.PreconditionFailed, Reason: "PRECONDITION_FAILED - message size 9 is larger than configured max size 8"},
			"rabbitmq: 406 PRECONDITION_FAILED - message size 9 is larger than configured max size 8", false, false},
		{"amqp credentials", classifyAMQP, amqp.ErrCredentials, "rabbitmq: the broker refused the credentials", true, false},
		{"amqp closed", classifyAMQP, amqp.ErrClosed, "rabbitmq: the connection closed", true, false},
		{"amqp other", classifyAMQP, errors.New("odd"), "rabbitmq: odd", true, false},
		{"nats no stream", natsOn("a.b"), jetstream.ErrNoStreamResponse, `nats: no JetStream stream takes subject "a.b"`, true, false},
		{"nats too large", natsOn("a.b"), nats.ErrMaxPayload, "nats: the message is larger than the server's max_payload", false, false},
		{"nats blocked", natsOn("a.b"), blocked, "blocked by policy: 127.0.0.1 is loopback", false, true},
		{"nats timeout", natsOn("a.b"), nats.ErrTimeout, "timeout", true, false},
		{"nats ctx timeout", natsOn("a.b"), context.DeadlineExceeded, "timeout", true, false},
		{"nats auth", natsOn("a.b"), nats.ErrAuthorization, "nats: the server refused the credentials", true, false},
		{"nats api", natsOn("a.b"), &jetstream.APIError{Code: 503, ErrorCode: 10077, Description: "maximum messages exceeded"},
			"nats: jetstream error 10077: maximum messages exceeded", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reason, retryable, blocked := tc.classify(tc.err)
			if reason != tc.reason || retryable != tc.retryable || blocked != tc.blocked {
				t.Fatalf("got (%q, retryable %v, blocked %v), want (%q, %v, %v)", reason, retryable, blocked, tc.reason, tc.retryable, tc.blocked)
			}
		})
	}
}

func natsOn(subject string) func(error) (string, bool, bool) {
	return func(err error) (string, bool, bool) { return classifyNATS(err, subject) }
}

func TestIdleExpired(t *testing.T) {
	t0 := time.Unix(1000, 0)
	for _, tc := range []struct {
		inUse int
		since time.Duration
		want  bool
	}{
		{0, 6 * time.Minute, true},
		{0, 5 * time.Minute, false}, // exactly the bound: kept
		{0, time.Second, false},
		{1, time.Hour, false}, // in use is never idle
	} {
		if got := idleExpired(tc.inUse, t0, t0.Add(tc.since), 5*time.Minute); got != tc.want {
			t.Errorf("idleExpired(inUse %d, %v after last use) = %v, want %v", tc.inUse, tc.since, got, tc.want)
		}
	}
}

type fakeConn struct {
	dead   bool
	closed int
}

func (c *fakeConn) alive() bool { return !c.dead && c.closed == 0 }
func (c *fakeConn) close()      { c.closed++ }

// TestPool: one connection per key, reused; a dead one re-dialled on the
// next get; idle ones closed past the bound, in-use ones never; Close
// closes the rest and refuses more.
func TestPool(t *testing.T) {
	now := time.Unix(1000, 0)
	p := newPool[*fakeConn](time.Minute, func() time.Time { return now })
	p.start()
	var dialled []*fakeConn
	dial := func(context.Context) (*fakeConn, error) {
		c := &fakeConn{}
		dialled = append(dialled, c)
		return c, nil
	}
	ctx := context.Background()
	a, rel, err := p.get(ctx, "a", dial)
	if err != nil {
		t.Fatal(err)
	}
	rel(false)
	a2, rel2, _ := p.get(ctx, "a", dial)
	if a2 != a || len(dialled) != 1 {
		t.Fatalf("the second get dialled again (%d dials)", len(dialled))
	}
	rel2(false)
	a.dead = true
	a3, rel3, _ := p.get(ctx, "a", dial)
	if a3 == a || len(dialled) != 2 || a.closed != 1 {
		t.Fatalf("a dead connection was not replaced and closed: dials %d, closed %d", len(dialled), a.closed)
	}
	b, relB, _ := p.get(ctx, "b", dial) // held across the idle sweep
	rel3(false)
	now = now.Add(2 * time.Minute)
	if n := p.closeIdle(now); n != 1 || a3.closed != 1 || b.closed != 0 {
		t.Fatalf("closeIdle closed %d (a3 %d, in-use b %d); want only the idle one", n, a3.closed, b.closed)
	}
	relB(true) // broken: dropped and closed
	if b.closed != 1 || p.size() != 0 {
		t.Fatalf("a broken connection was kept (closed %d, pool %d)", b.closed, p.size())
	}
	c, relC, _ := p.get(ctx, "c", dial)
	relC(false)
	p.close()
	if c.closed != 1 {
		t.Fatal("Close left a connection open")
	}
	if _, _, err := p.get(ctx, "c", dial); !errors.Is(err, errClosed) {
		t.Fatalf("get after Close: %v, want errClosed", err)
	}
}

func TestNewRequiresDial(t *testing.T) {
	if _, err := NewRabbitMQ(Config{}); err == nil {
		t.Fatal("NewRabbitMQ without Dial succeeded: there must be no unguarded way out")
	}
	if _, err := NewNATS(Config{}); err == nil {
		t.Fatal("NewNATS without Dial succeeded")
	}
}

// TestClassifyIn: a publish whose deadline passed is a timeout, whatever
// error the client made of its closed socket; a refusal stays a refusal.
func TestClassifyIn(t *testing.T) {
	expired, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel()
	canceled, cancel2 := context.WithCancel(context.Background())
	cancel2()
	frame := &amqp.Error{Code: amqp.FrameError, Reason: "read tcp: i/o timeout"}
	blocked := &egress.BlockedError{Rule: "address", Detail: "10.0.0.7 is private"}
	for _, tc := range []struct {
		name      string
		ctx       context.Context
		err       error
		reason    string
		retryable bool
		blocked   bool
	}{
		{"live", context.Background(), frame, "rabbitmq: 501 read tcp: i/o timeout", true, false},
		{"deadline passed", expired, frame, "timeout", true, false},
		{"canceled", canceled, amqp.ErrClosed, "canceled", true, false},
		{"blocked past the deadline", expired, blocked, "blocked by policy: 10.0.0.7 is private", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reason, retryable, blocked := classifyIn(tc.ctx, tc.err, classifyAMQP)
			if reason != tc.reason || retryable != tc.retryable || blocked != tc.blocked {
				t.Fatalf("got (%q, %v, %v), want (%q, %v, %v)", reason, retryable, blocked, tc.reason, tc.retryable, tc.blocked)
			}
		})
	}
}
