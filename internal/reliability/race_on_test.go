//go:build race

package reliability

// raceEnabled: the race detector slows the storm about fivefold.
const raceEnabled = true
