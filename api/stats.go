package api

import (
	"net/http"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/health"
	"github.com/heraldhq/herald/store"
)

// tallyView is a tally as the stats answers show it: the wire's names
// for health.Tally, whose deliveries ended in the delivery states'
// names (succeeded, failed).
type tallyView struct {
	Attempts    int64            `json:"attempts"`
	Succeeded   int64            `json:"succeeded"`
	Failed      int64            `json:"failed"`
	SuccessRate float64          `json:"success_rate"`
	Outcomes    map[string]int64 `json:"outcomes"`
	P50MS       float64          `json:"p50_ms"`
	P95MS       float64          `json:"p95_ms"`
}

func newTallyView(t health.Tally) tallyView {
	v := tallyView{Attempts: t.Attempts(), Succeeded: t.Delivered, Failed: t.GaveUp, SuccessRate: t.SuccessRate(), Outcomes: make(map[string]int64, health.Outcomes),
		P50MS: millis(t.Quantile(0.5)), P95MS: millis(t.Quantile(0.95))}
	for o := range health.Outcomes {
		v.Outcomes[o.String()] = t.Counts[o]
	}
	return v
}

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

type pointView struct {
	Start time.Time `json:"start"`
	tallyView
}

// series is a window's points and total, as the stats answers show them;
// the window runs from since (included) until until, the names of every
// time range of the API.
type series struct {
	Window      string      `json:"window"`
	Since       time.Time   `json:"since"`
	Until       time.Time   `json:"until"`
	StepSeconds int64       `json:"step_seconds"`
	Total       tallyView   `json:"total"`
	Points      []pointView `json:"points"`
}

func newSeries(win health.Window, rows []health.Row) series {
	points, total := win.Points(rows)
	out := series{Window: win.Name, Since: win.From, Until: win.Till, StepSeconds: int64(win.Step / time.Second),
		Total: newTallyView(total), Points: make([]pointView, len(points))}
	for i, p := range points {
		out.Points[i] = pointView{Start: p.Start, tallyView: newTallyView(p.Tally)}
	}
	return out
}

// endpointStats answers how an endpoint's attempts went over a window:
// a point per step and the total, by outcome and latency, and how near
// auto-disable its run of failures is.
func (s *Server) endpointStats(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	ep, err := s.cfg.Store.FindEndpointByID(r.Context(), r.PathValue("tenant"), r.PathValue("endpoint"))
	if err != nil {
		return err
	}
	win, err := health.DecideWindow(r.URL.Query().Get("window"), s.now())
	if err != nil {
		return err
	}
	rows, err := s.cfg.Store.FindEndpointStats(r.Context(), ep.ID, win.Span, win.From, win.Till)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		EndpointID string `json:"endpoint_id"`
		series
		health.Streak
	}{ep.ID, newSeries(win, rows), health.DecideStreak(ep.ConsecutiveFailures, ep.DisableAfterFailures)})
	return nil
}

// maxUnhealthy bounds the endpoints an overview lists; the endpoint list
// with ?unhealthy=true pages through all of them.
const maxUnhealthy = 50

// tenantOverview answers how a tenant's deliveries went over a window,
// summed over its endpoints, and which endpoints need care.
func (s *Server) tenantOverview(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	tenant := r.PathValue("tenant")
	if _, err := s.cfg.Store.FindTenantByID(r.Context(), tenant); err != nil {
		return err
	}
	win, err := health.DecideWindow(r.URL.Query().Get("window"), s.now())
	if err != nil {
		return err
	}
	rows, err := s.cfg.Store.FindTenantStats(r.Context(), tenant, win.Span, win.From, win.Till)
	if err != nil {
		return err
	}
	eps, next, err := s.cfg.Store.FindEndpoints(r.Context(), store.EndpointFilter{TenantID: tenant, Unhealthy: true, Page: store.Page{Limit: maxUnhealthy}})
	if err != nil {
		return err
	}
	for _, ep := range eps {
		present(ep)
	}
	if eps == nil {
		eps = []*herald.Endpoint{}
	}
	writeJSON(w, http.StatusOK, struct {
		TenantID string `json:"tenant_id"`
		series
		Unhealthy     []*herald.Endpoint `json:"unhealthy_endpoints"`
		UnhealthyMore bool               `json:"unhealthy_more"`
	}{tenant, newSeries(win, rows), eps, next != ""})
	return nil
}
