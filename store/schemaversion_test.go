package store

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckSchemaVersion(t *testing.T) {
	for _, c := range []struct {
		stored, known int64
		refused       bool
	}{
		{0, 24, false},  // an empty store: migrated from the start
		{12, 24, false}, // an older store: migrated up
		{24, 24, false}, // this version's own
		{25, 24, true},  // made by a later Herald
		{999, 24, true},
	} {
		err := CheckSchemaVersion(c.stored, c.known)
		if got := err != nil; got != c.refused {
			t.Errorf("CheckSchemaVersion(%d, %d) = %v, want refused %v", c.stored, c.known, err, c.refused)
			continue
		}
		if err != nil && (!errors.Is(err, ErrSchemaNewer) || !strings.Contains(err.Error(), "upgrade")) {
			t.Errorf("CheckSchemaVersion(%d, %d) = %q: want ErrSchemaNewer saying to upgrade", c.stored, c.known, err)
		}
	}
}
