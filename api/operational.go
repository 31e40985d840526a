package api

import (
	"time"

	"github.com/heraldhq/herald"
)

// reportEndpoint emits an endpoint.* event about ep, at at (package
// opevent/emitter stores it, after this request's answer).
func (s *Server) reportEndpoint(typ string, ep *herald.Endpoint, reason string, at time.Time) {
	s.cfg.Reports.Endpoint(typ, ep, reason, at)
}
