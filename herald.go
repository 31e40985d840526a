// Package herald holds Herald's domain: the resources a platform manages
// (tenants, keys, event types, endpoints, events, deliveries, attempts),
// their states, the error type every layer speaks, and pure decisions about
// them such as which endpoints an event goes to. It does no I/O, so every
// other package may import it.
package herald

import "sync"

// Version is the release of this build; it appears in the User-Agent of every
// webhook Herald sends. Release builds set it with -ldflags "-X".
var Version = "0.1.0-dev"

// UserAgent is the value of the User-Agent header on outbound webhooks,
// made once: Version is fixed at link time, and every attempt asks.
var UserAgent = sync.OnceValue(func() string { return "Herald/" + Version })
