package sender

import (
	"strconv"
	"time"

	"github.com/heraldhq/herald"
)

// StandardBody renders an event as the Standard Webhooks payload:
// {"type": ..., "timestamp": ..., "data": {...}}. It depends only on the
// event, so every retry sends the same bytes. The event's data is already
// validated, compacted JSON, so it is copied as is rather than re-encoded.
func StandardBody(ev *herald.Event) []byte {
	ts := ev.CreatedAt.UTC().Format(time.RFC3339Nano)
	b := make([]byte, 0, len(ev.Data)+len(ev.Type)+len(ts)+40)
	b = append(b, `{"type":`...)
	b = strconv.AppendQuote(b, ev.Type)
	b = append(b, `,"timestamp":"`...)
	b = append(b, ts...)
	b = append(b, `","data":`...)
	b = append(b, ev.Data...)
	return append(b, '}')
}
