// Package layers holds the test that keeps Herald's packages on the
// layers docs/architecture.md lists ("Layers"): nothing imports from a
// layer above its own, and the mechanisms on the store (the intake, the
// engine, retention, the start gate) import none of each other.
package layers
