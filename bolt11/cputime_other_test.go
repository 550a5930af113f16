//go:build !unix

package bolt11

import "time"

// processCPU is not measured on this platform; benchmarks then omit their
// cpu-ns/op metric.
func processCPU() time.Duration { return 0 }
