package destination

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// RabbitMQ publishes to RabbitMQ brokers with publisher confirms: a
// publish succeeds when the broker confirms that message, and fails on a
// nack, on a mandatory message returned unroutable, and on a channel the
// broker closes (an exchange that does not exist). One connection per
// broker URL is kept, each with channels in confirm mode, one publish in
// flight per channel so that a returned message is known to be this one.
type RabbitMQ struct {
	cfg  Config
	pool *pool[*amqpConn]
}

// NewRabbitMQ returns a RabbitMQ publisher. Close it to close its
// connections.
func NewRabbitMQ(cfg Config) (*RabbitMQ, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	p := newPool[*amqpConn](cfg.IdleTime, cfg.Now)
	p.start()
	return &RabbitMQ{cfg: cfg, pool: p}, nil
}

// Close closes every connection; publishes under way fail, retryable.
func (r *RabbitMQ) Close() { r.pool.close() }

// For returns the destination c describes, after validating it.
func (r *RabbitMQ) For(c RabbitMQConfig) (Destination, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return rabbitDest{r: r, cfg: c}, nil
}

type rabbitDest struct {
	r   *RabbitMQ
	cfg RabbitMQConfig
}

func (d rabbitDest) Publish(ctx context.Context, w Webhook) Result {
	return d.r.publish(ctx, d.cfg, w)
}

func (r *RabbitMQ) publish(ctx context.Context, c RabbitMQConfig, w Webhook) Result {
	start := r.cfg.Now()
	ctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	fail := func(err error) Result {
		reason, retry, blocked := classifyIn(ctx, err, classifyAMQP)
		return failure(start, r.cfg.Now(), reason, retry, blocked)
	}
	conn, release, err := r.pool.get(ctx, c.URL, func(ctx context.Context) (*amqpConn, error) { return r.dial(ctx, c.URL) })
	if err != nil {
		return fail(err)
	}
	broken := false
	defer func() { release(broken) }()

	m := RabbitMQMessage(c, w)
	stop := guardConn(ctx, conn.raw)
	ch, err := conn.channel()
	var dc *amqp.DeferredConfirmation
	if err == nil {
		dc, err = ch.ch.PublishWithDeferredConfirmWithContext(ctx, m.Exchange, m.RoutingKey, true, false, m.Publishing)
	}
	if !stop() {
		// The connection was closed under a call that did not return in
		// time: the broker hangs or TCP is blocked.
		broken = true
		return fail(context.DeadlineExceeded)
	}
	if err != nil {
		if ch != nil {
			ch.discard()
		}
		broken = conn.conn.IsClosed()
		return fail(err)
	}
	acked, err := dc.WaitContext(ctx)
	if err != nil {
		// The confirm may still come; this channel's next one would be
		// ambiguous, so it is not used again.
		ch.discard()
		return fail(err)
	}
	select {
	case ret, ok := <-ch.returns:
		if !ok {
			break // closed with the channel: no message came back
		}
		conn.put(ch)
		return failure(start, r.cfg.Now(), fmt.Sprintf("rabbitmq: returned unroutable (%d %s): exchange %q routes key %q to no queue",
			ret.ReplyCode, ret.ReplyText, m.Exchange, m.RoutingKey), true, false)
	default:
	}
	if !acked {
		select {
		case e := <-ch.closes:
			ch.discard()
			if e != nil {
				return fail(e)
			}
			return fail(amqp.ErrClosed)
		default:
		}
		conn.put(ch)
		return failure(start, r.cfg.Now(), "rabbitmq: the broker refused the message (nack)", true, false)
	}
	conn.put(ch)
	res := Result{StartedAt: start, Duration: r.cfg.Now().Sub(start), Ack: "confirmed"}
	if m.Exchange == "" {
		res.Ack += " by the default exchange"
	} else {
		res.Ack += " by exchange " + m.Exchange
	}
	return res
}

// dial opens a connection through the injected dialler, its handshake
// bounded by ctx.
func (r *RabbitMQ) dial(ctx context.Context, url string) (*amqpConn, error) {
	var raw net.Conn
	stop := func() bool { return true }
	conn, err := amqp.DialConfig(url, amqp.Config{
		Properties: amqp.Table{"product": "Herald", "connection_name": "herald"},
		Dial: func(network, addr string) (net.Conn, error) {
			c, err := r.cfg.Dial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			if d, ok := ctx.Deadline(); ok {
				// Cleared by the library once the handshake is done.
				_ = c.SetDeadline(d)
			}
			raw = c
			// The deadline bounds reads and writes; closing the socket
			// when ctx ends also covers a cancel without a deadline.
			stop = guardConn(ctx, c)
			return c, nil
		},
	})
	if !stop() && err == nil {
		conn.Close()
		err = context.DeadlineExceeded
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	return &amqpConn{conn: conn, raw: raw}, nil
}

// amqpConn is one pooled connection and its idle confirm-mode channels.
type amqpConn struct {
	conn *amqp.Connection
	raw  net.Conn
	mu   sync.Mutex
	free []*amqpChan
}

func (c *amqpConn) alive() bool { return !c.conn.IsClosed() }

func (c *amqpConn) close() {
	// Close waits for the broker's close-ok; one that hangs must not hold
	// the caller, and closing the socket after a short grace ends it.
	go func() {
		_ = c.conn.CloseDeadline(time.Now().Add(time.Second))
		c.raw.Close()
	}()
}

// channel returns an idle channel in confirm mode, or opens one.
func (c *amqpConn) channel() (*amqpChan, error) {
	c.mu.Lock()
	if n := len(c.free); n > 0 {
		ch := c.free[n-1]
		c.free = c.free[:n-1]
		c.mu.Unlock()
		return ch, nil
	}
	c.mu.Unlock()
	ch, err := c.conn.Channel()
	if err != nil {
		return nil, err
	}
	if err := ch.Confirm(false); err != nil {
		_ = ch.Close()
		return nil, err
	}
	return &amqpChan{
		ch: ch,
		// One publish in flight per channel: at most one return, one close.
		returns: ch.NotifyReturn(make(chan amqp.Return, 1)),
		closes:  ch.NotifyClose(make(chan *amqp.Error, 1)),
	}, nil
}

// put gives back a channel that is still usable.
func (c *amqpConn) put(ch *amqpChan) {
	if ch.ch.IsClosed() {
		return
	}
	c.mu.Lock()
	c.free = append(c.free, ch)
	c.mu.Unlock()
}

type amqpChan struct {
	ch      *amqp.Channel
	returns chan amqp.Return
	closes  chan *amqp.Error
}

// discard closes a channel in an unknown state without waiting on the
// broker: the close waits for the broker's answer or the connection's end,
// whichever comes first, on its own goroutine.
func (ch *amqpChan) discard() { go func() { _ = ch.ch.Close() }() }
