// Package schema checks events' data against the JSON Schemas of their
// event types (draft 2020-12 unless a schema names another with
// "$schema"), with santhosh-tekuri/jsonschema, a validator that passes the
// official JSON Schema test suite.
//
// A schema is compiled once, when it is saved and when a node first sees
// it, and reused for every event of its type. Schemas are self-contained:
// a "$ref" may point inside the schema or at a draft's meta-schema, never
// at a file or a URL, so saving a schema can make no node read or dial
// anything.
//
// Whether an event is checked at all is Checks, a pure decision: its type
// has a schema, and the type or the operator turned validation on.
package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// resource names the schema being compiled; nothing is loaded from it.
const resource = "urn:herald:event-type-schema"

// Schema is a compiled schema, safe for concurrent use.
type Schema struct {
	compiled *jsonschema.Schema
}

// Compile compiles a schema, or says what is wrong with it (not JSON,
// beyond the bounds MaxSize, MaxDepth and MaxObjects, not a valid schema
// of its draft, a reference to anything outside it, more than MaxUnfolded
// subschemas with its references unfolded). The bounds are
// checked first, so that no schema costs the compiler more than they
// allow. Compile returns ctx's error when ctx ends first: the compiler
// cannot be interrupted, so it finishes on its own, within the bounds.
func Compile(ctx context.Context, raw json.RawMessage) (*Schema, error) {
	if err := checkBounds(ctx, raw); err != nil {
		return nil, err
	}
	type result struct {
		s   *Schema
		err error
	}
	done := make(chan result, 1)
	go func() {
		s, err := compile(raw)
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		return r.s, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func compile(raw json.RawMessage) (*Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("not JSON: %v", err)
	}
	if _, ok := doc.(map[string]any); !ok {
		if _, ok := doc.(bool); !ok {
			return nil, errors.New("a schema is a JSON object (or true or false)")
		}
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	// No loader: a $ref outside the schema fails to compile instead of
	// reading a file or dialling a URL.
	c.UseLoader(jsonschema.SchemeURLLoader{})
	if err := c.AddResource(resource, doc); err != nil {
		return nil, err
	}
	s, err := c.Compile(resource)
	if err != nil {
		return nil, errors.New(strings.ReplaceAll(err.Error(), resource, "the schema"))
	}
	if unfolded(s, MaxUnfolded) > MaxUnfolded {
		return nil, fmt.Errorf("a schema may stand for at most %d subschemas with its references ($ref) unfolded, as checking a value walks them; this one stands for more (references that each lead to several others, many deep)", MaxUnfolded)
	}
	return &Schema{compiled: s}, nil
}

// Violation is why data does not match a schema: where (a JSON pointer
// into the data, "" for the whole of it) and which rule failed.
type Violation struct {
	Pointer string
	// Keyword is the schema location of the rule, such as
	// "/properties/status/enum".
	Keyword string
	Message string
}

func (v *Violation) Error() string {
	at := v.Pointer
	if at == "" {
		at = "(the whole of data)"
	}
	return fmt.Sprintf("at %s: %s (schema rule %s)", at, v.Message, v.Keyword)
}

// Validate checks data, a JSON document, and returns nil or a *Violation.
func (s *Schema) Validate(data []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return &Violation{Keyword: "", Message: "not JSON: " + err.Error()}
	}
	err = s.compiled.Validate(doc)
	var ve *jsonschema.ValidationError
	if err == nil || !errors.As(err, &ve) {
		return err
	}
	return first(ve)
}

// first picks, among the rules that failed, the first at the deepest
// place in the data: the one a person fixes first. Groups ("one of these
// failed", a $ref) are walked into, never reported.
func first(e *jsonschema.ValidationError) *Violation {
	var best *jsonschema.ValidationError
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			if best == nil || len(e.InstanceLocation) > len(best.InstanceLocation) {
				best = e
			}
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(e)
	keyword := ""
	if _, frag, ok := strings.Cut(best.SchemaURL, "#"); ok {
		keyword = frag
	}
	for _, k := range best.ErrorKind.KeywordPath() {
		keyword += "/" + escape(k)
	}
	return &Violation{Pointer: pointer(best.InstanceLocation), Keyword: keyword, Message: best.ErrorKind.LocalizedString(english)}
}

var english = message.NewPrinter(language.English)

// pointer is the JSON pointer (RFC 6901) of a path of tokens.
func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escape(t))
	}
	return b.String()
}

func escape(token string) string {
	return strings.ReplaceAll(strings.ReplaceAll(token, "~", "~0"), "/", "~1")
}

// Checks decides whether an event of a type is checked against the type's
// schema: the type must have one, and either the type asks for it or the
// operator checks every type that has one.
func Checks(hasSchema, typeValidates, operatorValidates bool) bool {
	return hasSchema && (typeValidates || operatorValidates)
}
