package postgres

import (
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/heraldhq/herald/store"
)

// UnavailableReason names the PostgreSQL outcomes that mean "not now": a
// server that cannot be reached, is starting, restarting or shutting
// down, has run out of disk or connections, or asks for the transaction
// to be tried again.
func (db *DB) UnavailableReason(err error) string { return Reason(err) }

// Reason is UnavailableReason for a database not open yet: what a node
// waiting for it at start says on /readyz.
func Reason(err error) string {
	if err == nil {
		return ""
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pgReason(pe.Code)
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, net.ErrClosed), pgconn.Timeout(err):
		return store.ReasonUnreachable
	case strings.Contains(err.Error(), "closed pool"), strings.Contains(err.Error(), "conn closed"):
		return store.ReasonUnreachable
	}
	return store.CommonUnavailableReason(err)
}

// pgReason maps an SQLSTATE to a reason, or "" for one that is the
// request's fault or a bug.
func pgReason(code string) string {
	switch {
	case code == "53100": // disk_full
		return store.ReasonFull
	case strings.HasPrefix(code, "08"), // connection exception
		code == "57P01", code == "57P02", code == "57P03", // admin or crash shutdown, cannot connect now
		strings.HasPrefix(code, "53"): // insufficient resources: memory, connections
		return store.ReasonUnreachable
	case code == "40001", code == "40P01", code == "55P03": // serialization failure, deadlock, lock not available
		return store.ReasonBusy
	case strings.HasPrefix(code, "58"): // system error: I/O
		return store.ReasonIO
	}
	return ""
}
