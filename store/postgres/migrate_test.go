package postgres_test

import (
	"context"
	"io/fs"
	"path"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald/store/postgres"
	"github.com/heraldhq/herald/store/postgres/pgtest"
)

// Nodes started together on a fresh database migrate it once: their Opens
// take turns through the migrations' lock, every one of them succeeds, and
// each migration is applied exactly once. Without the lock they race to
// create the same tables, and some fail or record a version twice (a race
// that one round of six lost only now and then: five rounds of eight
// lost it on each of six runs measured).
func TestNodesStartedTogetherMigrateOnce(t *testing.T) {
	t.Parallel() // each turn waits up to a second for the lock
	for round := range 5 {
		startTogether(t, round)
	}
}

func startTogether(t *testing.T, round int) {
	ctx := context.Background()
	search := schema(t)
	const nodes = 8
	start := make(chan struct{})
	errs := make([]error, nodes)
	var wg sync.WaitGroup
	for i := range nodes {
		wg.Go(func() {
			<-start
			db, err := postgres.Open(ctx, postgres.Config{URL: pgtest.Server(), Box: box, SearchPath: search})
			if err == nil {
				db.Close()
			}
			errs[i] = err
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("round %d: node %d of %d started together: %v", round, i, nodes, err)
		}
	}

	files, err := fs.Glob(postgres.Migrations, "migrations/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("the embedded migrations: %v, %v", files, err)
	}
	conn, err := pgx.Connect(ctx, pgtest.Server())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT version_id, count(*) FROM `+search+`.goose_db_version
		WHERE version_id > 0 GROUP BY version_id ORDER BY version_id`)
	if err != nil {
		t.Fatal(err)
	}
	type applied struct{ Version, Times int64 }
	got, err := pgx.CollectRows(rows, pgx.RowToStructByPos[applied])
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(files) {
		t.Fatalf("round %d: %d migrations recorded, want the %d embedded (%s ...)", round, len(got), len(files), path.Base(files[0]))
	}
	for _, a := range got {
		if a.Times != 1 {
			t.Errorf("round %d: migration %d recorded %d times, want once", round, a.Version, a.Times)
		}
	}
}
