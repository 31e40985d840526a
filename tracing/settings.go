package tracing

import (
	"fmt"
	"net/url"
	"strings"
)

// Protocols of OTLP that Herald exports with.
const (
	ProtocolHTTP = "http/protobuf"
	ProtocolGRPC = "grpc"
)

// Settings say whether spans are exported, and how.
type Settings struct {
	On       bool
	Protocol string // ProtocolHTTP or ProtocolGRPC
	// EndpointURL is where spans go, as the exporter takes it: for HTTP
	// the whole URL of the traces path. Empty, the exporter reads the
	// standard OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT itself (and in any
	// case OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT, _CERTIFICATE, ...).
	EndpointURL string
}

// Resolve decides the settings from the --otel-endpoint and
// --otel-protocol flags and the standard OpenTelemetry environment
// (getenv), a flag winning over the variable it stands for. Tracing is on
// when an endpoint is named either way, or OTEL_TRACES_EXPORTER=otlp asks
// for the exporter's default (localhost); OTEL_SDK_DISABLED=true or
// OTEL_TRACES_EXPORTER=none keep it off whatever else is set.
//
// The flag's endpoint is a base address like OTEL_EXPORTER_OTLP_ENDPOINT:
// over HTTP, one with no path gets the signal's path, /v1/traces.
func Resolve(endpointFlag, protocolFlag string, getenv func(string) string) (Settings, error) {
	if strings.EqualFold(getenv("OTEL_SDK_DISABLED"), "true") {
		return Settings{}, nil
	}
	asked := false
	switch exp := strings.TrimSpace(getenv("OTEL_TRACES_EXPORTER")); exp {
	case "none":
		return Settings{}, nil
	case "otlp":
		asked = true
	case "":
	default:
		return Settings{}, fmt.Errorf("OTEL_TRACES_EXPORTER=%q: Herald exports traces with otlp only (or none)", exp)
	}
	s := Settings{Protocol: firstSet(protocolFlag, getenv("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"), getenv("OTEL_EXPORTER_OTLP_PROTOCOL"), ProtocolHTTP)}
	switch s.Protocol {
	case ProtocolHTTP, ProtocolGRPC:
	default:
		return Settings{}, fmt.Errorf("OTLP protocol %q: want %s or %s", s.Protocol, ProtocolHTTP, ProtocolGRPC)
	}
	if endpointFlag == "" {
		if !asked && getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") == "" && getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == "" {
			return Settings{}, nil
		}
		s.On = true
		return s, nil
	}
	u, err := url.Parse(endpointFlag)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Settings{}, fmt.Errorf("--otel-endpoint %q is not an address such as http://collector:4318 (HTTP) or http://collector:4317 (gRPC)", endpointFlag)
	}
	if s.Protocol == ProtocolHTTP && (u.Path == "" || u.Path == "/") {
		u.Path = "/v1/traces"
	}
	s.On, s.EndpointURL = true, u.String()
	return s, nil
}

func firstSet(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
