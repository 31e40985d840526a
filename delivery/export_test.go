package delivery

import "fmt"

// CheckAccounting reports the first of the engine's running counts that
// does not match what its queues and slots hold.
func (e *Engine) CheckAccounting() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	var slowQueues, slowHeld, queued, inFlight, fast, slow int
	for id, q := range e.queues {
		if q.held != len(q.tasks)+q.inFlight {
			return fmt.Errorf("endpoint %s: held %d, but %d queued and %d in flight", id, q.held, len(q.tasks), q.inFlight)
		}
		if q.health.Slow {
			slowQueues++
			slowHeld += q.held
		}
		queued += len(q.tasks)
		inFlight += q.inFlight
	}
	for _, s := range e.running {
		if s.slow {
			slow++
		} else {
			fast++
		}
	}
	switch {
	case slowQueues != e.slowQueues || slowHeld != e.slowHeld:
		return fmt.Errorf("slow endpoints: %d holding %d, counted %d holding %d", slowQueues, slowHeld, e.slowQueues, e.slowHeld)
	case inFlight != fast+slow || fast != e.fast || slow != e.slow:
		return fmt.Errorf("in flight: queues %d, slots %d fast + %d slow, counted %d fast + %d slow", inFlight, fast, slow, e.fast, e.slow)
	case queued+inFlight > e.held:
		return fmt.Errorf("held: %d queued and %d in flight, counted %d", queued, inFlight, e.held)
	}
	return nil
}
