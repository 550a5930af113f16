// Package version holds the SDK version shared by the root package and the
// request pipeline (which puts it in the User-Agent header).
package version

// Version is the vaspkit release this build belongs to.
const Version = "0.1.0"

// UserAgent is the User-Agent every vaspkit client sends unless the caller
// overrides it.
const UserAgent = "vaspkit-go/" + Version
