//go:build !linux

package lowprio

func lockThread() {}

// lowerThread does nothing where priorities are not kept per thread.
func lowerThread(Priority) error { return nil }

// Current is the zero Priority where priorities are not read per thread.
func Current() (Priority, error) { return Priority{}, nil }
