package api

import "testing"

func TestLoneSurrogate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{`{"a":"b"}`, -1},
		{`{"a":"\ud83d\ude00"}`, -1},
		{`{"a":"\uD83D\uDE00"}`, -1},
		{`{"a":"\\ud800"}`, -1}, // an escaped backslash, then text
		{`{"a":"\\\ud800"}`, 8}, // an escaped backslash, then a lone surrogate
		{`{"a":"\ud800"}`, 6},   // high alone
		{`{"a":"\udc00"}`, 6},   // low alone
		{`{"a":"\ud800\ud800"}`, 6},
		{`{"a":"\ud800\u0041"}`, 6},
		{`{"a":"\ud800x"}`, 6},
		{`{"a":"\ud800`, 6}, // cut short
		{`{"a":"\u00e9\u0000"}`, -1},
		{`{"a":"\uZZZZ"}`, -1}, // not a surrogate; the decoder refuses it
		{`\`, -1},
		{`\u12`, -1},
	} {
		if got := loneSurrogate([]byte(c.in)); got != c.want {
			t.Errorf("loneSurrogate(%s) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestControlChar(t *testing.T) {
	for _, c := range []struct {
		in   string
		bad  bool
		char rune
	}{
		{"plain", false, 0},
		{"tab\tnew\nline\r", false, 0},
		{"Ünïcödé 名前 \u202e", false, 0},
		{"a\x00b", true, 0},
		{"\x1b[31m", true, 0x1b},
		{"del\x7f", true, 0x7f},
		{"\x01", true, 1},
	} {
		r, bad := controlChar(c.in)
		if bad != c.bad || r != c.char {
			t.Errorf("controlChar(%q) = %U %v, want %U %v", c.in, r, bad, c.char, c.bad)
		}
	}
}

func TestValidID(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"acme", true}, {"a.b", true}, {"v1.2", true}, {"9", true}, {"job_1:x-2", true},
		{".", false}, {"..", false}, {".hidden", false}, {"-rf", false}, {"_x", false}, {"", false},
		{"a b", false}, {"a/b", false}, {"a\x00", false}, {"é", false},
	} {
		if got := validID(c.in); got != c.want {
			t.Errorf("validID(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
