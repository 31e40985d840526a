package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/peterbourgon/ff/v4"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/postgres"
	"github.com/heraldhq/herald/store/sqlite"
	"github.com/heraldhq/herald/tenantfile"
)

// herald tenant export and import move tenants between installations
// (docs/operations.md, "Moving tenants and stores"): they open the stores
// themselves, not a running node's API, since a move carries what the API
// never shows (secrets, key hashes) and must keep every id.

// addTenantMoveCommands adds export and import to the tenant command
// among cmds (the API's verbs are there already).
func addTenantMoveCommands(cmds []*ff.Command, parent *ff.FlagSet) {
	for _, c := range cmds {
		if c.Name == "tenant" {
			c.Subcommands = append(c.Subcommands, tenantExportCommand(parent), tenantImportCommand(parent))
			return
		}
	}
}

// storeFlags are the flags that name a store, as serve takes them.
type storeFlags struct {
	dataDir, databaseURL, encryptionKey string
}

func (s *storeFlags) register(fs *ff.FlagSet, role string) {
	fs.StringVar(&s.dataDir, 0, "data-dir", "herald-data", "data directory of the SQLite store to "+role)
	fs.StringVar(&s.databaseURL, 0, "database-url", "", "a PostgreSQL store to "+role+" instead (postgres://...)")
	fs.StringVar(&s.encryptionKey, 0, "encryption-key", "", "the store's own encryption key, base64 (default on SQLite: the data dir's encryption.key; required with --database-url)")
}

// exportKeyFlags name the key that seals a file's secrets.
type exportKeyFlags struct{ keyFile, key string }

func (k *exportKeyFlags) register(fs *ff.FlagSet) {
	fs.StringVar(&k.keyFile, 0, "key-file", "", "file holding the export key (base64, 32 bytes: herald keygen > export.key) that seals the file's secrets")
	fs.StringVar(&k.key, 0, "export-key", "", "the export key itself, base64 (or HERALD_EXPORT_KEY); --key-file keeps it out of the process list")
}

func (k *exportKeyFlags) box() (*seal.Box, error) {
	var raw []byte
	var err error
	switch {
	case k.keyFile != "" && k.key != "":
		return nil, usagef("give --key-file or --export-key, not both")
	case k.keyFile != "":
		if raw, err = readKeyFile(k.keyFile); err != nil {
			return nil, err
		}
	case k.key != "":
		if raw, err = seal.ParseKey(k.key); err != nil {
			return nil, fmt.Errorf("--export-key: %w", err)
		}
	default:
		return nil, usagef("--key-file is required: the export key that seals the file's secrets " +
			"(make one with: herald keygen > export.key; the import needs the same key)")
	}
	return seal.New(raw)
}

// open opens the store the flags name. A SQLite store is locked against a
// node serving it: a move is made with the store's nodes stopped. create
// says whether a SQLite store may be made (an import's target).
func (s *storeFlags) open(ctx context.Context, create bool) (store.Store, func(), error) {
	if s.databaseURL != "" {
		if s.encryptionKey == "" {
			return nil, nil, errors.New("--database-url needs --encryption-key (or HERALD_ENCRYPTION_KEY): the key its nodes run with")
		}
		key, err := seal.ParseKey(s.encryptionKey)
		if err != nil {
			return nil, nil, fmt.Errorf("--encryption-key: %w", err)
		}
		box, err := seal.New(key)
		if err != nil {
			return nil, nil, err
		}
		db, err := postgres.Open(ctx, postgres.Config{URL: s.databaseURL, Box: box})
		if err != nil {
			return nil, nil, err
		}
		return db, func() { db.Close() }, nil
	}
	path := filepath.Join(s.dataDir, "herald.db")
	if !create && !fileExists(path) {
		return nil, nil, fmt.Errorf("%s holds no Herald store (no herald.db): name the store's --data-dir, or --database-url", s.dataDir)
	}
	if !create && s.encryptionKey == "" && !fileExists(filepath.Join(s.dataDir, "encryption.key")) {
		return nil, nil, fmt.Errorf("%s has no encryption.key: give the store's key with --encryption-key", s.dataDir)
	}
	if err := os.MkdirAll(s.dataDir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("creating the data directory: %w", err)
	}
	unlock, err := lockDataDir(s.dataDir)
	if err != nil {
		return nil, nil, err
	}
	key, err := encryptionKey(s.encryptionKey, s.dataDir, slog.New(slog.NewTextHandler(os.Stderr, nil)))
	if err != nil {
		unlock()
		return nil, nil, err
	}
	box, err := seal.New(key)
	if err != nil {
		unlock()
		return nil, nil, err
	}
	db, err := sqlite.Open(ctx, sqlite.Config{Path: path, Box: box})
	if err != nil {
		unlock()
		return nil, nil, err
	}
	return db, func() { db.Close(); unlock() }, nil
}

func tenantExportCommand(parent *ff.FlagSet) *ff.Command {
	fs := ff.NewFlagSet("export").SetParent(parent)
	var src storeFlags
	src.register(fs, "export from")
	var k exportKeyFlags
	k.register(fs)
	tenant := fs.StringLong("tenant", "", "the id of the tenant to export")
	all := fs.BoolLong("all", "export every tenant and the admin keys: the whole store")
	out := fs.StringLong("out", "", "file to write; must not exist (made readable by its owner only)")
	return &ff.Command{
		Name:      "export",
		Usage:     "herald tenant export (ID | --tenant ID | --all) --out FILE --key-file KEY [--data-dir DIR | --database-url URL --encryption-key KEY]",
		ShortHelp: "write a tenant (or, with --all, the whole store) to a file, secrets sealed under an export key, its nodes stopped",
		Flags:     &anywhere{FlagSet: fs},
		Exec: func(ctx context.Context, args []string) error {
			switch {
			case len(args) > 1 || len(args) == 1 && *tenant != "":
				return usagef("herald tenant export takes one tenant id (or --tenant ID), not %q", strings.Join(args, " "))
			case len(args) == 1:
				*tenant = args[0]
			}
			switch {
			case *out == "":
				return usagef("--out is required: the file to write")
			case *tenant == "" && !*all:
				return usagef("name the tenant to export (herald tenant export ID, or --tenant ID), or export every one with --all")
			case *tenant != "" && *all:
				return usagef("give a tenant id or --all, not both")
			}
			box, err := k.box()
			if err != nil {
				return err
			}
			return exportTenants(ctx, os.Stdout, src, box, *tenant, *out)
		},
	}
}

// exportTenants writes tenant id (every tenant when id is "") of the
// store src names to out.
func exportTenants(ctx context.Context, w io.Writer, src storeFlags, box *seal.Box, id, out string) (err error) {
	if fileExists(out) {
		return fmt.Errorf("%s exists: export into a new file", out)
	}
	db, closeStore, err := src.open(ctx, false)
	if err != nil {
		return err
	}
	defer closeStore()
	ids := []string{id}
	c := &tenantfile.Contents{All: id == "", ExportedAt: time.Now(), HeraldVersion: herald.Version}
	if c.All {
		if ids, err = allTenants(ctx, db); err != nil {
			return err
		}
		if c.AdminKeys, err = db.FindAPIKeys(ctx, ""); err != nil {
			return err
		}
	}
	if c.EventTypes, err = db.FindEventTypes(ctx); err != nil {
		return err
	}
	for _, id := range ids {
		st, err := db.ReadTenant(ctx, id, store.TenantRead{Statuses: tenantfile.Needed})
		if err != nil {
			if herald.ErrorCode(err) == herald.ENOTFOUND {
				return fmt.Errorf("the store has no tenant %q", id)
			}
			return fmt.Errorf("reading tenant %s: %w", id, err)
		}
		if err := tenantfile.Check(st); err != nil {
			return err
		}
		c.Tenants = append(c.Tenants, st)
	}
	// The file holds secrets (sealed) and key hashes: its owner's alone,
	// and never left half written.
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(out)
		}
	}()
	if err := tenantfile.Encode(f, c, box); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(w, "Exported %s to %s (format version %d): %s.\n", tenantsWord(c), out, tenantfile.Version, summary(c))
	fmt.Fprintln(w, "Its secrets are sealed under the export key; it holds key hashes and event payloads: keep it as you keep backups. "+
		"Not in it: succeeded deliveries and their events (but jobs' callbacks), attempts' history, health statistics.")
	return nil
}

func allTenants(ctx context.Context, db store.Store) ([]string, error) {
	var ids []string
	page := store.Page{Limit: store.MaxPageLimit}
	for {
		ts, next, err := db.FindTenants(ctx, page)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			ids = append(ids, t.ID)
		}
		if next == "" {
			return ids, nil
		}
		page.Cursor = next
	}
}

func tenantsWord(c *tenantfile.Contents) string {
	if c.All {
		return fmt.Sprintf("the whole store (%s, %s)", counted(len(c.Tenants), "tenant"), counted(len(c.AdminKeys), "admin key"))
	}
	ids := make([]string, len(c.Tenants))
	for i, st := range c.Tenants {
		ids[i] = st.Tenant.ID
	}
	return "tenant " + strings.Join(ids, ", ")
}

// summary counts what c carries.
func summary(c *tenantfile.Contents) string {
	var keys, endpoints, events, jobs int
	byStatus := map[herald.DeliveryStatus]int{}
	for _, st := range c.Tenants {
		keys, endpoints, events, jobs = keys+len(st.Keys), endpoints+len(st.Endpoints), events+len(st.Events), jobs+len(st.Jobs)
		for _, d := range st.Deliveries {
			byStatus[d.Status]++
		}
	}
	return fmt.Sprintf("%s (keys and portal sessions), %s (jobs' callbacks included), %s, %s, deliveries: %d pending, %d paused, %d failed",
		counted(keys, "credential"), counted(endpoints, "endpoint"), counted(jobs, "job"), counted(events, "event"),
		byStatus[herald.DeliveryPending], byStatus[herald.DeliveryPaused], byStatus[herald.DeliveryFailed])
}

// counted is n and noun, the noun plural unless n is 1 ("1 job", "2 jobs").
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func tenantImportCommand(parent *ff.FlagSet) *ff.Command {
	fs := ff.NewFlagSet("import").SetParent(parent)
	var dst storeFlags
	dst.register(fs, "import into")
	var k exportKeyFlags
	k.register(fs)
	in := fs.StringLong("in", "", "file herald tenant export wrote")
	all := fs.BoolLong("all", "import a whole store's file (every tenant and the admin keys)")
	return &ff.Command{
		Name:      "import",
		Usage:     "herald tenant import --in FILE --key-file KEY [--all] [--data-dir DIR | --database-url URL --encryption-key KEY]",
		ShortHelp: "load an exported file into a store, all of it or nothing; an existing tenant id is refused",
		Flags:     &anywhere{FlagSet: fs},
		Exec: func(ctx context.Context, args []string) error {
			switch {
			case len(args) > 0:
				return usagef("herald tenant import takes no argument (%q): name the file with --in FILE", strings.Join(args, " "))
			case *in == "":
				return usagef("--in is required: the file herald tenant export wrote")
			}
			box, err := k.box()
			if err != nil {
				return err
			}
			return importTenants(ctx, os.Stdout, dst, box, *in, *all)
		},
	}
}

func importTenants(ctx context.Context, w io.Writer, dst storeFlags, box *seal.Box, in string, all bool) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	c, err := tenantfile.Decode(f, box)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	switch {
	case c.All && !all:
		return fmt.Errorf("%s holds a whole store (exported with --all, admin keys included): import it with --all", in)
	case !c.All && all:
		return fmt.Errorf("%s holds one tenant, not a whole store: import it without --all", in)
	}
	db, closeStore, err := dst.open(ctx, true)
	if err != nil {
		return err
	}
	defer closeStore()
	wr := store.TenantWrite{Tenants: c.Tenants, EventTypes: c.EventTypes, AdminKeys: c.AdminKeys}
	if err := db.WriteTenants(ctx, wr); err != nil {
		if msg := herald.ErrorMessage(err); herald.ErrorCode(err) == herald.ECONFLICT {
			return fmt.Errorf("nothing imported: %s", msg)
		}
		return fmt.Errorf("nothing imported: %w", err)
	}
	fmt.Fprintf(w, "Imported %s from %s: %s.\n", tenantsWord(c), in, summary(c))
	fmt.Fprintln(w, "A node started on this store delivers what is pending, with the same webhook-ids and secrets. "+
		"Point traffic at it only once the old installation's nodes are stopped.")
	return nil
}
