package postgres

import "testing"

func TestPgReason(t *testing.T) {
	for code, want := range map[string]string{
		"53100": "storage is full",
		"08006": "the database is unreachable",
		"57P01": "the database is unreachable",
		"57P03": "the database is unreachable",
		"53300": "the database is unreachable",
		"40001": "the database is busy",
		"40P01": "the database is busy",
		"58030": "storage failed to read or write",
		"23505": "", // unique violation: the request's business, not an outage
		"22021": "", // invalid byte sequence: bad input, a 4xx
		"42P01": "", // undefined table: a bug
	} {
		if got := pgReason(code); got != want {
			t.Errorf("pgReason(%s) = %q, want %q", code, got, want)
		}
	}
}
