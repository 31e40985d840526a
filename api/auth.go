package api

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// KeyPrefix starts every API key, so that leaked keys are easy to spot by
// secret scanners.
const KeyPrefix = "hk_"

// NewAPIKey returns a new key and the hash to store for it.
func NewAPIKey() (key string, hash []byte) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("api: crypto/rand failed: " + err.Error())
	}
	key = KeyPrefix + base64.RawURLEncoding.EncodeToString(b)
	return key, HashAPIKey(key)
}

// HashAPIKey returns the stored form of a key.
func HashAPIKey(key string) []byte {
	h := sha256.Sum256([]byte(key))
	return h[:]
}

// EnsureAdminKey makes sure an admin key exists. With given set, that key is
// registered (once) as an admin key and "" is returned. Otherwise, on a
// store with no keys at all, a new admin key is made and returned so that
// the caller can show it once.
func EnsureAdminKey(ctx context.Context, s store.Store, given string, now time.Time) (string, error) {
	if given != "" {
		if len(given) < 16 {
			return "", herald.Errorf(herald.EINVALID, "the admin key must be at least 16 characters long")
		}
		_, err := s.FindAPIKeyByHash(ctx, HashAPIKey(given))
		if herald.ErrorCode(err) != herald.ENOTFOUND {
			return "", err
		}
		return "", s.CreateAPIKey(ctx, &herald.APIKey{
			ID: herald.NewID(herald.PrefixAPIKey), Name: "admin (from configuration)", Role: herald.RoleAdmin, Hash: HashAPIKey(given), CreatedAt: now,
		})
	}
	n, err := s.CountAPIKeys(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	key, hash := NewAPIKey()
	return key, s.CreateAPIKey(ctx, &herald.APIKey{
		ID: herald.NewID(herald.PrefixAPIKey), Name: "admin (made at first start)", Role: herald.RoleAdmin, Hash: hash, CreatedAt: now,
	})
}

func (s *Server) authenticate(r *http.Request) (*herald.APIKey, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, herald.Errorf(herald.EUNAUTHORIZED, "send an API key as Authorization: Bearer <key>")
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return nil, herald.Errorf(herald.EUNAUTHORIZED, "the Authorization header must read: Bearer <key>")
	}
	key, err := s.keys.lookup(r.Context(), strings.TrimSpace(token))
	if herald.ErrorCode(err) == herald.ENOTFOUND {
		return nil, herald.Errorf(herald.EUNAUTHORIZED, "the API key is not valid; it may have been deleted")
	}
	if err == nil && key.Expired(s.cfg.Now()) {
		return nil, herald.Errorf(herald.EUNAUTHORIZED, "this portal session ended at %s; open a new link", key.ExpiresAt.Format(time.RFC3339))
	}
	return key, err
}

// keyCache remembers recently checked keys for a short while, so that a
// burst of requests does not read the key table for each. What this node
// deletes it forgets at once; another node's deletions reach it within
// the TTL.
type keyCache struct {
	store store.Store
	ttl   time.Duration
	now   func() time.Time

	mu      sync.Mutex
	entries map[[sha256.Size]byte]cachedKey
	// forgets counts the drops, so that a lookup which read the store
	// before a drop does not put back what the drop removed.
	forgets uint64
}

type cachedKey struct {
	key   *herald.APIKey
	until time.Time
}

func newKeyCache(s store.Store, ttl time.Duration, now func() time.Time) *keyCache {
	return &keyCache{store: s, ttl: ttl, now: now, entries: make(map[[sha256.Size]byte]cachedKey)}
}

func (c *keyCache) lookup(ctx context.Context, token string) (*herald.APIKey, error) {
	sum := sha256.Sum256([]byte(token))
	now := c.now()
	c.mu.Lock()
	e, ok := c.entries[sum]
	forgets := c.forgets
	c.mu.Unlock()
	if ok && now.Before(e.until) {
		return e.key, nil
	}
	key, err := c.store.FindAPIKeyByHash(ctx, sum[:])
	if err != nil {
		return nil, err
	}
	// The lookup was by hash; compare in constant time all the same, so
	// that no future change to the lookup can open a timing side channel.
	if subtle.ConstantTimeCompare(key.Hash, sum[:]) != 1 {
		return nil, herald.Errorf(herald.ENOTFOUND, "no such API key")
	}
	c.mu.Lock()
	if len(c.entries) > 10000 {
		clear(c.entries)
	}
	if c.forgets == forgets { // else the key may be one just deleted
		c.entries[sum] = cachedKey{key: key, until: now.Add(c.ttl)}
	}
	c.mu.Unlock()
	return key, nil
}

// forget drops a deleted key from the cache, so this node refuses it at once.
func (c *keyCache) forget(keyID string) {
	c.drop(func(k *herald.APIKey) bool { return k.ID == keyID })
}

// forgetTenant drops every key of a deleted tenant, its portal sessions'
// included, so that none works on this node a moment longer, not even in
// a tenant made again at once under the same id.
func (c *keyCache) forgetTenant(tenantID string) {
	c.drop(func(k *herald.APIKey) bool { return k.TenantID == tenantID })
}

func (c *keyCache) drop(match func(*herald.APIKey) bool) {
	c.mu.Lock()
	c.forgets++
	for h, e := range c.entries {
		if match(e.key) {
			delete(c.entries, h)
		}
	}
	c.mu.Unlock()
}
