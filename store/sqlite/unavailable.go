package sqlite

import (
	"errors"

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
	if code, ok := errorCode(err); ok {
		switch code & 0xff { // the primary code of an extended one
		case codeFull:
			return store.ReasonFull
		case codeIOErr, codeCantOpen, codeReadOnly, codeNoMem, codeProtocol:
			return store.ReasonIO
		case codeBusy, codeLocked:
			return store.ReasonBusy
		}
	}
	return store.CommonUnavailableReason(err)
}

// SQLite's primary result codes (sqlite.org/rescode.html), the same for
// either driver.
const (
	codeBusy     = 5
	codeLocked   = 6
	codeNoMem    = 7
	codeReadOnly = 8
	codeIOErr    = 10
	codeFull     = 13
	codeCantOpen = 14
	codeProtocol = 15
)
