package endpointspec

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/sigscheme"
)

// valid is a set of settings that passes Validate; each case of
// TestValidate breaks one rule of it.
func valid() Settings {
	s := Defaults()
	s.URL = "https://example.com/hooks"
	return s
}

func scheme() *sigscheme.Scheme {
	return &sigscheme.Scheme{Algorithm: "sha256", Encoding: "hex", Signed: "{timestamp}.{body}", Header: "X-Webhook-Signature",
		Value: "{signature}", TimestampHeader: "X-Webhook-Timestamp", Key: "utf8"}
}

// Every rule of Validate, each with the message a client reads.
func TestValidate(t *testing.T) {
	long := strings.Repeat("a", MaxNameLen+1)
	many := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = "t" + strings.Repeat("x", i%5) + string(rune('a'+i%26)) + string(rune('a'+i/26))
		}
		return out
	}
	for _, c := range []struct {
		name   string
		change func(*Settings)
		want   string // "" for valid
	}{
		{"valid as it is", func(*Settings) {}, ""},
		{"zero values take the defaults", func(s *Settings) {
			s.Format, s.Signature, s.Ordering, s.EnvelopeObject, s.APIVersion = "", "", "", "", ""
		}, ""},
		{"every value named", func(s *Settings) {
			s.Format, s.Signature, s.SignatureHeader, s.Ordering = herald.FormatEnvelope, herald.SignatureHexHeader, "X-Sig", OrderingFIFO
			s.EnvelopeObject, s.APIVersion, s.PathSuffix, s.UserAgent, s.BearerToken = "invoice", "2024-01-01", "/cb", "Acme/1", "tok"
			s.RateLimit = &ratelimit.Limit{Count: 10, Per: time.Second, Burst: 2}
			s.RetryPolicy = &retry.Policy{Kind: retry.KindSchedule}
			s.DisableAfterFailures, s.Headers = MaxDisableAfterFails, map[string]string{"X-Team": "ml"}
		}, ""},
		{"url missing", func(s *Settings) { s.URL = "" },
			`field "url" is required, for example {"url": "https://example.com/webhooks"}`},
		{"description too long", func(s *Settings) { s.Description = strings.Repeat("d", MaxDescription+1) },
			"description must be at most 1024 characters"},
		{"event type not a name", func(s *Settings) { s.EventTypes = []string{"job done"} },
			`event_types entry "job done" is not valid: use 1 to 128 letters, digits, '.', '_', ':' or '-'`},
		{"event type twice", func(s *Settings) { s.EventTypes = []string{"a", "a"} }, `event_types lists "a" twice`},
		{"too many event types", func(s *Settings) { s.EventTypes = many(MaxEventTypes + 1) },
			"event_types may list at most 100 entries, not 101"},
		{"channel too long", func(s *Settings) { s.Channels = []string{long} },
			`channels entry "` + long + `" is not valid: use 1 to 128 letters, digits, '.', '_', ':' or '-'`},
		{"too many channels", func(s *Settings) { s.Channels = many(MaxChannels + 1) }, "channels may list at most 10 entries, not 11"},
		{"retry policy out of range", func(s *Settings) { s.RetryPolicy = &retry.Policy{Kind: retry.KindSchedule, Jitter: 2} },
			"retry_policy is not valid: jitter must be between 0 and 1 (0.2 means ±20%), not 2"},
		{"disable_after_failures negative", func(s *Settings) { s.DisableAfterFailures = -1 },
			"disable_after_failures must be from 0 (never) to 1000, not -1"},
		{"disable_after_failures too high", func(s *Settings) { s.DisableAfterFailures = 1001 },
			"disable_after_failures must be from 0 (never) to 1000, not 1001"},
		{"rate limit out of range", func(s *Settings) { s.RateLimit = &ratelimit.Limit{Count: 0, Per: time.Second} }, "rate_limit: "},
		{"ordering unknown", func(s *Settings) { s.Ordering = "lifo" },
			`ordering must be "fifo" (one delivery at a time, in the order events were accepted) or "none", not "lifo"`},
		{"header Herald sets", func(s *Settings) { s.Headers = map[string]string{"Content-Type": "x"} }, "headers"},
		{"format unknown", func(s *Settings) { s.Format = "xml" },
			`format must be "standard", "flat", "envelope" or "resource", not "xml"`},
		{"envelope object not a name", func(s *Settings) { s.EnvelopeObject = "an object" },
			`envelope_object "an object" is not valid: use 1 to 128 letters, digits, '.', '_', ':' or '-'`},
		{"api version not a name", func(s *Settings) { s.APIVersion = "v/1" },
			`api_version "v/1" is not valid: use 1 to 128 letters, digits, '.', '_', ':' or '-'`},
		{"path suffix climbs", func(s *Settings) { s.PathSuffix = "/../admin" },
			`path_suffix "/../admin" must be a plain path such as "/callback": letters, digits and / - . _ ~, no ".."`},
		{"path suffix with a query", func(s *Settings) { s.PathSuffix = "/cb?x=1" },
			`path_suffix "/cb?x=1" must be a plain path such as "/callback": letters, digits and / - . _ ~, no ".."`},
		{"path suffix too long", func(s *Settings) { s.PathSuffix = "/" + long }, "path_suffix"},
		{"user agent with a line break", func(s *Settings) { s.UserAgent = "a\r\nX-Evil: 1" },
			"user_agent must be at most 1024 characters with no line breaks"},
		{"bearer token too long", func(s *Settings) { s.BearerToken = strings.Repeat("t", 1025) },
			"bearer_token must be at most 1024 characters with no line breaks"},
		{"signature unknown", func(s *Settings) { s.Signature = "rsa" },
			`signature must be "standard", "ed25519", "hmac-sha256-hex", "hmac" or "none", not "rsa"`},
		{"hex signature without its header", func(s *Settings) { s.Signature = herald.SignatureHexHeader },
			`field "signature_header" is required, for example {"signature": "hmac-sha256-hex", "signature_header": "X-R2-Signature"}`},
		{"signature header not a header name", func(s *Settings) {
			s.Signature, s.SignatureHeader = herald.SignatureHexHeader, "X Sig"
		}, "signature_header"},
		{"hmac without a scheme", func(s *Settings) { s.Signature = herald.SignatureHMAC }, `field "signature_scheme" is required, for example`},
		{"a scheme without hmac", func(s *Settings) { s.SignatureScheme = scheme() },
			`signature_scheme describes signature "hmac"; give it with "signature": "hmac"`},
		{"hmac with its scheme", func(s *Settings) { s.Signature, s.SignatureScheme = herald.SignatureHMAC, scheme() }, ""},
		{"hmac with a broken scheme", func(s *Settings) {
			s.Signature, s.SignatureScheme = herald.SignatureHMAC, scheme()
			s.SignatureScheme.Algorithm = "md5"
		}, `signature_scheme: algorithm must be "sha256" or "sha512", not "md5"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := valid()
			c.change(&s)
			err := s.Validate()
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("Validate = %v, want nil", err)
			case c.want == "":
			case err == nil:
				t.Fatalf("Validate = nil, want %q", c.want)
			case herald.ErrorCode(err) != herald.EINVALID:
				t.Fatalf("Validate = %v (code %s), want an invalid-request error", err, herald.ErrorCode(err))
			case !strings.HasPrefix(herald.ErrorMessage(err), c.want):
				t.Fatalf("Validate = %q, want it to start with %q", herald.ErrorMessage(err), c.want)
			}
		})
	}
}

func TestValidateChange(t *testing.T) {
	std, ed, hex := valid(), valid(), valid()
	ed.Signature = herald.SignatureEd25519
	hex.Signature, hex.SignatureHeader = herald.SignatureHexHeader, "X-Sig"
	for _, c := range []struct {
		name      string
		cur, next Settings
		ok        bool
	}{
		{"standard to hex: both secrets", std, hex, true},
		{"ed25519 stays", ed, ed, true},
		{"standard to ed25519", std, ed, false},
		{"ed25519 to hex", ed, hex, false},
	} {
		err := ValidateChange(c.cur, c.next)
		if (err == nil) != c.ok {
			t.Errorf("%s: ValidateChange = %v, want ok %v", c.name, err, c.ok)
		}
		if err != nil && herald.ErrorMessage(err) != `signature cannot change between "ed25519" (a key pair) and the secret schemes; make a new endpoint for it` {
			t.Errorf("%s: message %q", c.name, herald.ErrorMessage(err))
		}
	}
}

// WithDefaults spells every default out, once: applied twice it changes
// nothing, and what it answers validates.
func TestWithDefaults(t *testing.T) {
	got := Settings{URL: "https://example.com", RateLimit: &ratelimit.Limit{Count: 5, Per: time.Second}}.WithDefaults()
	want := Settings{URL: "https://example.com", EventTypes: []string{}, Channels: []string{}, Headers: map[string]string{},
		Format: "standard", Signature: "standard", Ordering: "none", EnvelopeObject: "event", APIVersion: "v1",
		RateLimit: &ratelimit.Limit{Count: 5, Per: time.Second, Burst: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("WithDefaults =\n%+v\nwant\n%+v", got, want)
	}
	if again := got.WithDefaults(); !reflect.DeepEqual(again, got) {
		t.Errorf("WithDefaults twice = %+v", again)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("the defaults do not validate: %v", err)
	}
	if d := Defaults(); d.Format != "standard" || d.URL != "" {
		t.Errorf("Defaults = %+v", d)
	}
}

func patch(t *testing.T, body string) Patch {
	t.Helper()
	var p Patch
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// Apply is the create/PATCH merge: what the body names changes, what it
// leaves out stays, null resets the nullable settings, and its preset
// fills what it leaves out.
func TestApply(t *testing.T) {
	stored := valid()
	stored.Headers = map[string]string{"X-Key": "s3cret"}
	stored.RetryPolicy = &retry.Policy{Kind: retry.KindSchedule, Schedule: []retry.Duration{retry.Duration(time.Second)}}
	stored.RateLimit = &ratelimit.Limit{Count: 1, Per: time.Second, Burst: 1}
	stored.Signature, stored.SignatureScheme = herald.SignatureHMAC, scheme()
	stored.Description = "kept"

	for _, c := range []struct {
		name  string
		body  string
		check func(t *testing.T, s Settings)
		err   string
	}{
		{"empty body changes nothing", `{}`, func(t *testing.T, s Settings) {
			if !reflect.DeepEqual(s, stored) {
				t.Errorf("got %+v", s)
			}
		}, ""},
		{"named fields change", `{"description": "new", "paused": true, "format": "flat", "ordering": "fifo", "send_traceparent": true}`,
			func(t *testing.T, s Settings) {
				if s.Description != "new" || !s.Paused || s.Format != "flat" || s.Ordering != "fifo" || !s.SendTraceparent {
					t.Errorf("got %+v", s)
				}
			}, ""},
		{"url trimmed", `{"url": " https://example.org/x "}`, func(t *testing.T, s Settings) {
			if s.URL != "https://example.org/x" {
				t.Errorf("url %q", s.URL)
			}
		}, ""},
		{"empty strings take the defaults", `{"format": "", "signature": "", "ordering": ""}`, func(t *testing.T, s Settings) {
			if s.Format != "standard" || s.Signature != "standard" || s.Ordering != "none" || s.SignatureScheme != nil {
				t.Errorf("got format %q signature %q ordering %q scheme %v", s.Format, s.Signature, s.Ordering, s.SignatureScheme)
			}
		}, ""},
		{"null resets policy, limit and scheme", `{"retry_policy": null, "rate_limit": null, "signature": "none", "signature_scheme": null}`,
			func(t *testing.T, s Settings) {
				if s.RetryPolicy != nil || s.RateLimit != nil || s.SignatureScheme != nil || s.Signature != "none" {
					t.Errorf("got %+v", s)
				}
			}, ""},
		{"leaving hmac drops its scheme", `{"signature": "standard"}`, func(t *testing.T, s Settings) {
			if s.SignatureScheme != nil {
				t.Errorf("scheme kept: %+v", s.SignatureScheme)
			}
		}, ""},
		{"an empty schedule is kept", `{"retry_policy": {"kind": "schedule", "schedule": [], "jitter": 0, "retry_on": "default"}}`,
			func(t *testing.T, s Settings) {
				if s.RetryPolicy == nil || s.RetryPolicy.Kind != "schedule" || len(s.RetryPolicy.Schedule) != 0 {
					t.Errorf("policy %+v", s.RetryPolicy)
				}
			}, ""},
		{"rate limit burst defaults to 1", `{"rate_limit": {"count": 5, "per": "minute"}}`, func(t *testing.T, s Settings) {
			if s.RateLimit.Burst != 1 {
				t.Errorf("burst %d", s.RateLimit.Burst)
			}
		}, ""},
		{"masked or null header keeps its value", `{"headers": {"x-key": "••••••", "X-New": "v"}}`, func(t *testing.T, s Settings) {
			if s.Headers["x-key"] != "s3cret" || s.Headers["X-New"] != "v" || len(s.Headers) != 2 {
				t.Errorf("headers %v", s.Headers)
			}
		}, ""},
		{"a header left out is removed", `{"headers": {}}`, func(t *testing.T, s Settings) {
			if len(s.Headers) != 0 {
				t.Errorf("headers %v", s.Headers)
			}
		}, ""},
		{"kept header with nothing stored", `{"headers": {"X-Other": null}}`, nil,
			`headers: "X-Other" has no value stored to keep; give its value (null, or "••••••", keeps a stored value on PATCH)`},
		{"preset fills what is left out", `{"preset": "leapocr", "format": "standard"}`, func(t *testing.T, s Settings) {
			if s.Format != "standard" || s.DisableAfterFailures != 5 {
				t.Errorf("format %q disable_after_failures %d", s.Format, s.DisableAfterFailures)
			}
		}, ""},
		{"preset unknown", `{"preset": "acme"}`, nil, `preset "acme" is unknown; use one of: `},
		{"policy with an unknown field", `{"retry_policy": {"kind": "schedule", "retries": 3}}`, nil,
			`retry_policy is not valid: unknown field "retries"`},
		{"rate limit not an object", `{"rate_limit": 5}`, nil, `rate_limit is not valid: a rate limit is {"count": N, "per": "second" or "minute", "burst": B}`},
		{"scheme with an unknown field", `{"signature": "hmac", "signature_scheme": {"algo": "sha256"}}`, nil,
			`signature_scheme is not valid: unknown field "algo"; it takes algorithm, encoding, signed, header, value, timestamp_header and key`},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := stored
			got, err := patch(t, c.body).Apply(base)
			if c.err != "" {
				if err == nil || !strings.HasPrefix(herald.ErrorMessage(err), c.err) || herald.ErrorCode(err) != herald.EINVALID {
					t.Fatalf("Apply = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, got)
			if !reflect.DeepEqual(base, stored) || stored.Headers["X-Key"] != "s3cret" {
				t.Error("Apply changed its base")
			}
		})
	}
}

// A new endpoint is the defaults with the body applied.
func TestApplyToDefaults(t *testing.T) {
	got, err := patch(t, `{"url": "https://example.com/a"}`).Apply(Defaults())
	if err != nil {
		t.Fatal(err)
	}
	if want := valid(); !reflect.DeepEqual(got, func() Settings { w := want; w.URL = "https://example.com/a"; return w }()) {
		t.Errorf("got %+v", got)
	}
}

// The settings read from an endpoint and written back into one are the
// same: Fill and FromEndpoint name every setting.
func TestFromEndpointFill(t *testing.T) {
	s := valid()
	s.Description, s.EventTypes, s.Channels, s.Headers = "d", []string{"a"}, []string{"c"}, map[string]string{"X": "y"}
	s.RetryPolicy, s.Disabled, s.Paused, s.DisableAfterFailures = &retry.Policy{Kind: retry.KindSchedule}, true, true, 3
	s.Format, s.EnvelopeObject, s.APIVersion = herald.FormatEnvelope, "o", "v2"
	s.Signature, s.SignatureScheme, s.SignatureHeader = herald.SignatureHMAC, scheme(), "X-H"
	s.PathSuffix, s.UserAgent, s.BearerToken = "/p", "ua", "tok"
	s.RateLimit, s.Ordering, s.SendTraceparent = &ratelimit.Limit{Count: 1, Per: time.Second, Burst: 1}, OrderingFIFO, true
	// Every field set: a setting added to Settings but not to Fill or
	// FromEndpoint fails here.
	v := reflect.ValueOf(s)
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			t.Fatalf("the test leaves %s at its zero value", v.Type().Field(i).Name)
		}
	}
	var ep herald.Endpoint
	s.Fill(&ep)
	if !ep.BearerTokenSet {
		t.Error("BearerTokenSet not filled")
	}
	if got := FromEndpoint(&ep); !reflect.DeepEqual(got, s) {
		t.Errorf("FromEndpoint(Fill(s)) =\n%+v\nwant\n%+v", got, s)
	}
}

// Fields names what the body names, by its JSON names.
func TestFields(t *testing.T) {
	p := patch(t, `{"url": "https://x", "retry_policy": null, "event_types": [], "paused": false}`)
	got := p.Fields()
	if want := []string{"url", "event_types", "retry_policy", "paused"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Fields = %v, want %v", got, want)
	}
}

func TestCheckSecret(t *testing.T) {
	for _, c := range []struct {
		secret string
		ed     bool
		want   string
	}{
		{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", false, ""},
		{"whsec_short", false, `secret must be "whsec_" followed by 24 to 64 bytes in base64; omit it to have one made`},
		{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true, `secret of an ed25519 endpoint must be a signing key, "whsk_" followed by the base64 of a 32-byte Ed25519 seed; omit it to have one made`},
	} {
		err := CheckSecret(c.secret, c.ed)
		if got := herald.ErrorMessage(err); err != nil && got != c.want || err == nil && c.want != "" {
			t.Errorf("CheckSecret(%q, %v) = %v, want %q", c.secret, c.ed, err, c.want)
		}
	}
}
