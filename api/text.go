package api

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"
)

// checkBodyText refuses a body that is not valid JSON text in the sense of
// RFC 8259 and I-JSON (RFC 7493): every byte sequence valid UTF-8, and no
// \u escape that names half of a surrogate pair alone. Go's decoder would
// replace either with U+FFFD in a string field, and keep it as it is in a
// raw field such as data, to be stored and sent on.
func checkBodyText(b []byte) error {
	if !utf8.Valid(b) {
		i := 0
		for i < len(b) {
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return invalidf("the body is not valid UTF-8 (at byte %d); JSON text must be UTF-8", i)
	}
	if at := loneSurrogate(b); at >= 0 {
		return invalidf("the body has an unpaired surrogate escape %s (at byte %d); JSON strings must hold whole Unicode characters", b[at:at+6], at)
	}
	return nil
}

// loneSurrogate returns the offset of the first \u escape in b that is a
// surrogate without its partner, or -1. Backslashes occur only inside
// strings in valid JSON; text that is not valid JSON is refused later by
// the decoder, so this scan need not track strings.
func loneSurrogate(b []byte) int {
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		if i+1 >= len(b) || b[i+1] != 'u' {
			i++ // skip the escaped character, which may be a backslash
			continue
		}
		r, ok := hex4(b, i+2)
		if !ok {
			i++
			continue
		}
		switch {
		case r >= 0xD800 && r <= 0xDBFF:
			if i+12 > len(b) || b[i+6] != '\\' || b[i+7] != 'u' {
				return i
			}
			if lo, ok := hex4(b, i+8); !ok || lo < 0xDC00 || lo > 0xDFFF {
				return i
			}
			i += 11
		case r >= 0xDC00 && r <= 0xDFFF:
			return i
		default:
			i += 5
		}
	}
	return -1
}

func hex4(b []byte, at int) (rune, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// controlChar returns the first C0 control character or DEL in s other
// than tab, line feed and carriage return, and whether there is one.
// PostgreSQL cannot store NUL in text at all; the others have no place in
// names and descriptions, and turn logs and dashboards unreadable.
func controlChar(s string) (rune, bool) {
	for _, c := range s {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
			return c, true
		}
	}
	return 0, false
}

// checkControl refuses a value that holds a control character, naming it.
func checkControl(field, s string) error {
	if c, ok := controlChar(s); ok {
		return invalidf("%s must not contain control characters such as U+%04X", field, c)
	}
	return nil
}

// checkFieldText walks a decoded request (structs, pointers, slices and
// maps of strings) and refuses the first string that holds a control
// character, naming its field as the JSON has it ("events[2].type").
// Raw JSON fields (data, input, attributes) are free data and are not
// walked: JSON escapes carry any character, and they are stored as bytes.
func checkFieldText(v any) error {
	return walkText("", reflect.ValueOf(v))
}

var rawMessage = reflect.TypeFor[[]byte]()

func walkText(path string, v reflect.Value) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return walkText(path, v.Elem())
	case reflect.String:
		return checkControl(fieldName(path), v.String())
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if f.Anonymous && name == "" {
				if err := walkText(path, v.Field(i)); err != nil {
					return err
				}
				continue
			}
			if name == "" {
				name = f.Name
			}
			if err := walkText(join(path, name), v.Field(i)); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().ConvertibleTo(rawMessage) && v.Type().Elem().Kind() == reflect.Uint8 {
			return nil
		}
		for i := range v.Len() {
			if err := walkText(fmt.Sprintf("%s[%d]", path, i), v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if k := iter.Key(); k.Kind() == reflect.String {
				if err := checkControl(fmt.Sprintf("a key of %s", fieldName(path)), k.String()); err != nil {
					return err
				}
			}
			if err := walkText(join(path, fmt.Sprint(iter.Key())), iter.Value()); err != nil {
				return err
			}
		}
	}
	return nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func fieldName(path string) string {
	if path == "" {
		return "the body"
	}
	return fmt.Sprintf("field %q", path)
}
