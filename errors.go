package herald

import (
	"errors"
	"fmt"
)

// Code classifies an error so that the API can pick an HTTP status without
// inspecting messages. Handlers never choose statuses by hand.
type Code string

// Error codes. Their string values are part of the public API: clients see
// them in {"error":{"code":...}}.
const (
	EINVALID      Code = "invalid_request"        // the request is malformed or breaks a rule
	EUNAUTHORIZED Code = "unauthorized"           // no or a wrong API key
	EFORBIDDEN    Code = "forbidden"              // the key's role may not make this call
	ENOTFOUND     Code = "not_found"              // no such resource (or not visible to this key)
	ECONFLICT     Code = "conflict"               // the resource's state forbids the change
	ETOOLARGE     Code = "payload_too_large"      // the body is over the configured limit
	EUNSUPPORTED  Code = "unsupported_media_type" // the body is not JSON
	ERATELIMITED  Code = "rate_limited"           // too many requests (failed authentications) from this client
	EUNAVAILABLE  Code = "unavailable"            // the server is shutting down or overloaded
	EINTERNAL     Code = "internal"               // a bug or an unexpected failure
)

// Error is an error meant to be shown to the API caller. Its Message says
// what was wrong and, where it can, how to fix it.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("herald: %s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or a
// generic text for other errors, whose details must not reach callers.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error; the server log has the details"
}
