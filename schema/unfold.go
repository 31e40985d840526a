package schema

import "github.com/santhosh-tekuri/jsonschema/v6"

// MaxUnfolded bounds a compiled schema's size with its references unfolded,
// which is what checking one value may walk. References let a small schema
// stand for a huge one: definitions that each refer twice to the next, 20
// deep, are 1.5 KB and a million subschemas, and checking one event
// against them took 40 s (measured here, 14 deep 0.5 s). A schema without
// references unfolds to about its own size, well within the bound.
const MaxUnfolded = 4 * MaxObjects

// unfolded counts the subschemas of s with references unfolded, stopping
// once the count passes limit. A reference back to a subschema being
// walked (a recursive schema, bounded by the data's own depth) counts
// once; a subschema reached again by another path counts again, as a
// check walks it again.
func unfolded(s *jsonschema.Schema, limit int) int {
	counts := map[*jsonschema.Schema]int{}
	walking := map[*jsonschema.Schema]bool{}
	var walk func(*jsonschema.Schema) int
	walk = func(s *jsonschema.Schema) int {
		if s == nil {
			return 0
		}
		if n, ok := counts[s]; ok {
			return n
		}
		if walking[s] {
			return 1
		}
		walking[s] = true
		n := 1
		for _, c := range children(s) {
			if n += walk(c); n > limit {
				break
			}
		}
		walking[s] = false
		counts[s] = n
		return n
	}
	return walk(s)
}

// children are the subschemas s applies, references included.
func children(s *jsonschema.Schema) []*jsonschema.Schema {
	out := []*jsonschema.Schema{s.Ref, s.RecursiveRef, s.Not, s.If, s.Then, s.Else, s.PropertyNames,
		s.UnevaluatedProperties, s.Contains, s.Items2020, s.UnevaluatedItems, s.ContentSchema}
	if s.DynamicRef != nil {
		out = append(out, s.DynamicRef.Ref)
	}
	out = append(out, s.AllOf...)
	out = append(out, s.AnyOf...)
	out = append(out, s.OneOf...)
	out = append(out, s.PrefixItems...)
	for _, c := range s.Properties {
		out = append(out, c)
	}
	for _, c := range s.PatternProperties {
		out = append(out, c)
	}
	for _, c := range s.DependentSchemas {
		out = append(out, c)
	}
	for _, v := range s.Dependencies {
		out = appendAny(out, v)
	}
	out = appendAny(out, s.AdditionalProperties)
	out = appendAny(out, s.AdditionalItems)
	return appendAny(out, s.Items)
}

// appendAny appends v when it holds subschemas (the fields that may also
// hold a bool or a list of names).
func appendAny(out []*jsonschema.Schema, v any) []*jsonschema.Schema {
	switch v := v.(type) {
	case *jsonschema.Schema:
		return append(out, v)
	case []*jsonschema.Schema:
		return append(out, v...)
	}
	return out
}
