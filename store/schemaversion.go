package store

import (
	"context"
	"errors"
	"fmt"
)

// ErrSchemaNewer says the store was migrated by a later version of Herald
// than this one: its tables may hold what this version does not know how
// to keep (a column it would not copy, a state it would misread), so it
// does not open them.
var ErrSchemaNewer = errors.New("the store's schema is newer than this version of Herald knows")

// CheckSchemaVersion decides whether a binary whose migrations end at known
// may open a store whose schema is at stored. An older store is migrated
// up; a newer one is refused with ErrSchemaNewer and a message that says to
// upgrade Herald (docs/operations.md, "Upgrades"), since running an older
// binary on a newer schema is what a rolling upgrade's rule forbids.
func CheckSchemaVersion(stored, known int64) error {
	if stored <= known {
		return nil
	}
	return fmt.Errorf("%w: the store is at schema version %d and this Herald knows versions up to %d; "+
		"upgrade this node to the Herald release that made the store (or a later one), "+
		"see docs/operations.md", ErrSchemaNewer, stored, known)
}

// Versions is what a migration provider (goose's) says of a store: the
// schema version it is at and the last one the binary knows.
type Versions interface {
	GetVersions(ctx context.Context) (current, target int64, err error)
}

// RefuseNewerSchema checks, before any migration runs, that p's store is
// not newer than this binary (CheckSchemaVersion). A store not yet
// versioned (empty) passes: migrating it is what comes next.
func RefuseNewerSchema(ctx context.Context, p Versions) error {
	current, target, err := p.GetVersions(ctx)
	if err != nil {
		return nil // no version table yet; the migration creates it
	}
	return CheckSchemaVersion(current, target)
}
