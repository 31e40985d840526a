//go:build sqlite_cgo

package sqlite

// The cgo driver, for comparison: github.com/mattn/go-sqlite3, SQLite's C
// compiled in. Built with -tags sqlite_cgo and CGO_ENABLED=1 (a C compiler
// is needed, and the binary is no longer static). docs/performance.md says
// what it changes.

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"strings"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// DriverName is the database/sql driver the store opens; its DSNs carry
// each PRAGMA as a _pragma parameter, run in order on every new connection.
const DriverName = "herald-sqlite3"

func init() { sql.Register(DriverName, pragmaDriver{}) }

// pragmaDriver is mattn's driver running the DSN's _pragma parameters on
// each connection it opens, as modernc's does (mattn knows only some
// pragmas by parameter; SQLite ignores the URI parameters it does not know).
type pragmaDriver struct{}

func (pragmaDriver) Open(name string) (driver.Conn, error) {
	var pragmas []string
	if i := strings.IndexByte(name, '?'); i >= 0 {
		q, err := url.ParseQuery(name[i+1:])
		if err != nil {
			return nil, err
		}
		pragmas = q["_pragma"]
	}
	c, err := (&sqlite3.SQLiteDriver{}).Open(name)
	if err != nil {
		return nil, err
	}
	for _, p := range pragmas {
		if _, err := c.(*sqlite3.SQLiteConn).Exec("PRAGMA "+p, nil); err != nil {
			c.Close()
			return nil, err
		}
	}
	return c, nil
}

// errorCode is the SQLite result code of err, if it is the driver's error.
func errorCode(err error) (int, bool) {
	var e sqlite3.Error
	if errors.As(err, &e) {
		return int(e.ExtendedCode), true
	}
	return 0, false
}

// pageBackup is an online backup under way (SQLite's sqlite3_backup).
type pageBackup interface {
	Step(pages int) (more bool, err error)
	Remaining() int
	Finish() error
}

// mattnBackup is the driver's backup, with the destination connection it
// writes through, which Finish closes.
type mattnBackup struct {
	b   *sqlite3.SQLiteBackup
	dst driver.Conn
}

func (m mattnBackup) Step(pages int) (bool, error) {
	done, err := m.b.Step(pages)
	return !done && err == nil, err
}
func (m mattnBackup) Remaining() int { return m.b.Remaining() }
func (m mattnBackup) Finish() error  { return errors.Join(m.b.Finish(), m.dst.Close()) }

// startBackup begins copying the main database of driverConn, a
// connection of the driver's, into a database opened by dstDSN.
func startBackup(driverConn any, dstDSN string) (pageBackup, error) {
	src, ok := driverConn.(*sqlite3.SQLiteConn)
	if !ok {
		return nil, fmt.Errorf("sqlite: the driver's connection is a %T, not mattn's", driverConn)
	}
	dst, err := pragmaDriver{}.Open(dstDSN)
	if err != nil {
		return nil, err
	}
	b, err := dst.(*sqlite3.SQLiteConn).Backup("main", src, "main")
	if err != nil {
		dst.Close()
		return nil, err
	}
	return mattnBackup{b: b, dst: dst}, nil
}
