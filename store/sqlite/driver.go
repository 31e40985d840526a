//go:build !sqlite_cgo

package sqlite

// The driver: modernc.org/sqlite, SQLite translated to Go, so that Herald
// builds as one static binary with CGO_ENABLED=0. driver_cgo.go is the
// alternative (build tag sqlite_cgo), measured against it in
// docs/performance.md.

import (
	"errors"

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
