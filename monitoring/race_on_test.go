//go:build race

package monitoring_test

// raceEnabled: the race detector slows HTTP round trips about tenfold.
const raceEnabled = true
