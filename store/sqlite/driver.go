//go:build !sqlite_cgo

package sqlite

// The driver: modernc.org/sqlite, SQLite translated to Go, so that Herald
// builds as one static binary with CGO_ENABLED=0. driver_cgo.go is the
// alternative (build tag sqlite_cgo), measured against it in
// docs/performance.md.

import (
	"errors"
	"fmt"

	msqlite "modernc.org/sqlite" // registers the "sqlite" driver
)

// DriverName is the database/sql driver the store opens; its DSNs carry
// each PRAGMA as a _pragma parameter, run in order on every new connection.
const DriverName = "sqlite"

// errorCode is the SQLite result code of err, if it is the driver's error.
func errorCode(err error) (int, bool) {
	var e *msqlite.Error
	if errors.As(err, &e) {
		return e.Code(), true
	}
	return 0, false
}

// pageBackup is an online backup under way (SQLite's sqlite3_backup).
type pageBackup interface {
	Step(pages int) (more bool, err error)
	Remaining() int
	Finish() error
}

// moderncBackup adapts the driver's Backup to pageBackup.
type moderncBackup struct{ b *msqlite.Backup }

func (m moderncBackup) Step(pages int) (bool, error) { return m.b.Step(int32(pages)) }
func (m moderncBackup) Remaining() int               { return m.b.Remaining() }
func (m moderncBackup) Finish() error                { return m.b.Finish() } // closes the destination too

// startBackup begins copying the main database of driverConn, a
// connection of the driver's, into a database opened by dstDSN.
func startBackup(driverConn any, dstDSN string) (pageBackup, error) {
	c, ok := driverConn.(interface {
		NewBackup(string) (*msqlite.Backup, error)
	})
	if !ok {
		return nil, fmt.Errorf("sqlite: the driver's connection %T has no backup API", driverConn)
	}
	b, err := c.NewBackup(dstDSN)
	if err != nil {
		return nil, err
	}
	return moderncBackup{b}, nil
}
