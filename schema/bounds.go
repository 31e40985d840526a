package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Bounds on a schema, checked before it is compiled. The compiler's cost
// grows faster than the schema: about as the cube of its nesting (a chain
// of 400 nested "properties" took 0.7 s, of 800 7 s; the 5,000 of issue 25
// minutes and 361 MB) and as the square of its subschemas (1,000 objects
// about 0.1 s, 8,000 1.3 s), measured on this project's machine. Within
// these bounds a schema compiles in about a tenth of a second at worst.
const (
	// MaxDepth bounds the nesting of objects and arrays in a schema: 64
	// is 32 levels of nested "properties", deeper than any payload.
	MaxDepth = 64
	// MaxObjects bounds the JSON objects in a schema (each subschema is
	// one, and so is each "properties" map).
	MaxObjects = 1000
	// MaxSize bounds a schema's JSON text, in bytes.
	MaxSize = 64 << 10
)

// checkBounds reads raw as a stream of tokens, never building it, and
// says whether it stays within the bounds. It gives up when ctx ends.
func checkBounds(ctx context.Context, raw []byte) error {
	if len(raw) > MaxSize {
		return fmt.Errorf("a schema may be at most %d bytes long, not %d", MaxSize, len(raw))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	depth, objects := 0, 0
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("not JSON: %v", err)
		}
		d, ok := tok.(json.Delim)
		if !ok {
			continue
		}
		switch d {
		case '{', '[':
			depth++
			if depth > MaxDepth {
				return fmt.Errorf("a schema may nest objects and arrays at most %d deep", MaxDepth)
			}
			if d == '{' {
				objects++
				if objects > MaxObjects {
					return fmt.Errorf("a schema may hold at most %d JSON objects (subschemas and their maps); split it or use $defs less", MaxObjects)
				}
			}
		default:
			depth--
		}
	}
}
