package lowprio

import "testing"

func TestLowered(t *testing.T) {
	be := func(nice, level int) Priority { return Priority{Nice: nice, IOClass: ClassBestEffort, IOLevel: level} }
	for _, tc := range []struct {
		name      string
		cur, want Priority
		out       Priority
	}{
		{"a default thread (no class: best-effort 4) is lowered", Priority{}, Low, be(19, 7)},
		{"a thread at nice 5, best-effort 2", be(5, 2), Low, be(19, 7)},
		{"never raised: ionice -c 3 stays idle", Priority{Nice: 0, IOClass: ClassIdle}, Low, Priority{Nice: 19, IOClass: ClassIdle}},
		{"never raised: a negative want keeps the current nice", be(10, 7), be(-5, 7), be(10, 7)},
		{"never raised: best-effort 6 asked of a best-effort 7 thread", be(19, 7), be(19, 6), be(19, 7)},
		{"realtime is lowered to best-effort", Priority{Nice: 0, IOClass: ClassRealtime, IOLevel: 0}, Low, be(19, 7)},
		{"asking for no class keeps a best-effort 4 default", Priority{}, Priority{Nice: 3}, Priority{Nice: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Lowered(tc.cur, tc.want); got != tc.out {
				t.Fatalf("Lowered(%+v, %+v) = %+v, want %+v", tc.cur, tc.want, got, tc.out)
			}
		})
	}
}

func TestIOPrio(t *testing.T) {
	for _, p := range []Priority{Low, {IOClass: ClassIdle}, {IOClass: ClassRealtime, IOLevel: 3}} {
		v := p.IOPrio()
		if got := FromIOPrio(p.Nice, v); got != p {
			t.Fatalf("FromIOPrio(IOPrio(%+v) = %d) = %+v", p, v, got)
		}
	}
	if v := Low.IOPrio(); v != 2<<13|7 {
		t.Fatalf("Low.IOPrio() = %d, want best-effort 7 (%d)", v, 2<<13|7)
	}
}
