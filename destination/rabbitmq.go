package destination

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// RabbitMQConfig is where a RabbitMQ destination publishes (AMQP 0-9-1).
type RabbitMQConfig struct {
	// URL is the broker's amqp:// or amqps:// URL, with its credentials
	// and virtual host: amqp://user:pass@broker.example:5672/vhost. It
	// holds a secret: sealed at rest, never shown back.
	URL string
	// Exchange is the exchange published to; it must exist (Herald
	// declares nothing). Empty is the default exchange, which routes to
	// the queue the routing key names.
	Exchange string
	// RoutingKey is each message's routing key. Empty means the event's
	// type, so that a topic exchange routes by it ("order.*").
	RoutingKey string
}

// AMQP's short strings (exchange names, routing keys) are at most 255
// bytes.
const amqpShortString = 255

// Validate says what is wrong with c, if anything, in words a person can
// act on. It reaches no network.
func (c RabbitMQConfig) Validate() error {
	u, err := amqp.ParseURI(c.URL)
	if err != nil {
		return fmt.Errorf("url: must be an amqp:// or amqps:// URL, as in amqps://user:password@broker.example:5671/vhost (%v)", err)
	}
	if u.Host == "" {
		return errors.New("url: must name the broker's host")
	}
	if len(c.Exchange) > amqpShortString {
		return fmt.Errorf("exchange: %d bytes long; AMQP allows at most %d", len(c.Exchange), amqpShortString)
	}
	for _, r := range c.Exchange {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.:", r)) {
			return fmt.Errorf("exchange: %q has %q; an exchange name is letters, digits, '-', '_', '.' and ':'", c.Exchange, r)
		}
	}
	if len(c.RoutingKey) > amqpShortString {
		return fmt.Errorf("routing_key: %d bytes long; AMQP allows at most %d", len(c.RoutingKey), amqpShortString)
	}
	if c.Exchange == "" && c.RoutingKey == "" {
		return errors.New("routing_key: required with the default exchange, where it names the queue (or name an exchange)")
	}
	return nil
}

// AMQPMessage is one webhook as RabbitMQ receives it.
type AMQPMessage struct {
	Exchange   string
	RoutingKey string
	Publishing amqp.Publishing
}

// RabbitMQMessage maps w to the message published for c: the body as is;
// persistent (the broker writes it to disk before it confirms, on a
// durable queue); message-id the webhook-id; the content type; type the
// event type; timestamp the webhook-timestamp; and the webhook headers in
// the headers table, as strings, under the names an HTTP receiver reads.
func RabbitMQMessage(c RabbitMQConfig, w Webhook) AMQPMessage {
	headers := amqp.Table{}
	for _, h := range w.headers() {
		headers[h[0]] = h[1]
	}
	p := amqp.Publishing{
		Headers:      headers,
		ContentType:  w.contentType(),
		DeliveryMode: amqp.Persistent,
		MessageId:    w.ID,
		Type:         w.EventType,
		AppId:        "herald",
		Body:         w.Body,
	}
	if secs, err := strconv.ParseInt(w.Timestamp, 10, 64); err == nil {
		p.Timestamp = time.Unix(secs, 0).UTC()
	}
	key := c.RoutingKey
	if key == "" {
		key = w.EventType
	}
	return AMQPMessage{Exchange: c.Exchange, RoutingKey: key, Publishing: p}
}

// classifyAMQP names a RabbitMQ failure and says whether another attempt
// may succeed.
func classifyAMQP(err error) (reason string, retryable, blocked bool) {
	if r, retry, blocked, ok := classifyNet(err); ok {
		return r, retry, blocked
	}
	var ae *amqp.Error
	switch {
	case errors.Is(err, amqp.ErrClosed):
		return "rabbitmq: the connection closed", true, false
	case errors.Is(err, amqp.ErrSASL), errors.Is(err, amqp.ErrCredentials):
		return "rabbitmq: the broker refused the credentials", true, false
	case errors.As(err, &ae):
		reason = fmt.Sprintf("rabbitmq: %d %s", ae.Code, ae.Reason)
		switch ae.Code {
		case amqp.PreconditionFailed, amqp.SyntaxError, amqp.CommandInvalid:
			// The message or its properties, not the broker's state: the
			// same message fails the same way every time.
			return reason, false, false
		}
		// FrameError (501) is also how the client reports a read that
		// failed: the connection, not the message.
		return reason, true, false
	}
	return "rabbitmq: " + err.Error(), true, false
}
