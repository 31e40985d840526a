package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// SettingWarnings reads the server settings Herald depends on and says,
// in a sentence each, what is wrong with them; none when all is well.
// The server runs for many applications, so Herald warns rather than
// refuses to start.
func (db *DB) SettingWarnings(ctx context.Context) ([]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT name, setting FROM pg_settings WHERE name IN ('autovacuum', 'track_counts')`)
	if err != nil {
		return nil, err
	}
	type setting struct{ Name, Value string }
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[setting])
	if err != nil {
		return nil, err
	}
	s := make(map[string]string, len(list))
	for _, v := range list {
		s[v.Name] = v.Value
	}
	return settingWarnings(s), nil
}

// settingWarnings is the judgement of SettingWarnings, on the settings by
// name.
func settingWarnings(s map[string]string) []string {
	var w []string
	if v, ok := s["autovacuum"]; ok && v != "on" {
		w = append(w, "PostgreSQL's autovacuum is off: every delivery leaves dead rows that nothing reclaims, "+
			"and tables and indexes grow without end; turn it on (autovacuum = on)")
	}
	if v, ok := s["track_counts"]; ok && v != "on" {
		w = append(w, "PostgreSQL's track_counts is off: autovacuum cannot tell which tables need it, and the planner's "+
			"statistics go stale; turn it on (track_counts = on)")
	}
	return w
}
