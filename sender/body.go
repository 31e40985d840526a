package sender

import (
	"encoding/json"
	"time"

	"github.com/heraldhq/herald"
)

// StandardBody renders an event as the Standard Webhooks payload:
// {"type": ..., "timestamp": ..., "data": {...}}. It depends only on the
// event, so every retry sends the same bytes.
func StandardBody(ev *herald.Event) []byte {
	b, err := json.Marshal(struct {
		Type      string          `json:"type"`
		Timestamp string          `json:"timestamp"`
		Data      json.RawMessage `json:"data"`
	}{ev.Type, ev.CreatedAt.UTC().Format(time.RFC3339Nano), ev.Data})
	if err != nil {
		// Data was checked to be a JSON object on the way in.
		panic("sender: cannot render event " + ev.ID + ": " + err.Error())
	}
	return b
}
