package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// Request bodies and answers go through pooled buffers: many requests at
// once, of sizes from tiny to several times the pooled buffers' first size
// and back, each get their own data in their answer and in the store.
func TestPooledBuffersKeepRequestsApart(t *testing.T) {
	h := newHarness(t)
	h.tenant("acme")
	const clients, each = 8, 25
	sent := make(map[string]string) // event id → its data, compacted
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, clients*each)
	for c := range clients {
		wg.Go(func() {
			for i := range each {
				id := fmt.Sprintf("evt_%d_%d", c, i)
				fill := strings.Repeat(string(rune('a'+(c+i)%26)), []int{1, 300, 5000, 40, 20000, 2}[(c+i)%6])
				data := fmt.Sprintf(`{"id":%q,"fill":%q}`, id, fill)
				body, _ := json.Marshal(map[string]any{"id": id, "type": "job.completed", "data": json.RawMessage(data)})
				req, _ := http.NewRequest("POST", h.url+"/v1/tenants/acme/events", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+adminKey)
				req.Header.Set("Content-Type", "application/json")
				resp, err := h.client.Do(req)
				if err != nil {
					errs <- err
					return
				}
				raw, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				var got eventView
				if err := json.Unmarshal(raw, &got); err != nil || resp.StatusCode != http.StatusAccepted {
					errs <- fmt.Errorf("%s: %d %s", id, resp.StatusCode, raw)
					continue
				}
				if got.ID != id || string(got.Data) != data {
					errs <- fmt.Errorf("%s: answered as %s with data of %d bytes, want its own %d", id, got.ID, len(got.Data), len(data))
				}
				mu.Lock()
				sent[id] = data
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(sent) != clients*each {
		t.Fatalf("%d events accepted, want %d", len(sent), clients*each)
	}
	for id, data := range sent {
		var ev eventView
		h.must(http.StatusOK, "GET", "/v1/tenants/acme/events/"+id, nil, &ev)
		if string(ev.Data) != data {
			t.Errorf("%s stored with data of %d bytes, want its own %d", id, len(ev.Data), len(data))
		}
	}
}
