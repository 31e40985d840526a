package store

import (
	"context"
	"errors"
	"syscall"
)

// Reasons the stores give for an outage, short enough for a client to see.
const (
	ReasonFull        = "storage is full"
	ReasonUnreachable = "the database is unreachable"
	ReasonBusy        = "the database is busy"
	ReasonSlow        = "the database did not answer in time"
	ReasonIO          = "storage failed to read or write"
)

// CommonUnavailableReason is the part of UnavailableReason that does not
// depend on the backend: a deadline that ran out while the store worked,
// and the operating system's own out-of-space and I/O errors.
func CommonUnavailableReason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return ReasonFull
	case errors.Is(err, syscall.EIO):
		return ReasonIO
	case errors.Is(err, context.DeadlineExceeded):
		return ReasonSlow
	}
	return ""
}
