package importcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// forbidden are the import-path prefixes only bolt11 and the examples may
// reach outside tests.
var forbidden = []string{
	"github.com/lightningnetwork/",
	"github.com/btcsuite/btcwallet",
	"github.com/lightninglabs/",
	"github.com/stretchr/testify",
	"pgregory.net/rapid",
	"github.com/google/go-cmp",
	"github.com/jarcoal/httpmock",
}

func isForbidden(path string) bool {
	for _, p := range forbidden {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

type pkg struct {
	ImportPath string
	Module     *struct{ Main bool }
	Imports    []string
	Deps       []string
}

// listModule runs go list -deps -json over the module: its packages and
// everything they import, outside tests.
func listModule(t *testing.T) (module string, pkgs map[string]*pkg, own []string) {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	root := filepath.Join("..", "..")
	mod, err := exec.Command(goTool, "list", "-m").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	module = strings.TrimSpace(string(mod))
	cmd := exec.Command(goTool, "list", "-deps", "-json=ImportPath,Module,Imports,Deps", "./...")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	pkgs = map[string]*pkg{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(pkg)
		if err := dec.Decode(p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
		if p.Module != nil && p.Module.Main {
			own = append(own, p.ImportPath)
		}
	}
	return module, pkgs, own
}

// exempt reports whether an own package may reach lnd: bolt11 and the
// examples.
func exempt(module, path string) bool {
	for _, e := range []string{module + "/bolt11", module + "/examples"} {
		if path == e || strings.HasPrefix(path, e+"/") {
			return true
		}
	}
	return false
}

// chain returns one import chain from p to target, for the failure message.
func chain(pkgs map[string]*pkg, from, target string) []string {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == target {
			var path []string
			for c := cur; c != ""; c = prev[c] {
				path = append([]string{c}, path...)
			}
			return path
		}
		if p := pkgs[cur]; p != nil {
			for _, imp := range p.Imports {
				if _, seen := prev[imp]; !seen {
					prev[imp] = cur
					queue = append(queue, imp)
				}
			}
		}
	}
	return []string{from, "…", target}
}

// TestNoLndOutsideBolt11 fails when a package other than bolt11 and the
// examples reaches lnd, btcwallet, neutrino or a test framework in its
// non-test imports, and names the import chain that does.
func TestNoLndOutsideBolt11(t *testing.T) {
	module, pkgs, own := listModule(t)
	checked := 0
	for _, path := range own {
		if exempt(module, path) {
			continue
		}
		checked++
		var bad []string
		for _, d := range pkgs[path].Deps {
			if isForbidden(d) {
				bad = append(bad, d)
			}
		}
		if len(bad) > 0 {
			t.Errorf("%s reaches %d forbidden package(s) outside tests, e.g. %s\n  through %s",
				path, len(bad), bad[0], strings.Join(chain(pkgs, path, bad[0]), " → "))
		}
	}
	if checked < 10 {
		t.Errorf("checked only %d packages: go list found too few", checked)
	}
	// bolt11 does reach lnd: the check would catch a package importing it.
	var reaches bool
	for _, d := range pkgs[module+"/bolt11"].Deps {
		reaches = reaches || strings.HasPrefix(d, "github.com/lightningnetwork/lnd")
	}
	if !reaches {
		t.Error("bolt11 reaches no lnd package: the check's premise changed")
	}
}

func TestIsForbidden(t *testing.T) {
	t.Parallel()
	paths := []string{
		"github.com/lightningnetwork/lnd/zpay32", "github.com/lightningnetwork/lightning-onion",
		"github.com/btcsuite/btcwallet/wallet", "github.com/lightninglabs/neutrino",
		"github.com/stretchr/testify/require", "pgregory.net/rapid", "github.com/google/go-cmp/cmp",
		"github.com/jarcoal/httpmock",
		"github.com/btcsuite/btcd/btcec/v2", "github.com/btcsuite/btcd/btcutil/bech32", "golang.org/x/crypto/nacl/box",
		"github.com/hashicorp/go-retryablehttp", "testing",
	}
	var got []string
	for _, p := range paths {
		if isForbidden(p) {
			got = append(got, p)
		}
	}
	if diff := cmp.Diff(paths[:8], got); diff != "" {
		t.Errorf("forbidden (-want +got):\n%s", diff)
	}
}
