package sqlite

import (
	"errors"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/heraldhq/herald/store"
)

// UnavailableReason names the SQLite outcomes that mean "not now": a full
// disk or database quota, I/O errors, a file that cannot be opened or
// written, and locks that outlasted busy_timeout.
func (db *DB) UnavailableReason(err error) string { return unavailableReason(err) }

func unavailableReason(err error) string {
	if errors.Is(err, errClosed) {
		return "the store is closed; the server is shutting down"
	}
	var e *msqlite.Error
	if errors.As(err, &e) {
		switch e.Code() & 0xff { // the primary code of an extended one
		case sqlite3.SQLITE_FULL:
			return store.ReasonFull
		case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_NOMEM, sqlite3.SQLITE_PROTOCOL:
			return store.ReasonIO
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return store.ReasonBusy
		}
	}
	return store.CommonUnavailableReason(err)
}
