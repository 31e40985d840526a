package testenv

import "testing"

func TestIsCI(t *testing.T) {
	for _, c := range []struct {
		value string
		want  bool
	}{
		{"true", true},
		{"TRUE", true},
		{"True", true},
		{" true\n", true},
		{"1", true},
		{"", false},
		{"false", false},
		{"0", false},
		{"yes", false},
		{"truthy", false},
		{"11", false},
	} {
		if got := IsCI(c.value); got != c.want {
			t.Errorf("IsCI(%q) = %v, want %v", c.value, got, c.want)
		}
	}
}
