package destination

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// NATSConfig is where a NATS JetStream destination publishes.
type NATSConfig struct {
	// URL is the server's nats:// or tls:// URL, with credentials if it
	// needs them (nats://user:pass@host:4222 or nats://token@host:4222).
	// It may hold a secret: sealed at rest, never shown back.
	URL string
	// Subject is the subject published to; a stream must take it (Herald
	// creates no stream). A literal subject: no wildcards.
	Subject string
}

// NATS's default largest subject; servers may allow longer, none shorter.
const maxSubject = 255

// Validate says what is wrong with c, if anything, in words a person can
// act on. It reaches no network.
func (c NATSConfig) Validate() error {
	u, err := url.Parse(c.URL)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return errors.New("url: must be a nats:// or tls:// URL with a host, as in tls://user:password@nats.example:4222")
	}
	switch u.Scheme {
	case "nats", "tls":
	default:
		return fmt.Errorf("url: must start with nats:// or tls://, not %q", u.Scheme+"://")
	}
	if strings.Contains(u.Host, ",") {
		return errors.New("url: one server only; a cluster tells the client its other servers itself")
	}
	if u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.Fragment != "" {
		return errors.New("url: takes no path, query or fragment")
	}
	if c.Subject == "" {
		return errors.New("subject: required, as in orders.webhooks")
	}
	if len(c.Subject) > maxSubject {
		return fmt.Errorf("subject: %d bytes long; at most %d", len(c.Subject), maxSubject)
	}
	for _, tok := range strings.Split(c.Subject, ".") {
		switch {
		case tok == "":
			return fmt.Errorf("subject: %q has an empty token; tokens are separated by single dots", c.Subject)
		case tok == "*" || tok == ">":
			return fmt.Errorf("subject: %q has the wildcard %q; a message is published to a literal subject", c.Subject, tok)
		case strings.ContainsAny(tok, " \t\r\n"):
			return fmt.Errorf("subject: %q has white space", c.Subject)
		}
	}
	return nil
}

// NATSMessage maps w to the message published for c: the body as is; the
// webhook headers under the names an HTTP receiver reads, Content-Type,
// and Nats-Msg-Id set to the webhook-id, so that the stream drops a second
// copy within its duplicate window (a retry of an attempt whose PubAck was
// lost is acknowledged as a duplicate, not stored twice).
func NATSMessage(c NATSConfig, w Webhook) *nats.Msg {
	m := nats.NewMsg(c.Subject)
	m.Data = w.Body
	// Set through the map: nats.Header.Set would canonicalise the names
	// (Webhook-Id), and a consumer looks them up as Standard Webhooks
	// spells them.
	for _, h := range w.headers() {
		m.Header[h[0]] = []string{h[1]}
	}
	m.Header["Content-Type"] = []string{w.contentType()}
	m.Header[jetstream.MsgIDHeader] = []string{w.ID}
	return m
}

// classifyNATS names a NATS failure and says whether another attempt may
// succeed.
func classifyNATS(err error, subject string) (reason string, retryable, blocked bool) {
	var api *jetstream.APIError
	switch {
	case errors.Is(err, jetstream.ErrNoStreamResponse), errors.Is(err, nats.ErrNoResponders):
		return fmt.Sprintf("nats: no JetStream stream takes subject %q", subject), true, false
	case errors.Is(err, nats.ErrMaxPayload):
		return "nats: the message is larger than the server's max_payload", false, false
	case errors.Is(err, nats.ErrAuthorization), errors.Is(err, nats.ErrAuthExpired), errors.Is(err, nats.ErrAuthRevoked):
		return "nats: the server refused the credentials", true, false
	case errors.As(err, &api):
		return fmt.Sprintf("nats: jetstream error %d: %s", api.ErrorCode, api.Description), true, false
	}
	if r, retry, blocked, ok := classifyNet(err); ok {
		return r, retry, blocked
	}
	switch {
	case errors.Is(err, nats.ErrTimeout):
		return "timeout", true, false
	case errors.Is(err, nats.ErrConnectionClosed), errors.Is(err, nats.ErrNoServers):
		return "nats: the connection closed", true, false
	}
	return "nats: " + strings.TrimPrefix(err.Error(), "nats: "), true, false
}
