package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// maxBody bounds request bodies other than events.
const maxBody = 64 << 10

// bodyBufs holds the buffers request bodies are read into. decode's
// callers never keep the body: encoding/json copies what it decodes.
var bodyBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// decode reads exactly one JSON object from the body into v, refusing
// unknown fields, text that is not valid UTF-8 or holds unpaired
// surrogates, and control characters in string fields, and turns every
// failure into an error that says what to fix. A body without a
// Content-Type is read as JSON; one that names another media type is 415.
func decode(w http.ResponseWriter, r *http.Request, v any, limit int64) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return herald.Errorf(herald.EUNSUPPORTED, "the body must be JSON; send Content-Type: application/json, not %q", ct)
		}
	}
	buf := bodyBufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledBuf {
			bodyBufs.Put(buf)
		}
	}()
	if n := r.ContentLength; n > 0 && n <= limit {
		buf.Grow(int(n) + bytes.MinRead) // ReadFrom then reads it whole without growing
	}
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, limit))
	body := buf.Bytes()
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return decodeError(err, limit)
		}
		return herald.Errorf(herald.EINVALID, "the body could not be read: %v", err)
	}
	if err := checkBodyText(body); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err, limit)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return herald.Errorf(herald.EINVALID, "the body must hold one JSON object and nothing after it")
	}
	return checkFieldText(v)
}

func decodeError(err error, limit int64) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return herald.Errorf(herald.ETOOLARGE, "the body is larger than the limit of %d bytes; send less data, or raise the server's limit", limit)
	case errors.Is(err, io.EOF):
		return herald.Errorf(herald.EINVALID, "the body is empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return herald.Errorf(herald.EINVALID, "the body is not valid JSON: it ends too early")
	case errors.As(err, &syn):
		return herald.Errorf(herald.EINVALID, "the body is not valid JSON: %s (at byte %d)", syn.Error(), syn.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return herald.Errorf(herald.EINVALID, "the body must be a JSON object, not %s", typ.Value)
		}
		return herald.Errorf(herald.EINVALID, "field %q must be %s, not %s", bodyField(typ.Field), jsonKind(typ.Type.Kind().String()), typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return herald.Errorf(herald.EINVALID, "unknown field %s; check its spelling against the API reference", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	// Errors from a field's own UnmarshalJSON (durations, for instance)
	// already say what to write.
	return herald.Errorf(herald.EINVALID, "%s", strings.TrimPrefix(err.Error(), "json: "))
}

// bodyField is a field's path as the body names it: without the names of
// the Go structs a body embeds (endpointspec.Patch's Shown), which
// encoding/json puts in front and no client knows.
func bodyField(path string) string {
	for {
		first, rest, ok := strings.Cut(path, ".")
		if !ok || first == "" || first[0] < 'A' || first[0] > 'Z' {
			return path
		}
		path = rest
	}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "map", "struct", "ptr":
		return "an object"
	case "int", "int64", "int32", "uint", "uint64":
		return "a whole number"
	case "float64", "float32":
		return "a number"
	}
	return "a " + goKind
}

// query parses the query string, refusing one that does not parse rather
// than silently dropping the parts it cannot read, and values that are
// not valid UTF-8 or hold control characters, which no filter matches and
// PostgreSQL cannot even compare.
func query(r *http.Request) (url.Values, error) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, herald.Errorf(herald.EINVALID, "the query string is malformed: %v; percent-encode its values", err)
	}
	for k, vs := range q {
		for _, v := range append([]string{k}, vs...) {
			if !utf8.ValidString(v) {
				return nil, herald.Errorf(herald.EINVALID, "query parameter %q is not valid UTF-8", k)
			}
			if err := checkControl(fmt.Sprintf("query parameter %q", k), v); err != nil {
				return nil, err
			}
		}
	}
	return q, nil
}

// pageParams reads ?limit= and ?cursor=. A limit outside 1 to
// store.MaxPageLimit is refused, never cut to fit: a caller that asked for
// 1,000 and got 250 would take the page for the whole list. Absent, it is
// store.DefaultPageLimit.
func pageParams(r *http.Request) (limit int, cursor string, err error) {
	q, err := query(r)
	if err != nil {
		return 0, "", err
	}
	limit = store.DefaultPageLimit
	if s := q.Get("limit"); s != "" {
		limit, err = strconv.Atoi(s)
		if err != nil || limit < 1 || limit > store.MaxPageLimit {
			return 0, "", herald.Errorf(herald.EINVALID, "limit must be a whole number from 1 to %d, not %q; page through longer lists with next_cursor", store.MaxPageLimit, s)
		}
	}
	return limit, q.Get("cursor"), nil
}

// tenantPage reads the page parameters of a list under a tenant and checks
// that the tenant exists, so that an unknown tenant is a 404 rather than
// an empty list.
func (s *Server) tenantPage(r *http.Request) (tenant string, page store.Page, err error) {
	limit, cursor, err := pageParams(r)
	if err != nil {
		return "", page, err
	}
	tenant = r.PathValue("tenant")
	if _, err := s.cfg.Store.FindTenantByID(r.Context(), tenant); err != nil {
		return "", page, err
	}
	return tenant, store.Page{Limit: limit, Cursor: cursor}, nil
}

// errMissing says a required field is missing.
func errMissing(field, example string) error {
	return herald.Errorf(herald.EINVALID, "field %q is required, for example %s", field, example)
}

func invalidf(format string, args ...any) error {
	return herald.Errorf(herald.EINVALID, format, args...)
}
