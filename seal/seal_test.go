package seal

import (
	"bytes"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	b, err := New(NewKey())
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("whsec_secret")
	s1, s2 := b.Seal(msg), b.Seal(msg)
	if bytes.Equal(s1, s2) {
		t.Fatal("two seals of one value are equal: the nonce is not random")
	}
	if bytes.Contains(s1, msg) {
		t.Fatal("the sealed value contains the plaintext")
	}
	got, err := b.Open(s1)
	if err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	s1[len(s1)-1] ^= 1
	if _, err := b.Open(s1); err != ErrOpen {
		t.Fatalf("Open of an altered value = %v, want ErrOpen", err)
	}
	other, _ := New(NewKey())
	if _, err := other.Open(s2); err != ErrOpen {
		t.Fatalf("Open under another key = %v, want ErrOpen", err)
	}
	if _, err := New([]byte("short")); err == nil {
		t.Fatal("a short key was accepted")
	}
	k, err := ParseKey(EncodeKey(NewKey()))
	if err != nil || len(k) != KeySize {
		t.Fatalf("ParseKey(EncodeKey(...)) = %d bytes, %v", len(k), err)
	}
}
